"""A rendered Word file carries no template leftovers and keeps headings with their text (issue 13.2, 13.4)."""
import io
import zipfile
from datetime import datetime, timezone

import pytest
from docx.oxml.ns import qn

from core.rendering.docx import render_docx
from core.rendering.format_check import check_docx
from core.rendering.samples import sample_content
from core.rendering.template_builder import TEMPLATE_DIR
from core.kinds import REPORT_KINDS, kind_of

from .conftest import reopen, saved


def _part(data: bytes, name: str) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read(name).decode("utf-8")


def _style(doc, style_id):
    return doc.styles.element.find(f"{qn('w:style')}[@{qn('w:styleId')}='{style_id}']")


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_template_is_word_2013_with_a_chinese_theme(kind):
    data = (TEMPLATE_DIR / f"{kind}.docx").read_bytes()
    settings, theme, app = (_part(data, n) for n in ("word/settings.xml", "word/theme/theme1.xml", "docProps/app.xml"))
    assert 'w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"' in settings
    assert 'w:eastAsia="zh-CN"' in settings and "ja-JP" not in settings
    for leftover in ("ＭＳ 明朝", "ＭＳ ゴシック", 'script="Jpan"'):
        assert leftover not in theme
    assert 'typeface="仿宋_GB2312"' in theme and 'typeface="黑体"' in theme
    assert "Macintosh" not in app and "python-docx" not in _part(data, "docProps/core.xml")


def test_rendered_file_describes_itself():
    before = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    doc = reopen(render_docx(sample_content("half_year_summary")))
    core = doc.core_properties
    assert core.title == sample_content("half_year_summary").title
    assert core.author == core.last_modified_by == "政协东湖县委员会"
    assert core.category == "半年工作总结" and core.comments == ""
    assert core.created.replace(tzinfo=None) >= before and core.modified == core.created


@pytest.mark.parametrize("style_id, level", [("GwTitle", 0), ("GwHeading1", 1), ("GwPartHeading", 1),
                                             ("GwHeading2", 2), ("GwHeading3", 3), ("GwHeading4", 4),
                                             ("GwNewsHeading", 1)])
def test_heading_styles_keep_with_next_and_have_outline_levels(annual_docx, style_id, level):
    ppr = _style(reopen(annual_docx), style_id).find(qn("w:pPr"))
    assert ppr.find(qn("w:keepNext")) is not None and ppr.find(qn("w:keepLines")) is not None
    assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level)


def test_body_keeps_widow_control_and_punctuation_in_line(annual_docx):
    ppr = _style(reopen(annual_docx), "GwBody").find(qn("w:pPr"))
    assert ppr.find(qn("w:widowControl")).get(qn("w:val")) == "1"
    assert ppr.find(qn("w:overflowPunct")).get(qn("w:val")) == "1"


def test_run_in_heading_does_not_hold_its_whole_paragraph_to_the_next():
    from core.rendering.document import Block, DocumentContent

    content = DocumentContent("briefing", "汇报", "政协东湖县委员会", blocks=[
        Block("heading1", "坚持党的领导。", "一、"), Block("item", "召开党组会议8次。", "一是", lead="突出政治建设。", run_in=True),
        Block("heading1", "服务中心大局", "二、"), Block("paragraph", "正文。")])
    body = reopen(render_docx(content)).element.body
    run_in = [p for p in body.iter(qn("w:p")) if p.find(f".//{qn('w:rStyle')}[@{qn('w:val')}='GwLead']") is not None
              and p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")).startswith("GwHeading")]
    assert len(run_in) == 1
    assert all(p.find(f"{qn('w:pPr')}/{qn(tag)}").get(qn("w:val")) == "0" for p in run_in
               for tag in ("w:keepNext", "w:keepLines"))


def test_page_break_is_not_a_blank_paragraph():
    from core.rendering.document import Block, DocumentContent

    content = DocumentContent("annual_summary", "封面", "政协东湖县委员会",
                              blocks=[Block("paragraph", "封面文字。"), Block("page_break"),
                                      Block("heading1", "基本情况", "一、"), Block("paragraph", "正文。")])
    body = reopen(render_docx(content)).element.body
    assert not body.xpath("./w:p[w:r/w:br[@w:type='page']]")
    heading = next(p for p in body.iter(qn("w:p")) if "基本情况" in "".join(t.text for t in p.iter(qn("w:t"))))
    assert heading.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None


def test_checker_reports_what_python_docx_leaves_behind(tmp_path):
    from docx import Document

    path = tmp_path / "plain.docx"
    Document().save(path)
    problems = check_docx(path)
    assert "文件处于兼容模式（compatibilityMode=14），应为15（Word 2013及以上）" in problems
    assert any("ja-JP" in p for p in problems) and any("python-docx" in p for p in problems)
    assert any("2013年" in p for p in problems) and any("Macintosh" in p for p in problems)


def test_checker_reports_a_heading_that_may_end_a_page(annual_docx):
    doc = reopen(annual_docx)
    ppr = _style(doc, "GwHeading2").find(qn("w:pPr"))
    ppr.remove(ppr.find(qn("w:keepNext")))
    ppr.remove(ppr.find(qn("w:outlineLvl")))
    problems = check_docx(saved(doc))
    assert any(p.startswith("标题未设置“与下段同页”") and "（一）" in p for p in problems)
    assert any(p.startswith("标题没有大纲级别") for p in problems)


def test_checker_reports_widow_control_off(annual_docx):
    doc = reopen(annual_docx)
    _style(doc, "GwBody").find(f"{qn('w:pPr')}/{qn('w:widowControl')}").set(qn("w:val"), "0")
    assert any(p.startswith("正文应开启孤行控制") for p in check_docx(saved(doc)))


def test_kind_is_read_back_from_its_chinese_name():
    assert kind_of("常委会工作报告解读") == "news_interpretation" and kind_of("briefing") == "briefing"
