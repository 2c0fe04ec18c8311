"""Publishing: a report's document assembled once, rendered, and kept as a version.

It sits above rendering and the assemblers: it picks the assembler by `Report.visit_id` (a visit's
packet, or drafting's sections), computes the metrics once through it, hands the content to
core.rendering for bytes, and stores each distinct result as a RenderedDocument. Callers (pages,
jobs, the CLI, upward packages) publish; core.rendering never calls back up.
"""
from .assembly import Assembled, RenderError, assemble, document_for
from .files import download_name, ofd_info, request_ofd
from .service import Publication, content_hash, latest, publication, publish, version_count, versions

__all__ = [
    "Assembled", "Publication", "RenderError", "assemble", "content_hash", "document_for", "download_name",
    "latest", "ofd_info", "publication", "publish", "request_ofd", "version_count", "versions",
]
