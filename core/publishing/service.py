"""Publish a report: assemble once, render, keep a new version only when the content changed."""
import hashlib
import json
from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core import audit
from core.rendering.document import DocumentContent
from data_models import PdfState, RenderedDocument, Report

from . import assembly
from .assembly import Assembled, RenderError
from .files import download_name


@dataclass
class Publication:
    """A publish's whole result: the kept version and the one assembly it came from (content and numbers)."""

    document: RenderedDocument
    created: bool  # False: the content was unchanged and the latest version is reused
    assembled: Assembled


def content_hash(content: DocumentContent) -> str:
    """Same content, same template, same renderer -> same hash (a repeated render is reused)."""
    from core.rendering.docx import RENDERER_VERSION, template_bytes  # python-docx and docxtpl: loaded by the first render

    digest = hashlib.sha256()
    digest.update(json.dumps(asdict(content), ensure_ascii=False, sort_keys=True, default=str).encode())
    digest.update(hashlib.sha256(template_bytes(content.kind)).digest())
    digest.update(RENDERER_VERSION.encode())
    return digest.hexdigest()


def latest(session: Session, report_id: int) -> RenderedDocument | None:
    stmt = select(RenderedDocument).where(RenderedDocument.report_id == report_id)
    return session.scalars(stmt.order_by(RenderedDocument.version.desc()).limit(1)).first()


def versions(session: Session, report_id: int) -> list[RenderedDocument]:
    stmt = select(RenderedDocument).where(RenderedDocument.report_id == report_id)
    return list(session.scalars(stmt.order_by(RenderedDocument.version.desc())))


def version_count(session: Session, report_id: int) -> int:
    return session.scalar(select(func.count()).where(RenderedDocument.report_id == report_id)) or 0


def publication(session: Session, report_id: int, user_id: int | None = None, *, items: bool = False) -> Publication:
    """Render and keep a new version; an unchanged report reuses its latest one. With `items` the
    metrics carry a distinct count's values (an upward package needs them)."""
    report = session.get(Report, report_id)
    if report is None:
        raise RenderError(f"文稿 {report_id} 不存在")
    from core.rendering.docx import render_docx

    assembled = assembly.assemble(session, report, items=items)
    content = assembly.printable(report, assembled)
    digest = content_hash(content)
    previous = latest(session, report_id)
    if previous is not None and previous.content_hash == digest:
        return Publication(previous, False, assembled)
    document = RenderedDocument(
        report_id=report_id, version=(previous.version + 1) if previous else 1, filename=download_name(report),
        docx=render_docx(content), content_hash=digest, metric_values=content.metric_values,
        created_by_id=user_id, pdf_state=PdfState.PENDING,
    )
    session.add(document)
    session.flush()
    audit.record(session, "render", user_id=user_id, committee_id=report.committee_id,
                 object_type="rendered_document", object_id=document.id, report_id=report_id,
                 version=document.version)
    return Publication(document, True, assembled)


def publish(session: Session, report_id: int, user_id: int | None = None) -> tuple[RenderedDocument, bool]:
    """(the report's current version, whether it is new) — see publication()."""
    result = publication(session, report_id, user_id)
    return result.document, result.created
