"""Packets kept per visit: a report row (kind visit_packet, `visit_id` set) that publishing versions and converts.

core.publishing assembles such a report from its visit, so a packet is rendered, kept, hashed, converted
to PDF and downloaded exactly like any other report (core.publishing.packets lists a visit's versions and
starts its render runs).
"""
from sqlalchemy.orm import Session

from data_models import Report, Visit

from .packet import KIND, packet_title


def packet_report(session: Session, visit: Visit) -> Report:
    """The visit's packet report, created on first use and kept in step with the visit."""
    report = visit.report
    if report is None:
        report = Report(committee_id=visit.committee_id, kind=KIND, visit=visit,
                        created_by_id=visit.created_by_id, title="", period_start=visit.period_start,
                        period_end=visit.period_end)
        session.add(report)
    report.title = packet_title(visit, visit.committee)
    report.period_start, report.period_end = visit.period_start, visit.period_end
    session.flush()
    return report

