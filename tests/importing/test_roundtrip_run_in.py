"""Word round trip of run-in paragraphs (一、… 一是… 二是… printed inline in one paragraph): an edit
inside such a paragraph changes exactly the sections whose text it touches.

The demo briefing (inline 一是 numbering: each part heading and its items in one paragraph) and the
demo experience briefing (一是 on a paragraph of its own, 二是… run in) are rendered with the real
renderer, edited with python-docx as a secretary would in Word, and uploaded again.
"""
import io
import re

import pytest
from docx import Document
from sqlalchemy import select

from core.drafting.document import preview_text
from core.importing.roundtrip import apply, compare
from core.importing.source import read_docx
from core.publishing import document_for
from core.rendering.docx import render_docx
from data_models import Section

BRIEFING = ("东湖县政协", "briefing")
EXPERIENCE = ("东湖县政协", "experience_briefing")


def _word(db_session, report) -> Document:
    return Document(io.BytesIO(render_docx(document_for(db_session, report))))


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraph(document, needle):
    return next(p for p in document.paragraphs if needle in p.text)


def _replace(paragraph, old: str, new: str = "") -> None:
    """Replace text of a paragraph across its runs, as typing over a selection in Word does."""
    text = "".join(run.text for run in paragraph.runs)
    assert text == paragraph.text and text.count(old) == 1, old
    start, end, position, first = text.index(old), text.index(old) + len(old), 0, True
    for run in paragraph.runs:
        a, b = position, position + len(run.text)
        position = b
        if b <= start or a >= end:
            continue
        run.text = run.text[:max(start, a) - a] + (new if first else "") + run.text[min(end, b) - a:]
        first = False
    assert new in paragraph.text


def _section(db_session, report, **where) -> Section:
    query = select(Section).where(Section.report_id == report.id)
    for name, value in where.items():
        query = query.where(getattr(Section, name) == value)
    return db_session.scalars(query).one()


def _round_trip(db_session, report, document):
    return compare(db_session, report, read_docx(_saved(document)))


@pytest.mark.parametrize("key", [BRIEFING, EXPERIENCE])
def test_the_demo_run_in_reports_come_back_unchanged(db_session, demo_reports, key):
    report = demo_reports[key]
    document = _word(db_session, report)
    assert any(len(re.findall("[一二三四]是", p.text)) >= 3 for p in document.paragraphs)  # run-in paragraphs
    result = _round_trip(db_session, report, document)
    assert result.changes == [] and result.unplaced == [] and result.reorders == []


def test_deleting_a_sentence_changes_only_its_section(db_session, demo_reports):
    report = demo_reports[BRIEFING]
    document = _word(db_session, report)
    sentence = "与西山县政协建立定期交流机制，互派委员参加对方的协商活动。"
    _replace(_paragraph(document, sentence), sentence)
    result = _round_trip(db_session, report, document)
    item = _section(db_session, report, lead="上下联动形成合力。")
    assert [c.section_id for c in result.changes] == [item.id]
    change = result.changes[0]
    assert not change.removed and not change.added
    assert change.proposed()[1] == item.lead
    assert change.proposed()[2] == item.body.replace(sentence, "")


@pytest.mark.parametrize("key, lead", [(BRIEFING, "上下联动形成合力。"), (EXPERIENCE, "把考核评价作为推进手段。"),
                                       (EXPERIENCE, "把能力建设作为重要保障。")])
def test_deleting_one_item_of_a_run_in_paragraph_deletes_only_that_item(db_session, demo_reports, key, lead):
    report = demo_reports[key]
    item = _section(db_session, report, lead=lead)
    document = _word(db_session, report)
    paragraph = _paragraph(document, lead)
    number = paragraph.text[paragraph.text.index(lead) - 2:paragraph.text.index(lead)]
    following = re.search(r"[一二三四五六七八九十]是", paragraph.text[paragraph.text.index(lead):])
    end = paragraph.text.index(lead) + following.start() if following else len(paragraph.text)
    _replace(paragraph, number + paragraph.text[paragraph.text.index(lead):end])
    result = _round_trip(db_session, report, document)
    assert [c.section_id for c in result.changes] == [item.id] and result.unplaced == []
    assert result.changes[0].removed and result.changes[0].proposed()[1:] == ("", "")
    assert result.reorders == []


def test_deleting_a_whole_run_in_paragraph_deletes_all_its_sections(db_session, demo_reports):
    report = demo_reports[BRIEFING]
    document = _word(db_session, report)
    paragraph = _paragraph(document, "围绕中心大局，推动协商成果转化见效。")
    paragraph._p.getparent().remove(paragraph._p)
    result = _round_trip(db_session, report, document)
    heading = _section(db_session, report, heading="围绕中心大局，推动协商成果转化见效。")
    items = db_session.scalars(select(Section.id).where(Section.parent_id == heading.id)).all()
    assert len(items) == 3
    assert sorted(c.section_id for c in result.changes) == sorted([heading.id, *items])
    assert all(c.removed for c in result.changes)


def test_changing_a_number_in_a_run_in_paragraph_flags_only_its_section(db_session, demo_reports):
    report = demo_reports[EXPERIENCE]
    item = _section(db_session, report, lead="阵地全覆盖。")
    document = _word(db_session, report)
    paragraph = _paragraph(document, "阵地全覆盖。")
    shown = re.search(r"全县共建成协商议事室(\d+)个", paragraph.text).group(1)
    _replace(paragraph, f"全县共建成协商议事室{shown}个", f"全县共建成协商议事室{int(shown) + 2}个")
    result = _round_trip(db_session, report, document)
    assert [c.section_id for c in result.changes] == [item.id]
    assert [(o.shown, o.typed) for o in result.changes[0].overtyped] == [(shown, str(int(shown) + 2))]
    assert result.changes[0].proposed() == (item.heading, item.lead, item.body)  # the binding is kept


def test_editing_a_lead_sentence_in_a_run_in_paragraph(db_session, demo_reports):
    report = demo_reports[BRIEFING]
    item = _section(db_session, report, lead="上下联动形成合力。")
    document = _word(db_session, report)
    _replace(_paragraph(document, "上下联动形成合力。"), "上下联动形成合力。", "市县联动形成工作合力。")
    result = _round_trip(db_session, report, document)
    assert [c.section_id for c in result.changes] == [item.id]
    assert result.changes[0].proposed() == (item.heading, "市县联动形成工作合力。", item.body)
    assert not result.changes[0].removed


def test_reordering_two_run_in_paragraphs_is_a_new_order(db_session, demo_reports):
    report = demo_reports[BRIEFING]
    document = _word(db_session, report)
    first = _paragraph(document, "坚持党的领导，确保政协工作方向正确。")
    second = _paragraph(document, "围绕中心大局，推动协商成果转化见效。")
    first._p.addprevious(second._p)
    result = _round_trip(db_session, report, document)
    assert result.changes == [] and result.unplaced == []
    one = _section(db_session, report, heading="坚持党的领导，确保政协工作方向正确。")
    two = _section(db_session, report, heading="围绕中心大局，推动协商成果转化见效。")
    assert [r.order[1:3] for r in result.reorders] == [[two.id, one.id]]
    apply(db_session, report, result, set(), reorder=True)
    db_session.commit()
    text, _ = preview_text(db_session, report.id)
    assert text.index("围绕中心大局") < text.index("坚持党的领导") and text.count("政治建设摆在首位。") == 1


def test_swapping_two_items_inside_a_run_in_paragraph_is_a_new_order(db_session, demo_reports):
    report = demo_reports[EXPERIENCE]
    document = _word(db_session, report)
    paragraph = _paragraph(document, "建立跟踪督办机制。")
    text = paragraph.text
    second, third = text.index("二是建立跟踪督办机制。"), text.index("三是建立宣传推广机制。")
    fourth = text.index("四是建立委员履职评价机制。")
    _replace(paragraph, text[second:fourth], text[third:fourth] + text[second:third])
    result = _round_trip(db_session, report, document)
    assert result.changes == [] and result.unplaced == []
    moved = [_section(db_session, report, lead=lead).id for lead in ("建立跟踪督办机制。", "建立宣传推广机制。")]
    assert len(result.reorders) == 1 and result.reorders[0].order[1:3] == moved[::-1]


def test_a_paragraph_added_after_a_run_in_paragraph_joins_its_last_item(db_session, demo_reports):
    report = demo_reports[EXPERIENCE]
    last = _section(db_session, report, lead="党员委员带头示范。")
    document = _word(db_session, report)
    paragraph = _paragraph(document, "党员委员带头示范。")
    added = document.add_paragraph("西山县政协委员也来东湖县观摩交流。")
    paragraph._p.addnext(added._p)
    result = _round_trip(db_session, report, document)
    assert [c.section_id for c in result.changes] == [last.id]
    assert result.changes[0].added == ["西山县政协委员也来东湖县观摩交流。"]
    assert result.changes[0].proposed()[2] == last.body + "\n西山县政协委员也来东湖县观摩交流。"


def test_accepting_a_deleted_item_leaves_its_neighbours(db_session, demo_reports):
    report = demo_reports[BRIEFING]
    item = _section(db_session, report, lead="上下联动形成合力。")
    document = _word(db_session, report)
    paragraph = _paragraph(document, "上下联动形成合力。")
    text = paragraph.text
    _replace(paragraph, text[text.index("二是上下联动"):text.index("三是统战功能")])
    result = _round_trip(db_session, report, document)
    apply(db_session, report, result, {c.section_id for c in result.changes})
    db_session.commit()
    text, _ = preview_text(db_session, report.id)
    assert "上下联动形成合力" not in text and "议题紧扣县委部署。" in text and "统战功能有效发挥。" in text
    assert db_session.get(Section, item.id) is None  # emptied entirely: deleted, not left to print a bare 二是
    assert "二是统战功能有效发挥。" in text and "二是三是" not in text  # the items after it renumber


def _upload(client, db_session, report, edit) -> tuple:
    """(document, the diff page's html, the carried upload) for the report's rendered version edited by `edit`."""
    from core.publishing import publish

    document, _ = publish(db_session, report.id)
    db_session.commit()
    word = Document(io.BytesIO(document.docx))
    edit(word)
    client.login("donghu_drafter")
    page = client.post(f"/reports/documents/{document.id}/revise", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(_saved(word)), "修改稿.docx")})
    html = page.get_data(as_text=True)
    return document, html, re.search(r'name="upload" value="([^"]*)"', html).group(1)


def _apply(client, document, upload, **extra) -> str:
    return client.post(f"/reports/documents/{document.id}/revise/apply", follow_redirects=True,
                       data={"upload": upload, "filename": "修改稿.docx", "accept_all": "1", **extra}
                       ).get_data(as_text=True)


def _drop_second_item(word) -> None:
    paragraph = _paragraph(word, "上下联动形成合力。")
    text = paragraph.text
    _replace(paragraph, text[text.index("二是上下联动"):text.index("三是统战功能")])


def _drop_paragraph(word) -> None:
    paragraph = _paragraph(word, "围绕中心大局，推动协商成果转化见效。")
    paragraph._p.getparent().remove(paragraph._p)


def test_a_deleted_item_is_shown_and_confirmed_alone_in_the_browser(client, db_session, demo_reports):
    report = demo_reports[BRIEFING]
    document, html, upload = _upload(client, db_session, report, _drop_second_item)
    assert html.count('class="card roundtrip-section"') == 1 and 'id="confirm-removals"' in html
    assert "删除：<del>二是上下联动形成合力。" in html and "删除了原文中的 1 段文字（涉及 1 节）" in html
    assert "1 节的修改含删除的段落" in _apply(client, document, upload)
    assert "上下联动形成合力" in preview_text(db_session, report.id)[0]  # not confirmed: nothing deleted
    assert "已采纳 1 节的修改" in _apply(client, document, upload, **{"confirm-removals": "1"})
    db_session.expire_all()
    text, _ = preview_text(db_session, report.id)
    assert "上下联动形成合力" not in text and "议题紧扣县委部署。" in text and "统战功能有效发挥。" in text


def test_a_deleted_run_in_paragraph_needs_the_confirmation_for_all_its_sections(client, db_session, demo_reports):
    report = demo_reports[BRIEFING]
    document, html, upload = _upload(client, db_session, report, _drop_paragraph)
    assert html.count('class="card roundtrip-section"') == 4
    assert "删除了原文中的 1 段文字（涉及 4 节）" in html  # one paragraph in Word, cut into 4 sections' pieces
    assert "4 节的修改含删除的段落" in _apply(client, document, upload)
    db_session.expire_all()
    assert "统战功能有效发挥。" in preview_text(db_session, report.id)[0]
    assert "已采纳 4 节的修改" in _apply(client, document, upload, **{"confirm-removals": "1"})
    db_session.expire_all()
    text, _ = preview_text(db_session, report.id)
    assert "围绕中心大局" not in text and "议题紧扣县委部署" not in text and "统战功能有效发挥" not in text
    assert "政治建设摆在首位。" in text


def test_enter_pressed_between_two_items_changes_nothing(db_session, demo_reports):
    """Numbering style decides what runs in; a paragraph broken before 二是 still carries the same text."""
    report = demo_reports[BRIEFING]
    document = _word(db_session, report)
    paragraph = _paragraph(document, "上下联动形成合力。")
    tail = document.add_paragraph(paragraph.text[paragraph.text.index("二是上下联动"):])
    paragraph._p.addnext(tail._p)
    _replace(paragraph, paragraph.text[paragraph.text.index("二是上下联动"):])
    result = _round_trip(db_session, report, document)
    assert result.changes == [] and result.unplaced == [] and result.reorders == []


def test_a_comment_on_a_run_in_paragraph_and_an_edit_in_its_last_item(db_session, demo_reports):
    report = demo_reports[EXPERIENCE]
    document = _word(db_session, report)
    paragraph = _paragraph(document, "建立委员履职评价机制。")
    document.add_comment(paragraph.runs, text="请核实", author="审稿人")
    _replace(paragraph, "建立委员履职评价机制。", "健全委员履职评价机制。")
    result = _round_trip(db_session, report, document)
    first = _section(db_session, report, lead="建立成果转化机制。")
    last = _section(db_session, report, lead="建立委员履职评价机制。")
    assert {c.section_id: (c.comments, bool(c.changed)) for c in result.changes} == {
        first.id: (["请核实"], False), last.id: ([], True)}
    assert next(c for c in result.changes if c.section_id == last.id).proposed()[1] == "健全委员履职评价机制。"


def test_an_edited_lead_is_found_by_its_number_even_with_the_number_in_the_text_before(db_session, demo_reports):
    report = demo_reports[EXPERIENCE]
    second = _section(db_session, report, lead="建立跟踪督办机制。")
    third = _section(db_session, report, lead="建立宣传推广机制。")
    document = _word(db_session, report)
    paragraph = _paragraph(document, "建立宣传推广机制。")
    _replace(paragraph, "三是建立宣传推广机制。", "三是完善宣传推广机制。")
    before_third = paragraph.text[:paragraph.text.index("三是完善")]
    _replace(paragraph, before_third[-6:], before_third[-6:] + "督办名单中排第三是常态。")
    result = _round_trip(db_session, report, document)
    assert {c.section_id for c in result.changes} == {second.id, third.id}
    assert not any(c.removed or c.added for c in result.changes)
    proposed = {c.section_id: c.proposed() for c in result.changes}
    assert proposed[third.id] == (third.heading, "完善宣传推广机制。", third.body)
    assert proposed[second.id][2] == second.body + "督办名单中排第三是常态。"


@pytest.mark.parametrize("key, start, end, gone", [
    (BRIEFING, "二、围绕中心大局", "一是议题紧扣", {"heading": "围绕中心大局，推动协商成果转化见效。"}),
    (EXPERIENCE, "一是把党的领导", "二是把制度建设", {"lead": "把党的领导贯穿协商全过程。"}),
])
def test_deleting_the_opening_piece_of_a_run_in_paragraph(db_session, demo_reports, key, start, end, gone):
    report = demo_reports[key]
    section = _section(db_session, report, **gone)
    document = _word(db_session, report)
    paragraph = _paragraph(document, end)
    text = paragraph.text
    _replace(paragraph, text[text.index(start):text.index(end)])
    result = _round_trip(db_session, report, document)
    assert [c.section_id for c in result.changes] == [section.id] and result.changes[0].removed
    assert result.reorders == [] and result.unplaced == []


def test_deleting_the_last_two_items_of_a_run_in_paragraph(db_session, demo_reports):
    report = demo_reports[EXPERIENCE]
    document = _word(db_session, report)
    paragraph = _paragraph(document, "建立宣传推广机制。")
    text = paragraph.text
    _replace(paragraph, text[text.index("三是建立宣传推广机制。"):])
    result = _round_trip(db_session, report, document)
    gone = [_section(db_session, report, lead=lead).id for lead in ("建立宣传推广机制。", "建立委员履职评价机制。")]
    assert sorted(c.section_id for c in result.changes) == sorted(gone) and all(c.removed for c in result.changes)


def test_rewriting_an_item_of_a_run_in_paragraph_keeps_it_that_item(db_session, demo_reports):
    report = demo_reports[BRIEFING]
    item = _section(db_session, report, lead="上下联动形成合力。")
    document = _word(db_session, report)
    paragraph = _paragraph(document, "上下联动形成合力。")
    text = paragraph.text
    body = text[text.index("上下联动形成合力。") + len("上下联动形成合力。"):text.index("三是统战功能")]
    rewritten = "与清河市政协和西山县政协同题调研，成果共享。"
    _replace(paragraph, body, rewritten)
    result = _round_trip(db_session, report, document)
    assert [c.section_id for c in result.changes] == [item.id]
    assert not result.changes[0].removed and not result.changes[0].added
    assert result.changes[0].proposed() == (item.heading, item.lead, rewritten)


def _drop_items(word, *leads) -> None:
    """Delete the items opening with `leads` (number, lead and text) from their run-in paragraph."""
    for lead in leads:
        paragraph = _paragraph(word, lead)
        text = paragraph.text
        start = text.index(lead) - 2  # 一是
        following = re.search(r"[一二三四五六七八九十]是", text[text.index(lead):])
        _replace(paragraph, text[start:text.index(lead) + following.start() if following else len(text)])


def test_deleted_run_in_paragraphs_count_as_the_word_file_prints_them(db_session, demo_reports):
    report = demo_reports[EXPERIENCE]
    document = _word(db_session, report)
    gone = [_paragraph(document, lead) for lead in ("把党的领导贯穿协商全过程。", "建立成果转化机制。")]
    printed = [p.text for p in gone]
    for paragraph in gone:
        paragraph._p.getparent().remove(paragraph._p)
    result = _round_trip(db_session, report, document)
    assert sum(len(c.removed) for c in result.changes) == 8  # 4 items each, one piece per section
    assert result.removed_paragraphs == printed


def test_items_deleted_from_one_paragraph_are_one_deleted_passage(db_session, demo_reports):
    report = demo_reports[EXPERIENCE]
    document = _word(db_session, report)
    text = _paragraph(document, "建立跟踪督办机制。").text
    second, fourth = text.index("二是建立跟踪督办机制。"), text.index("四是建立委员履职评价机制。")
    _drop_items(document, "建立跟踪督办机制。", "建立宣传推广机制。")
    result = _round_trip(db_session, report, document)
    assert len(result.changes) == 2 and result.removed_paragraphs == [text[second:fourth]]


def test_items_deleted_apart_in_one_paragraph_read_with_an_ellipsis(db_session, demo_reports):
    report = demo_reports[EXPERIENCE]
    document = _word(db_session, report)
    text = _paragraph(document, "建立跟踪督办机制。").text
    second, third = text.index("二是建立跟踪督办机制。"), text.index("三是建立宣传推广机制。")
    fourth = text.index("四是建立委员履职评价机制。")
    _drop_items(document, "建立跟踪督办机制。", "建立委员履职评价机制。")
    result = _round_trip(db_session, report, document)
    assert len(result.changes) == 2
    assert result.removed_paragraphs == [text[second:third] + "……" + text[fourth:]]


def test_the_confirmation_counts_and_lists_the_deleted_paragraphs(client, db_session, demo_reports):
    report = demo_reports[EXPERIENCE]

    def edit(word):
        whole = _paragraph(word, "委员全员下沉。")._p
        whole.getparent().remove(whole)
        _drop_items(word, "建立宣传推广机制。")

    document, html, upload = _upload(client, db_session, report, edit)
    card = html[html.index('id="confirm-removals-card"'):]
    assert "修改稿删除了原文中的 2 段文字（涉及 5 节）" in card
    assert card.count("<li><del>") == 2 and "<li><del>一是委员全员下沉。" in card
    assert "<li><del>三是建立宣传推广机制。" in card
