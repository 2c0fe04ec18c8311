"""Checks of the laid-out PDF against its .docx: what only the page shows (lost marks, stranded headings).

Reads the PDF through poppler's pdftotext (`-raw`: content-stream order, so table cells come row by row).
"""
import difflib
import io
import re
import shutil
import subprocess
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

_SPACE = re.compile(r"\s+")
_PAGE_NUMBER = re.compile(r"[—-]\d+[—-]")
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28


class PdfToolMissing(RuntimeError):
    """poppler-utils (pdftotext) is not installed."""


class NotAPdf(ValueError):
    """pdftotext could not read the file."""


def pdf_pages(pdf: bytes | str | Path) -> list[str]:
    """The text of each page, in content-stream order."""
    if shutil.which("pdftotext") is None:
        raise PdfToolMissing("服务器未安装 poppler-utils（pdftotext），无法检查 PDF")
    data = Path(pdf).read_bytes() if isinstance(pdf, (str, Path)) else pdf
    done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True,
                          timeout=60)
    if done.returncode != 0:
        raise NotAPdf("无法读取 PDF 文件：文件已损坏或不是 PDF")
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


def check_pdf(docx: bytes | str | Path, pdf: bytes | str | Path) -> list[str]:
    """Every PDF rule: no character lost, titles as broken, no heading last on a page or ending in one
    character, 28 characters and 22 lines on a full page."""
    document = Document(io.BytesIO(docx) if isinstance(docx, bytes) else str(docx))
    pages = pdf_pages(pdf)
    lines = [[_SPACE.sub("", line) for line in page.splitlines() if line.strip()] for page in pages]
    lines = [[line for line in page if not _PAGE_NUMBER.fullmatch(line)] for page in lines]
    return (lost_characters_problems(document, pages) + title_line_problems(document, lines)
            + heading_problems(document, lines) + grid_problems(document, lines))


def lost_characters_problems(document, pages: list[str]) -> list[str]:
    """Every character of the .docx appears in the PDF, in order (GB/T 9704 5.2.3 with hanging marks)."""
    expected = docx_body_text(document)
    lost = missing_characters(expected, "".join(pages))
    return [f"PDF 中缺失字符“{ch}”（“{expected[max(0, k - 8):k]}”之后）" for k, ch in lost]


def title_lines(document) -> list[list[str]]:
    """The lines of every title paragraph (公文标题 style), as the .docx breaks them."""
    from .format_check import paragraph_lines, style_id

    titles = [[_SPACE.sub("", line) for line in paragraph_lines(p) if line.strip()]
              for p in document.element.body.iter(qn("w:p")) if style_id(p) == "GwTitle"]
    return [t for t in titles if t]


def title_line_problems(document, pages: list[list[str]]) -> list[str]:
    """Each title prints on exactly the lines the .docx breaks it into (7.3.1): no further wrap."""
    printed = [line for page in pages for line in page]
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


def heading_problems(document, pages: list[list[str]]) -> list[str]:
    """No heading is the last line of a page; no wrapped heading ends in one lone character."""
    from .word_checks import is_heading

    headings = [_SPACE.sub("", "".join(t.text or "" for t in p.iter(qn("w:t"))))
                for p in document.element.body.iter(qn("w:p")) if is_heading(p)]
    problems = []
    for heading in filter(None, headings):
        for page_index, page in enumerate(pages):
            found = _lines_spelling(page, heading)
            if found is None:
                continue
            first, last = found
            if last == len(page) - 1 and page_index < len(pages) - 1:
                problems.append(f"标题位于页末（第{page_index + 1}页）：“{heading[:12]}”")
            if last > first and len(page[last]) == 1:
                problems.append(f"标题末行只有一个字：“{page[last - 1][-4:]}/{page[last]}”")
            break
    return problems


def _lines_spelling(page: list[str], text: str) -> tuple[int, int] | None:
    """(first, last) index of consecutive lines that together spell `text` exactly."""
    for first, line in enumerate(page):
        if not text.startswith(line):
            continue
        joined, last = line, first
        while len(joined) < len(text) and last + 1 < len(page):
            last += 1
            joined += page[last]
        if joined == text:
            return first, last
    return None


def grid_problems(document, pages: list[list[str]]) -> list[str]:
    """A full page of running text has 22 lines of 28 characters (5.2.3)."""
    cells = {_SPACE.sub("", "".join(t.text or "" for t in tc.iter(qn("w:t"))))
             for tc in document.element.body.iter(qn("w:tc"))}
    titles = {line for lines in title_lines(document) for line in lines}
    problems = []
    text_pages = [page for page in pages[:-1]
                  if page and not any(_in_cells(line, cells) or line in titles for line in page)]
    for number, page in enumerate(pages, 1):
        long = [line for line in page if len(line) > CHARS_PER_LINE and all(_wide(ch) for ch in line)]
        if long:
            problems.append(f"第{number}页有超过{CHARS_PER_LINE}字的行：“{long[0][:12]}…”")
        if len(page) > LINES_PER_PAGE and page in text_pages:
            problems.append(f"第{number}页有{len(page)}行，超过每页{LINES_PER_PAGE}行")
    if len(text_pages) >= 2 and max(len(page) for page in text_pages) != LINES_PER_PAGE:
        problems.append(f"满页正文不是每页{LINES_PER_PAGE}行（最多{max(len(p) for p in text_pages)}行）")
    body_lines = [line for page in text_pages for line in page if all(_wide(ch) for ch in line)]
    if len(body_lines) > LINES_PER_PAGE and max(map(len, body_lines)) != CHARS_PER_LINE:
        problems.append(f"正文每行不是{CHARS_PER_LINE}字（最长{max(map(len, body_lines))}字）")
    return problems


def _in_cells(line: str, cells: set[str]) -> bool:
    return any(line in cell for cell in cells if cell)


def _wide(ch: str) -> bool:
    from .fonts import is_wide

    return is_wide(ch)
