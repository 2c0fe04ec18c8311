"""Packets kept per visit: a report row (kind visit_packet) that the rendering store versions and converts.

The store asks core.visits.packet for the content of such a report, so a packet is rendered, kept,
hashed, converted to PDF and downloaded exactly like any other report.
"""
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.rendering import batch, store
from data_models import RenderedDocument, Report, TaskRun, Visit

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
    return store.versions(session, visit.report_id) if visit.report_id else []


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


def render_packet(session: Session, visit_id: int, user_id: int | None = None) -> tuple[RenderedDocument, bool]:
    """Render now (CLI); an unchanged packet reuses its latest version (False)."""
    report = packet_report(session, session.get(Visit, visit_id))
    return store.render_report(session, report.id, user_id)


def start_packet_render(session: Session, visit: Visit, user_id: int | None) -> TaskRun:
    """A pending render run (Word, then PDF); the caller commits, then enqueues tasks.rendering.render_report."""
    run = batch.start_render(session, packet_report(session, visit), user_id, pdf=True)
    run.visit_id = visit.id
    return run
