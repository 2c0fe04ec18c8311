"""The PDF prints every character of the .docx, for every kind, the visit packet and the 汇编 (issue 13.1)."""
import io
import re
import shutil
import subprocess

import pytest
from docx import Document
from docx.oxml.ns import qn

from core.rendering import pdf
from tests.support import need

from .outputs import demo_outputs

pytestmark = pytest.mark.system


def _docx_text(data: bytes) -> str:
    body = Document(io.BytesIO(data)).element.body
    return re.sub(r"\s", "", "".join(t.text or "" for t in body.iter(qn("w:t"))))


def _pdf_text(data: bytes) -> str:
    done = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True)
    return re.sub(r"\s", "", done.stdout.decode("utf-8"))


def _first_lost(expected: str, printed: str) -> str | None:
    """The first character of `expected` with its left context that `printed` lacks in order, or None."""
    position = 0
    for index, ch in enumerate(expected):
        position = printed.find(ch, position)
        if position < 0:
            return expected[max(0, index - 10):index] + f"[{ch}]"
        position += 1
    return None


def test_pdf_prints_every_character_of_every_output(db_session):
    need(shutil.which("soffice") is not None and shutil.which("pdftotext") is not None, "需要 LibreOffice 和 pdftotext")
    outputs = demo_outputs(db_session)
    assert {"annual_summary", "half_year_summary", "standing_committee_report", "news_interpretation", "briefing",
            "experience_briefing", "visit_packet", "compilation"} <= set(outputs)
    office = pdf.KeptOffice()
    try:
        lost = {name: _first_lost(_docx_text(data), _pdf_text(office.convert(data))) for name, data in outputs.items()}
    finally:
        office.close()
    assert {name: where for name, where in lost.items() if where} == {}
    assert all(len(_docx_text(data)) > 300 for data in outputs.values())


def _printed_lines(data: bytes) -> list[str]:
    done = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True)
    return [re.sub(r"\s", "", line) for line in done.stdout.decode("utf-8").splitlines() if line.strip()]


def _title_lines(data: bytes) -> list[list[str]]:
    body = Document(io.BytesIO(data)).element.body
    titles = [p for p in body.iter(qn("w:p")) if p.find(f".//{qn('w:pStyle')}[@{qn('w:val')}='GwTitle']") is not None]
    out = []
    for p in titles:
        text = "".join("\n" if el.tag == qn("w:br") else (el.text or "") for el in p.iter(qn("w:t"), qn("w:br")))
        out.append([re.sub(r"\s", "", line) for line in text.split("\n") if line.strip()])
    return [lines for lines in out if lines]


def test_pdf_title_lines_are_the_docx_line_breaks_and_pass_the_pdf_checker(db_session):
    need(shutil.which("soffice") is not None and shutil.which("pdftotext") is not None, "需要 LibreOffice 和 pdftotext")
    from core.rendering.pdf_check import check_pdf

    outputs = demo_outputs(db_session)
    office = pdf.KeptOffice()
    try:
        pdfs = {name: office.convert(data) for name, data in outputs.items()}
    finally:
        office.close()
    printed = {name: _printed_lines(data) for name, data in pdfs.items()}
    assert {name: check_pdf(outputs[name], pdfs[name]) for name in outputs} == {name: [] for name in outputs}
    wrapped = {}
    for name, data in outputs.items():
        for lines in _title_lines(data):
            runs = [printed[name][i:i + len(lines)] for i in range(len(printed[name]))]
            if lines not in runs:
                wrapped[name] = lines
    assert wrapped == {}
    assert any(len(lines) > 1 for data in outputs.values() for lines in _title_lines(data))  # some titles do break


def test_check_format_with_pdf_passes_a_rendered_pair_and_flags_a_foreign_pdf(runner, tmp_path):
    need(shutil.which("soffice") is not None and shutil.which("pdftotext") is not None, "需要 LibreOffice 和 pdftotext")
    from core.rendering.docx import render_docx
    from core.rendering.samples import sample_content

    docx, other = (render_docx(sample_content(kind)) for kind in ("annual_summary", "experience_briefing"))
    (tmp_path / "a.docx").write_bytes(docx)
    office = pdf.KeptOffice()
    try:
        (tmp_path / "a.pdf").write_bytes(office.convert(docx))
        (tmp_path / "b.pdf").write_bytes(office.convert(other))
    finally:
        office.close()
    passed = runner.invoke(args=["check-format", str(tmp_path / "a.docx"), "--pdf", str(tmp_path / "a.pdf")])
    assert passed.exit_code == 0, passed.output
    failed = runner.invoke(args=["check-format", str(tmp_path / "a.docx"), "--pdf", str(tmp_path / "b.pdf")])
    assert failed.exit_code == 1 and "PDF 中缺失字符" in failed.output and "PDF 中标题未按文件中的分行排版" in failed.output
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf")
    bad = runner.invoke(args=["check-format", str(tmp_path / "a.docx"), "--pdf", str(tmp_path / "bad.pdf")])
    assert bad.exit_code == 1 and "无法读取 PDF 文件" in bad.output


def _pages(data: bytes) -> list[str]:
    done = subprocess.run(["pdftotext", "-raw", "-", "-"], input=data, capture_output=True, check=True)
    return [re.sub(r"[ \t]", "", page) for page in done.stdout.decode("utf-8").split("\f")]


def test_compilation_contents_give_each_document_its_printed_page(db_session):
    need(shutil.which("soffice") is not None and pdf.uno_python() is not None, "需要 LibreOffice 和 python3-uno")
    from core.demo import load_demo

    from .outputs import demo_compilation

    load_demo(db_session)
    office = pdf.KeptOffice()
    try:
        pages = _pages(office.convert(demo_compilation(db_session)))
    finally:
        office.close()
    assert not re.search(r"—\d+—", pages[0])  # the cover has no page number
    entries = re.findall(r"^(.+?)\.{3,}(\d+)$", pages[1], re.M)
    assert len(entries) == 3
    for title, number in entries:
        page = next(p for p in pages if re.search(f"—{number}—", p))
        assert page.replace("\n", "").startswith(title), (title, number)


def test_last_table_row_is_never_alone_on_a_page():
    need(shutil.which("soffice") is not None and pdf.uno_python() is not None, "需要 LibreOffice 和 python3-uno")
    from core.rendering.docx import render_docx
    from core.rendering.document import Block, DocumentContent

    rows = [["序号", "姓名", "电话"]] + [[str(i), f"联络员{i}", "0795-5123456"] for i in range(1, 5)]
    office = pdf.KeptOffice()
    try:
        second_pages = []
        for lines in range(12, 18):  # one of these fills page 1 so that only the last row would spill
            content = DocumentContent("briefing", "联系人", "政协东湖县委员会",
                                      blocks=[Block("paragraph", "正文。")] * lines + [Block("table", rows=rows)])
            second_pages.append(_pages(office.convert(render_docx(content)))[1])
    finally:
        office.close()
    spilled = [re.findall(r"联络员\d", page) for page in second_pages]
    assert ["联络员4"] not in spilled
    assert any(len(rows_) >= 2 for rows_ in spilled)  # a spill did happen, and took a row along


def test_cold_conversion_fills_the_contents_from_its_own_layout(db_session):
    need(shutil.which("soffice") is not None and shutil.which("pdftotext") is not None, "需要 LibreOffice 和 pdftotext")
    from core.demo import load_demo

    from .outputs import demo_compilation

    load_demo(db_session)
    pages = _pages(pdf.convert_cold(demo_compilation(db_session)))
    entries = re.findall(r"^(.+?)\.{3,}(\d+)$", pages[1], re.M)
    assert len(entries) == 3
    for title, number in entries:
        assert next(p for p in pages if re.search(f"—{number}—", p)).replace("\n", "").startswith(title)
