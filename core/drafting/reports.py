"""Creating a report: kind + committee + period + title, started from the kind's outline."""
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.kinds import KINDS, kind_spec
from core.metrics.periods import Period
from data_models import Committee, Report, ReportStatus

from . import messages
from .guards import ensure_editable
from .merge import storable_problem
from .sections import InvalidEdit
from .tree import add_outline


def default_title(kind: str, committee: Committee, period: Period) -> str:
    """The kind's default title with the report variables written out (staff edit it freely)."""
    spec = kind_spec(kind)
    year = period.start.year
    return (spec.title.replace("{{ 简称 }}", committee.short_name).replace("{{ 委员会名称 }}", committee.name)
            .replace("{{ 下一年度 }}", str(year + 1)).replace("{{ 年度 }}", str(year)))


def create_report(session: Session, committee: Committee, kind: str, period: Period, title: str = "",
                  user_id: Optional[int] = None, settings: Optional[dict] = None) -> Report:
    if kind not in KINDS:
        raise InvalidEdit(messages.UNKNOWN_KIND)
    title = (title or "").strip() or default_title(kind, committee, period)
    spec = kind_spec(kind)
    report = Report(committee_id=committee.id, committee=committee, kind=kind, title=title[:200],
                    subtitle=spec.subtitle, period_start=period.start, period_end=period.end,
                    status=ReportStatus.DRAFT, settings={**spec.settings, **(settings or {})}, created_by_id=user_id)
    session.add(report)
    session.flush()
    add_outline(session, report, spec.outline, user_id=user_id)
    audit.record(session, "report.create", user_id=user_id, committee_id=committee.id,
                 object_type="report", object_id=report.id, kind=kind)
    return report


def last_report(session: Session, committee_id: int, kind: str, before: Optional[Report] = None) -> Optional[Report]:
    query = select(Report).where(Report.committee_id == committee_id, Report.kind == kind)
    if before is not None:
        query = query.where(Report.id != before.id)
    return session.scalars(query.order_by(Report.period_end.desc(), Report.id.desc())).first()


# Report-level lines staff may change: 成文日期, 称谓, 报告人, 主送机关 (the subtitle is a column of its own).
SETTING_FIELDS = {"date": "成文日期", "salutation": "称谓", "speaker": "报告人", "addressee": "主送机关"}


def update_report(session: Session, report: Report, title: str, settings: dict, user_id: Optional[int] = None,
                  subtitle: Optional[str] = None) -> None:
    """Change the title, the subtitle and the kind-specific lines; refused unless the report is editable."""
    ensure_editable(report)
    title = (title or "").strip()
    if not title:
        raise InvalidEdit(messages.TITLE_REQUIRED)
    if len(title) > 200 or len(subtitle or "") > 200 or any(len(settings.get(key) or "") > 200 for key in SETTING_FIELDS):
        raise InvalidEdit(messages.TEXT_TOO_LONG.format(field="标题或报告信息", limit=200))
    for value in (title, *(settings.get(key) or "" for key in SETTING_FIELDS)):
        if problem := storable_problem(value):
            raise InvalidEdit(problem)
    report.title = title
    if subtitle is not None:
        report.subtitle = subtitle.strip()
    report.settings = {**(report.settings or {}),
                       **{key: (settings.get(key) or "").strip() for key in SETTING_FIELDS if key in settings}}
    audit.record(session, "report.update", user_id=user_id, committee_id=report.committee_id,
                 object_type="report", object_id=report.id)
    session.flush()
