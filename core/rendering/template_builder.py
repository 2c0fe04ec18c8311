"""Builds templates_docx/<kind>.docx: styles, page setup and the docxtpl body every kind shares.

Run through scripts/build_docx_templates.py. The body is a docxtpl template (Jinja tags in their own
paragraphs, `{%p … %}`), so the layout of a document can be changed in Word as well as here.
"""
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn

from core.kinds import KINDS, TEMPLATE_DIR, KindLayout, layout_for

from . import layout, package_parts, rules

def build_template(kind: str) -> Document:
    """A template for one report kind; kinds differ in what they carry (signature, salutation)."""
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _define_styles(doc)
    section = doc.sections[0]
    rules.apply_page_margins(section)
    rules.set_document_grid(section)
    rules.add_page_number_footers(doc, section)
    _write_body(doc, layout_for(kind))
    slim_package(doc)
    clean_package(doc)
    kind_layout = layout_for(kind)
    package_parts.set_core_properties(doc.core_properties._element, title=f"{kind_layout.name}模板",
                                      author=package_parts.APPLICATION, kind_name=kind_layout.name)
    return doc


def clean_package(doc) -> None:
    """No leftovers of python-docx's own template: Word 2013 mode, zh-CN theme, this service's name."""
    package_parts.clean_settings(doc)
    package_parts.clean_theme(doc)
    package_parts.clean_app_properties(doc)
    package_parts.clean_paragraph_defaults(doc)


_KEPT_BUILTIN_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
_DROPPED_PARTS = ("stylesWithEffects", "customXml", "thumbnail", "numbering", "webSettings")


def slim_package(doc) -> None:
    """Drop python-docx's 800 KB of unused built-in styles and parts: every render parses and writes
    what the template holds, so a small template is a fast render."""
    styles = doc.styles.element
    for child in list(styles):
        if child.tag == qn("w:latentStyles"):
            styles.remove(child)
        elif child.tag == qn("w:style"):
            style_id = child.get(qn("w:styleId"))
            if style_id not in _KEPT_BUILTIN_STYLES and style_id not in layout.STYLE_BY_ID:
                styles.remove(child)
    for rels in (doc.part.rels, doc.part.package.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _DROPPED_PARTS:
                rels.pop(rel_id)


def _define_styles(doc) -> None:
    rules.set_document_defaults(doc, layout.FONTS["body"])
    for spec in layout.STYLES:
        rules.define_paragraph_style(doc, spec)
    rules.define_table_style(doc)


def _para(doc, text: str = "", style: str = "GwBody"):
    paragraph = doc.add_paragraph(style=layout.STYLE_BY_ID[style].name)
    if text:
        paragraph.add_run(text)
    return paragraph


def _tag(doc, tag: str) -> None:
    """A paragraph holding only a docxtpl `{%p … %}` tag (removed when rendered)."""
    doc.add_paragraph("{%p " + tag + " %}")


def _write_body(doc, kind_layout: KindLayout) -> None:
    _write_upward_header(doc)
    _para(doc, "{{r title }}", "GwTitle")
    _tag(doc, "for line in subtitle_lines")
    _para(doc, "{{ line }}", "GwSubtitle")
    _tag(doc, "endfor")
    _tag(doc, "if addressee")
    _para(doc, "{{ addressee }}", "GwAddressee")
    _tag(doc, "endif")
    _write_block_loop(doc)
    _write_attachments(doc)
    if kind_layout.signed:
        _write_signature(doc)
    _write_record(doc)


def _write_upward_header(doc) -> None:
    """版头 of 上行文 (7.2): red issuer mark, number one character in, 签发人 one character from the right."""
    _tag(doc, "if header")
    _para(doc, "{{ header.issuer }}", "GwIssuer")
    _para(doc, "", "GwDocNumber")
    line = _para(doc, "{{ header.doc_number }}", "GwDocNumber")
    text_width = (layout.PAGE_WIDTH_MM - layout.MARGINS_MM["left"] - layout.MARGINS_MM["right"]) * 5670 // 100
    line.paragraph_format.left_indent = layout.CHAR_TWIPS * 635
    line.paragraph_format.tab_stops.add_tab_stop((text_width - layout.CHAR_TWIPS) * 635, alignment=WD_TAB_ALIGNMENT.RIGHT)
    line.add_run("\t签发人：")
    signer = line.add_run("{{ header.signer }}")
    rules.set_fonts(signer._r.get_or_add_rPr(), layout.FONTS["heading2"])
    rules.add_bottom_rule(line)
    _para(doc, "", "GwDocNumber")
    _tag(doc, "endif")


def _write_block_loop(doc) -> None:
    """One branch per block kind, each a paragraph of that kind's style holding the block's runs."""
    _tag(doc, "for b in blocks")
    for n, (kind, style) in enumerate(layout.BLOCK_STYLES.items()):
        _tag(doc, f'{"if" if n == 0 else "elif"} b.kind == "{kind}"')
        _para(doc, "{{r b.rich }}", style)
    _tag(doc, 'elif b.kind == "table"')
    doc.add_paragraph("{{p b.xml }}")
    _tag(doc, 'elif b.kind == "page_break"')
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _tag(doc, "endif")
    _tag(doc, "endfor")


def _write_attachments(doc) -> None:
    """附件说明 one blank line below the body, later items aligned under the first (7.3.4)."""
    _tag(doc, "if attachments")
    _para(doc, "", "GwBody")
    attachment = _para(doc, "附件：", "GwAttachment")
    attachment.add_run("{{r attachments }}")
    attachment.paragraph_format.left_indent = 1600 * 635
    attachment.paragraph_format.first_line_indent = -960 * 635
    _tag(doc, "endif")


def _write_signature(doc) -> None:
    """署名 and 成文日期 below a blank line; their right indents are set per document (7.3.5)."""
    _tag(doc, "if signature or date")
    _para(doc, "", "GwBody")
    _para(doc, "{{ signature }}", "GwSignature")
    _para(doc, "{{ date }}", "GwDate")
    _tag(doc, "endif")


def _write_record(doc) -> None:
    """版记 (7.4): 抄送, then 印发机关 and 印发日期, between rules as wide as the 版心, the last rule
    on the 版心's bottom edge: a table anchored to the bottom margin."""
    _tag(doc, "if copy_to or printed_by")
    table = doc.add_table(rows=2, cols=1)
    rules.anchor_table_to_bottom(table)
    copy_to, printed = (row.cells[0].paragraphs[0] for row in table.rows)
    for paragraph in (copy_to, printed):
        paragraph.style = layout.STYLE_BY_ID["GwRecord"].name
    copy_to.add_run("{% if copy_to %}抄送：{{ copy_to }}。{% endif %}")
    printed.add_run("{{ printed_by }}\t{{ printed_date }}印发")
    text_width = (layout.PAGE_WIDTH_MM - layout.MARGINS_MM["left"] - layout.MARGINS_MM["right"]) * 5670 // 100
    printed.paragraph_format.tab_stops.add_tab_stop((text_width - 2 * 280) * 635, alignment=WD_TAB_ALIGNMENT.RIGHT)
    _para(doc, "", "GwRecord")  # a floating table needs a paragraph after it to anchor on
    _tag(doc, "endif")


def build_all(directory: Path = TEMPLATE_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for kind, spec in KINDS.items():
        path = directory / spec.template.name
        build_template(kind).save(path)
        paths.append(path)
    return paths
