"""The exchange-visit packet (交流考察材料): one visit's data, profile, briefing and numbers as a DocumentContent.

`assemble_packet` lays out plain data; `build_packet` gathers that data from the database
(committee profile, chosen sections of approved reports, metrics for the chosen period).
"""
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from core.cleaning import clean_text
from core.drafting import context as ctx
from core.drafting.merge import make_environment, merge_text
from core.drafting.numbering import chinese_number, ordinal_yishi
from core.drafting.tree import describe
from core.drafting.checks import merge_warnings
from core.metrics.engine import compute_metrics, values_by_label
from core.metrics import formats
from core.metrics.formats import cn_date, cn_date_range as visit_dates, cn_month_day
from core.metrics.periods import Period
from core.metrics.values import MetricValue
from core.rendering.document import Block, DocumentContent
from data_models import NodeType, Report, Section, Visit

from . import messages as msg
from .briefing import BriefingNode, briefing_tree

KIND = "visit_packet"
# The 数据一览 table: the numbers a visiting delegation usually asks about, in this order.
KEY_METRICS = (
    "chair_meetings", "standing_meetings", "special_topic_consultations", "bimonthly_consultations",
    "research_inspections", "research_reports", "proposals_received", "proposals_actually_filed",
    "proposal_completion_rate", "social_info_collected", "social_info_adopted_up",
    "room_activities", "room_participants", "member_studios", "delegations_received",
)


def format_value(value) -> str:
    """A table cell: the number as reports write it (GB/T 15835), 0 as 0, — when it cannot be computed."""
    return formats.cell(value)


def packet_title(visit, committee) -> str:
    return msg.PACKET_TITLE.format(delegation=visit.delegation, place=committee.place or committee.short_name)


def assemble_packet(visit, committee, period: Period, briefing: list[BriefingNode],
                    metrics: dict[str, MetricValue]) -> DocumentContent:
    """The packet's parts in order: cover, 基本情况, 汇报材料, 数据一览, 日程安排, 联系人."""
    parts = [
        (msg.PART_PROFILE, profile_blocks(committee)),
        (msg.PART_BRIEFING, briefing_blocks(visit, committee, briefing)),
        (msg.PART_METRICS, metrics_blocks(period, metrics)),
        (msg.PART_AGENDA, agenda_blocks(visit)),
        (msg.PART_CONTACTS, contact_blocks(visit)),
    ]
    blocks = [Block("page_break")]  # the cover stands alone on the first page
    for n, (heading, body) in enumerate(parts, start=1):
        if heading in (msg.PART_BRIEFING, msg.PART_METRICS):  # the speech is read from pages of its own
            blocks.append(Block("page_break"))
        blocks.append(Block("heading1", heading, number=f"{chinese_number(n)}、"))
        blocks.extend(body)
    return DocumentContent(
        kind=KIND, title=packet_title(visit, committee), committee_name=committee.name,
        subtitle_lines=[committee.name, cn_date(visit.start_date)], blocks=blocks,
        fonts=dict((committee.profile or {}).get("fonts", {})),
    )


def profile_blocks(committee) -> list[Block]:
    """基本情况 as a two-column table from the committee profile: term, head counts, 界别, 专委会."""
    profile = committee.profile or {}
    facts = profile.get("facts") or {}
    rows = [[label, text] for label, text in (
        (msg.PROFILE_TERM, f"第{profile['term']}届" if profile.get("term") else ""),
        (msg.PROFILE_MEMBERS, _count(facts.get("委员人数"), "名")),
        (msg.PROFILE_STANDING, _count(facts.get("常委人数"), "名")),
        (msg.PROFILE_SECTORS, _listed(facts.get("界别数"), profile.get("sectors"))),
        (msg.PROFILE_COMMITTEES, _listed(facts.get("专委会数"), profile.get("special_committees"))),
        (msg.PROFILE_BRANCHES, _count(facts.get("功能型党支部"), "个")),
    ) if text]
    if not rows:
        return [Block("paragraph", msg.PROFILE_MISSING)]
    return [Block("table", rows=[list(msg.PROFILE_HEADER), *rows])]


def _count(value, unit: str) -> str:
    return f"{value}{unit}" if value is not None else ""


def _listed(count, names) -> str:
    """16个：中共、民革、… (the count from the facts, else the length of the list)."""
    names = list(names or [])
    count = count if count is not None else (len(names) or None)
    if count is None:
        return ""
    return f"{count}个" + (f"：{'、'.join(names)}" if names else "")


def briefing_blocks(visit, committee, briefing: list[BriefingNode]) -> list[Block]:
    """Speech style (reference 003): salutation, welcome, （一）… with 一是… items, 汇报完毕."""
    leader = f"{visit.leader}{visit.leader_post}"
    salutation = msg.SALUTATION.format(leader=leader) if leader else msg.SALUTATION_PLAIN
    topics = msg.OPENING_TOPICS.format(topics=visit.topics.strip().rstrip("。")) if visit.topics.strip() else ""
    opening = msg.OPENING.format(committee=committee.name, delegation=visit.delegation,
                                 place=committee.place or committee.short_name, topics=topics)
    blocks = [Block("salutation", salutation), Block("paragraph", opening)]
    for n, node in enumerate(briefing, start=1):
        blocks.extend(_node_blocks(node, "heading2", f"（{chinese_number(n)}）"))
    if not briefing:
        blocks.append(Block("paragraph", msg.NO_SECTIONS))
    blocks.append(Block("closing", msg.CLOSING))
    return blocks


def _node_blocks(node: BriefingNode, kind: str, number: str) -> list[Block]:
    sid = node.section_id
    blocks = [Block(kind, node.heading, number=number, section_id=sid)] if node.heading else []
    blocks += [Block("paragraph", text, section_id=sid) for text in paragraphs(node.body)]
    items = subs = 0
    for child in node.children:
        if child.node_type == NodeType.ITEM:
            items += 1
            body = paragraphs(child.body) or [""]
            blocks.append(Block("item", body[0], number=ordinal_yishi(items), lead=child.lead,
                                section_id=child.section_id))
            blocks += [Block("paragraph", text, section_id=child.section_id) for text in body[1:]]
        else:
            subs += 1
            blocks.extend(_node_blocks(child, "heading3", f"{subs}."))
    return blocks


def paragraphs(text: str) -> list[str]:
    """Staff text split into paragraphs at line breaks, blank lines dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def metrics_blocks(period: Period, metrics: dict[str, MetricValue]) -> list[Block]:
    rows = [list(msg.METRICS_HEADER)]
    for key in KEY_METRICS:
        value = metrics.get(key)
        if value is None or value.kind == "list":
            continue
        rows.append([str(len(rows)), value.label, format_value(value), "" if value.unit == formats.PERCENT else value.unit])
    return [Block("paragraph", msg.METRICS_PERIOD.format(period=period.label)), Block("table", rows=rows)]


def agenda_blocks(visit) -> list[Block]:
    facts = msg.VISIT_FACTS.format(delegation=visit.delegation, leader=f"{visit.leader}{visit.leader_post}" or "—",
                                   size=visit.size, dates=visit_dates(visit.start_date, visit.end_date))
    if visit.topics.strip():
        facts += msg.VISIT_TOPICS.format(topics=visit.topics.strip().rstrip("。"))
    blocks = [Block("paragraph", facts)]
    if not visit.agenda:
        return blocks + [Block("paragraph", msg.NO_AGENDA)]
    rows = [list(msg.AGENDA_HEADER)]
    rows += [[cn_month_day(a.day), a.time, a.place, a.activity, a.officials] for a in visit.agenda]
    return blocks + [Block("table", rows=rows)]


def contact_blocks(visit) -> list[Block]:
    if not visit.contacts:
        return [Block("paragraph", msg.NO_CONTACTS)]
    rows = [list(msg.CONTACTS_HEADER)]
    rows += [[msg.SIDE_NAMES.get(c.side, c.side), c.name, c.post, c.phone, c.duty] for c in visit.contacts]
    return [Block("table", rows=rows)]


@dataclass
class PacketAssembly:
    content: DocumentContent
    warnings: list[str] = field(default_factory=list)  # Chinese, for the visit page
    values: dict[str, MetricValue] = field(default_factory=dict)


def build_packet(session: Session, visit_id: int) -> DocumentContent:
    """The packet of one visit: metrics and section text for the visit's chosen period."""
    return assemble(session, visit_id).content


def assemble(session: Session, visit_id: int, items: bool = False) -> PacketAssembly:
    """The packet with its warnings and the metric values it quotes (with `items`: a distinct count's values)."""
    visit = session.get(Visit, visit_id)
    period = Period(visit.period_start, visit.period_end)
    values = compute_metrics(session, visit.committee_id, period, items=items)
    merge = PeriodMerger(visit, period, values)
    briefing = briefing_tree(session, list(visit.section_ids or []), merge)
    content = assemble_packet(visit, visit.committee, period, briefing, values)
    return PacketAssembly(content, [w.message for w in merge.warnings], values)


class PeriodMerger:
    """Merges report text with the visit period's values exactly as drafting does, keeping its warnings."""

    def __init__(self, visit: Visit, period: Period, values: dict[str, MetricValue]):
        # A transient report names the committee and period that report variables ({{ 年度 }}) read.
        frame = Report(committee=visit.committee, kind=KIND, period_start=period.start, period_end=period.end)
        self.by_label = values_by_label(values)
        self.names = ctx.merge_context(self.by_label, ctx.report_variables(frame))
        self.env = make_environment(ctx.number_filters())
        self.warnings: list = []  # DraftWarning, as drafting's preview reports them

    def __call__(self, text: str, section: Section) -> str:
        result = merge_text(self.env, text, self.names)
        self.warnings += merge_warnings(describe(section), section.id, result, self.by_label)
        return clean_text(result.text)  # text stored before the door cleaned input must still render
