"""Page-level layout besides the body styles: the unnumbered cover and the table of contents (issue 13.5).

A document whose blocks open with a page break (the visit packet, the 汇编) has a cover: its title page
is a section of its own with no page number, the title placed in the upper third and the issuing lines
lower down; page numbering starts at 1 on the first body page.
"""
import copy
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from . import layout, rules

COVER_TITLE_LINES_BEFORE = 5  # grid lines above the title on a cover
COVER_SUBTITLE_LINES_BEFORE = 8  # between the title and the compiler / date lines
TOC_STYLE_ID = "TOC1"  # Word's own id for the level-1 entries of a TOC field


def make_cover(body) -> None:
    """End the cover section before the first page break: no footers there, numbering restarts after it."""
    final = body.find(qn("w:sectPr"))
    start = next((p for p in body.iterchildren(qn("w:p")) if p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}")
                  is not None), None)
    last_cover = start.getprevious() if start is not None else None
    if final is None or last_cover is None or last_cover.tag != qn("w:p"):
        return
    start.find(qn("w:pPr")).remove(start.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}"))
    cover = copy.deepcopy(final)
    for ref in cover.findall(qn("w:footerReference")) + cover.findall(qn("w:headerReference")):
        cover.remove(ref)
    rules.set_paragraph_property(last_cover, "w:sectPr")
    last_cover.find(qn("w:pPr")).replace(last_cover.find(f"{qn('w:pPr')}/{qn('w:sectPr')}"), cover)
    _restart_numbering(final)
    _place_cover_lines(body, start)


def _restart_numbering(sect_pr) -> None:
    number = sect_pr.find(qn("w:pgNumType"))
    if number is None:
        number = OxmlElement("w:pgNumType")
        later = [sect_pr.find(qn(t)) for t in ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg",
                                                 "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid")]
        following = next((el for el in later if el is not None), None)
        if following is not None:
            following.addprevious(number)
        else:
            sect_pr.append(number)
    number.set(qn("w:start"), "1")


def _place_cover_lines(body, first_body_paragraph) -> None:
    """Title in the upper third, the issuing lines below it; the cover title stays out of a TOC."""
    subtitle_seen = False
    for p in body.iterchildren(qn("w:p")):
        if p is first_body_paragraph:
            break
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = style.get(qn("w:val")) if style is not None else ""
        if style_id == "GwTitle":
            rules.set_paragraph_property(p, "w:spacing", before=COVER_TITLE_LINES_BEFORE * layout.LINE_TWIPS)
            rules.set_paragraph_property(p, "w:outlineLvl", val=9)
        elif style_id == "GwSubtitle" and not subtitle_seen:
            rules.set_paragraph_property(p, "w:spacing", before=COVER_SUBTITLE_LINES_BEFORE * layout.LINE_TWIPS)
            subtitle_seen = True


def toc_xml(entries: list[str]) -> str:
    """A TOC field over level-1 outline (each document's title), its entries pre-filled without page
    numbers: LibreOffice updates it when converting (core/rendering/uno_bridge.py), Word when opening
    (w:updateFields)."""
    field_start = ('<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
                   '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-1" \\h \\z </w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
    paragraphs = []
    for index, entry in enumerate(entries or [""]):
        runs = (field_start if index == 0 else "") + \
            f'<w:r><w:t xml:space="preserve">{escape(entry)}</w:t></w:r><w:r><w:tab/></w:r>'
        if index == len(entries or [""]) - 1:
            runs += '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
        paragraphs.append(f'<w:p><w:pPr><w:pStyle w:val="{TOC_STYLE_ID}"/></w:pPr>{runs}</w:p>')
    return "".join(paragraphs)


def blank_line_below_title_block(body) -> None:
    """One blank line between the title block and the text (7.3.2): below the last subtitle line when the
    title has any (——在…会议上, the speaker), not between the title and its subtitle."""
    for title in body.iterchildren(qn("w:p")):
        if _style_of(title) == "GwTitle":
            break
    else:
        return
    last, following = None, title.getnext()
    while following is not None and following.tag == qn("w:p") and _style_of(following) == "GwSubtitle":
        last, following = following, following.getnext()
    if last is not None:
        rules.set_paragraph_property(title, "w:spacing", after=0)
        rules.set_paragraph_property(last, "w:spacing", after=layout.LINE_TWIPS)


def _style_of(p) -> str:
    style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return style.get(qn("w:val")) if style is not None else ""
