"""DocumentContent -> official-format .docx: docxtpl fills templates_docx/<kind>.docx, python-docx
then applies the rules that depend on the document (signature indents, font choices, run hints).
"""
import io
import re
import zipfile
from dataclasses import dataclass
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement
from docx.text.paragraph import Paragraph
from docx.oxml.ns import qn
from docx.opc.oxml import serialize_part_xml
from docx.oxml.parser import parse_xml
from docxtpl import DocxTemplate, RichText
from jinja2 import Environment, Template
from markupsafe import Markup

from core.kinds import KINDS, layout_for

from . import layout, package_parts, rules, sections
from .document import Block, DocumentContent
from .breaking import break_title, heading_break
from .tables import table_xml
from .text import full_width, printed_width

RENDERER_VERSION = "1"  # bump when output changes for the same content (a re-render is then not reused)


class TemplateMissing(LookupError):
    """No Word template for a report kind."""


def template_bytes(kind: str) -> bytes:
    """The kind's template file (re-read when a committee replaces it)."""
    return _compiled(kind).source


@dataclass
class _CompiledTemplate:
    """A template taken apart once: its zip entries, its document.xml and its body compiled by Jinja.

    docxtpl does the template work (its tag patching, RichText, Jinja with autoescape); this keeps the
    result between renders, so a render is one Jinja pass, one parse of document.xml and one zip write.
    """

    source: bytes
    mtime: float
    entries: dict[str, bytes]
    body: Template

    @classmethod
    def load(cls, source: bytes, mtime: float) -> "_CompiledTemplate":
        template = DocxTemplate(io.BytesIO(source))
        template.init_docx()
        body_xml = template.patch_xml(template.get_xml())
        body_xml = re.sub(r"<w:p([ >])", r"\n<w:p\1", body_xml)  # as docxtpl's render_xml_part
        with zipfile.ZipFile(io.BytesIO(source)) as package:
            entries = {name: package.read(name) for name in package.namelist()}
        return cls(source, mtime, entries, Environment(autoescape=True).from_string(body_xml))

    def render_body(self, context: dict):
        xml = self.body.render(context)
        xml = re.sub(r"\n<w:p([ >])", r"<w:p\1", xml)
        for escaped, tag in (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}")):
            xml = xml.replace(escaped, tag)
        return parse_xml(xml.encode("utf-8"))


_compiled_cache: dict[str, _CompiledTemplate] = {}


def _compiled(kind: str) -> _CompiledTemplate:
    path = KINDS[kind].template if kind in KINDS else None
    if path is None or not path.exists():
        raise TemplateMissing(f"缺少文稿类型“{kind}”的 Word 模板：templates_docx/{kind}.docx")
    mtime = path.stat().st_mtime
    cached = _compiled_cache.get(kind)
    if cached is None or cached.mtime != mtime:
        cached = _compiled_cache[kind] = _CompiledTemplate.load(path.read_bytes(), mtime)
    return cached


def render_docx(content: DocumentContent) -> bytes:
    """The .docx bytes for one document, every SPEC §6 rule applied."""
    template = _compiled(content.kind)
    document = parse_xml(template.entries["word/document.xml"])
    body = template.render_body(build_context(content))
    document.replace(document.body, body)
    set_signature_indents(body)
    mark_east_asian_runs(body)
    rules.page_breaks_before(body)
    release_run_in_headings(body)
    sections.blank_line_below_title_block(body)
    if content.blocks and content.blocks[0].kind == "page_break":  # the title page stands alone: a cover
        sections.make_cover(body)
    parts = {"word/document.xml": document, "docProps/core.xml": _core_properties(template, content)}
    if any(b.kind == "toc" for b in content.blocks):
        parts["word/settings.xml"] = package_parts.update_fields_on_open(parse_xml(template.entries["word/settings.xml"]))
    if content.fonts:
        parts["word/styles.xml"] = apply_font_choices(parse_xml(template.entries["word/styles.xml"]), content.fonts)
    out = io.BytesIO()
    # deflate level 1: a third faster than the default 6 for about 10 % more bytes on a 16 KB file
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, data in template.entries.items():
            element = parts.get(name)
            package.writestr(name, data if element is None else serialize_part_xml(element))
    return out.getvalue()


def _core_properties(template: _CompiledTemplate, content: DocumentContent):
    """Title, the committee as author, render time and the kind in Chinese (the checker maps it back)."""
    core = parse_xml(template.entries["docProps/core.xml"])
    package_parts.set_core_properties(core, title=full_width(content.title), author=content.committee_name,
                                      kind_name=layout_for(content.kind).name)
    return core


def build_context(content: DocumentContent) -> dict:
    """The template's context (see templates_docx/README.md); all text made full-width first."""
    header = content.header
    return {
        "title": lines_with_breaks(break_title(content.title, content.fonts.get("title") or layout.FONTS["title"])),
        "subtitle_lines": [full_width(line) for line in content.subtitle_lines],
        "addressee": _with_colon(content.addressee),
        "blocks": block_views(mark_speech_lines(content), content.fonts),
        "attachments": lines_with_breaks(attachment_lines(content.attachments)),
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
    if not layout_for(content.kind).speech or not blocks:
        return blocks
    kinds = {b.kind for b in blocks}
    first = blocks[0]
    if "salutation" not in kinds and first.kind == "paragraph" and full_width(first.text).endswith("："):
        blocks[0] = Block(**{**first.__dict__, "kind": "salutation"})
    last = blocks[-1]
    if "closing" not in kinds and last.kind == "paragraph" and len(blocks) > 1:
        blocks[-1] = Block(**{**last.__dict__, "kind": "closing"})
    return blocks


def block_views(blocks: list[Block], fonts: dict | None = None) -> list[dict]:
    """What the template loops over: kind, and the runs of its paragraph (run-in items joined on)."""
    views: list[dict] = []
    for index, block in enumerate(blocks):
        if block.kind == "table":
            views.append({"kind": "table", "xml": Markup(table_xml(block.rows))})
        elif block.kind == "toc":  # raw paragraphs, through the template's {{p b.xml }} branch
            views.append({"kind": "table", "xml": Markup(sections.toc_xml([row[0] for row in block.rows if row]))})
        elif block.kind == "page_break":
            views.append({"kind": "page_break"})
        elif block.run_in and views and "rich" in views[-1]:
            _add_runs(views[-1]["rich"], block, after_heading=views[-1]["kind"] != "paragraph")
        else:
            view = {"kind": _view_kind(block), "rich": RichText()}
            run_in_next = index + 1 < len(blocks) and blocks[index + 1].run_in
            hand_break = None if run_in_next else _heading_break(view["kind"], block, fonts or {})
            _add_runs(view["rich"], block, after_heading=False, hand_break=hand_break)
            views.append(view)
    return views


def _heading_break(view_kind: str, block: Block, fonts: dict) -> int | None:
    """A heading whose last line would hold one character is broken by hand before its last word."""
    spec = layout.STYLE_BY_ID.get(layout.BLOCK_STYLES.get(view_kind, ""))
    if spec is None or spec.outline_level is None or not block.text:
        return None
    text = full_width(block.number) + full_width(block.text)
    at = heading_break(text, fonts.get(spec.font_role) or layout.FONTS[spec.font_role], spec.first_line_chars / 100)
    return None if at is None else at - len(full_width(block.number))


def _view_kind(block: Block) -> str:
    if block.kind == "heading1" and block.align == "center":
        return "part_heading"
    if block.kind in layout.BLOCK_STYLES:
        return block.kind
    return "paragraph"


def _add_runs(rich: RichText, block: Block, after_heading: bool, hand_break: int | None = None) -> None:
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
    if hand_break is not None and 0 < hand_break < len(text):
        rich.add(full_width(block.number) + text[:hand_break], style=body_style)
        rich.xml += "<w:r><w:br/></w:r>"
        text, block = text[hand_break:], Block(block.kind)
    rich.add(full_width(block.number) + text, style=body_style)


def attachment_lines(attachments: list[str]) -> list[str]:
    """附件：XXX, or numbered 1.XXX / 2.YYY on their own lines; no closing punctuation (7.3.4)."""
    names = [full_width(a).rstrip("。；，") for a in attachments if a.strip()]
    if len(names) == 1:
        return names
    return [f"{i}.{name}" for i, name in enumerate(names, 1)]


def lines_with_breaks(lines: list[str]) -> Markup:
    """One run holding the lines with w:br between them (title lines, attachment list)."""
    texts = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(line)}</w:t>' for line in lines)
    return Markup(f"<w:r>{texts}</w:r>") if lines else Markup("")


def normalise_date(text: str) -> str:
    """成文日期 in Arabic numerals without zero padding: 2024年01月05日 -> 2024年1月5日 (7.3.5)."""
    from core.metrics.formats import cn_date_text

    return cn_date_text(full_width(text).strip())


def apply_font_choices(styles, fonts: dict):
    """A committee's own font names per role (e.g. 方正仿宋_GBK for body) replace the defaults in styles."""
    for spec in layout.STYLES:
        font = fonts.get(spec.font_role)
        style = styles.find(f'{qn("w:style")}[@{qn("w:styleId")}="{spec.style_id}"]')
        if font and style is not None:
            rules.set_fonts(style.get_or_add_rPr(), font)
    if fonts.get("body"):
        rules.set_default_fonts(styles, fonts["body"])
    return styles


def set_signature_indents(body) -> None:
    """署名 right-indented 2 characters; 成文日期 starts 2 characters right of the signature's first
    character; a longer date keeps 2 characters and pushes the signature left (7.3.5.2)."""
    found = {}
    for p in body.iterchildren(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = style.get(qn("w:val")) if style is not None else None
        if style_id in ("GwSignature", "GwDate") and "".join(t.text or "" for t in p.iter(qn("w:t"))).strip():
            found[style_id] = Paragraph(p, None)
    signature, date = found.get("GwSignature"), found.get("GwDate")
    sig_right, date_right = signature_indents(signature.text if signature else "", date.text if date else "")
    for paragraph, right in ((signature, sig_right), (date, date_right)):
        if paragraph is not None:
            paragraph.paragraph_format.right_indent = int(right * layout.CHAR_TWIPS) * 635
            paragraph.paragraph_format.first_line_indent = 0


def signature_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents in characters for the signature and the date."""
    sig_w, date_w = printed_width(signature), printed_width(date)
    if not signature:
        return 2.0, 2.0
    sig_right = 2.0
    date_right = sig_right + sig_w - 2 - date_w
    if date_right < 2:
        date_right = 2.0
        sig_right = date_right + date_w + 2 - sig_w
    return sig_right, date_right


_HEADING_STYLE_IDS = tuple(s.style_id for s in layout.STYLES if s.outline_level is not None and s.style_id != "GwTitle")
_RUN_IN_HEADINGS = "./w:p[w:pPr/w:pStyle[" + " or ".join(f"@w:val='{i}'" for i in _HEADING_STYLE_IDS) + \
                   "]][w:r/w:rPr/w:rStyle[@w:val='GwBodyChar' or @w:val='GwLead']]"


def release_run_in_headings(body) -> None:
    """A heading with body text run in after it (一、…。一是…, reference 003) is a body paragraph on the
    page: keeping all of it with the next paragraph would push whole paragraphs over and leave half-empty
    pages, and its own lines already keep the heading off the foot of a page (widow control)."""
    for p in body.xpath(_RUN_IN_HEADINGS):
        rules.set_paragraph_property(p, "w:keepNext", val=0)
        rules.set_paragraph_property(p, "w:keepLines", val=0)


_EMPTY_RUNS = ".//w:r[w:t and not(w:t[string-length(.) > 0]) and count(*) = count(w:t) + count(w:rPr)]"
_PUNCTUATED_RUNS = ".//w:r[w:t[contains(., '\u201c') or contains(., '\u201d') or contains(., '\u2018') or " \
                   "contains(., '\u2019') or contains(., '\u2014') or contains(., '\u2026') or contains(., '\u00b7')]]"


def mark_east_asian_runs(body) -> None:
    """w:hint="eastAsia" on runs holding “ ” ‘ ’ — … ·, so they print full-width in the Chinese font
    (GB/T 15834; the styles also name the Chinese font in the Latin slots). Empty runs that docxtpl's
    {{r }} tags leave behind are dropped."""
    for run in body.xpath(_EMPTY_RUNS):
        run.getparent().remove(run)
    for run in body.xpath(_PUNCTUATED_RUNS):
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
