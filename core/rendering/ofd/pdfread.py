"""What each PDF page draws, read with pdfminer.six: positioned characters grouped into lines, and
vector paths (rules, table borders) with their colours. Units stay PDF points, y upwards."""
import io
import math

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LTChar, LTCurve, LTFigure
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser

from .drawing import BLACK, Color, PageDrawing, Path, TextLine


def rgb(color, space: str = "") -> Color | None:
    """A pdfminer colour (gray, RGB or CMYK components in 0–1) as 0–255 RGB; None when unknown."""
    if color is None:
        return None
    values = color if isinstance(color, (list, tuple)) else (color,)
    try:
        values = [float(v) for v in values]
    except (TypeError, ValueError):
        return None  # a pattern or a named colour
    if len(values) == 1:
        values = values * 3
    elif len(values) == 4:
        c, m, y, k = values
        values = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    if len(values) != 3:
        return None
    return tuple(max(0, min(255, round(v * 255))) for v in values)


class _Aggregator(PDFPageAggregator):
    """pdfminer's aggregator, keeping what the OFD needs and pdfminer drops: each glyph's font
    size in device space, its text rendering mode, and line widths scaled by the CTM."""

    _render_mode = 0

    def render_string(self, textstate, seq, ncs, graphicstate):
        self._render_mode = textstate.render
        return super().render_string(textstate, seq, ncs, graphicstate)

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate):
        advance = super().render_char(matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate)
        item = self.cur_item._objs[-1]
        item.device_size = fontsize * math.hypot(matrix[2], matrix[3])
        item.device_advance = advance * math.hypot(matrix[0], matrix[1])
        item.invisible = self._render_mode in (3, 7)  # a text layer under a scan: not drawn
        if self._render_mode in (1, 2, 5, 6):  # stroke, fill+stroke (with or without clipping)
            item.stroke = rgb(graphicstate.scolor) or BLACK
            item.stroke_width = graphicstate.linewidth * self._scale()
        return advance

    def _scale(self) -> float:
        a, b, c, d, _, _ = self.ctm
        return math.sqrt(abs(a * d - b * c)) or 1.0

    def paint_path(self, gstate, stroke, fill, evenodd, path):
        before = len(self.cur_item._objs)
        super().paint_path(gstate, stroke, fill, evenodd, path)
        for item in self.cur_item._objs[before:]:
            item.device_line_width = gstate.linewidth * self._scale()


def read_pdf(pdf: bytes) -> list[PageDrawing]:
    """Every page's lines of text and paths."""
    document = PDFDocument(PDFParser(io.BytesIO(pdf)))
    manager = PDFResourceManager(caching=True)
    device = _Aggregator(manager, laparams=None)
    interpreter = PDFPageInterpreter(manager, device)
    pages = []
    for page in PDFPage.create_pages(document):
        interpreter.process_page(page)
        layout = device.get_result()
        x0, y0, x1, y1 = page.mediabox
        chars, paths = [], []
        _collect(layout, chars, paths)
        pages.append(PageDrawing(x1 - x0, y1 - y0, _lines(chars, x0, y0), [_shift(p, x0, y0) for p in paths]))
    return pages


def _collect(container, chars: list, paths: list) -> None:
    for item in container:
        if isinstance(item, LTChar):
            chars.append(item)
        elif isinstance(item, LTCurve):
            paths.append(item)
        elif isinstance(item, LTFigure):
            _collect(item, chars, paths)


def _lines(chars: list[LTChar], dx: float, dy: float) -> list[TextLine]:
    """Consecutive characters with the same baseline, font, size and colour form one line."""
    lines: list[TextLine] = []
    for char in chars:
        text = char.get_text()
        if getattr(char, "invisible", False) or not text:
            continue
        x, y = char.matrix[4] - dx, char.matrix[5] - dy
        size = getattr(char, "device_size", char.size)
        color = rgb(char.graphicstate.ncolor) or BLACK
        stroke, stroke_width = getattr(char, "stroke", None), getattr(char, "stroke_width", 0.0)
        line = lines[-1] if lines else None
        if (line is None or line.font != char.fontname or abs(line.size - size) > 0.01 or line.color != color
                or abs(line.y - y) > 0.01 or x < line.xs[-1] or line.stroke != stroke):
            line = TextLine(char.fontname, size, color, y, stroke=stroke, stroke_width=stroke_width)
            lines.append(line)
        advance = getattr(char, "device_advance", char.width)
        # One glyph for several characters (a ligature): the characters share its advance.
        line.xs += [x + advance * i / len(text) for i in range(len(text))]
        line.text += list(text)
        line.last_advance = advance / len(text)
    return lines


def _shift(curve: LTCurve, dx: float, dy: float) -> Path:
    segments = []
    for segment in curve.original_path or [("m", p) if i == 0 else ("l", p) for i, p in enumerate(curve.pts)]:
        op, *points = segment
        segments.append((op, *[(px - dx, py - dy) for px, py in points]))
    x0, y0, x1, y1 = curve.bbox
    return Path(segments, getattr(curve, "device_line_width", curve.linewidth),
                rgb(curve.stroking_color) if curve.stroke else None,
                rgb(curve.non_stroking_color) if curve.fill else None,
                (x0 - dx, y0 - dy, x1 - dx, y1 - dy))
