"""One function per GB/T 9704-2012 rule that lives in a template: page, grid, styles, footers.

scripts/build_docx_templates.py applies them to make templates_docx/<kind>.docx; the renderer and the
checker only read what they wrote, so a committee can still restyle the .docx in Word.
"""
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm

from . import layout


def set_fonts(rpr, font: str) -> None:
    """Name the font in all four slots (w:eastAsia included) and drop theme fonts (SPEC §6 fonts)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        if attr.lower().endswith("theme"):  # asciiTheme … and cstheme
            del fonts.attrib[attr]
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{slot}"), font)


# Schema order of the children we write (Word rejects out-of-order properties; LibreOffice does not).
_ORDER = {
    "w:pPr": ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange"),
    "w:rPr": ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
              "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
              "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
              "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
              "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath"),
    "w:tblPr": ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"),
    "w:tr": ("w:tblPrEx", "w:trPr", "w:tc", "w:customXml", "w:sdt"),
    "w:pBdr": ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"),
    "w:style": ("w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
                "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked", "w:personal",
                "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr", "w:tblPr", "w:trPr",
                "w:tcPr", "w:tblStylePr"),
}


def _local(el) -> str:
    return "w:" + el.tag.rsplit("}", 1)[-1]


def _child(parent, tag: str, **attrs):
    """The child `tag` of parent (created in schema order if missing), with the given w: attributes."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        seq = _ORDER.get(_local(parent))
        later = seq[seq.index(tag) + 1:] if seq and tag in seq else ()
        following = next((c for c in parent if _local(c) in later), None)
        if following is not None:
            following.addprevious(el)
        else:
            parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), str(value))
    return el


def apply_page_margins(section) -> None:
    """A4 portrait; top 37, bottom 35, left 28, right 26 mm (5.1, 5.2.1)."""
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(layout.PAGE_WIDTH_MM), Mm(layout.PAGE_HEIGHT_MM)
    m = layout.MARGINS_MM
    section.top_margin, section.bottom_margin = Mm(m["top"]), Mm(m["bottom"])
    section.left_margin, section.right_margin = Mm(m["left"]), Mm(m["right"])
    section.footer_distance = Mm(layout.FOOTER_DISTANCE_MM)
    section.header_distance = Mm(15)


def set_document_grid(section) -> None:
    """22 lines a page (5.2.3): a line grid of 28.95 pt; 28 characters come from −0.25 pt spacing."""
    sect_pr = section._sectPr
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is not None:
        sect_pr.remove(grid)
    grid = OxmlElement("w:docGrid")
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(layout.LINE_TWIPS))
    sect_pr.append(grid)


def set_document_defaults(doc, body_font: str) -> None:
    """Default run properties: the body font in every slot and East Asian language zh-CN (punctuation)."""
    set_default_fonts(doc.styles.element, body_font)


def set_default_fonts(styles, body_font: str) -> None:
    defaults = styles.find(qn("w:docDefaults"))
    rpr = _child(_child(defaults, "w:rPrDefault"), "w:rPr")
    set_fonts(rpr, body_font)
    _child(rpr, "w:sz", val=layout.BODY_HALF_POINTS)
    _child(rpr, "w:szCs", val=layout.BODY_HALF_POINTS)
    _child(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")


def define_paragraph_style(doc, spec: layout.StyleSpec) -> None:
    """A named style: font, size, alignment, 2-character first-line indent, exact 28.95 pt lines (7.3)."""
    from docx.enum.style import WD_STYLE_TYPE

    kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
    style = doc.styles.add_style(spec.name, kind)
    style.element.set(qn("w:styleId"), spec.style_id)
    style.quick_style = True
    if not spec.character:
        style.base_style = None
        _paragraph_properties(style.element, spec)
    _run_properties(style.element, spec, layout.FONTS[spec.font_role])


def _paragraph_properties(style_el, spec: layout.StyleSpec) -> None:
    ppr = _child(style_el, "w:pPr")
    if spec.keeps_with_next:
        _child(ppr, "w:keepNext")
        _child(ppr, "w:keepLines")  # a wrapped heading is never split over two pages either
    _child(ppr, "w:widowControl", val=1)
    keep_punctuation_in_line(ppr)
    if not spec.snap_to_grid:
        _child(ppr, "w:snapToGrid", val=0)
    if spec.exact_lines:
        after = spec.lines_after * layout.LINE_TWIPS
        _child(ppr, "w:spacing", line=layout.LINE_TWIPS, lineRule="exact", before=0, after=after)
    else:
        _child(ppr, "w:spacing", line=240, lineRule="auto", before=0, after=0)
    if spec.leader_tab:
        width = (layout.PAGE_WIDTH_MM - layout.MARGINS_MM["left"] - layout.MARGINS_MM["right"]) * 5670 // 100
        _child(_child(ppr, "w:tabs"), "w:tab", val="right", leader="dot", pos=width)
    first = spec.first_line_chars * layout.CHAR_TWIPS // 100
    _child(ppr, "w:ind", firstLineChars=spec.first_line_chars, firstLine=first, left=0, right=0)
    _child(ppr, "w:jc", val=spec.align)
    if spec.outline_level is not None:
        _child(ppr, "w:outlineLvl", val=spec.outline_level)


def keep_punctuation_in_line(ppr) -> None:
    """28 characters a line come from −0.25 pt spacing (5.2.3); a mark falling 29th is hung past the margin
    by LibreOffice and, in a justified line, not drawn. An explicit overflowPunct makes LibreOffice carry
    it to the next line with the character before it (SPEC §6 characters: 423 of 423 marks kept)."""
    _child(ppr, "w:overflowPunct", val=1)


def _run_properties(style_el, spec: layout.StyleSpec, font: str) -> None:
    rpr = _child(style_el, "w:rPr")
    set_fonts(rpr, font)
    if spec.bold:
        _child(rpr, "w:b")
    else:
        _child(rpr, "w:b", val=0)
    if spec.color:
        _child(rpr, "w:color", val=spec.color)
    if spec.half_points == layout.BODY_HALF_POINTS:
        _child(rpr, "w:spacing", val=layout.CHAR_SPACING)
    if not spec.character:
        _child(rpr, "w:sz", val=spec.half_points)
        _child(rpr, "w:szCs", val=spec.half_points)


def define_table_style(doc) -> None:
    """Tables: single 0.5 pt borders on every edge, cells in 仿宋 (header row 黑体 via 表头)."""
    from docx.enum.style import WD_STYLE_TYPE

    style = doc.styles.add_style(layout.TABLE_STYLE_NAME, WD_STYLE_TYPE.TABLE)
    style.element.set(qn("w:styleId"), layout.TABLE_STYLE_ID)
    tbl_pr = _child(style.element, "w:tblPr")
    borders = _child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, f"w:{edge}", val="single", sz=4, space=0, color="000000")
    _child(tbl_pr, "w:jc", val="center")


def add_page_number_footers(doc, section) -> None:
    """`— N —` in 4号宋体: odd pages right, even pages left, one character in (7.5)."""
    doc.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    _page_number_paragraph(section.footer.paragraphs[0], "right")
    _page_number_paragraph(section.even_page_footer.paragraphs[0], "left")


def _page_number_paragraph(paragraph, side: str) -> None:
    paragraph.style = "页码"
    ppr = paragraph._p.get_or_add_pPr()
    _child(ppr, "w:ind", **{side: layout.CHAR_TWIPS * 7 // 8, "firstLine": 0})  # 280 twips: one 4号 character
    _child(ppr, "w:jc", val=side)
    paragraph.add_run("\u2014 ")
    _field_run(paragraph, "begin")
    instr = paragraph.add_run()._r
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = " PAGE "
    instr.append(text)
    _field_run(paragraph, "separate")
    paragraph.add_run("1")
    _field_run(paragraph, "end")
    paragraph.add_run(" \u2014")


def _field_run(paragraph, kind: str) -> None:
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(char)


def add_bottom_rule(paragraph, color: str = "FF0000", size: int = 12, space: int = 11) -> None:
    """A rule under a paragraph as wide as the 版心 (the red rule of the 版头, 7.2.4; 版记 rules, 7.4)."""
    borders = _child(paragraph._p.get_or_add_pPr(), "w:pBdr")
    _child(borders, "w:bottom", val="single", sz=size, space=space, color=color)


def add_top_rule(paragraph, size: int = 12) -> None:
    borders = _child(paragraph._p.get_or_add_pPr(), "w:pBdr")
    _child(borders, "w:top", val="single", sz=size, space=1, color="000000")


def anchor_table_to_bottom(table) -> None:
    """版记 sits at the foot of the last page: a table floating on the bottom margin, full 版心 width,
    thick first and last rules, a thin rule between its lines, no side rules (7.4)."""
    tbl_pr = table._tbl.tblPr
    style = tbl_pr.find(qn("w:tblStyle"))
    if style is not None:
        tbl_pr.remove(style)
    # An absolute position from the top of the page: LibreOffice ignores tblpYSpec="bottom", Word honours both.
    rows = table._tbl.findall(qn("w:tr"))
    for row in rows:
        _child(_child(row, "w:trPr"), "w:trHeight", val=layout.LINE_TWIPS, hRule="exact")
    top = round((layout.PAGE_HEIGHT_MM - layout.MARGINS_MM["bottom"]) * 56.7) - len(rows) * layout.LINE_TWIPS
    _child(tbl_pr, "w:tblpPr", horzAnchor="margin", vertAnchor="page", tblpXSpec="center", tblpY=top)
    width = (layout.PAGE_WIDTH_MM - layout.MARGINS_MM["left"] - layout.MARGINS_MM["right"]) * 5670 // 100
    _child(tbl_pr, "w:tblW", w=width, type="dxa")
    borders = _child(tbl_pr, "w:tblBorders")
    for edge, size in (("top", 8), ("left", 0), ("bottom", 8), ("right", 0), ("insideH", 4), ("insideV", 0)):
        _child(borders, f"w:{edge}", val="single" if size else "nil", sz=size, space=0, color="000000")


def set_paragraph_property(p, tag: str, **attrs):
    """Direct paragraph formatting, in schema order (overrides the style)."""
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    return _child(ppr, tag, **attrs)


def page_breaks_before(body) -> None:
    """A page break becomes `pageBreakBefore` on the paragraph after it: an empty paragraph holding only the
    break would put a blank line at the top of the next page."""
    for p in body.xpath("./w:p[w:r/w:br[@w:type='page']]"):
        following = p.getnext()
        if following is None or following.tag != qn("w:p") or _holds_more_than_a_break(p):
            continue
        set_paragraph_property(following, "w:pageBreakBefore")
        body.remove(p)


def _holds_more_than_a_break(p) -> bool:
    text = "".join(t.text or "" for t in p.iter(qn("w:t")))
    breaks = [br for br in p.iter(qn("w:br")) if br.get(qn("w:type")) == "page"]
    return bool(text.strip()) or len(breaks) != 1 or p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None
