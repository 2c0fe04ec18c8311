"""A demo exchange visit: 东湖县政协 visits 西山县政协 in two weeks, briefed from its approved report."""
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.metrics.formats import cn_month_day
from core.visits.service import VisitInput, briefing_choices, briefing_reports, choose_sections, save_visit
from core.metrics.periods import Period
from data_models import Visit

from .committees import demo_committees

ORDER = 50
DELEGATION = "政协东湖县委员会考察团"
BRIEFING_KEYS = ("political_guidance", "consultation", "member_role", "self_building")


def seed(session: Session) -> list[str]:
    host = demo_committees(session)[2]  # 西山县政协
    found = session.scalars(select(Visit).where(Visit.committee_id == host.id, Visit.delegation == DELEGATION)).first()
    if found is not None:
        return [f"交流考察：{DELEGATION}来{host.place}考察（已存在）"]
    start = date.today() + timedelta(days=14)
    period = _briefing_period(session, host.id)
    visit = save_visit(session, host.id, _input(start, period))
    report, sections = next(iter(briefing_choices(session, visit)), (None, []))
    if report is not None:
        choose_sections(session, visit, [s.id for key in BRIEFING_KEYS for s in sections if s.key == key])
    chosen = f"，汇报材料选自《{report.title}》{len(visit.section_ids)}个部分" if report else ""
    return [f"交流考察：{DELEGATION}将于{cn_month_day(start)}来{host.place}考察{chosen}"]


def _briefing_period(session: Session, committee_id: int) -> Period:
    """The latest approved annual report's year, else last year."""
    last = Period.year(date.today().year - 1)
    reports = briefing_reports(session, committee_id, Period(date(1900, 1, 1), last.end))
    annual = [r for r in reports if r.kind == "annual_summary"]
    return Period(annual[0].period_start, annual[0].period_end) if annual else last


def _input(start: date, period: Period) -> VisitInput:
    second = start + timedelta(days=1)
    return VisitInput(
        delegation=DELEGATION, leader="李明", leader_post="主席", size=12, start_date=start, end_date=second,
        topics="基层协商议事室建设、委员履职服务管理", host_leader="王建国主席",
        period_start=period.start, period_end=period.end,
        agenda=[
            dict(day=start, time="9:00—11:30", place="城关镇协商议事室", activity="实地考察基层协商议事室建设",
                 officials="县政协副主席 陈华"),
            dict(day=start, time="15:00—17:00", place="县政协三楼会议室", activity="座谈交流",
                 officials="县政协主席 王建国、秘书长 刘洋"),
            dict(day=second, time="9:00—11:00", place="西山县委员工作室", activity="考察委员工作室履职服务",
                 officials="县政协秘书长 刘洋"),
        ],
        contacts=[
            dict(side="host", name="刘洋", post="县政协秘书长", phone="0795-5123456", duty="接待总体协调"),
            dict(side="host", name="赵红", post="县政协办公室主任", phone="13907950001", duty="日程与食宿安排"),
            dict(side="guest", name="周强", post="东湖县政协秘书长", phone="13907950002", duty="来访方联络"),
        ],
    )
