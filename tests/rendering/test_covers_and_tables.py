"""Covers without page numbers, a real table of contents, tables sized by their content (issue 13.5)."""
from docx.oxml.ns import qn

from core.rendering.docx import render_docx
from core.rendering.document import Block, DocumentContent
from core.rendering.format_check import check_docx
from core.rendering.fonts import metrics_for
from core.rendering.tables import TABLE_PT, TEXT_WIDTH_TWIPS, cell_lines, column_widths, table_xml

from .conftest import reopen, saved

CONTACTS = [["方别", "姓名", "职务", "电话", "分工"], ["接待方", "赵红", "县政协秘书长", "0795-5123456", "总体联络"],
            ["来访方", "周强", "东湖县政协秘书长", "13907950002", "来访方联络"]]


def _covered(*blocks) -> bytes:
    return render_docx(DocumentContent("annual_summary", "政协东湖县委员会考察团来西山县交流考察材料", "政协西山县委员会",
                                       subtitle_lines=["政协西山县委员会", "2024年5月20日"],
                                       blocks=[Block("page_break"), *blocks], signature="政协西山县委员会",
                                       date="2024年5月20日"))


def test_cover_is_a_section_without_page_numbers_and_numbering_restarts():
    doc = reopen(_covered(Block("heading1", "基本情况", "一、"), Block("paragraph", "正文。")))
    cover, body = (s._sectPr for s in doc.sections)
    assert not cover.findall(qn("w:footerReference")) and len(body.findall(qn("w:footerReference"))) == 2
    assert body.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    title = next(p for p in doc.paragraphs if p.style.style_id == "GwTitle")
    assert int(title._p.pPr.find(qn("w:spacing")).get(qn("w:before"))) >= 4 * 579  # not at the top of the page
    assert check_docx(saved(doc)) == []


def test_checker_reports_a_numbered_cover():
    doc = reopen(_covered(Block("paragraph", "正文。")))
    doc.sections[1]._sectPr.remove(doc.sections[1]._sectPr.find(qn("w:pgNumType")))
    assert "正文页码应从封面后的第一页起编为1" in check_docx(saved(doc))


def test_a_document_without_an_opening_page_break_has_no_cover():
    doc = reopen(render_docx(DocumentContent("briefing", "汇报", "政协东湖县委员会", blocks=[Block("paragraph", "正文。")])))
    assert len(doc.sections) == 1


def test_table_of_contents_is_a_toc_field_under_a_centred_heading():
    data = _covered(Block("heading1", "目录", align="center"), Block("toc", rows=[["东湖县政协2023年工作总结"], ["数据汇总"]]))
    doc = reopen(data)
    heading = next(p for p in doc.paragraphs if p.text == "目录")
    assert heading.style.style_id == "GwPartHeading" and heading.alignment is None  # centred by its style
    entries = [p for p in doc.paragraphs if p.style.style_id == "TOC1"]
    assert [p.text for p in entries] == ["东湖县政协2023年工作总结\t", "数据汇总\t"]
    instr = "".join(t.text for t in doc.element.body.iter(qn("w:instrText")))
    assert 'TOC \\o "1-1"' in instr
    assert doc.settings.element.find(qn("w:updateFields")).get(qn("w:val")) == "true"


def test_columns_follow_their_content_and_fill_the_text_block():
    widths = column_widths(CONTACTS)
    assert sum(widths) == TEXT_WIDTH_TWIPS
    assert widths[3] > widths[1] and widths[2] > widths[0]  # phone numbers and posts get the room
    for column, width in enumerate(widths):  # every short cell on one line: 0795-5123456, 县政协秘书长
        assert all(cell_lines(row[column], width - 216, "仿宋_GB2312") == [row[column]] for row in CONTACTS[1:])


def test_a_long_cell_wraps_between_words_only():
    text = "16个：中共、民革、民盟、民建、工商联、无党派、共青团、妇联、科技、教育、文化艺术、医药卫生、农业、经济、社会福利、特邀"
    lines = cell_lines(text, 6000, "仿宋_GB2312")
    assert "".join(lines) == text and len(lines) > 1
    assert all(not a.endswith(("民", "工商", "医药")) for a in lines[:-1])


def test_a_small_table_stays_on_one_page_and_a_long_one_keeps_its_last_two_rows():
    small = table_xml(CONTACTS + [["来访方", "李明", "主席", "13800000000", "带队"]]).split("<w:tr>")[1:]
    assert ["<w:keepNext/>" in row for row in small] == [True, True, True, False]
    long = table_xml(CONTACTS + [["来访方", f"联络员{i}", "秘书", "13800000000", "联络"] for i in range(20)]).split("<w:tr>")[1:]
    assert ["<w:keepNext/>" in row for row in long] == [False] * 21 + [True, False]


AGENDA = [["日期", "时间", "地点", "活动内容", "陪同人员"],
          ["12月12日", "9:00—11:30", "城关镇协商议事室", "实地考察基层协商议事室建设", "县政协副主席 陈华"],
          ["12月12日", "15:00—17:00", "县政协三楼会议室", "座谈交流", "县政协主席 王建国、秘书长 刘洋"],
          ["12月13日", "9:00—11:00", "西山县委员工作室", "考察委员工作室履职服务", "县政协秘书长 刘洋"]]


def test_a_cramped_table_breaks_between_words_never_inside_a_time_a_date_or_a_name():
    widths = column_widths(AGENDA)  # the demo visit's 日程: too wide for every short cell to stay whole
    assert sum(widths) == TEXT_WIDTH_TWIPS
    cells = [cell_lines(text, width - 216, "仿宋_GB2312") for row in AGENDA[1:] for text, width in zip(row, widths)]
    assert ["9:00—11:30"] in cells and ["15:00—17:00"] in cells and ["12月12日"] in cells
    printed = metrics_for("仿宋_GB2312").width("15:00—17:00") * TABLE_PT * 20
    assert printed <= widths[1] - 216  # the column holds it: LibreOffice printed 9:00 / — / 11:30
    lines = [line.strip() for cell in cells for line in cell]
    assert "刘洋" in lines and "陈华" in lines and "副主席" in lines and "三楼" in lines  # was 刘 / 洋, 副 / 主席
