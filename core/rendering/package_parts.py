"""The parts of a template besides its body and styles: settings, theme, document properties.

python-docx starts every document from its own 2013 Mac Word template (compatibility mode 14, a
ja-JP theme, "Microsoft Macintosh Word"); a template the secretariat sends on must carry none of it.
"""
from datetime import datetime, timezone

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from . import layout

WORD_2013_MODE = "15"  # Word 2013 and later: no 兼容模式 in the title bar
APPLICATION = "政协文稿"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_EP = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"


def clean_settings(doc) -> None:
    """Compatibility mode 15, zh-CN theme font language, no revision ids from the source template."""
    settings = doc.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), WORD_2013_MODE)
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-CN")
    for tag in ("w:rsids", "w:proofState", "w:savePreviewPicture"):
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    compat = settings.find(qn("w:compat"))
    if compat is not None and compat.find(qn("w:doNotExpandShiftReturn")) is None:
        # a heading broken by hand (core.rendering.breaking.heading_break) is not stretched over the line
        compat.insert(0, compat.makeelement(qn("w:doNotExpandShiftReturn"), {}))


def clean_theme(doc) -> None:
    """Theme fonts: the heading and body fonts of GB/T 9704 for Chinese, no Japanese or Korean faces."""
    part = doc.part.part_related_by(RT.THEME)
    theme = etree.fromstring(part.blob)
    for scheme, east_asian in (("majorFont", layout.FONTS["heading1"]), ("minorFont", layout.FONTS["body"])):
        fonts = theme.find(f".//{{{_A}}}{scheme}")
        fonts.find(f"{{{_A}}}latin").set("typeface", "Times New Roman")
        fonts.find(f"{{{_A}}}ea").set("typeface", east_asian)
        for script in fonts.findall(f"{{{_A}}}font"):
            if script.get("script") == "Hans":
                script.set("typeface", east_asian)
            else:
                fonts.remove(script)
    part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)


def clean_app_properties(doc) -> None:
    """docProps/app.xml names this service, not Microsoft Macintosh Word 2010."""
    part = next((p for p in doc.part.package.iter_parts() if p.partname == "/docProps/app.xml"), None)
    if part is None:
        return
    app = etree.fromstring(part.blob)
    for tag, value in (("Application", APPLICATION), ("AppVersion", "1.0000"), ("Template", "")):
        element = app.find(f"{{{_EP}}}{tag}")
        if element is not None:
            element.text = value
    for tag in ("HeadingPairs", "TitlesOfParts"):  # counts of the source template's parts, now wrong
        for element in app.findall(f"{{{_EP}}}{tag}"):
            app.remove(element)
    part._blob = etree.tostring(app, xml_declaration=True, encoding="UTF-8", standalone=True)


def clean_paragraph_defaults(doc) -> None:
    """Document defaults with no space after and single lines (python-docx's are 10 pt after, 1.15 lines):
    a paragraph without a 公文 style, such as a page break's, adds no blank line."""
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is not None:
        for key, value in (("after", "0"), ("before", "0"), ("line", "240"), ("lineRule", "auto")):
            spacing.set(qn(f"w:{key}"), value)
    normal = doc.styles.element.find(f'{qn("w:style")}[@{qn("w:styleId")}="Normal"]')
    for rsid in normal.findall(qn("w:rsid")) if normal is not None else ():
        normal.remove(rsid)


def set_core_properties(core, *, title: str, author: str, kind_name: str, when: datetime | None = None) -> None:
    """Title, the committee as author, the render time and the kind in Chinese (Word's 文件 > 信息)."""
    when = (when or datetime.now(timezone.utc)).replace(microsecond=0)
    core.title_text, core.author_text, core.category_text = title, author, kind_name
    core.lastModifiedBy_text = author
    core.comments_text, core.language_text = "", "zh-CN"
    core.created_datetime = core.modified_datetime = when.replace(tzinfo=None)
    core.revision_number = 1


def update_fields_on_open(settings):
    """Word refreshes fields (a table of contents' page numbers) when it opens the file."""
    update = settings.find(qn("w:updateFields"))
    if update is None:
        update = settings.makeelement(qn("w:updateFields"), {})
        following = next((settings.find(qn(t)) for t in ("w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr",
                                                          "w:compat", "w:docVars", "w:rsids")
                          if settings.find(qn(t)) is not None), None)
        if following is not None:
            following.addprevious(update)
        else:
            settings.append(update)
    update.set(qn("w:val"), "true")
    return settings
