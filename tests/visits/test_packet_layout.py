"""The packet's layout from plain data: parts in order, speech wording, tables with header rows."""
from datetime import date
from decimal import Decimal

from core.metrics.periods import Period
from core.metrics.values import MetricValue
from core.visits import messages as msg
from core.visits.briefing import BriefingNode
from core.visits.packet import assemble_packet, format_value, visit_dates

PERIOD = Period.year(2023)


def _metrics():
    return {
        "chair_meetings": MetricValue("chair_meetings", "主席会议次数", "次", "count", 8),
        "proposal_completion_rate": MetricValue("proposal_completion_rate", "办结率", "%", "formula", Decimal("98.456")),
        "research_topics": MetricValue("research_topics", "调研视察课题", "", "list", ["甲"]),
    }


def _briefing():
    item = BriefingNode(lead="突出政治建设。", body="召开党组会议8次。\n\n深化读书活动。", node_type="item", section_id=3)
    return [BriefingNode(heading="坚持党的领导", body="", section_id=2, children=[item])]


def _blocks(visit, demo, briefing=None):
    return assemble_packet(visit, demo.county_b, PERIOD, _briefing() if briefing is None else briefing,
                           _metrics()).blocks


def test_parts_in_order_after_cover(visit, demo):
    content = assemble_packet(visit, demo.county_b, PERIOD, _briefing(), _metrics())
    assert content.kind == "visit_packet"
    assert content.title == "政协东湖县委员会考察团来西山县交流考察材料"
    assert content.subtitle_lines == ["政协西山县委员会", "2024年5月20日"]
    assert content.blocks[0].kind == "page_break"
    headings = [(b.number, b.text) for b in content.blocks if b.kind == "heading1"]
    assert headings == [("一、", "基本情况"), ("二、", "汇报材料"), ("三、", "数据一览"), ("四、", "日程安排"), ("五、", "联系人")]


def test_profile_comes_from_committee(visit, demo):
    table = next(b for b in _blocks(visit, demo) if b.kind == "table")
    assert table.rows[:4] == [["项目", "情况"], ["届次", "第十届"], ["委员人数", "215名"], ["常委人数", "41名"]]
    assert table.rows[4][1].startswith("16个：中共、民革、民盟")
    assert table.rows[5][1].startswith("7个：提案委员会、经济委员会")
    assert table.rows[6] == ["功能型党支部", "5个"]


def test_missing_profile_says_so(visit, demo):
    demo.county_b.profile = {}
    assert msg.PROFILE_MISSING in [b.text for b in _blocks(visit, demo)]


def test_briefing_is_speech_style(visit, demo):
    blocks = _blocks(visit, demo)
    salutation = next(b for b in blocks if b.kind == "salutation")
    assert salutation.text == "尊敬的李明主席，各位领导，同志们："
    texts = [b.text for b in blocks]
    assert any("现将有关情况汇报如下：" in t for t in texts)
    section = next(b for b in blocks if b.kind == "heading2")
    assert (section.number, section.text, section.section_id) == ("（一）", "坚持党的领导", 2)
    item = next(b for b in blocks if b.kind == "item")
    assert (item.number, item.lead, item.text) == ("一是", "突出政治建设。", "召开党组会议8次。")
    after = blocks[blocks.index(item) + 1]
    assert (after.kind, after.text) == ("paragraph", "深化读书活动。")
    closing = texts.index(msg.CLOSING)
    assert blocks[closing].kind == "closing"
    assert [b.kind for b in blocks[closing + 1:closing + 3]] == ["page_break", "heading1"]  # it ends the 汇报材料


def test_no_sections_chosen_says_so(visit, demo):
    assert msg.NO_SECTIONS in [b.text for b in _blocks(visit, demo, briefing=[])]


def test_tables_have_header_rows(visit, demo):
    tables = [b.rows for b in _blocks(visit, demo) if b.kind == "table"]
    assert [t[0] for t in tables] == [msg.PROFILE_HEADER, msg.METRICS_HEADER, msg.AGENDA_HEADER, msg.CONTACTS_HEADER]
    _, metrics, agenda, contacts = tables
    assert metrics[1:] == [["1", "主席会议次数", "8", "次"], ["2", "办结率", "98.46%", ""]]  # list metrics left out; % in the cell
    assert agenda[1] == ["5月20日", "9:00—10:30", "城关镇协商议事室", "实地考察", "王建国"]
    assert contacts[2] == ["来访方", "周强", "秘书长", "13800000000", "来访方联络"]


def test_number_helpers():
    assert format_value(Decimal("95.50")) == "95.5" and format_value(7) == "7" and format_value(None) == "—" and format_value(0) == "0"
    assert visit_dates(date(2024, 5, 31), date(2024, 6, 1)) == "2024年5月31日至6月1日"
    assert visit_dates(date(2024, 5, 20), date(2024, 5, 21)) == "2024年5月20日至21日"
