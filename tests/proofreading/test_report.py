"""Proofreading a report's section tree: fields, structure, ignores, 采纳 and automatic fixes."""
from sqlalchemy import select

from core.proofreading import fixes, ignores
from core.proofreading.report import proofread_report
from data_models import Section, SectionVersion


def _rules(result, section=None):
    return [(f.rule, f.field, f.text) for f in result.findings if section is None or f.section_id == section.id]


def test_findings_are_placed_on_their_section_and_field(db_session, report, add):
    part = add("part", heading="2024年工作回顾")
    section = add("section", part, heading="强化政治引领。", body="完善制度,规范履职行为。")
    result = proofread_report(db_session, report)
    assert ("struct.heading_period", "heading", "。") in _rules(result, section)
    comma = next(f for f in result.for_section(section.id) if f.rule == "punct.halfwidth")
    assert (comma.field, section.body[comma.start:comma.end]) == ("body", ",")


def test_number_typed_into_a_numbered_heading_is_an_error(db_session, report, add):
    part = add("part", heading="2024年工作回顾")
    section = add("section", part, heading="一、强化政治引领")
    typed = [f for f in proofread_report(db_session, report).findings if f.rule == "struct.typed_number"]
    assert [(f.section_id, f.text, f.suggestion) for f in typed] == [(section.id, "一、", "")]


def test_body_numbering_that_skips_a_level_is_flagged(db_session, report, add):
    part = add("part", heading="2024年工作回顾")
    section = add("section", part, heading="强化政治引领", body="1.加强学习。\n2.改进作风。")
    skipped = [f for f in proofread_report(db_session, report).findings if f.rule == "struct.skipped_level"]
    # The section is （一） under a numbered part, so its body goes on at 1. — no skip here.
    assert skipped == []
    sub = add("subsection", section, heading="加强学习", body="（一）学理论。")
    skipped = [f for f in proofread_report(db_session, report).findings if f.rule == "struct.skipped_level"]
    assert [(f.section_id, f.text, f.suggestion) for f in skipped] == [(sub.id, "（一）", "（1）")]


def test_yishi_at_two_levels_in_one_part(db_session, report, add):
    part = add("part", heading="2024年工作回顾")
    section = add("section", part, heading="强化政治引领", body="一是加强学习；二是改进作风。")
    item = add("item", section, lead="加强理论武装。", body="一是学原文；二是悟原理。")
    found = [f for f in proofread_report(db_session, report).findings if f.rule == "struct.yishi_levels"]
    assert [(f.section_id, f.text) for f in found] == [(item.id, "一是")]


def test_ignore_here_survives_an_edit_elsewhere_and_rule_ignore_covers_all(db_session, report, add):
    section = add("preamble", body="开头的话。完善制度,规范履职。其它委员其它单位。")
    first = next(f for f in proofread_report(db_session, report).findings if f.rule == "punct.halfwidth")
    ignores.ignore(db_session, report, first.rule, first.fingerprint, first.text)
    section.body = "今年新增加的开头的话写得更长一些。" + section.body.replace("规范履职", "规范委员履职")
    db_session.commit()  # an edit far before it and one right after it
    result = proofread_report(db_session, report)
    assert "punct.halfwidth" not in [f.rule for f in result.findings] and result.ignored == 1
    ignores.ignore(db_session, report, "word.qita")
    assert [f.rule for f in proofread_report(db_session, report).findings if f.rule == "word.qita"] == []


def test_adopting_a_suggestion_saves_a_new_version(db_session, report, add):
    section = add("preamble", body="截止目前，共收到提案。")
    finding = next(f for f in proofread_report(db_session, report).findings if f.rule == "word.jiezhi")
    fixes.apply_suggestion(db_session, report, section.id, "body", finding.rule, finding.fingerprint, None)
    db_session.commit()
    assert db_session.get(Section, section.id).body == "截至目前，共收到提案。"
    assert db_session.scalar(select(SectionVersion.body).where(SectionVersion.section_id == section.id)
                             .order_by(SectionVersion.version.desc()).limit(1)) == "截至目前，共收到提案。"


def test_adopting_a_stale_finding_is_refused_with_a_message(db_session, report, add):
    section = add("preamble", body="截止目前，共收到提案。")
    try:
        fixes.apply_suggestion(db_session, report, section.id, "body", "word.jiezhi", "no-such-spot", None)
    except fixes.ProofreadError as error:
        assert "已经改变" in error.message
    else:
        raise AssertionError("a stale finding was applied")


def test_autofix_changes_only_safe_punctuation_and_can_be_undone(db_session, report, add):
    original = "完善制度,规范履职...其它委员要像这样(积极)参加--协商。"
    section = add("preamble", body=original)
    changes = fixes.autofix_report(db_session, report, None)
    db_session.commit()
    fixed = db_session.get(Section, section.id).body
    assert fixed == "完善制度，规范履职……其它委员要像这样（积极）参加——协商。"  # 其它 is not a safe fix
    assert {c.rule for c in changes} == {"punct.halfwidth", "punct.ellipsis", "punct.halfwidth_paren", "punct.dash"}
    fixes.undo_autofix(db_session, report, {c.undo_version_id for c in changes}, None)
    db_session.commit()
    assert db_session.get(Section, section.id).body == original


def test_heading_run_into_its_items_is_a_sentence(db_session, report, add):
    report.settings = {**(report.settings or {}), "numbering": "inline_yishi"}
    db_session.commit()
    run_in = add("section", heading="服务中心大局，彰显履职效能。")
    add("item", run_in, lead="聚焦中心履职。", body="围绕县委部署开展协商。")
    alone = add("section", heading="加强自身建设。")
    found = [(f.rule, f.section_id) for f in proofread_report(db_session, report).findings
             if f.rule == "struct.heading_period"]
    assert found == [("struct.heading_period", alone.id)]


def test_a_new_revision_keeps_the_ignores(db_session, report, add):
    from core.review import workflow
    from data_models import User

    add("preamble", body="其它委员积极参加。完善制度,规范履职。")
    ignores.ignore(db_session, report, "word.qita")
    comma = next(f for f in proofread_report(db_session, report).findings if f.rule == "punct.halfwidth")
    ignores.ignore(db_session, report, comma.rule, comma.fingerprint, comma.text)
    report.status = "approved"
    db_session.commit()
    drafter = db_session.scalars(select(User).where(User.username == "donghu_drafter")).one()
    revision = workflow.revise(db_session, report, drafter)
    db_session.commit()
    result = proofread_report(db_session, revision)
    assert (result.findings, result.ignored) == ([], 2)
