"""Checks of the laid-out PDF against its .docx: what only the page shows (lost marks, stranded headings).

Reads the PDF through poppler's pdftotext (`-raw`: content-stream order, so table cells come row by row).
"""
import difflib
import re
import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

_SPACE = re.compile(r"\s+")


class PdfToolMissing(RuntimeError):
    """poppler-utils (pdftotext) is not installed."""


def pdf_pages(pdf: bytes | str | Path) -> list[str]:
    """The text of each page, in content-stream order."""
    if shutil.which("pdftotext") is None:
        raise PdfToolMissing("服务器未安装 poppler-utils（pdftotext），无法检查 PDF")
    data = Path(pdf).read_bytes() if isinstance(pdf, (str, Path)) else pdf
    done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          timeout=60)
    return done.stdout.decode("utf-8", errors="replace").split("\f")[:-1] or [""]


def docx_body_text(document) -> str:
    """Every character the .docx body prints (paragraphs and tables in order), whitespace dropped."""
    body = document.element.body
    return _SPACE.sub("", "".join(t.text or "" for t in body.iter(qn("w:t"))))


def missing_characters(expected: str, printed: str) -> list[tuple[int, str]]:
    """(position, character) of each character of `expected` that `printed` lacks, whitespace aside."""
    expected, printed = _SPACE.sub("", expected), _SPACE.sub("", printed)
    if _is_subsequence(expected, printed):
        return []
    matcher = difflib.SequenceMatcher(None, expected, printed, autojunk=False)
    return [(k, expected[k]) for op, a0, a1, _, _ in matcher.get_opcodes() if op in ("delete", "replace")
            for k in range(a0, a1)]


def _is_subsequence(needle: str, haystack: str) -> bool:
    rest = iter(haystack)
    return all(ch in rest for ch in needle)


def lost_characters_problems(docx: bytes | str | Path, pdf: bytes | str | Path) -> list[str]:
    """Every character of the .docx appears in the PDF, in order (GB/T 9704 5.2.3 with hanging marks)."""
    import io

    document = Document(io.BytesIO(docx) if isinstance(docx, bytes) else str(docx))
    expected = docx_body_text(document)
    lost = missing_characters(expected, "".join(pdf_pages(pdf)))
    return [f"PDF 中缺失字符“{ch}”（“{expected[max(0, k - 8):k]}”之后）" for k, ch in lost]


def title_lines(document) -> list[list[str]]:
    """The lines of every title paragraph (公文标题 style), as the .docx breaks them."""
    titles = []
    for p in document.element.body.iter(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        if style is None or style.get(qn("w:val")) != "GwTitle":
            continue
        lines, current = [], []
        for el in p.iter(qn("w:t"), qn("w:br")):
            if el.tag == qn("w:br"):
                lines.append("".join(current))
                current = []
            else:
                current.append(el.text or "")
        lines.append("".join(current))
        titles.append([_SPACE.sub("", line) for line in lines if line.strip()])
    return [t for t in titles if t]


def title_line_problems(docx: bytes | str | Path, pdf: bytes | str | Path) -> list[str]:
    """Each title prints on exactly the lines the .docx breaks it into (7.3.1): no further wrap."""
    import io

    document = Document(io.BytesIO(docx) if isinstance(docx, bytes) else str(docx))
    printed = [_SPACE.sub("", line) for page in pdf_pages(pdf) for line in page.splitlines() if line.strip()]
    problems, position = [], 0
    for lines in title_lines(document):
        found = _find_run(printed, lines, position)
        if found is None:
            problems.append(f"PDF 中标题未按文件中的分行排版：“{'/'.join(lines)}”")
        else:
            position = found + len(lines)
    return problems


def _find_run(printed: list[str], lines: list[str], start: int) -> int | None:
    for i in range(start, len(printed) - len(lines) + 1):
        if printed[i:i + len(lines)] == lines:
            return i
    return None
