"""Packets kept per visit: the report row (kind visit_packet) every rendered version hangs under."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_models import RenderedDocument, Report, Visit

from .packet import KIND, packet_title


def packet_report(session: Session, visit: Visit) -> Report:
    """The visit's packet report, created on first use and kept in step with the visit."""
    report = session.get(Report, visit.report_id) if visit.report_id else None
    if report is None:
        report = Report(committee_id=visit.committee_id, kind=KIND, settings={"visit_id": visit.id},
                        created_by_id=visit.created_by_id, title="", period_start=visit.period_start,
                        period_end=visit.period_end)
        session.add(report)
    report.title = packet_title(visit, visit.committee)
    report.period_start, report.period_end = visit.period_start, visit.period_end
    session.flush()
    visit.report_id = report.id
    return report


def packet_documents(session: Session, visit: Visit) -> list[RenderedDocument]:
    """Every rendered version of the visit's packet, newest first."""
    if not visit.report_id:
        return []
    return list(session.scalars(
        select(RenderedDocument).where(RenderedDocument.report_id == visit.report_id)
        .order_by(RenderedDocument.version.desc())
    ))


def packets_by_visit(session: Session, visits: list[Visit]) -> dict[int, list[RenderedDocument]]:
    """Rendered packets of many visits in one query (for the list page), newest first."""
    by_report = {v.report_id: v.id for v in visits if v.report_id}
    out: dict[int, list[RenderedDocument]] = {}
    if by_report:
        rows = session.scalars(select(RenderedDocument).where(RenderedDocument.report_id.in_(by_report))
                               .order_by(RenderedDocument.version.desc()))
        for document in rows:
            out.setdefault(by_report[document.report_id], []).append(document)
    return out


def render_packet(session: Session, visit_id: int, user_id: int | None = None) -> RenderedDocument:
    """Build and render the visit's packet, keeping it as a new version under its packet report."""
    import hashlib

    from core.rendering.docx import render_docx

    from .packet import build_packet

    visit = session.get(Visit, visit_id)
    report = packet_report(session, visit)
    data = render_docx(build_packet(session, visit_id))
    latest = max((d.version for d in packet_documents(session, visit)), default=0)
    document = RenderedDocument(report_id=report.id, version=latest + 1, filename=f"{report.title}.docx",
                                docx=data, content_hash=hashlib.sha256(data).hexdigest(),
                                pdf_state="unavailable", created_by_id=user_id)
    session.add(document)
    session.flush()
    return document
