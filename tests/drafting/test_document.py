import re

from sqlalchemy import select

from core.drafting.carry import carry_forward, shift_years
from core.drafting.document import as_text, assemble
from core.drafting.sections import add_section, save_section
from core.metrics.periods import Period
from data_models import Report, Section

from .conftest import mv


def sections_of(db_session, report, node_type):
    return db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == node_type)
                              .order_by(Section.id)).all()


def write(db_session, section, body="", lead=""):
    save_section(db_session, section, seen_version=section.version, heading=section.heading, lead=lead,
                 body=body, user_id=None)


def test_annual_document_numbered_and_merged(db_session, make_report, values, filters):
    report = make_report()
    first = sections_of(db_session, report, "section")[0]
    item = add_section(db_session, report, "item", parent_id=first.id, lead="不断强化理论武装。",
                       body="召开党组会议{{ 党组会议次数 }}次，开展活动{{ 协商活动场次 | 余 }}场次。")
    db_session.commit()
    content = assemble(db_session, report, values, filters).content
    assert content.title == "东湖县政协2023年工作总结和2024年工作要点"
    headings = [(b.number, b.text) for b in content.blocks if b.kind.startswith("heading")]
    assert headings[0] == ("一、", "2023年工作及成效")
    assert headings[1] == ("（一）", "坚持在强化政治引领上持续用力，政治根基进一步夯实")
    assert ("二、", "2024年工作要点") in headings
    block = next(b for b in content.blocks if b.section_id == item.id)
    assert (block.kind, block.number, block.lead) == ("item", "", "不断强化理论武装。")
    assert block.text == "召开党组会议6次，开展活动450余场次。"
    assert content.signature == "政协东湖县委员会"


def test_preview_warnings_point_at_sections(db_session, make_report, values, filters):
    report = make_report()
    first, second = sections_of(db_session, report, "section")[:2]
    write(db_session, first, "组织{{ 红色观影活动次数 }}次红色观影活动，在**县召开*次会议。")
    write(db_session, second, "{{ 未知指标 }}{{ ''.__class__ }}")
    db_session.commit()
    warnings = assemble(db_session, report, values, filters).warnings
    by_section = {}
    for w in warnings:
        by_section.setdefault(w.section_id, set()).add(w.code)
    assert by_section[first.id] == {"zero", "leftover"}
    assert by_section[second.id] == {"template_error"}
    empty = [w for w in warnings if w.code == "empty"]
    assert empty and all(w.section_id for w in empty)
    assert any("（一）坚持在强化政治引领上" in w.message for w in warnings if w.section_id == first.id)


def test_number_styles_that_print_oddly_are_listed_at_their_section(db_session, make_report, values, filters):
    report = make_report()
    first, second = sections_of(db_session, report, "section")[:2]
    write(db_session, first, "召开党组会议{{ 党组会议次数 | 余 }}次，开展协商活动{{ 协商活动场次 | 余 }}场次。")
    write(db_session, second, "接待考察团{{ 接待考察团次数 | 多 }}次，开会{{ 党组会议次数 | 多 }}次。")
    db_session.commit()
    styled = [w for w in assemble(db_session, report, values, filters).warnings if w.code == "number_style"]
    assert [w.section_id for w in styled] == [first.id, second.id]  # 453|余 and 14|多 print 450余, 10多: fine
    assert "“党组会议次数”" in styled[0].message and "“余”不会印出" in styled[0].message
    assert "（一）坚持在强化政治引领上" in styled[0].message
    assert "“党组会议次数”" in styled[1].message and "“多”不会印出" in styled[1].message


def test_speech_style_salutation_and_closing(db_session, make_report, values, filters):
    report = make_report("briefing")
    content = assemble(db_session, report, values, filters).content
    assert content.blocks[0].kind == "salutation" and content.blocks[0].text == "尊敬的各位领导，同志们："
    assert content.blocks[-1].text.startswith("汇报完毕")
    assert content.signature == ""


def test_standing_committee_subtitle_and_salutation(db_session, make_report, values, filters):
    report = make_report("standing_committee_report")
    content = assemble(db_session, report, values, filters).content
    assert content.subtitle_lines[0] == "——在政协东湖县第十届委员会第二次会议上"
    assert content.blocks[0].text == "各位委员："
    assert "我代表政协东湖县委员会常务委员会，向大会报告工作" in content.blocks[1].text


def test_run_in_items_join_the_heading_in_plain_text(db_session, make_report, values, filters):
    report = make_report("briefing")
    first = sections_of(db_session, report, "section")[0]
    add_section(db_session, report, "item", parent_id=first.id, lead="突出政治建设。", body="正文甲。")
    add_section(db_session, report, "item", parent_id=first.id, lead="强化思想引领。", body="正文乙。")
    text = as_text(assemble(db_session, report, values, filters).content)
    assert "一、坚持在强化政治引领上持续用力，政治根基进一步夯实一是突出政治建设。正文甲。二是强化思想引领。正文乙。" in text


def test_shift_years_only_own_period():
    text = "2021年中央出台意见，2023年工作总结，2024年工作要点，2022年换届"
    assert shift_years(text, 2023, 1) == "2021年中央出台意见，2024年工作总结，2025年工作要点，2022年换届"


def test_carry_forward_changes_numbers_and_years_and_nothing_else(db_session, make_report, filters):
    report = make_report()
    first = sections_of(db_session, report, "section")[0]
    add_section(db_session, report, "item", parent_id=first.id, lead="不断强化理论武装。",
                body="2023年召开党组会议{{ 党组会议次数 }}次，活动{{ 协商活动场次 | 余 }}场次。2021年出台意见。")
    report.settings = {**report.settings, "date": "2023年12月25日"}
    db_session.commit()
    new = carry_forward(db_session, report.committee_id, "annual_summary")
    db_session.commit()
    assert (new.period_start, new.period_end) == (Period.year(2024).start, Period.year(2024).end)
    assert new.previous_id == report.id and new.status == "draft"
    old_values = {"党组会议次数": mv("党组会议次数", 6), "协商活动场次": mv("协商活动场次", 453, "场次")}
    new_values = {"党组会议次数": mv("党组会议次数", 9), "协商活动场次": mv("协商活动场次", 1210, "场次")}
    old_text = as_text(assemble(db_session, report, old_values, filters).content).splitlines()
    new_text = as_text(assemble(db_session, new, new_values, filters).content).splitlines()
    assert len(old_text) == len(new_text) + 1  # the date line is not carried
    changed = [(a, b) for a, b in zip(old_text, new_text) if a != b]
    assert changed
    for a, b in changed:
        assert re.sub(r"\d+", "#", a) == re.sub(r"\d+", "#", b)
    item_line = next(b for a, b in changed if "党组会议" in b)
    assert item_line == "不断强化理论武装。2024年召开党组会议9次，活动1200余场次。2021年出台意见。"
    assert new.title == "东湖县政协2024年工作总结和2025年工作要点"
    assert db_session.scalars(select(Report).where(Report.committee_id == report.committee_id)).all() == [report, new]


def test_failing_metrics_engine_is_a_warning_not_an_error(db_session, make_report, monkeypatch):
    from core.drafting import context

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(context, "metric_values", broken)
    assembly = assemble(db_session, make_report())
    assert assembly.warnings[0].code == "metrics_failed" and "数字暂时无法计算" in assembly.warnings[0].message


def test_carry_forward_shifts_settings_lines_and_drops_the_date(db_session, make_report):
    report = make_report("standing_committee_report")
    report.settings = {**report.settings, "subtitle_lines": ["（2024年1月8日）"], "speaker": "主席　李华",
                       "date": "2024年1月8日"}
    db_session.commit()
    new = carry_forward(db_session, report.committee_id, "standing_committee_report")
    assert new.settings["subtitle_lines"] == ["（2025年1月8日）"]
    assert new.settings["speaker"] == "主席　李华" and "date" not in new.settings


def test_hand_typed_numbering_warns(db_session, make_report, values, filters):
    report = make_report("half_year_summary")
    first = sections_of(db_session, report, "section")[0]
    item = add_section(db_session, report, "item", parent_id=first.id, lead="一是坚持党的领导。", body="正文。")
    save_section(db_session, first, seen_version=first.version, heading="一、抓学习", lead="", body="", user_id=None)
    warnings = assemble(db_session, report, values, filters).warnings
    assert {w.section_id for w in warnings if w.code == "typed_number"} == {first.id, item.id}


def test_year_on_year_without_last_year_warns(db_session, make_report, values, filters):
    report = make_report()
    first = sections_of(db_session, report, "section")[0]
    write(db_session, first, "活动场次{{ 协商活动场次 | 同比 }}。")
    warnings = assemble(db_session, report, values, filters).warnings
    flagged = [w for w in warnings if w.code == "flag"]
    assert len(flagged) == 1 and flagged[0].section_id == first.id and "缺少上年同期数据" in flagged[0].message


def test_year_on_year_with_last_year_merges(db_session, make_report, filters):
    report = make_report()
    first = sections_of(db_session, report, "section")[0]
    write(db_session, first, "活动{{ 协商活动场次 }}场次，{{ 协商活动场次 | 同比 }}。")
    value = mv("协商活动场次", 120, "场次")
    value.previous = 100
    content = assemble(db_session, report, {"协商活动场次": value}, filters).content
    assert any(b.text == "活动120场次，同比增长20%。" for b in content.blocks)
