"""The OFD package (GB/T 33190-2016): OFD.xml → Doc_0/Document.xml → PublicRes.xml (fonts, files in
Doc_0/Res) → Pages/Page_N/Content.xml. Millimetres, origin top left; every ID unique and ≤ MaxUnitID."""
import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from xml.sax.saxutils import escape, quoteattr

from .fonts import EmbeddedFont
from .drawing import BLACK, PageDrawing, Path, TextLine

NS = "http://www.ofdspec.org/2016"
MM_PER_PT = 25.4 / 72
CREATOR = "政协文稿"
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'


@dataclass
class DocInfo:
    title: str = ""
    author: str = ""
    created: date | None = None
    keywords: list[str] = field(default_factory=list)


def mm(value: float) -> str:
    """Points to millimetres, three decimals, no trailing zeros."""
    text = f"{value * MM_PER_PT:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Ids:
    """Sequential object IDs; the last one is the document's MaxUnitID."""

    def __init__(self):
        self.last = 0

    def next(self) -> int:
        self.last += 1
        return self.last


def build_ofd(pages: list[PageDrawing], fonts: dict[str, EmbeddedFont], info: DocInfo) -> bytes:
    """The zipped package for pages already read from a PDF and fonts already cut."""
    ids = _Ids()
    font_ids = {pdf_name: ids.next() for pdf_name in fonts}
    files: dict[str, bytes] = {}
    for pdf_name, font in fonts.items():
        if font.data:
            files[f"Doc_0/Res/font_{font_ids[pdf_name]}.{font.extension}"] = font.data
    page_ids = []
    for number, page in enumerate(pages):
        page_ids.append(ids.next())
        files[f"Doc_0/Pages/Page_{number}/Content.xml"] = _page_xml(page, font_ids, ids).encode()
    files["Doc_0/PublicRes.xml"] = _public_res(fonts, font_ids).encode()
    box = _box(pages[0]) if pages else "0 0 210 297"
    files["Doc_0/Document.xml"] = _document(page_ids, ids.last, box).encode()
    files["OFD.xml"] = _ofd(info, pages).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name in ["OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml"] + sorted(
                n for n in files if n not in ("OFD.xml", "Doc_0/Document.xml", "Doc_0/PublicRes.xml")):
            package.writestr(name, files[name])
    return out.getvalue()


def _ofd(info: DocInfo, pages: list[PageDrawing]) -> str:
    doc_id = hashlib.md5(repr((info, [(p.width, len(p.lines)) for p in pages])).encode()).hexdigest()
    parts = [f"<ofd:DocID>{doc_id}</ofd:DocID>"]
    if info.title:
        parts.append(f"<ofd:Title>{escape(info.title)}</ofd:Title>")
    if info.author:
        parts.append(f"<ofd:Author>{escape(info.author)}</ofd:Author>")
    if info.created:
        parts.append(f"<ofd:CreationDate>{info.created.isoformat()}</ofd:CreationDate>")
    if info.keywords:
        parts.append("<ofd:Keywords>" + "".join(f"<ofd:Keyword>{escape(k)}</ofd:Keyword>" for k in info.keywords)
                     + "</ofd:Keywords>")
    parts.append(f"<ofd:Creator>{CREATOR}</ofd:Creator>")
    return (f'{_HEAD}<ofd:OFD xmlns:ofd="{NS}" Version="1.0" DocType="OFD"><ofd:DocBody>'
            f'<ofd:DocInfo>{"".join(parts)}</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
            "</ofd:DocBody></ofd:OFD>")


def _document(page_ids: list[int], max_id: int, box: str) -> str:
    pages = "".join(f'<ofd:Page ID="{pid}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n, pid in enumerate(page_ids))
    return (f'{_HEAD}<ofd:Document xmlns:ofd="{NS}"><ofd:CommonData><ofd:MaxUnitID>{max_id}</ofd:MaxUnitID>'
            f"<ofd:PageArea><ofd:PhysicalBox>{box}</ofd:PhysicalBox></ofd:PageArea>"
            "<ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
            f"<ofd:Pages>{pages}</ofd:Pages></ofd:Document>")


def _public_res(fonts: dict[str, EmbeddedFont], font_ids: dict[str, int]) -> str:
    rows = []
    for pdf_name, font in fonts.items():
        fid = font_ids[pdf_name]
        name = quoteattr(font.name)
        file = f"<ofd:FontFile>font_{fid}.{font.extension}</ofd:FontFile>" if font.data else ""
        rows.append(f'<ofd:Font ID="{fid}" FontName={name} FamilyName={name}>{file}</ofd:Font>')
    return f'{_HEAD}<ofd:Res xmlns:ofd="{NS}" BaseLoc="Res"><ofd:Fonts>{"".join(rows)}</ofd:Fonts></ofd:Res>'


def _page_xml(page: PageDrawing, font_ids: dict[str, int], ids: _Ids) -> str:
    layer = ids.next()
    objects = [_path_object(path, page.height, ids.next()) for path in page.paths]
    objects += [_text_object(line, page.height, font_ids[line.font], ids.next()) for line in page.lines]
    return (f'{_HEAD}<ofd:Page xmlns:ofd="{NS}"><ofd:Area><ofd:PhysicalBox>{_box(page)}'
            f'</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="{layer}" Type="Body">'
            f'{"".join(objects)}</ofd:Layer></ofd:Content></ofd:Page>')


def _box(page: PageDrawing) -> str:
    """The page size to 0.1 mm (LibreOffice writes A4 as 595.304 pt, 210.01 mm)."""
    return f"0 0 {page.width * MM_PER_PT:.1f} {page.height * MM_PER_PT:.1f}".replace(".0 ", " ").removesuffix(".0")


def _color(tag: str, color) -> str:
    return f'<ofd:{tag} Value="{color[0]} {color[1]} {color[2]}"/>'


def _deltas(xs: list[float]) -> str:
    """DeltaX between successive glyph origins, equal runs abbreviated as `g N value`."""
    steps = [mm(b - a) for a, b in zip(xs, xs[1:])]
    parts = []
    for value, run in groupby(steps):
        count = len(list(run))
        parts.append(f"g {count} {value}" if count > 1 else value)
    return " ".join(parts)


def _text_object(line: TextLine, page_height: float, font_id: int, object_id: int) -> str:
    """One line: its boundary from the ascent above the baseline to the descent below it."""
    left, top = line.xs[0], page_height - line.y - line.size
    width = line.xs[-1] - left + max(line.last_advance, line.size * 0.5) + line.size * 0.1
    colors = _color("FillColor", line.color) if line.color != BLACK else ""
    stroke = ""
    if line.stroke is not None:
        stroke = f' Stroke="true" LineWidth="{mm(line.stroke_width)}"'
        colors += _color("StrokeColor", line.stroke) if line.stroke != BLACK else ""
    deltas = _deltas(line.xs)
    delta = f' DeltaX="{deltas}"' if deltas else ""
    return (f'<ofd:TextObject ID="{object_id}" Boundary="{mm(left)} {mm(top)} {mm(width)} {mm(line.size * 1.3)}"'
            f' Font="{font_id}" Size="{mm(line.size)}"{stroke}>{colors}<ofd:TextCode X="0" Y="{mm(line.size)}"{delta}>'
            f'{escape("".join(line.text))}</ofd:TextCode></ofd:TextObject>')


def _path_object(path: Path, page_height: float, object_id: int) -> str:
    """A path relative to its boundary, which is widened by the line width so thin rules show."""
    pad = path.line_width
    x0, y0, x1, y1 = path.bbox
    left, top = x0 - pad, page_height - y1 - pad

    def point(p) -> str:
        return f"{mm(p[0] - left)} {mm(page_height - p[1] - top)}"

    data = []
    for op, *points in path.segments:
        letter = {"m": "M", "l": "L", "c": "B", "v": "B", "y": "B", "h": "C"}.get(op)
        if letter == "B" and len(points) == 2:
            points = [points[0], *points] if op == "v" else [points[0], points[1], points[1]]
        if letter:
            data.append(" ".join([letter, *(point(p) for p in points)]))
    stroke = path.stroke is not None
    attrs = f' LineWidth="{mm(path.line_width)}"' if stroke else ' Stroke="false"'
    attrs += ' Fill="true"' if path.fill is not None else ""
    colors = (_color("StrokeColor", path.stroke) if stroke and path.stroke != BLACK else "") + (
        _color("FillColor", path.fill) if path.fill is not None else "")
    return (f'<ofd:PathObject ID="{object_id}" Boundary="{mm(left)} {mm(top)} {mm(x1 - x0 + 2 * pad)} '
            f'{mm(y1 - y0 + 2 * pad)}"{attrs}>{colors}<ofd:AbbreviatedData>{" ".join(data)}'
            "</ofd:AbbreviatedData></ofd:PathObject>")
