"""Reading an uploaded document into lines: .docx (Word or WPS), .txt, or pasted text.

A .docx passes core.uploads first (real type, no macros, no zip bomb). Its paragraphs are read as
Word shows the "final" text: tracked insertions kept, tracked deletions dropped. What the parser
needs besides the text is kept on each line: centred, heading style or outline level, Title
style, and the bold text a paragraph opens with (a lead sentence).
"""
import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Optional

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from core.uploads import DOCX, OLE_MAGIC, Limits, UploadRefused, check_upload

from . import messages

MAX_CHARS = 200_000  # about 120 pages of body text; a 300-page file is not one report
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


class ImportRefused(ValueError):
    """The document cannot be imported; str(error) is the Chinese message."""


@dataclass
class Line:
    """One paragraph of the source with the formatting the parser reads."""

    text: str
    centered: bool = False
    level: Optional[int] = None  # 1.. from a Word heading style or outline level
    title_style: bool = False
    bold_prefix: str = ""  # bold text the paragraph opens with
    comments: list[str] = field(default_factory=list)  # Word comments anchored in this paragraph


@dataclass
class Source:
    lines: list[Line]
    warnings: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    is_docx: bool = False


def read_upload(data: bytes, filename: str) -> Source:
    """A .docx or .txt file's lines; anything else is refused with a Chinese message."""
    name = (filename or "").strip()
    lower = name.lower()
    if data.startswith(OLE_MAGIC):
        raise ImportRefused(messages.ENCRYPTED if _is_encrypted(data) else messages.OLD_FORMAT.format(name=name))
    if lower.endswith((".doc", ".wps", ".wpt", ".dot")):
        raise ImportRefused(messages.OLD_FORMAT.format(name=name))
    if lower.endswith(".docx"):
        return read_docx(data, name)
    if lower.endswith(".txt"):
        return read_text(_decode(data))
    raise ImportRefused(messages.WRONG_TYPE.format(name=name or "未命名文件"))


def _is_encrypted(data: bytes) -> bool:
    """An OLE file holding an EncryptedPackage stream is a password-protected .docx."""
    return "EncryptedPackage".encode("utf-16-le") in data[:1 << 20] or b"EncryptedPackage" in data[:1 << 20]


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused(messages.NOT_TEXT)


def read_text(text: str) -> Source:
    """Pasted text or a .txt file: one line per paragraph."""
    text, removed = _clean(text or "")
    lines = [Line(part) for part in re.split(r"\r\n|\r|\n|\u2028|\u2029", text)]
    return _finish(Source(lines), removed)


def _clean(text: str) -> tuple[str, int]:
    cleaned = _CONTROL.sub("", text.replace("\t", " ").replace("\u3000", " ").replace("\xa0", " "))
    return cleaned, len(text) - len(cleaned)


def _finish(source: Source, removed: int) -> Source:
    source.lines = [line for line in source.lines if line.text.strip()]
    for line in source.lines:
        line.text = line.text.strip()
        line.bold_prefix = line.bold_prefix.strip() if line.text.startswith(line.bold_prefix.strip()) else ""
    if removed:
        source.warnings.append(messages.W_CONTROL.format(count=removed))
    total = sum(len(line.text) for line in source.lines)
    if total > MAX_CHARS:
        raise ImportRefused(messages.TOO_LONG.format(count=total, limit=MAX_CHARS))
    if not source.lines:
        raise ImportRefused(messages.EMPTY)
    return source


# --- .docx -----------------------------------------------------------------------------------

def read_docx(data: bytes, filename: str = "文稿.docx", limits: Limits = Limits()) -> Source:
    try:
        check_upload(data, filename, DOCX, limits)
    except UploadRefused as error:
        raise ImportRefused(str(error)) from None
    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
        raise ImportRefused(messages.BROKEN_DOCX) from error
    except Exception as error:  # lxml errors and the like: a broken package, never a 500
        raise ImportRefused(messages.BROKEN_DOCX) from error
    body = document.element.body
    comments = _comments(document)
    lines, removed, tracked = [], 0, False
    for p in body.iter(qn("w:p")):
        line, cut, changed = _docx_line(document, p)
        line.comments = [comments[c.get(qn("w:id"))] for c in p.iter(qn("w:commentRangeStart"))
                         if c.get(qn("w:id")) in comments]
        lines.append(line)
        removed += cut
        tracked = tracked or changed
    if not any(line.text.strip() for line in lines):
        has_pictures = body.find(".//" + qn("w:drawing")) is not None or body.find(".//" + qn("w:pict")) is not None
        raise ImportRefused(messages.IMAGES_ONLY if has_pictures or body.find(".//" + qn("w:tbl")) is not None
                            else messages.EMPTY)
    source = Source(lines, is_docx=True, comments=list(comments.values()))
    if tracked:
        source.warnings.append(messages.W_TRACKED)
    if source.comments:
        source.warnings.append(messages.W_COMMENTS.format(count=len(source.comments)))
    return _finish(source, removed)


_SKIPPED = {qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr")}


def _runs(p) -> list:
    """The paragraph's runs as Word shows the final text: inside w:ins and hyperlinks too."""
    out = []

    def visit(element) -> None:
        for child in element:
            if child.tag in _SKIPPED:
                continue
            if child.tag == qn("w:r"):
                out.append(child)
            else:
                visit(child)

    visit(p)
    return out


def _run_text(r) -> str:
    parts = []
    for child in r:
        if child.tag == qn("w:t"):
            parts.append(child.text or "")
        elif child.tag in (qn("w:tab"), qn("w:ptab")):
            parts.append(" ")
        elif child.tag == qn("w:sym"):
            parts.append(chr(int(child.get(qn("w:char"), "20"), 16)) if child.get(qn("w:char")) else "")
    return "".join(parts)


def _docx_line(document, p) -> tuple[Line, int, bool]:
    from docx.text.paragraph import Paragraph

    paragraph = Paragraph(p, document._body)
    style = paragraph.style
    runs = _runs(p)
    raw = "".join(_run_text(r) for r in runs)
    text, removed = _clean(raw)
    tracked = p.find(".//" + qn("w:ins")) is not None or p.find(".//" + qn("w:del")) is not None
    line = Line(text, centered=_centered(paragraph), level=_outline_level(paragraph),
                title_style=bool(style is not None and style.name and style.name.lower() in ("title", "标题")),
                bold_prefix=_bold_prefix(paragraph, runs))
    return line, removed, tracked


def _centered(paragraph) -> bool:
    alignment = paragraph.alignment
    if alignment is None and paragraph.style is not None:
        alignment = paragraph.style.paragraph_format.alignment
    return alignment == WD_ALIGN_PARAGRAPH.CENTER


def _outline_level(paragraph) -> Optional[int]:
    """1-based level from the paragraph's outline level, else its heading style's."""
    for element in (paragraph._p.pPr, getattr(paragraph.style, "element", None)):
        node = element.find(".//" + qn("w:outlineLvl")) if element is not None else None
        if node is not None and (node.get(qn("w:val")) or "").isdigit() and int(node.get(qn("w:val"))) < 9:
            return int(node.get(qn("w:val"))) + 1
    name = paragraph.style.name if paragraph.style is not None else ""
    match = _HEADING_STYLE.match(name or "")
    return int(match.group(1)) if match else None


def _bold_prefix(paragraph, runs) -> str:
    """Text of the bold runs a paragraph opens with, when something not bold follows them."""
    from docx.text.run import Run

    prefix, rest = [], False
    for r in runs:
        run = Run(r, paragraph)
        text = _run_text(r)
        if not text.strip() and not prefix:
            continue
        bold = run.bold if run.bold is not None else bool(run.style is not None and run.style.font.bold)
        if bold and not rest:
            prefix.append(text)
        elif text.strip():
            rest = True
            break
    return "".join(prefix) if rest else ""


def _comments(document) -> dict[str, str]:
    """The text of every Word comment (批注) by its id, in file order."""
    part = next((rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/comments") and not rel.is_external), None)
    if part is None:
        return {}
    from lxml import etree

    try:
        root = etree.fromstring(part.blob)
    except etree.XMLSyntaxError:
        return {}
    return {c.get(qn("w:id")): "".join(t.text or "" for t in c.iter(qn("w:t"))) for c in root.iter(qn("w:comment"))}
