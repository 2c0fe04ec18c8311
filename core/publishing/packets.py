"""A visit's packets as published versions: render one now, list a visit's versions or many visits' at once."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.visits.output import packet_report
from data_models import RenderedDocument, Visit

from .service import publish, versions


def publish_packet(session: Session, visit_id: int, user_id: int | None = None) -> tuple[RenderedDocument, bool]:
    """Render now (CLI); an unchanged packet reuses its latest version (False)."""
    report = packet_report(session, session.get(Visit, visit_id))
    return publish(session, report.id, user_id)


def packet_documents(session: Session, visit: Visit) -> list[RenderedDocument]:
    """Every rendered version of the visit's packet, newest first."""
    return versions(session, visit.report_id) if visit.report_id else []


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
