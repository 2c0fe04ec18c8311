"""A visit's packets as published versions: render one now or as a job, list a visit's versions or many visits'."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.visits.output import packet_report
from data_models import RenderedDocument, Report, TaskRun, Visit

from . import batch
from .service import publish, versions


def publish_packet(session: Session, visit_id: int, user_id: int | None = None) -> tuple[RenderedDocument, bool]:
    """Render now (CLI); an unchanged packet reuses its latest version (False)."""
    report = packet_report(session, session.get(Visit, visit_id))
    return publish(session, report.id, user_id)


def start_packet_render(session: Session, visit: Visit, user_id: int | None) -> TaskRun:
    """A pending render run (Word, then PDF); the caller commits, then enqueues tasks.rendering.render_report."""
    run = batch.start_render(session, packet_report(session, visit), user_id, pdf=True)
    run.visit_id = visit.id
    return run


def packet_documents(session: Session, visit: Visit) -> list[RenderedDocument]:
    """Every rendered version of the visit's packet, newest first."""
    return versions(session, visit.report.id) if visit.report else []


def packets_by_visit(session: Session, visits: list[Visit]) -> dict[int, list[RenderedDocument]]:
    """Rendered packets of many visits in one query (for the list page), newest first."""
    out: dict[int, list[RenderedDocument]] = {}
    if visits:
        rows = session.execute(select(Report.visit_id, RenderedDocument)
                               .join(Report, Report.id == RenderedDocument.report_id)
                               .where(Report.visit_id.in_([v.id for v in visits]))
                               .order_by(RenderedDocument.version.desc()))
        for visit_id, document in rows:
            out.setdefault(visit_id, []).append(document)
    return out
