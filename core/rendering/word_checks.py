"""Rules of a Word file a secretariat sends on without touching it (issue 13): headings that keep with the
next paragraph and carry an outline level, Word 2013 mode, no leftovers of another template, no page
number on a cover. Each takes (doc, props, body) like the rules in format_check."""
import re

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from . import layout

_HEADING_STYLE_IDS = {s.style_id for s in layout.STYLES if s.outline_level is not None} - {"GwTitle"}
_NUMBERED_HEADING = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.(?!\d)|（\d+）|■)")
_LEFTOVERS = ("ＭＳ 明朝", "ＭＳ ゴシック", "ja-JP", "Jpan")


def _style_id(p):
    ps = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
    return ps.get(qn("w:val")) if ps is not None else None


def _text(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _short(p) -> str:
    text = _text(p).strip()
    return text[:12] + ("…" if len(text) > 12 else "")


def _on(value) -> bool:
    return value is not None and value not in ("0", "false", "off")


def _flag(props, p, tag: str) -> bool:
    """An on/off paragraph property as the paragraph, then its style chain, sets it."""
    for ppr in [p.find(qn("w:pPr"))] + [s.find(qn("w:pPr")) for s in props._chain(_style_id(p))]:
        el = ppr.find(qn(tag)) if ppr is not None else None
        if el is not None:
            return _on(el.get(qn("w:val"), "1"))
    return False


def is_heading(p) -> bool:
    """A heading line: a heading style, or a short numbered line with no sentence run in after it."""
    text = _text(p).strip()
    if _style_id(p) in _HEADING_STYLE_IDS:
        return not _has_run_in_text(p)
    return bool(_NUMBERED_HEADING.match(text)) and len(text) <= 40 and "。" not in text[:-1]


def _has_run_in_text(p) -> bool:
    styles = {s.get(qn("w:val")) for s in p.iter(qn("w:rStyle"))}
    return bool(styles & {"GwBodyChar", "GwLead"})


def check_headings_keep_with_next(doc, props, body) -> list[str]:
    """No heading ends a page: every heading keeps with the paragraph after it (SPEC §6 lines)."""
    return [f"标题未设置“与下段同页”，可能单独留在页末：“{_short(p)}”" for p in body
            if _text(p).strip() and is_heading(p) and not _flag(props, p, "w:keepNext")]


def check_outline_levels(doc, props, body) -> list[str]:
    """Every heading carries an outline level: Word's navigation pane and a table of contents need it."""
    problems = []
    for p in body:
        if _text(p).strip() and is_heading(p) and _outline_level(props, p) is None:
            problems.append(f"标题没有大纲级别（导航窗格和目录无法识别）：“{_short(p)}”")
    return problems


def _outline_level(props, p):
    for ppr in [p.find(qn("w:pPr"))] + [s.find(qn("w:pPr")) for s in props._chain(_style_id(p))]:
        el = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if el is not None and el.get(qn("w:val")) not in (None, "9"):
            return int(el.get(qn("w:val")))
    return None


def check_widow_control(doc, props, body) -> list[str]:
    """Body paragraphs keep widow/orphan control: no single line of a paragraph alone on a page."""
    return [f"正文应开启孤行控制：“{_short(p)}”" for p in body
            if len(_text(p).strip()) > 30 and not is_heading(p) and not _flag(props, p, "w:widowControl")]


def check_compatibility_mode(doc, props, body) -> list[str]:
    """Word 2013 or later mode (15): older modes show 兼容模式 and lay out East Asian text differently."""
    mode = next((s.get(qn("w:val")) for s in doc.settings.element.iter(qn("w:compatSetting"))
                 if s.get(qn("w:name")) == "compatibilityMode"), None)
    if mode is None or int(mode) < 15:
        return [f"文件处于兼容模式（compatibilityMode={mode or '未设置'}），应为15（Word 2013及以上）"]
    return []


def check_template_leftovers(doc, props, body) -> list[str]:
    """No Japanese theme, no python-docx or Mac Word properties, no 2013 creation date."""
    problems = []
    theme = doc.part.part_related_by(RT.THEME).blob.decode("utf-8", "replace") if _has_theme(doc) else ""
    lang = doc.settings.element.find(qn("w:themeFontLang"))
    if any(mark in theme for mark in _LEFTOVERS) or (lang is not None and lang.get(qn("w:eastAsia")) == "ja-JP"):
        problems.append("主题字体或语言残留日文设置（ja-JP、ＭＳ 明朝），应为中文（zh-CN）")
    core = doc.core_properties
    if "python-docx" in (core.comments or "") or core.author in ("python-docx", ""):
        problems.append("文档属性作者或备注残留模板信息（python-docx），应为发文机关")
    if core.created is None or core.created.year <= 2013:
        problems.append("文档属性创建时间残留模板信息（2013年），应为生成时间")
    if not core.title:
        problems.append("文档属性缺少标题")
    app = next((p for p in doc.part.package.iter_parts() if p.partname == "/docProps/app.xml"), None)
    if app is not None and b"Macintosh" in app.blob:
        problems.append("文档属性残留“Microsoft Macintosh Word”")
    return problems


def has_cover(doc) -> bool:
    """The first of several sections is a cover: one page holding only the title block (7.5: no number)."""
    if len(doc.sections) < 2:
        return False
    end = doc.sections[0]._sectPr.getparent().getparent()  # the paragraph that ends the first section
    styles = {_style_id(p) for p in end.itersiblings(qn("w:p"), preceding=True)} | {_style_id(end)}
    return styles <= {"GwTitle", "GwSubtitle", None}


def check_cover_unnumbered(doc, props, body) -> list[str]:
    """A cover carries no page number; numbering starts at 1 on the first body page (7.5)."""
    if not has_cover(doc):
        return []
    problems = []
    cover = doc.sections[0]._sectPr
    if cover.findall(qn("w:footerReference")):
        problems.append("封面不应有页码（封面所在节不应有页脚）")
    number = doc.sections[1]._sectPr.find(qn("w:pgNumType"))
    if number is None or number.get(qn("w:start")) != "1":
        problems.append("正文页码应从封面后的第一页起编为1")
    return problems


def _has_theme(doc) -> bool:
    return any(rel.reltype == RT.THEME for rel in doc.part.rels.values())


RULES = (check_headings_keep_with_next, check_outline_levels, check_widow_control, check_compatibility_mode,
         check_template_leftovers, check_cover_unnumbered)
