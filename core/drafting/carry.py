"""Carry-forward: a new report from the last one of its kind, text kept, numbers re-bound.

Placeholders need nothing: they are read again for the new period. Year words that name the
report's own period (2023年, and the next-year part's 2024年) move on by the same number of
years; earlier years (2021年，中央出台…) are history and stay.
"""
import re
from typing import Optional

from sqlalchemy.orm import Session

from core import audit
from core.metrics.periods import Period
from data_models import Report, ReportStatus, Section

from . import messages
from .reports import last_report
from .sections import InvalidEdit
from .tree import build_tree, load_sections, record_version, SectionNode

_YEAR = re.compile(r"(?<!\d)(\d{4})(?=\s*年)")


def shift_years(text: str, own_year: int, years: int) -> str:
    """2023年 → 2024年 and 2024年 → 2025年 in a 2023 report carried one year on."""
    def repl(match: re.Match) -> str:
        year = int(match.group(1))
        return str(year + years) if own_year <= year <= own_year + 1 else match.group(1)

    return _YEAR.sub(repl, text or "")


def _shift_setting(value, own_year: int, years: int):
    if isinstance(value, str):
        return shift_years(value, own_year, years)
    if isinstance(value, list):
        return [_shift_setting(v, own_year, years) for v in value]
    return value


def carry_forward(session: Session, committee_id: int, kind: str, user_id: Optional[int] = None,
                  period: Optional[Period] = None) -> Report:
    previous = last_report(session, committee_id, kind)
    if previous is None:
        raise InvalidEdit(messages.NO_PREVIOUS)
    old_period = Period(previous.period_start, previous.period_end)
    new_period = period or old_period.shifted_years(1)
    years = new_period.start.year - old_period.start.year
    own = old_period.start.year
    settings = {k: _shift_setting(v, own, years) for k, v in (previous.settings or {}).items() if k != "date"}
    report = Report(committee_id=committee_id, kind=kind, title=shift_years(previous.title, own, years),
                    period_start=new_period.start, period_end=new_period.end, status=ReportStatus.DRAFT,
                    previous_id=previous.id, settings=settings, created_by_id=user_id,
                    cutoff_date=Period(previous.cutoff_date, previous.cutoff_date).shifted_years(years).start
                    if previous.cutoff_date else None)
    session.add(report)
    session.flush()
    _copy(session, build_tree(load_sections(session, previous.id)), report, None, own, years, user_id)
    audit.record(session, "report.carry_forward", user_id=user_id, committee_id=committee_id,
                 object_type="report", object_id=report.id, previous_id=previous.id)
    return report


def _copy(session: Session, nodes: list[SectionNode], report: Report, parent: Optional[Section],
          own: int, years: int, user_id: Optional[int]) -> None:
    for position, node in enumerate(nodes):
        old = node.section
        section = Section(report_id=report.id, parent_id=parent.id if parent else None, position=position,
                          node_type=old.node_type, key=old.key, owner_id=old.owner_id, updated_by_id=user_id,
                          heading=shift_years(old.heading, own, years), lead=shift_years(old.lead, own, years),
                          body=shift_years(old.body, own, years))
        session.add(section)
        session.flush()
        record_version(session, section, user_id)
        _copy(session, node.children, report, section, own, years, user_id)
