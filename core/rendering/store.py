"""Every render kept: a RenderedDocument per version, with content hash, author and the numbers used."""
import hashlib
import json
import re
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import audit
from data_models import RenderedDocument, Report

from . import layout
from .document import DocumentContent


class RenderError(LookupError):
    """A report that cannot be rendered; the message is for the user."""


def document_for(session: Session, report: Report) -> DocumentContent:
    """The report assembled by drafting (numbering, merged numbers), with the metric values it used."""
    if (report.settings or {}).get("visit_id"):  # a visit's packet: assembled from the visit, not its sections
        from core.visits.packet import assemble_for_report as assemble
    else:
        from core.drafting.document import assemble
    assembly = assemble(session, report)
    content = assembly.content
    content.metric_values = {key: _kept(v) for key, v in (assembly.values or {}).items()}
    content.fonts = content.fonts or dict((report.committee.profile or {}).get("fonts", {}))
    return content


def _kept(value):
    """A metric value as the version keeps it: rounded to the catalogue's decimals, as formats prints it."""
    from core.metrics.formats import json_value

    return json_value(getattr(value, "value", value), getattr(value, "decimals", None))


def content_hash(content: DocumentContent) -> str:
    """Same content, same template, same renderer -> same hash (a repeated render is reused)."""
    from .docx import RENDERER_VERSION, template_bytes  # python-docx and docxtpl: loaded by the first render

    digest = hashlib.sha256()
    digest.update(json.dumps(asdict(content), ensure_ascii=False, sort_keys=True, default=str).encode())
    digest.update(hashlib.sha256(template_bytes(content.kind)).digest())
    digest.update(RENDERER_VERSION.encode())
    return digest.hexdigest()


def download_name(report: Report, extension: str = "docx") -> str:
    """政协XX县委员会2023年工作总结.docx, 政协XX市委员会2023年上半年工作总结.pdf"""
    from core.metrics.periods import Period

    name = report.committee.name + Period(report.period_start, report.period_end).label + layout.layout_for(report.kind).label
    return re.sub(r'[\\/:*?"<>|\s]+', "", name) + f".{extension}"


def latest(session: Session, report_id: int) -> RenderedDocument | None:
    stmt = select(RenderedDocument).where(RenderedDocument.report_id == report_id)
    return session.scalars(stmt.order_by(RenderedDocument.version.desc()).limit(1)).first()


def versions(session: Session, report_id: int) -> list[RenderedDocument]:
    stmt = select(RenderedDocument).where(RenderedDocument.report_id == report_id)
    return list(session.scalars(stmt.order_by(RenderedDocument.version.desc())))


def render_report(session: Session, report_id: int, user_id: int | None = None) -> tuple[RenderedDocument, bool]:
    """Render and keep a new version; an unchanged report reuses its latest version (False)."""
    report = session.get(Report, report_id)
    if report is None:
        raise RenderError(f"文稿 {report_id} 不存在")
    from .docx import render_docx

    content = document_for(session, report)
    digest = content_hash(content)
    previous = latest(session, report_id)
    if previous is not None and previous.content_hash == digest:
        return previous, False
    document = RenderedDocument(
        report_id=report_id, version=(previous.version + 1) if previous else 1, filename=download_name(report),
        docx=render_docx(content), content_hash=digest, metric_values=content.metric_values,
        created_by_id=user_id, pdf_state="pending",
    )
    session.add(document)
    session.flush()
    audit.record(session, "render", user_id=user_id, committee_id=report.committee_id,
                 object_type="rendered_document", object_id=document.id, report_id=report_id,
                 version=document.version)
    return document, True


def version_count(session: Session, report_id: int) -> int:
    return session.scalar(select(func.count()).where(RenderedDocument.report_id == report_id)) or 0


def request_ofd(document: RenderedDocument) -> bool:
    """Mark a version's OFD as wanted; False when it is already made or on its way (nothing to start)."""
    if document.ofd_state in ("pending", "done"):
        return False
    document.ofd_state, document.ofd_error = "pending", ""
    return True


def ofd_info(session: Session, document: RenderedDocument):
    """The OFD's document information: title, the committee as author, the render date, the kind."""
    from .ofd import DocInfo

    report = session.get(Report, document.report_id)
    created = document.created_at.date() if document.created_at else None
    return DocInfo(title=report.title, author=report.committee.name, created=created,
                   keywords=[layout.layout_for(report.kind).label])
