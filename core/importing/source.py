"""Reading an uploaded document into lines: .docx (Word or WPS), .txt, or pasted text.

A .docx passes core.uploads first (real type, no macros, no zip bomb). Its paragraphs are read as
Word shows the "final" text: tracked insertions kept, tracked deletions dropped. What the parser
needs besides the text is kept on each line: centred, heading style or outline level, Title
style, and the bold text a paragraph opens with (a lead sentence). python-docx is imported by the
first .docx read, so that starting the app or a worker does not load it.
"""
import io
import re
import zipfile
from dataclasses import dataclass, field, replace
from typing import Optional

from core.uploads import DOCX, OLE_MAGIC, Limits, UploadRefused, check_upload

from . import messages

MAX_CHARS = 100_000  # about 160 full pages; a longer file is not one report (reports run 5,000–20,000)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\ufeff]")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def qn(tag: str) -> str:
    """The lxml name of a WordprocessingML tag, w:p → {…/main}p (python-docx's qn, for the one prefix read here)."""
    prefix, name = tag.split(":")
    if prefix != "w":
        raise ValueError(tag)
    return _W + name


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
    list_level: Optional[int] = None  # 1.. when Word's automatic numbering numbers the paragraph
    auto_number: str = ""  # the number Word shows for it (一、 （一） 1. ■), not part of the text


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
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
        raise ImportRefused(messages.BROKEN_DOCX) from error
    except Exception as error:  # lxml errors and the like: a broken package, never a 500
        raise ImportRefused(messages.BROKEN_DOCX) from error
    body = document.element.body
    comments, styles, numbering = _comments(document), _Styles(document), _Numbering(document)
    lines, removed, tracked = [], 0, False
    for p in body.iter(qn("w:p")):
        line, cut, changed = _docx_line(styles, p)
        if line.list_level and line.text.strip():
            line.auto_number = numbering.label(_num_id(p.pPr) or styles.paragraph(p)[4], line.list_level - 1)
        line.comments = [comments[c.get(qn("w:id"))] for c in p.iter(qn("w:commentRangeStart"))
                         if c.get(qn("w:id")) in comments]
        if _style_val(p) in _HAND_BROKEN_STYLES:  # the renderer's break keeps one character off a heading's last line
            line = replace(line, text=line.text.replace("\n", ""))
        lines += _broken(line)
        removed += cut
        tracked = tracked or changed
    if not any(line.text.strip() for line in lines):
        has_pictures = body.find(".//" + qn("w:drawing")) is not None or body.find(".//" + qn("w:pict")) is not None
        raise ImportRefused(messages.IMAGES_ONLY if has_pictures or body.find(".//" + qn("w:tbl")) is not None
                            else messages.EMPTY_FILE)
    source = Source(lines, is_docx=True, comments=list(comments.values()))
    if tracked:
        source.warnings.append(messages.W_TRACKED)
    if source.comments:
        source.warnings.append(messages.W_COMMENTS.format(count=len(source.comments)))
    return _finish(source, removed)


_SKIPPED = {qn("w:del"), qn("w:moveFrom"), qn("w:pPr"), qn("w:rPr")}
# Heading styles of our own templates: a line break in them is layout (core.rendering.breaking), not text.
_HAND_BROKEN_STYLES = {"GwPartHeading", "GwHeading1", "GwHeading2", "GwHeading3", "GwHeading4", "GwNewsHeading"}


def _style_val(p) -> str:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val"), "") if style is not None else ""


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
        elif child.tag == qn("w:cr") or (child.tag == qn("w:br") and child.get(qn("w:type")) in (None, "textWrapping")):
            parts.append("\n")  # a line break (Shift+Enter, text pasted from the web): a line of its own
    return "".join(parts)


def _broken(line: Line) -> list[Line]:
    """A paragraph with line breaks as one line per break; numbering, comments and the bold lead stay
    with the first."""
    if "\n" not in line.text:
        return [line]
    first, *rest = line.text.split("\n")
    bold = line.bold_prefix if line.bold_prefix and "\n" not in line.bold_prefix.strip() \
        and len(first.strip()) > len(line.bold_prefix.strip()) else ""
    return [replace(line, text=first, bold_prefix=bold)] + [
        Line(text, centered=line.centered, title_style=line.title_style) for text in rest]


class _Styles:
    """Style facts looked up once per style id (python-docx searches the style list on every call)."""

    def __init__(self, document):
        from docx.enum.style import WD_STYLE_TYPE

        self.document = document
        self.by_id = {style.style_id: style for style in document.styles}
        self.default = next((s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH
                             and s.element.get(qn("w:default")) in ("1", "true", "on")), None)
        self.paragraph_facts: dict = {}
        self.run_bold: dict = {}

    def paragraph(self, p) -> tuple:
        """(style name, alignment, 1-based outline level, automatic-numbering level, its numId) of the
        paragraph's style."""
        pPr = p.pPr
        style_id = pPr.pStyle.val if pPr is not None and pPr.pStyle is not None else None
        if style_id not in self.paragraph_facts:
            style = self.by_id.get(style_id, self.default) if style_id else self.default
            self.paragraph_facts[style_id] = _style_facts(style)
        return self.paragraph_facts[style_id]

    def bold(self, r) -> bool:
        rPr = r.rPr
        if rPr is not None and rPr.b is not None:
            return rPr.b.val is not False
        style_id = rPr.rStyle.val if rPr is not None and rPr.rStyle is not None else None
        if style_id not in self.run_bold:
            style = self.by_id.get(style_id) if style_id else None
            self.run_bold[style_id] = bool(style is not None and style.font.bold)
        return self.run_bold[style_id]


def _style_facts(style) -> tuple:
    if style is None:
        return "", None, None, None, None
    name = style.name or ""
    level = _level_of(style.element)
    if level is None and (match := _HEADING_STYLE.match(name)):
        level = int(match.group(1))
    return name, style.paragraph_format.alignment, level, _list_level(style.element.pPr), _num_id(style.element.pPr)


def _level_of(element) -> Optional[int]:
    node = element.find(".//" + qn("w:outlineLvl")) if element is not None else None
    value = node.get(qn("w:val")) if node is not None else ""
    return int(value) + 1 if value.isdigit() and int(value) < 9 else None


def _docx_line(styles: _Styles, p) -> tuple[Line, int, bool]:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    name, style_alignment, style_level, style_list, _num = styles.paragraph(p)
    runs = _runs(p)
    text, removed = _clean("".join(_run_text(r) for r in runs))
    tracked = p.find(".//" + qn("w:ins")) is not None or p.find(".//" + qn("w:del")) is not None
    pPr = p.pPr
    alignment = pPr.jc_val if pPr is not None and pPr.jc_val is not None else style_alignment
    level = _level_of(pPr) if pPr is not None else None
    line = Line(text, centered=alignment == WD_ALIGN_PARAGRAPH.CENTER, level=level or style_level,
                title_style=name.lower() in ("title", "标题"), bold_prefix=_bold_prefix(styles, runs),
                list_level=_list_level(pPr) or style_list)
    return line, removed, tracked


def _num_id(pPr) -> Optional[int]:
    numPr = pPr.numPr if pPr is not None else None
    return numPr.numId.val if numPr is not None and numPr.numId is not None else None


def _list_level(pPr) -> Optional[int]:
    """The automatic-numbering level (w:numPr/w:ilvl) of a paragraph, 1-based; None without one."""
    numPr = pPr.numPr if pPr is not None else None
    if numPr is None or numPr.numId is None or numPr.numId.val == 0:
        return None
    return (numPr.ilvl.val if numPr.ilvl is not None else 0) + 1


def _bold_prefix(styles: _Styles, runs) -> str:
    """Text of the bold runs a paragraph opens with, when something not bold follows them."""
    prefix, rest = [], False
    for r in runs:
        text = _run_text(r)
        if not text.strip() and not prefix:
            continue
        if styles.bold(r) and not rest:
            prefix.append(text)
        elif text.strip():
            rest = True
            break
    return "".join(prefix) if rest else ""


_BULLETS = "■●◆▲□○•"


class _Numbering:
    """The numbers Word's automatic numbering shows (一、 （一） 1.), counted in document order."""

    def __init__(self, document):
        self.levels: dict[int, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[int, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {a.get(qn("w:abstractNumId")): {int(lvl.get(qn("w:ilvl"), "0")): _level_format(lvl)
                                                   for lvl in a.findall(qn("w:lvl"))}
                    for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None and (num.get(qn("w:numId")) or "").isdigit():
                self.levels[int(num.get(qn("w:numId")))] = abstract.get(ref.get(qn("w:val")), {})

    def label(self, num_id: Optional[int], ilvl: int) -> str:
        formats = self.levels.get(num_id or 0, {})
        counts = self.counters.setdefault(num_id or 0, [0] * 9)
        if ilvl >= 9 or ilvl not in formats:
            return ""
        counts[ilvl] += 1
        counts[ilvl + 1:] = [0] * (8 - ilvl)
        text = formats[ilvl][1]
        for level in range(ilvl + 1):
            fmt, _, start = formats.get(level, ("decimal", "", 1))
            text = text.replace(f"%{level + 1}", _format_number(fmt, counts[level] + start - 1 if counts[level] else start))
        return text.strip() if formats[ilvl][0] != "bullet" or text.strip() in _BULLETS else ""


def _level_format(lvl) -> tuple[str, str, int]:
    def value(tag: str, default: str) -> str:
        node = lvl.find(qn(tag))
        return node.get(qn("w:val"), default) if node is not None else default

    start = value("w:start", "1")
    return value("w:numFmt", "decimal"), value("w:lvlText", ""), int(start) if start.isdigit() else 1


def _format_number(fmt: str, n: int) -> str:
    from core.drafting.numbering import chinese_number

    if fmt.startswith(("chineseCounting", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        return chinese_number(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    return str(n)


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
