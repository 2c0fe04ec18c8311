"""Opens a .docx and asserts each GB/T 9704 rule of SPEC §6; returns Chinese problem descriptions.

Reads what the file says (paragraph, then its style chain, then document defaults), so a template
restyled in Word is checked as printed, not as our code meant it.
"""
import io
import re
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn

from core.kinds import KINDS, kind_of

from . import breaking, layout, word_checks
from .text import display_width, printed_width

TWIPS_PER_MM = 56.7
_HEADINGS = (  # printed numbering -> (level name, font that must print it)
    (re.compile(r"^[一二三四五六七八九十]+、"), "一级标题", "黑体"),
    (re.compile(r"^（[一二三四五六七八九十]+）"), "二级标题", "楷体"),
    (re.compile(r"^\d+\.(?!\d)"), "三级标题", "仿宋"),
    (re.compile(r"^（\d+）"), "四级标题", "仿宋"),
)
_DATE = re.compile(r"^[12]\d{3}年[1-9]\d?月[1-9]\d?日$")
_HEADING_STYLES = {"GwPartHeading", "GwHeading1", "GwHeading2", "GwHeading3", "GwHeading4", "GwNewsHeading"}
_SPECIAL_STYLES = {"TOC1", "GwTitle", "GwSubtitle", "GwIssuer", "GwDocNumber", "GwSignature", "GwDate", "GwRecord",
                   "GwAddressee", "GwSalutation", "GwAttachment", "GwPageNumber"}


class Props:
    """Effective paragraph and run properties: direct formatting, style chain, document defaults."""

    def __init__(self, doc):
        self.styles = {s.get(qn("w:styleId")): s for s in doc.styles.element.iterchildren(qn("w:style"))}
        defaults = doc.styles.element.find(qn("w:docDefaults"))
        self.default_rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}") if defaults is not None else None

    def _chain(self, style_id):
        seen = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            yield self.styles[style_id]
            based = self.styles[style_id].find(qn("w:basedOn"))
            style_id = based.get(qn("w:val")) if based is not None else None

    def para_attr(self, p, tag: str, attr: str):
        ppr = p.find(qn("w:pPr"))
        candidates = [ppr] + [s.find(qn("w:pPr")) for s in self._chain(style_id(p))]
        return _first_attr(candidates, tag, attr)

    def run_attr(self, p, r, tag: str, attr: str):
        rpr = r.find(qn("w:rPr")) if r is not None else None
        rstyle = rpr.find(qn("w:rStyle")) if rpr is not None else None
        chain = list(self._chain(rstyle.get(qn("w:val")))) if rstyle is not None else []
        chain += list(self._chain(style_id(p)))
        candidates = [rpr] + [s.find(qn("w:rPr")) for s in chain] + [self.default_rpr]
        return _first_attr(candidates, tag, attr)


def _first_attr(elements, tag: str, attr: str):
    for el in elements:
        if el is None:
            continue
        child = el.find(qn(tag))
        if child is not None and child.get(qn(attr)) is not None:
            return child.get(qn(attr))
        if child is not None and attr == "w:val" and tag in ("w:b",):
            return "1"
    return None


def style_id(p) -> str | None:
    ppr = p.find(qn("w:pPr"))
    ps = ppr.find(qn("w:pStyle")) if ppr is not None else None
    return ps.get(qn("w:val")) if ps is not None else None


def text_of(p) -> str:
    return "".join(t.text or "" for t in p.iter(qn("w:t")))


def _runs(p):
    return [r for r in p.iter(qn("w:r")) if r.find(qn("w:t")) is not None]


def check_docx(data_or_path, kind: str | None = None) -> list[str]:
    """Every rule's problems, in Chinese; an empty list means the file follows SPEC §6."""
    source = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else str(Path(data_or_path))
    try:
        doc = Document(source)
    except Exception:  # noqa: BLE001 - any unreadable file is one problem, not a crash
        return ["无法打开文件：不是有效的 Word（.docx）文档"]
    kind = kind or kind_of(doc.core_properties.category or "")
    props = Props(doc)
    body = [p for p in doc.element.body.iterchildren(qn("w:p"))]
    problems: list[str] = []
    for check in (check_page_setup, check_line_grid, check_title, check_body_text, check_headings,
                  check_east_asian_fonts, check_punctuation, check_page_numbers, check_tables, check_record,
                  *word_checks.RULES):
        problems += check(doc, props, body)
    kind_layout = KINDS[kind].layout if kind in KINDS else None
    if kind_layout and kind_layout.signed:
        problems += check_signature(doc, props, body)
    if kind_layout and kind_layout.speech:
        problems += check_speech_lines(doc, props, body)
    return summarise(problems)


def summarise(problems: list[str], per_rule: int = 3) -> list[str]:
    """At most a few examples of each problem, then how many more there are."""
    shown: dict[str, list[str]] = {}
    for problem in problems:
        shown.setdefault(problem.split("：“")[0], []).append(problem)
    out = []
    for rule, items in shown.items():
        out += items[:per_rule]
        if len(items) > per_rule:
            out.append(f"{rule}：另有{len(items) - per_rule}处")
    return out


def check_page_setup(doc, props, body) -> list[str]:
    """A4 portrait, margins 37/35/28/26 mm ± 1 mm (5.1, 5.2.1)."""
    problems = []
    for n, section in enumerate(doc.sections, 1):
        width, height = section.page_width.mm, section.page_height.mm
        if abs(width - layout.PAGE_WIDTH_MM) > 1 or abs(height - layout.PAGE_HEIGHT_MM) > 1:
            problems.append(f"第{n}节纸张不是A4纵向（{width:.0f}×{height:.0f}毫米）")
        for side, want in layout.MARGINS_MM.items():
            got = getattr(section, f"{side}_margin").mm
            if abs(got - want) > layout.MARGIN_TOLERANCE_MM:
                names = {"top": "上", "bottom": "下", "left": "左", "right": "右"}
                problems.append(f"第{n}节{names[side]}边距为{got:.1f}毫米，应为{want}毫米")
    return problems


def check_line_grid(doc, props, body) -> list[str]:
    """22 lines of 28 characters: a 28.95 pt line grid and exact 28.95 pt body lines (5.2.3)."""
    problems = []
    for n, section in enumerate(doc.sections, 1):
        grid = section._sectPr.find(qn("w:docGrid"))
        if grid is None or grid.get(qn("w:linePitch")) != str(layout.LINE_TWIPS) or \
                grid.get(qn("w:type")) not in ("lines", "linesAndChars"):
            problems.append(f"第{n}节未设置每页22行的文档网格（行距28.95磅）")
    for p in _body_paragraphs(body):
        if props.para_attr(p, "w:spacing", "w:line") != str(layout.LINE_TWIPS) or \
                props.para_attr(p, "w:spacing", "w:lineRule") != "exact":
            problems.append(f"正文行距不是固定值28.95磅：“{_short(p)}”")
        if props.run_attr(p, _first_run(p), "w:spacing", "w:val") != str(layout.CHAR_SPACING):
            problems.append(f"正文字间距不是−0.25磅（每行28字）：“{_short(p)}”")
    return problems


def check_title(doc, props, body) -> list[str]:
    """2号方正小标宋简体, centred, no indent; long titles broken over lines of at most 20 characters (7.3.1)."""
    title = next((p for p in body if style_id(p) == "GwTitle" and text_of(p).strip()), None)
    title = title if title is not None else next((p for p in body if text_of(p).strip()), None)
    if title is None:
        return ["文档没有标题"]
    problems = []
    run = _first_run(title)
    if props.run_attr(title, run, "w:sz", "w:val") != str(layout.TITLE_HALF_POINTS):
        problems.append("标题字号不是2号（22磅）")
    if "小标宋" not in (props.run_attr(title, run, "w:rFonts", "w:eastAsia") or ""):
        problems.append("标题字体不是方正小标宋简体")
    if props.para_attr(title, "w:jc", "w:val") != "center":
        problems.append("标题未居中")
    if _first_line_indent(props, title) != 0:
        problems.append("标题不应有首行缩进")
    lines = paragraph_lines(title)
    font = props.run_attr(title, run, "w:rFonts", "w:eastAsia") or layout.FONTS["title"]
    if any(not breaking.title_line_fits(line, font) for line in lines):
        problems.append("标题过长未分行（每行须在版心宽度内）")
    if len(lines) > 1 and len({display_width(line) for line in lines}) == 1:
        problems.append("标题各行等长，应排成梯形或菱形")
    split = next((f"{a}/{b}" for a, b in zip(lines, lines[1:]) if breaking.splits_a_word(a, b)), None)
    if split:
        problems.append(f"标题在词语中间换行：“{split}”")
    return problems


def check_body_text(doc, props, body) -> list[str]:
    """3号仿宋, justified, first line indented two characters (5.2.2, 7.3.3)."""
    problems = []
    for p in _body_paragraphs(body):
        if style_id(p) in _HEADING_STYLES or any(rx.match(text_of(p)) for rx, _, _ in _HEADINGS):
            continue
        run = _first_run(p)
        if props.run_attr(p, run, "w:sz", "w:val") != str(layout.BODY_HALF_POINTS):
            problems.append(f"正文字号不是3号：“{_short(p)}”")
        if "仿宋" not in (props.run_attr(p, run, "w:rFonts", "w:eastAsia") or ""):
            problems.append(f"正文字体不是仿宋：“{_short(p)}”")
        if props.para_attr(p, "w:jc", "w:val") not in ("both", "distribute"):
            problems.append(f"正文未两端对齐：“{_short(p)}”")
        if _first_line_indent(props, p) != 2 * layout.CHAR_TWIPS:
            problems.append(f"正文首行未缩进2字：“{_short(p)}”")
    return problems


def check_headings(doc, props, body) -> list[str]:
    """一、黑体; （一）楷体; 1. and （1）仿宋; all 3号, no bold (7.3.3)."""
    problems = []
    for p in _body_paragraphs(body):
        text = text_of(p)
        for rx, name, font in _HEADINGS:
            if not rx.match(text):
                continue
            run = _first_run(p)
            if font not in (props.run_attr(p, run, "w:rFonts", "w:eastAsia") or ""):
                problems.append(f"{name}应为{font}：“{_short(p)}”")
            if props.run_attr(p, run, "w:sz", "w:val") != str(layout.BODY_HALF_POINTS):
                problems.append(f"{name}字号不是3号：“{_short(p)}”")
            if props.run_attr(p, run, "w:b", "w:val") not in (None, "0", "false"):
                problems.append(f"{name}不应加粗：“{_short(p)}”")
            break
    return problems


def check_east_asian_fonts(doc, props, body) -> list[str]:
    """Every run names its Chinese font on w:eastAsia (python-docx alone writes only w:ascii)."""
    missing = [p for p in body for r in _runs(p) if not props.run_attr(p, r, "w:rFonts", "w:eastAsia")]
    return [f"文字未设置中文字体（w:eastAsia）：“{_short(missing[0])}”等{len(missing)}处"] if missing else []


def check_punctuation(doc, props, body) -> list[str]:
    """Chinese quotation marks and punctuation full-width (GB/T 15834)."""
    problems = []
    cjk = r"[\u4e00-\u9fff]"
    for p in _all_paragraphs(doc, body):
        text = text_of(p)
        if '"' in text or re.search(f"{cjk}'|'{cjk}", text):
            problems.append(f"引号应为中文全角引号“”：“{_short(p)}”")
        elif re.search(f"{cjk}[,;?!]|[,;?!]{cjk}", text):
            problems.append(f"中文标点应为全角：“{_short(p)}”")
    return problems


def check_page_numbers(doc, props, body) -> list[str]:
    """`— N —` 4号宋体; odd pages right, even pages left (7.5)."""
    if not doc.settings.odd_and_even_pages_header_footer:
        return ["未设置奇偶页不同的页脚（页码应单页居右、双页居左）"]
    problems = []
    numbered = doc.sections[1:] if word_checks.has_cover(doc) else doc.sections
    for n, section in enumerate(numbered, len(doc.sections) - len(numbered) + 1):
        for footer, side, name in ((section.footer, "right", "单页"), (section.even_page_footer, "left", "双页")):
            problems += _page_number_problems(footer, side, f"第{n}节{name}", props)
    return problems


def _page_number_problems(footer, side: str, where: str, props) -> list[str]:
    paragraphs = [p._p for p in footer.paragraphs if "PAGE" in "".join(t.text or "" for t in p._p.iter(qn("w:instrText")))]
    if not paragraphs:
        return [f"{where}页脚没有页码"]
    p = paragraphs[0]
    problems = []
    if not re.fullmatch(r"\u2014 ?\d+ ?\u2014", text_of(p).strip()):
        problems.append(f"{where}页码格式应为“— 1 —”")
    if props.para_attr(p, "w:jc", "w:val") != side:
        problems.append(f"{where}页码应{'居右' if side == 'right' else '居左'}")
    run = _first_run(p)
    if props.run_attr(p, run, "w:sz", "w:val") != str(layout.PAGE_NUMBER_HALF_POINTS):
        problems.append(f"{where}页码字号不是4号")
    if "宋" not in (props.run_attr(p, run, "w:rFonts", "w:eastAsia") or ""):
        problems.append(f"{where}页码字体不是宋体")
    return problems


def check_tables(doc, props, body) -> list[str]:
    """Tables: borders, header row repeated on every page and 黑体, cells 仿宋."""
    problems = []
    for n, table in enumerate(doc.tables, 1):
        tbl = table._tbl
        rows = tbl.findall(qn("w:tr"))
        if not rows or tbl.find(f"{qn('w:tblPr')}/{qn('w:tblpPr')}") is not None:
            continue  # the 版记 table, checked by check_record
        if rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is None:
            problems.append(f"第{n}个表格的标题行未设置跨页重复")
        if tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}") is None and not _style_has_borders(props, tbl):
            problems.append(f"第{n}个表格没有边框")
        for index, row in enumerate(rows):
            want = "黑体" if index == 0 else "仿宋"
            for p in row.iter(qn("w:p")):
                if text_of(p).strip() and want not in (props.run_attr(p, _first_run(p), "w:rFonts", "w:eastAsia") or ""):
                    problems.append(f"第{n}个表格{'标题行' if index == 0 else '内容'}应为{want}")
                    break
    return problems


def _style_has_borders(props, tbl) -> bool:
    style = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblStyle')}")
    el = props.styles.get(style.get(qn("w:val"))) if style is not None else None
    return el is not None and el.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}") is not None


def check_record(doc, props, body) -> list[str]:
    """版记: 抄送 in 4号仿宋, 印发机关 and 印发日期 on the last line, at the foot of the page (7.4)."""
    record = [p for p in _all_paragraphs(doc, body) if text_of(p).startswith("抄送：")]
    if not record:
        return []
    p = record[0]
    problems = []
    if props.run_attr(p, _first_run(p), "w:sz", "w:val") != str(layout.PAGE_NUMBER_HALF_POINTS):
        problems.append("版记抄送字号不是4号")
    if not any(text_of(q).strip().endswith("印发") for q in _all_paragraphs(doc, body)):
        problems.append("版记缺少印发机关和印发日期")
    table = next((a for a in p.iterancestors(qn("w:tbl"))), None)
    anchor = table.find(f"{qn('w:tblPr')}/{qn('w:tblpPr')}") if table is not None else None
    if anchor is None or not _at_page_foot(table, anchor):
        problems.append("版记应位于末页下端（版心底边）")
    return problems


def _at_page_foot(table, anchor) -> bool:
    """Anchored on the bottom margin, or placed from the page top so that it ends on the 版心's bottom edge."""
    if anchor.get(qn("w:tblpYSpec")) == "bottom":
        return True
    heights = [int(h.get(qn("w:val"), 0)) for h in table.iter(qn("w:trHeight"))]
    bottom = int(anchor.get(qn("w:tblpY"), 0)) + sum(heights)
    edge = (layout.PAGE_HEIGHT_MM - layout.MARGINS_MM["bottom"]) * TWIPS_PER_MM
    return anchor.get(qn("w:vertAnchor")) == "page" and abs(bottom - edge) <= TWIPS_PER_MM


def check_signature(doc, props, body) -> list[str]:
    """署名 right-indented 2 characters, 成文日期 below it 2 characters further right (7.3.5)."""
    right = [p for p in body if text_of(p).strip() and props.para_attr(p, "w:jc", "w:val") == "right"]
    if len(right) < 2:
        return ["缺少发文机关署名和成文日期"]
    signature, date = right[-2], right[-1]
    problems = []
    if not _DATE.match(text_of(date).strip()):
        problems.append(f"成文日期格式应如“2024年1月5日”（阿拉伯数字，不编虚位）：“{text_of(date)}”")
    sig_ind, date_ind = (int(props.para_attr(p, "w:ind", "w:right") or 0) for p in (signature, date))
    sig_start = sig_ind + printed_width(text_of(signature)) * layout.CHAR_TWIPS
    date_start = date_ind + printed_width(text_of(date)) * layout.CHAR_TWIPS
    if min(sig_ind, date_ind) < 2 * layout.CHAR_TWIPS - 20:
        problems.append("署名和日期应右空二字")
    elif abs(sig_start - date_start - 2 * layout.CHAR_TWIPS) > 40 and abs(date_ind - 2 * layout.CHAR_TWIPS) > 40:
        problems.append("成文日期首字应比署名首字右移二字")
    return problems


def check_speech_lines(doc, props, body) -> list[str]:
    """Speech kinds keep their salutation (flush left, ends with ：) and their closing line."""
    texts = [(p, text_of(p).strip()) for p in body if text_of(p).strip()]
    problems = []
    if not any(t.endswith("：") and _first_line_indent(props, p) == 0 and style_id(p) != "GwAddressee"
               for p, t in texts[:6]):
        problems.append("讲话类文稿缺少顶格的称呼（如“各位委员：”）")
    if not any(style_id(p) == "GwClosing" for p, _ in texts):
        problems.append("讲话类文稿缺少结束语（如“汇报完毕，谢谢大家。”）")
    return problems


def _body_paragraphs(body):
    """Paragraphs of running text: not title, signature, record or other set pieces."""
    return [p for p in body if text_of(p).strip() and style_id(p) not in _SPECIAL_STYLES]


def _all_paragraphs(doc, body):
    return body + [p for t in doc.tables for p in t._tbl.iter(qn("w:p"))]


def _first_run(p):
    runs = [r for r in _runs(p) if "".join(t.text or "" for t in r.iter(qn("w:t"))).strip()]
    return runs[0] if runs else None


def _first_line_indent(props, p) -> int:
    chars = props.para_attr(p, "w:ind", "w:firstLineChars")
    if chars is not None and int(chars) != 0:
        return int(chars) * layout.CHAR_TWIPS // 100
    return int(props.para_attr(p, "w:ind", "w:firstLine") or 0)


def paragraph_lines(p) -> list[str]:
    """The paragraph's text split at its hand line breaks (w:br)."""
    lines, current = [], []
    for el in p.iter(qn("w:t"), qn("w:br")):
        if el.tag == qn("w:br"):
            lines.append("".join(current))
            current = []
        else:
            current.append(el.text or "")
    lines.append("".join(current))
    return [line for line in lines if line]


def _short(p) -> str:
    text = text_of(p).strip()
    return text[:12] + ("…" if len(text) > 12 else "")
