"""The checker catches files that break a rule (each test breaks one)."""
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from core.rendering.docx import render_docx
from core.rendering.format_check import check_docx
from core.rendering.samples import sample_content

from .conftest import reopen, saved


def _problems_after(data: bytes, change, kind=None) -> list[str]:
    doc = reopen(data)
    change(doc)
    return check_docx(saved(doc), kind)


def _style(doc, style_id):
    return doc.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")


def test_wrong_margin_is_reported(annual_docx):
    def narrow(doc):
        doc.sections[0].left_margin = Mm(20)
    assert "第1节左边距为20.0毫米，应为28毫米" in _problems_after(annual_docx, narrow)


def test_letter_paper_is_reported(annual_docx):
    def letter(doc):
        doc.sections[0].page_width = Mm(216)
    assert any("不是A4" in p for p in _problems_after(annual_docx, letter))


def test_missing_line_grid_is_reported(annual_docx):
    def drop_grid(doc):
        sect = doc.sections[0]._sectPr
        sect.remove(sect.find(qn("w:docGrid")))
    assert any("文档网格" in p for p in _problems_after(annual_docx, drop_grid))


def test_body_in_wrong_font_and_size_is_reported(annual_docx):
    def restyle(doc):
        style = doc.styles["公文正文"]
        style.font.size = Pt(14)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    problems = _problems_after(annual_docx, restyle)
    assert any(p.startswith("正文字号不是3号") for p in problems)
    assert any(p.startswith("正文字体不是仿宋") for p in problems)


def test_missing_first_line_indent_is_reported(annual_docx):
    def flush(doc):
        ind = _style(doc, "GwBody").find(f"{qn('w:pPr')}/{qn('w:ind')}")
        ind.set(qn("w:firstLineChars"), "0")
        ind.set(qn("w:firstLine"), "0")
    assert any(p.startswith("正文首行未缩进2字") for p in _problems_after(annual_docx, flush))


def test_bold_or_wrong_font_heading_is_reported(annual_docx):
    def bold(doc):
        doc.styles["一级标题"].font.bold = True
        _style(doc, "GwHeading2").find(f"{qn('w:rPr')}/{qn('w:rFonts')}").set(qn("w:eastAsia"), "黑体")
    problems = _problems_after(annual_docx, bold)
    assert any(p.startswith("一级标题不应加粗") for p in problems)
    assert any(p.startswith("二级标题应为楷体") for p in problems)


def test_title_not_centred_is_reported(annual_docx):
    def left(doc):
        _style(doc, "GwTitle").find(f"{qn('w:pPr')}/{qn('w:jc')}").set(qn("w:val"), "left")
    assert "标题未居中" in _problems_after(annual_docx, left)


def test_missing_east_asian_font_is_reported(annual_docx):
    def latin_only(doc):
        for el in doc.styles.element.iter(qn("w:rFonts")):
            el.attrib.pop(qn("w:eastAsia"), None)
    assert any("w:eastAsia" in p for p in _problems_after(annual_docx, latin_only))


def test_half_width_quotes_are_reported(annual_docx):
    def straight(doc):
        p = doc.paragraphs[1]
        p.runs[-1].text = p.runs[-1].text.replace("“", '"').replace("”", '"')
    assert any(p.startswith("引号应为中文全角引号") for p in _problems_after(annual_docx, straight))


def test_same_footer_on_every_page_is_reported(annual_docx):
    def same(doc):
        doc.settings.odd_and_even_pages_header_footer = False
    assert any("奇偶页" in p for p in _problems_after(annual_docx, same))


def test_page_number_on_wrong_side_is_reported(annual_docx):
    def centre(doc):
        jc = doc.sections[0].even_page_footer.paragraphs[0]._p.pPr.find(qn("w:jc"))
        jc.set(qn("w:val"), "center")
    assert "第1节双页页码应居左" in _problems_after(annual_docx, centre)


def test_table_without_repeating_header_is_reported(annual_docx):
    def no_repeat(doc):
        tr_pr = doc.tables[0]._tbl.tr_lst[0].find(qn("w:trPr"))
        tr_pr.remove(tr_pr.find(qn("w:tblHeader")))
    assert "第1个表格的标题行未设置跨页重复" in _problems_after(annual_docx, no_repeat)


def test_zero_padded_date_and_missing_signature_are_reported(annual_docx):
    def pad(doc):
        doc.paragraphs[-1].runs[0].text = "2024年01月05日"
    assert any(p.startswith("成文日期格式") for p in _problems_after(annual_docx, pad, "annual_summary"))
    unsigned = sample_content("annual_summary")
    unsigned.signature = unsigned.date = ""
    assert "缺少发文机关署名和成文日期" in check_docx(render_docx(unsigned))


def test_speech_without_salutation_or_closing_is_reported():
    content = sample_content("briefing")
    content.blocks = content.blocks[1:]
    content.blocks[-1].kind = "heading3"
    problems = check_docx(render_docx(content))
    assert any(p.startswith("讲话类文稿缺少顶格的称呼") for p in problems)
    assert any(p.startswith("讲话类文稿缺少结束语") for p in problems)


def test_not_a_word_file_is_one_clear_problem(tmp_path):
    path = tmp_path / "x.docx"
    path.write_bytes(b"hello")
    assert check_docx(path) == ["无法打开文件：不是有效的 Word（.docx）文档"]
