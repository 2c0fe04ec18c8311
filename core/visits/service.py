"""Saving a visit with its agenda and contacts, choosing its briefing sections, and receiving it."""
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.metrics.periods import Period
from data_models import NodeType, Report, ReportStatus, Section, Visit, VisitAgendaItem, VisitContact, VisitStatus

from . import messages as msg
from .errors import VisitError
from .reception import receive_visit

__all__ = ["VisitError", "VisitInput", "save_visit", "choose_sections", "briefing_choices"]

VISIT_FIELDS = ("delegation", "leader", "leader_post", "size", "start_date", "end_date", "topics",
                "host_leader", "period_start", "period_end")


@dataclass
class VisitInput:
    delegation: str
    start_date: date
    end_date: date
    period_start: date
    period_end: date
    leader: str = ""
    leader_post: str = ""
    size: int = 0
    topics: str = ""
    host_leader: str = ""
    agenda: list[dict] = field(default_factory=list)  # day, time, place, activity, officials
    contacts: list[dict] = field(default_factory=list)  # side, name, post, phone, duty


def validate(data: VisitInput) -> list[str]:
    errors = []
    if not data.delegation.strip():
        errors.append(msg.REQUIRED.format(field="来访团组名称"))
    if data.end_date < data.start_date:
        errors.append(msg.DATE_ORDER)
    if data.period_end < data.period_start:
        errors.append(msg.PERIOD_ORDER)
    if not 1 <= data.size <= 500:
        errors.append(msg.SIZE_RANGE)
    for row, item in enumerate(data.agenda, start=1):
        if not (item.get("activity") or "").strip():
            errors.append(msg.AGENDA_ACTIVITY.format(row=row))
        if item.get("day") and not data.start_date <= item["day"] <= data.end_date:
            errors.append(msg.AGENDA_DAY_OUTSIDE.format(row=row))
    for row, contact in enumerate(data.contacts, start=1):
        if not (contact.get("name") or "").strip():
            errors.append(msg.CONTACT_NAME.format(row=row))
    return errors


def save_visit(session: Session, committee_id: int, data: VisitInput, visit: Visit | None = None,
               user_id: int | None = None) -> Visit:
    """Create or update a visit, replacing its agenda and contacts; raises VisitError before any change."""
    errors = validate(data)
    if errors:
        raise VisitError(errors)
    if visit is None:
        visit = Visit(committee_id=committee_id, created_by_id=user_id, section_ids=[])
        session.add(visit)
    for name in VISIT_FIELDS:
        value = getattr(data, name)
        setattr(visit, name, value.strip() if isinstance(value, str) else value)
    visit.agenda = [
        VisitAgendaItem(position=i, day=a.get("day") or data.start_date, time=(a.get("time") or "").strip(),
                        place=(a.get("place") or "").strip(), activity=a["activity"].strip(),
                        officials=(a.get("officials") or "").strip())
        for i, a in enumerate(data.agenda)
    ]
    visit.contacts = [
        VisitContact(position=i, side=c.get("side") or "host", name=c["name"].strip(),
                     post=(c.get("post") or "").strip(), phone=(c.get("phone") or "").strip(),
                     duty=(c.get("duty") or "").strip())
        for i, c in enumerate(data.contacts)
    ]
    session.flush()
    if visit.section_ids:  # a changed period may leave chosen sections outside its approved reports
        allowed = {s.id for _, sections in briefing_choices(session, visit) for s in sections}
        visit.section_ids = [i for i in visit.section_ids if i in allowed]
    if visit.status == VisitStatus.RECEIVED:  # keep the ledger record in step with the corrected visit
        receive_visit(session, visit, user_id)
    return visit


def cancel_visit(session: Session, visit: Visit) -> None:
    """A planned visit that will not happen; a received one stays in the ledger."""
    if visit.status == VisitStatus.RECEIVED:
        raise VisitError([msg.RECEIVED_CANNOT_CANCEL])
    visit.status = VisitStatus.CANCELLED
    session.flush()


def visit_period(visit: Visit) -> Period:
    return Period(visit.period_start, visit.period_end)


def briefing_reports(session: Session, committee_id: int, period: Period) -> list[Report]:
    """This year's approved reports of the committee: those whose period overlaps the chosen one."""
    return list(session.scalars(
        select(Report).where(
            Report.committee_id == committee_id, Report.status.in_(ReportStatus.BRIEFABLE),
            Report.visit_id.is_(None), Report.period_start <= period.end, Report.period_end >= period.start,
        ).order_by(Report.period_end.desc(), Report.id)
    ))


def briefing_choices(session: Session, visit: Visit) -> list[tuple[Report, list[Section]]]:
    """The sections staff may choose for the 汇报材料, grouped by report: work done, not next year's plans."""
    reports = briefing_reports(session, visit.committee_id, visit_period(visit))
    return [(r, [s for s in r.sections if s.node_type == NodeType.SECTION and not _is_plan(s, r.sections)]) for r in reports]


def _is_plan(section: Section, siblings: list[Section]) -> bool:
    """True for a section in (or of) the 下一年工作要点 part."""
    by_id = {s.id: s for s in siblings}
    node = section
    while node is not None:
        if node.key == "next_points":
            return True
        node = by_id.get(node.parent_id)
    return False


def choose_sections(session: Session, visit: Visit, section_ids: list[int]) -> None:
    allowed = {s.id for _, sections in briefing_choices(session, visit) for s in sections}
    if any(i not in allowed for i in section_ids):
        raise VisitError([msg.SECTION_NOT_ALLOWED])
    visit.section_ids = list(dict.fromkeys(section_ids))
    session.flush()
