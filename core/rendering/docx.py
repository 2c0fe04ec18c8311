"""DocumentContent -> official-format .docx: docxtpl fills templates_docx/<kind>.docx, python-docx
then applies the rules that depend on the document (signature indents, font choices, run hints).
"""
import io
from pathlib import Path
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docxtpl import DocxTemplate, RichText
from markupsafe import Markup

from . import layout, rules
from .document import Block, DocumentContent
from .text import break_title, display_width, full_width

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "templates_docx"
RENDERER_VERSION = "1"  # bump when output changes for the same content (a re-render is then not reused)
_template_cache: dict[str, tuple[float, bytes]] = {}


class TemplateMissing(LookupError):
    """No Word template for a report kind."""


def template_bytes(kind: str) -> bytes:
    """The kind's template, read once and again only when the file changes (a committee restyled it)."""
    path = TEMPLATE_DIR / f"{kind}.docx"
    if not path.exists():
        raise TemplateMissing(f"缺少文稿类型“{kind}”的 Word 模板：templates_docx/{kind}.docx")
    mtime = path.stat().st_mtime
    cached = _template_cache.get(kind)
    if cached is None or cached[0] != mtime:
        cached = _template_cache[kind] = (mtime, path.read_bytes())
    return cached[1]


def render_docx(content: DocumentContent) -> bytes:
    """The .docx bytes for one document, every SPEC §6 rule applied."""
    template = DocxTemplate(io.BytesIO(template_bytes(content.kind)))
    template.render(build_context(content), autoescape=True)
    doc = template.docx
    doc.core_properties.category = content.kind  # lets the checker apply the kind's rules
    doc.core_properties.title = content.title
    doc.core_properties.author = content.committee_name
    apply_font_choices(doc, content.fonts)
    set_signature_indents(doc)
    mark_east_asian_runs(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def build_context(content: DocumentContent) -> dict:
    """The template's context (see templates_docx/README.md); all text made full-width first."""
    header = content.header
    return {
        "title": "\n".join(break_title(content.title, layout.TITLE_LINE_CHARS)),
        "subtitle_lines": [full_width(line) for line in content.subtitle_lines],
        "addressee": _with_colon(content.addressee),
        "blocks": block_views(mark_speech_lines(content)),
        "attachments": attachment_lines(content.attachments),
        "signature": full_width(content.signature),
        "date": normalise_date(content.date),
        "header": header and {"issuer": full_width(header.issuer), "doc_number": full_width(header.doc_number),
                              "signer": full_width(header.signer)},
        "copy_to": full_width(content.copy_to).rstrip("。"),
        "printed_by": full_width(content.printed_by),
        "printed_date": normalise_date(content.printed_date),
    }


def _with_colon(text: str) -> str:
    """主送机关 and salutations end with a full-width colon (7.3.2)."""
    text = full_width(text).strip()
    return text if not text or text.endswith("：") else text.rstrip(":") + "："


def mark_speech_lines(content: DocumentContent) -> list[Block]:
    """Speech kinds keep their salutation (first line) and closing (last paragraph) in their own styles."""
    blocks = list(content.blocks)
    if not layout.layout_for(content.kind).speech or not blocks:
        return blocks
    kinds = {b.kind for b in blocks}
    first = blocks[0]
    if "salutation" not in kinds and first.kind == "paragraph" and full_width(first.text).endswith("："):
        blocks[0] = Block(**{**first.__dict__, "kind": "salutation"})
    last = blocks[-1]
    if "closing" not in kinds and last.kind == "paragraph" and len(blocks) > 1:
        blocks[-1] = Block(**{**last.__dict__, "kind": "closing"})
    return blocks


def block_views(blocks: list[Block]) -> list[dict]:
    """What the template loops over: kind, and the runs of its paragraph (run-in items joined on)."""
    views: list[dict] = []
    for block in blocks:
        if block.kind == "table":
            views.append({"kind": "table", "xml": Markup(table_xml(block.rows))})
        elif block.kind == "page_break":
            views.append({"kind": "page_break"})
        elif block.run_in and views and "rich" in views[-1]:
            _add_runs(views[-1]["rich"], block, after_heading=views[-1]["kind"] != "paragraph")
        else:
            view = {"kind": _view_kind(block), "rich": RichText()}
            _add_runs(view["rich"], block, after_heading=False)
            views.append(view)
    return views


def _view_kind(block: Block) -> str:
    if block.kind == "heading1" and block.align == "center":
        return "part_heading"
    if block.kind in layout.BLOCK_STYLES:
        return block.kind
    return "paragraph"


def _add_runs(rich: RichText, block: Block, after_heading: bool) -> None:
    """Lead sentences in 引导句; text run in after a heading keeps the body font (正文字符)."""
    body_style = "GwBodyChar" if after_heading else None
    text = full_width(block.text)
    if block.kind == "salutation":
        text = _with_colon(text)
    if block.kind == "item":
        if block.number or block.lead:
            rich.add(full_width(block.number + block.lead), style="GwLead")
        if text:
            rich.add(text, style=body_style)
        return
    rich.add(full_width(block.number) + text, style=body_style)


def table_xml(rows: list[list[str]]) -> str:
    """A table (公文表格 style): full 版心 width, borders, header row 黑体 repeated on every page."""
    columns = max((len(r) for r in rows), default=1)
    width = (layout.PAGE_WIDTH_MM - layout.MARGINS_MM["left"] - layout.MARGINS_MM["right"]) * 5670 // 100
    col = width // columns
    borders = "".join(f'<w:{e} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
                      for e in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{layout.TABLE_STYLE_ID}"/><w:tblW w:w="{width}" w:type="dxa"/>'
             f'<w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>'
             + f'<w:gridCol w:w="{col}"/>' * columns + "</w:tblGrid>"]
    for index, row in enumerate(rows):
        cells = list(row) + [""] * (columns - len(row))
        style = "GwTableHeader" if index == 0 else "GwTableText"
        parts.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if index == 0 else "") + "</w:trPr>")
        for cell in cells:
            parts.append(f'<w:tc><w:tcPr><w:tcW w:w="{col}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
                         f'<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:rPr><w:rFonts w:hint="eastAsia"/>'
                         f'</w:rPr><w:t xml:space="preserve">{escape(full_width(str(cell)))}</w:t></w:r></w:p></w:tc>')
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def attachment_lines(attachments: list[str]) -> str:
    """附件：XXX, or numbered 1.XXX / 2.YYY on their own lines; no closing punctuation (7.3.4)."""
    names = [full_width(a).rstrip("。；，") for a in attachments if a.strip()]
    if len(names) == 1:
        return names[0]
    return "\n".join(f"{i}.{name}" for i, name in enumerate(names, 1))


def normalise_date(text: str) -> str:
    """成文日期 in Arabic numerals without zero padding: 2024年01月05日 -> 2024年1月5日 (7.3.5)."""
    import re

    text = full_width(text).strip()
    match = re.fullmatch(r"(\d{4})[年\-/.](\d{1,2})[月\-/.](\d{1,2})日?", text)
    if not match:
        return text
    year, month, day = (int(g) for g in match.groups())
    return f"{year}年{month}月{day}日"


def apply_font_choices(doc, fonts: dict) -> None:
    """A committee's own font names per role (e.g. 方正仿宋_GBK for body) replace the defaults in styles."""
    if not fonts:
        return
    for spec in layout.STYLES:
        font = fonts.get(spec.font_role)
        if font:
            style = doc.styles.element.find(f'{qn("w:style")}[@{qn("w:styleId")}="{spec.style_id}"]')
            if style is not None:
                rules.set_fonts(style.get_or_add_rPr(), font)
    if fonts.get("body"):
        rules.set_document_defaults(doc, fonts["body"])


def set_signature_indents(doc) -> None:
    """署名 right-indented 2 characters; 成文日期 starts 2 characters right of the signature's first
    character; a longer date keeps 2 characters and pushes the signature left (7.3.5.2)."""
    paragraphs = {p.style.style_id: p for p in doc.paragraphs if p.style is not None and p.text.strip()
                  and p.style.style_id in ("GwSignature", "GwDate")}
    signature, date = paragraphs.get("GwSignature"), paragraphs.get("GwDate")
    sig_right, date_right = signature_indents(signature.text if signature else "", date.text if date else "")
    for paragraph, right in ((signature, sig_right), (date, date_right)):
        if paragraph is not None:
            paragraph.paragraph_format.right_indent = int(right * layout.CHAR_TWIPS) * 635
            paragraph.paragraph_format.first_line_indent = 0


def signature_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents in characters for the signature and the date."""
    sig_w, date_w = display_width(signature), display_width(date)
    if not signature:
        return 2.0, 2.0
    sig_right = 2.0
    date_right = sig_right + sig_w - 2 - date_w
    if date_right < 2:
        date_right = 2.0
        sig_right = date_right + date_w + 2 - sig_w
    return sig_right, date_right


def _is_empty(run) -> bool:
    return all(child.tag == qn("w:rPr") or (child.tag == qn("w:t") and not child.text) for child in run)


def mark_east_asian_runs(doc) -> None:
    """w:hint="eastAsia" on every run, so “ ” — … print full-width in the Chinese font (GB/T 15834)."""
    for run in list(doc.element.body.iter(qn("w:r"))):
        if _is_empty(run):
            run.getparent().remove(run)  # left over from docxtpl's {{r }} tags
            continue
        rpr = run.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            run.insert(0, rpr)
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            style = rpr.find(qn("w:rStyle"))
            if style is not None:
                style.addnext(fonts)
            else:
                rpr.insert(0, fonts)
        fonts.set(qn("w:hint"), "eastAsia")
