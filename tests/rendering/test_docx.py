import pytest
from docx.oxml.ns import qn

from core.rendering.docx import normalise_date, render_docx, signature_indents
from core.rendering.document import Block
from core.rendering.format_check import check_docx
from core.rendering.samples import sample_content
from core.rendering.breaking import break_title
from core.rendering.text import full_width
from core.kinds import REPORT_KINDS

from .conftest import reopen


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_every_kind_renders_and_passes_the_checker(kind):
    data = render_docx(sample_content(kind))
    assert data[:2] == b"PK"
    assert check_docx(data) == []
    assert check_docx(data, kind) == []


def test_text_and_numbers_arrive_in_the_document(annual_docx):
    doc = reopen(annual_docx)
    texts = [p.text.replace("\n", "") for p in doc.paragraphs]  # a heading may be broken by hand (夯实)
    assert "政协东湖县委员会2023年工作总结" in texts
    assert "（一）坚持在强化政治引领上持续用力，政治根基进一步夯实" in texts
    assert any(t.startswith("一是不断强化理论武装。坚持以习近平") for t in texts)
    assert texts[-2:] == ["政协东湖县委员会", "2024年1月5日"]
    assert [c.text for c in doc.tables[0].rows[1].cells] == ["收到提案", "件", "236", "221"]


def test_quotes_become_full_width_chinese_quotes(annual_docx):
    body = " ".join(p.text for p in reopen(annual_docx).paragraphs)
    assert "“加强”" in body and '"' not in body


def test_staff_text_with_markup_characters_does_not_corrupt_the_file():
    content = sample_content("annual_summary")
    content.blocks.append(Block("paragraph", "A&B <script> 5>3 \x0b之后"))
    doc = reopen(render_docx(content))
    assert any(p.text == "A&B <script> 5>3 之后" for p in doc.paragraphs)


def test_long_title_is_broken_between_words_as_a_trapezoid():
    lines = break_title("关于进一步加强和改进新时代市县政协工作情况的汇报")
    assert "".join(lines) == "关于进一步加强和改进新时代市县政协工作情况的汇报"
    assert len(lines) == 2 and len(lines[0]) != len(lines[1]) and all(len(x) <= 20 for x in lines)
    assert lines[1].endswith("的汇报") and not lines[1].startswith("时代")


def test_long_title_is_written_with_line_breaks():
    content = sample_content("briefing")
    doc = reopen(render_docx(content))
    title = next(p for p in doc.paragraphs if p.style.style_id == "GwTitle")
    assert len(title._p.findall(f".//{qn('w:br')}")) == 1


def test_speech_kind_keeps_salutation_and_closing():
    doc = reopen(render_docx(sample_content("briefing")))
    styled = {p.style.style_id: p.text for p in doc.paragraphs if p.text}
    assert styled["GwSalutation"] == "尊敬的张主席，各位领导，同志们："
    assert styled["GwClosing"].startswith("汇报完毕")


def test_signature_and_date_indents_follow_the_standard():
    # A date prints 0.2 character wider at each place where digits meet Chinese (2024 年 1 月 5 日).
    sig, date = signature_indents("政协东湖县委员会办公室", "2024年1月5日")
    assert date == pytest.approx(2 + 11 - 2 - (6 + 1.0)) and sig == 2
    sig, date = signature_indents("县政协", "2024年12月25日")
    assert date == 2 and sig == pytest.approx(2 + (7 + 1.0) + 2 - 3)  # longer date: signature moves left


def test_date_starts_two_characters_right_of_the_signature_as_printed():
    sig, date = signature_indents("政协东湖县委员会", "2023年12月25日")  # 8 characters each on paper
    assert (sig + 8) - (date + 8) == pytest.approx(2)  # before: 3 + 8 - (2 + 7) left 1 character on paper


def test_dates_are_written_without_zero_padding():
    assert normalise_date("2024年01月05日") == "2024年1月5日"
    assert normalise_date("2024-1-5") == "2024年1月5日"


def test_half_width_punctuation_next_to_chinese_becomes_full_width():
    assert full_width("共1,000人,10:30开会(试行);完成!") == "共1,000人，10:30开会（试行）；完成！"


def test_committee_font_choice_replaces_the_body_font():
    content = sample_content("annual_summary")
    content.fonts = {"body": "方正仿宋_GBK"}
    doc = reopen(render_docx(content))
    body = doc.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='GwBody']")
    assert body.find(f"{qn('w:rPr')}/{qn('w:rFonts')}").get(qn("w:eastAsia")) == "方正仿宋_GBK"
    assert check_docx(render_docx(content)) == []


def test_upward_header_carries_number_and_signer():
    doc = reopen(render_docx(sample_content("experience_briefing")))
    texts = [p.text for p in doc.paragraphs]
    assert "政协东湖县委员会文件" in texts
    assert "县政协〔2024〕5号\t签发人：李明" in texts
    assert any(t.startswith("附件：1.协商议事室建设情况统计表") for t in texts)


def test_run_in_items_continue_the_paragraph_before_them():
    content = sample_content("briefing")
    content.blocks[1:] = [Block("heading1", "坚持党的领导，把牢方向。", "一、"),
                          Block("item", "始终把坚定捍卫“两个确立”作为首要政治原则。", "一是", lead="突出政治建设。", run_in=True),
                          Block("item", "引导广大委员。", "二是", lead="强化思想引领。", run_in=True),
                          Block("heading1", "2023年上半年工作总结", align="center"),
                          Block("paragraph", "汇报完毕，谢谢大家。")]
    doc = reopen(render_docx(content))
    heading = next(p for p in doc.paragraphs if p.style.style_id == "GwHeading1")
    assert heading.text == ("一、坚持党的领导，把牢方向。一是突出政治建设。始终把坚定捍卫“两个确立”作为首要政治原则。"
                            "二是强化思想引领。引导广大委员。")
    assert [r.style.style_id for r in heading.runs] == ["DefaultParagraphFont", "GwLead", "GwBodyChar", "GwLead", "GwBodyChar"]
    part = next(p for p in doc.paragraphs if p.text == "2023年上半年工作总结")
    assert part.style.style_id == "GwPartHeading"
    assert check_docx(render_docx(content)) == []


def test_title_breaks_at_the_drafters_space():
    assert break_title("聚焦基层协商议事室建设 打通服务群众“最后一公里”") == [
        "聚焦基层协商议事室建设", "打通服务群众“最后一公里”"]


def test_heading_never_leaves_one_character_on_its_last_line(annual_docx):
    heading = next(p for p in reopen(annual_docx).paragraphs if p.text.startswith("（一）坚持在强化政治引领"))
    assert heading.text.split("\n") == ["（一）坚持在强化政治引领上持续用力，政治根基进一步", "夯实"]
    assert any(p.text == "（六）主要数据" for p in reopen(annual_docx).paragraphs)  # one line: left alone
