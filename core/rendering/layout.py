"""GB/T 9704-2012 figures and styles, shared by the template builder, renderer and checker.

A kind's own layout (signature, speech lines, names) is part of its spec in core.kinds.
"""
from dataclasses import dataclass

# Paper and margins (5.1, 5.2.1), millimetres.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGINS_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
MARGIN_TOLERANCE_MM = 1
FOOTER_DISTANCE_MM = 25  # puts the page-number dash about 7 mm below the 版心 (7.5)

# 22 lines of 28 characters (5.2.3): exact 28.95 pt lines, −0.25 pt character spacing.
LINE_TWIPS = 579
CHAR_SPACING = -5  # twentieths of a point, in the run properties
CHAR_TWIPS = 320  # one 3号 (16 pt) character
BODY_HALF_POINTS = 32  # 3号
TITLE_HALF_POINTS = 44  # 2号
PAGE_NUMBER_HALF_POINTS = 28  # 4号
TABLE_HALF_POINTS = 28  # 4号 in tables keeps a 6-column table readable
TITLE_LINE_CHARS = 20  # 2号 characters that fit the 156 mm 版心

# Official font names (SPEC §6); a committee may override a role through DocumentContent.fonts.
FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading1": "黑体",
    "heading2": "楷体_GB2312",
    "page_number": "宋体",
}


@dataclass(frozen=True)
class StyleSpec:
    """One named style of the templates: what a committee restyles in Word."""

    style_id: str
    name: str
    font_role: str
    half_points: int = BODY_HALF_POINTS
    align: str = "both"  # w:jc value
    first_line_chars: int = 200  # hundredths of a character
    exact_lines: bool = True
    bold: bool = False
    character: bool = False  # a character style (lead sentences)
    color: str = ""
    lines_after: int = 0  # blank lines after the paragraph (one below the title, 7.3.2)
    snap_to_grid: bool = True  # 2号 lines are taller than a grid line: snapped, they take two
    outline_level: int | None = None  # 0-based w:outlineLvl: Word's navigation pane and TOC fields
    keep_with_next: bool = False  # besides headings: subtitle lines stay with what follows them
    leader_tab: bool = False  # a right tab with dot leader at the 版心's right edge (TOC entries' page numbers)

    @property
    def keeps_with_next(self) -> bool:
        """Headings (title included) never end a page (SPEC §6 lines)."""
        return self.outline_level is not None or self.keep_with_next


STYLES = (
    StyleSpec("GwBody", "公文正文", "body"),
    StyleSpec("GwTitle", "公文标题", "title", TITLE_HALF_POINTS, "center", 0, lines_after=1, snap_to_grid=False,
              outline_level=0),
    StyleSpec("GwSubtitle", "副标题", "heading2", align="center", first_line_chars=0, keep_with_next=True),
    StyleSpec("GwAddressee", "主送机关", "body", align="left", first_line_chars=0),
    StyleSpec("GwPartHeading", "部分标题", "heading1", align="center", first_line_chars=0, outline_level=1),
    StyleSpec("GwHeading1", "一级标题", "heading1", outline_level=1),
    StyleSpec("GwHeading2", "二级标题", "heading2", outline_level=2),
    StyleSpec("GwHeading3", "三级标题", "body", outline_level=3),
    StyleSpec("GwHeading4", "四级标题", "body", outline_level=4),
    StyleSpec("GwNewsHeading", "新闻标题", "heading1", outline_level=1),
    StyleSpec("GwSalutation", "称呼", "body", align="left", first_line_chars=0),
    StyleSpec("GwClosing", "结束语", "body"),
    StyleSpec("GwAttachment", "附件说明", "body", align="left"),
    StyleSpec("GwSignature", "署名", "body", align="right", first_line_chars=0),
    StyleSpec("GwDate", "日期", "body", align="right", first_line_chars=0),
    StyleSpec("GwTableText", "表格文字", "body", TABLE_HALF_POINTS, "center", 0, exact_lines=False),
    StyleSpec("GwTableHeader", "表头", "heading1", TABLE_HALF_POINTS, "center", 0, exact_lines=False),
    StyleSpec("GwRecord", "版记", "body", PAGE_NUMBER_HALF_POINTS, "left", 0),
    StyleSpec("GwPageNumber", "页码", "page_number", PAGE_NUMBER_HALF_POINTS, "right", 0, exact_lines=False),
    StyleSpec("GwIssuer", "发文机关标志", "title", 52, "center", 0, exact_lines=False, color="FF0000",
              snap_to_grid=False),
    StyleSpec("GwDocNumber", "发文字号", "body", align="left", first_line_chars=0),
    StyleSpec("TOC1", "toc 1", "body", align="left", first_line_chars=0, leader_tab=True),  # Word's TOC level 1
    StyleSpec("GwLead", "引导句", "body", bold=True, character=True),
    StyleSpec("GwBodyChar", "正文字符", "body", character=True),  # body text run in after a heading
)
STYLE_BY_ID = {s.style_id: s for s in STYLES}
TABLE_STYLE_ID, TABLE_STYLE_NAME = "GwTable", "公文表格"

# Block kind -> paragraph style ("part_heading": a heading1 block with align="center").
BLOCK_STYLES = {
    "part_heading": "GwPartHeading",
    "heading1": "GwHeading1",
    "heading2": "GwHeading2",
    "heading3": "GwHeading3",
    "heading4": "GwHeading4",
    "paragraph": "GwBody",
    "item": "GwBody",
    "salutation": "GwSalutation",
    "closing": "GwClosing",
    "news_heading": "GwNewsHeading",
}
