"""Tables in the 公文表格 style: columns as wide as their content needs, short words never split in a cell,
the last row never alone on a page (issue 13.5)."""
import re
from xml.sax.saxutils import escape

from . import layout
from .breaking import words
from .fonts import metrics_for
from .text import full_width

TABLE_PT = layout.TABLE_HALF_POINTS / 2
TEXT_WIDTH_TWIPS = (layout.PAGE_WIDTH_MM - layout.MARGINS_MM["left"] - layout.MARGINS_MM["right"]) * 5670 // 100
CELL_MARGIN_TWIPS = 108  # left and right, Word's default cell margins (TableNormal)
SHORT_CELL = 8  # characters: a cell this short is kept on one line when the columns allow it
SMALL_TABLE_ROWS = 12  # a table this short stays on one page; a longer one keeps at least its last two rows
_LATIN_RUN = re.compile(r"[A-Za-z0-9.%:/\-—～~]+")
_BORDERS = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                   for e in ("top", "left", "bottom", "right", "insideH", "insideV"))


def table_xml(rows: list[list[str]]) -> str:
    """A full-width table: header row 黑体 repeated on every page, rows unsplit; a small table kept on one
    page, a longer one never leaving its last row alone."""
    columns = max((len(r) for r in rows), default=1)
    grid = [[full_width(str(c)) for c in list(row) + [""] * (columns - len(row))] for row in rows]
    widths = column_widths(grid)
    parts = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{layout.TABLE_STYLE_ID}"/>'
             f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>{_BORDERS}</w:tblBorders>'
             '<w:tblLayout w:type="fixed"/></w:tblPr><w:tblGrid>'
             + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths) + "</w:tblGrid>"]
    for index, row in enumerate(grid):
        header = index == 0
        keep = index < len(grid) - 1 if len(grid) <= SMALL_TABLE_ROWS else index == len(grid) - 2
        parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "") + "</w:trPr>")
        for text, width in zip(row, widths):
            parts.append(_cell(text, width, header, keep))
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _cell(text: str, width: int, header: bool, keep_with_next: bool) -> str:
    style = "GwTableHeader" if header else "GwTableText"
    lines = cell_lines(text, width - 2 * CELL_MARGIN_TWIPS, _font(header))
    ppr = f'<w:pStyle w:val="{style}"/>' + ("<w:keepNext/>" if keep_with_next else "") + \
        ('<w:jc w:val="left"/>' if len(lines) > 1 and not header else "")  # wrapped text reads from the left
    runs = '<w:r><w:br/></w:r>'.join(f'<w:r><w:rPr><w:rFonts w:hint="eastAsia"/></w:rPr>'
                                     f'<w:t xml:space="preserve">{escape(line)}</w:t></w:r>' for line in lines)
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
            f'<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p></w:tc>')


def _font(header: bool) -> str:
    return layout.FONTS["heading1" if header else "body"]


def _twips(text: str, font: str) -> float:
    return metrics_for(font).width(text) * TABLE_PT * 20


def pieces(text: str) -> list[str]:
    """Unbreakable pieces of a cell: Latin/digit runs (0795-5123456, 9:00—10:30) and Chinese words, a bare
    number kept with its unit (12月, 215名)."""
    out: list[str] = []
    chinese = ""
    for part in re.split(f"({_LATIN_RUN.pattern})", text):
        if _LATIN_RUN.fullmatch(part or " ") and not part.isdigit():
            out += _singles_kept(words(chinese)) if chinese else []
            out.append(part)
            chinese = ""
        else:
            chinese += part
    return out + (_singles_kept(words(chinese)) if chinese else [])


def _singles_kept(tokens: list[str]) -> list[str]:
    """Single characters the dictionary leaves one by one stay together: a person's name (刘洋), 三楼;
    副 stays with its post (副主席)."""
    out: list[str] = []
    joinable = False
    for token in tokens:
        single = len(token) == 1 and not token.isspace()
        if out and out[-1] == "副":
            out[-1] += token
            joinable = False
        elif out and single and joinable:
            out[-1] += token
        else:
            out.append(token)
            joinable = single
    return out


def column_widths(grid: list[list[str]], total: int = TEXT_WIDTH_TWIPS) -> list[int]:
    """Twips per column: every column its whole text where the 版心 allows, else at least its short cells
    whole and its longest word, else at least its longest unbreakable piece (9:00—11:30, a word, a name),
    the rest shared by how much more each column would like."""
    margin = 2 * CELL_MARGIN_TWIPS + 40
    natural = [max(_twips(row[c], _font(i == 0)) for i, row in enumerate(grid)) + margin for c in range(len(grid[0]))]
    minimum = [max(_minimum(row[c], _font(i == 0)) for i, row in enumerate(grid)) + margin for c in range(len(grid[0]))]
    unbroken = [max(_longest_piece(row[c], _font(i == 0)) for i, row in enumerate(grid)) + margin
                for c in range(len(grid[0]))]
    if sum(natural) <= total:
        base, share = natural, natural
    elif sum(minimum) <= total:
        base, share = minimum, [n - m for n, m in zip(natural, minimum)]
    elif sum(unbroken) <= total:
        base, share = unbroken, [n - u for n, u in zip(natural, unbroken)]
    else:
        base, share = [0.0] * len(minimum), minimum
    spare, weight = total - sum(base), sum(share) or 1
    widths = [int(b + spare * s / weight) for b, s in zip(base, share)]
    widths[-1] += total - sum(widths)
    return widths


def _minimum(text: str, font: str) -> float:
    if len(text) <= SHORT_CELL:
        return _twips(text, font)
    return _longest_piece(text, font)


def _longest_piece(text: str, font: str) -> float:
    """The widest piece a line break must not cut: a Latin or digit run of any length (9:00—11:30, whose
    dash makes it non-ASCII), a Chinese word up to SHORT_CELL characters; a short cell with a number in it
    (12月12日) whole."""
    if len(text) <= SHORT_CELL and any(ch.isdigit() for ch in text):
        return _twips(text, font)
    return max((_twips(p, font) for p in pieces(text) if len(p) <= SHORT_CELL or _LATIN_RUN.fullmatch(p)), default=0)


def cell_lines(text: str, room: int, font: str) -> list[str]:
    """The cell's text in lines that fit `room` twips, broken only between pieces (民建 stays whole)."""
    if _twips(text, font) <= room:
        return [text]
    lines, line = [], ""
    for piece in pieces(text):
        if line and _twips(line + piece, font) > room - TABLE_PT * 20 * 0.5:  # half a character to spare
            lines.append(line)
            line = ""
        line += piece
    return lines + [line] if line else lines
