"""Demo reports: one of every kind, our own fictional texts in the structure of the reference documents.

东湖县政协: draft 2023 annual summary (structure of reference 000), standing-committee report, its
news-style interpretation, briefing (structure of reference 003) and experience briefing. 清河市政协:
2023 half-year summary (structure of reference 001). 西山县政协: an approved 2023 annual summary, for
upward submission. tests/demo/test_demo_texts.py keeps the references' sentences out.
"""
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.drafting.tree import add_outline
from core.kinds import OutlineNode, kind_spec
from core.metrics.periods import Period
from data_models import NodeType, Report, ReportStatus, ReviewEvent, User

from .committees import demo_committees
from .texts import annual_2023, briefing_2023, half_year_2023, other_kinds

ORDER = 40


@dataclass
class DemoReport:
    committee: int  # index into demo_committees: 0 city, 1 东湖, 2 西山
    kind: str
    period: Period
    title: str
    text: list
    settings: dict = field(default_factory=dict)
    approved: bool = False
    place: str = ""  # replaces 东湖 in the text (西山's copy of the annual report)


YEAR = Period.year(2023)
DEMO_REPORTS = [
    DemoReport(1, "annual_summary", YEAR, "东湖县政协2023年工作总结和2024年工作要点", annual_2023.ANNUAL_2023,
               {"date": "2023年12月25日"}),
    DemoReport(0, "half_year_summary", Period.half(2023, 1), "清河市政协关于2023年上半年工作情况和下半年工作打算的报告",
               half_year_2023.HALF_YEAR_2023, {"date": "2023年7月10日"}),
    DemoReport(1, "standing_committee_report", YEAR, "政协东湖县委员会常务委员会工作报告", other_kinds.STANDING_2023,
               {"speaker": "县政协主席　李华", "subtitle_lines": ["（2024年1月8日）"]}),
    DemoReport(1, "news_interpretation", YEAR, "东湖县政协常委会工作报告解读", other_kinds.NEWS_2023),
    DemoReport(1, "briefing", YEAR, "东湖县政协贯彻落实《关于加强和改进新时代市县政协工作的意见》情况汇报",
               briefing_2023.BRIEFING_2023, {"salutation": briefing_2023.SALUTATION}),
    DemoReport(1, "experience_briefing", YEAR, "东湖县政协以“湖畔议事”推动协商向基层延伸经验交流材料",
               other_kinds.EXPERIENCE_2023, {"date": "2023年11月20日"}),
    DemoReport(2, "annual_summary", YEAR, "西山县政协2023年工作总结和2024年工作要点", annual_2023.ANNUAL_2023,
               {"date": "2023年12月28日"}, approved=True, place="西山"),
]


def outline_of(text: list, place: str = "") -> tuple[OutlineNode, ...]:
    """Text modules' tuples as outline nodes; ("body", …) children become the parent's body."""
    def swap(value: str) -> str:
        return value.replace("东湖", place) if place else value

    nodes = []
    for entry in text:
        node_type, *rest = entry
        if node_type == "body":
            continue
        if node_type == NodeType.ITEM:
            nodes.append(OutlineNode(NodeType.ITEM, lead=swap(rest[0]), body=swap(rest[1])))
        elif node_type in NodeType.HEADINGS:
            heading, key, children = rest
            body = "\n".join(swap(c[1]) for c in children if c[0] == "body")
            nodes.append(OutlineNode(node_type, swap(heading), key, body, outline_of(children, place)))
        else:
            nodes.append(OutlineNode(node_type, body=swap(rest[0])))
    return tuple(nodes)


def _user(session: Session, username: str):
    return session.scalars(select(User).where(User.username == username)).first()


def _seed_one(session: Session, demo: DemoReport, committee, prefix: str) -> Report:
    drafter = _user(session, f"{prefix}_drafter")
    spec = kind_spec(demo.kind)
    report = Report(committee_id=committee.id, committee=committee, kind=demo.kind, title=demo.title,
                    subtitle=spec.subtitle, period_start=demo.period.start, period_end=demo.period.end,
                    status=ReportStatus.DRAFT, settings={**spec.settings, **demo.settings},
                    created_by_id=drafter.id if drafter else None)
    session.add(report)
    session.flush()
    add_outline(session, report, outline_of(demo.text, demo.place), user_id=report.created_by_id)
    if demo.approved:
        reviewer = _user(session, f"{prefix}_reviewer")
        report.status = ReportStatus.APPROVED
        session.add_all([
            ReviewEvent(report_id=report.id, user_id=report.created_by_id, action="submitted", comment="请审核。"),
            ReviewEvent(report_id=report.id, user_id=reviewer.id if reviewer else None, action="approved",
                        comment="同意，可报送市政协。"),
        ])
    return report


def seed(session: Session) -> list[str]:
    from .users import PREFIXES

    committees = demo_committees(session)
    lines = []
    for demo in DEMO_REPORTS:
        committee = committees[demo.committee]
        exists = session.scalars(select(Report.id).where(
            Report.committee_id == committee.id, Report.kind == demo.kind, Report.title == demo.title)).first()
        if exists is None:
            exists = _seed_one(session, demo, committee, PREFIXES[demo.committee]).id
        state = (ReportStatus.APPROVED if demo.approved else ReportStatus.DRAFT).label
        lines.append(f"报告 #{exists}：{committee.short_name}《{demo.title}》（{state}）")
    return lines
