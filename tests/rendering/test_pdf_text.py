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
        office.stop()
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


def test_pdf_title_lines_are_the_docx_line_breaks(db_session):
    need(shutil.which("soffice") is not None and shutil.which("pdftotext") is not None, "需要 LibreOffice 和 pdftotext")
    outputs = demo_outputs(db_session)
    office = pdf.KeptOffice()
    try:
        printed = {name: _printed_lines(office.convert(data)) for name, data in outputs.items()}
    finally:
        office.stop()
    wrapped = {}
    for name, data in outputs.items():
        for lines in _title_lines(data):
            runs = [printed[name][i:i + len(lines)] for i in range(len(printed[name]))]
            if lines not in runs:
                wrapped[name] = lines
    assert wrapped == {}
    assert any(len(lines) > 1 for data in outputs.values() for lines in _title_lines(data))  # some titles do break
