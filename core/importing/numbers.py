"""Numbers in imported text bound to the ledger: 召开会议12次 → 召开会议{{ 常委会会议次数 }}次.

Each number with its unit and the clause it stands in is compared with the committee's metric
values for the period, printed in the style the text used (plain, 余, 多, %, 万元). Exactly one
metric with that printed value whose unit or name fits the clause → bound; several → ambiguous;
none → kept literal. When the name does not settle it but the printed value fits one metric only (or
one metric's name fits the clause better than the others'), the number is bound all the same and
marked 自动识别 (`auto`) for the user to review in the preview; only real ties stay ambiguous. Written
into the report, such a number keeps the mark as `| 待核对` in its placeholder (printed the same) until
someone confirms it in the editor. A report
of last year imported into this year binds to last year's values (the same metrics), so its numbers
move on to the new period.
"""
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from typing import Callable, Optional

from core.drafting.chips import for_review
from core.metrics import filters
from core.metrics.values import MetricValue

from .nodes import Node, Outline, walk

_UNITS = ("个百分点", "人次", "场次", "件次", "万元", "亿元", "%", "％", "元", "次", "件", "篇", "名", "人", "个",
          "场", "期", "项", "条", "家", "户", "批", "所", "处", "部", "份", "天")
NUMBER = re.compile(r"(?<![\d.,，])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万|亿)?(余|多)?(" + "|".join(_UNITS) + ")")
# A masked number of shared material (召开党组会议*次, 立案率*%, *余场次); ** is a masked name, not a number.
MASKED = re.compile(r"(?<!\*)\*(?!\*)(余|多)?(" + "|".join(_UNITS) + ")")
MASKED_CANDIDATES = 8  # shown to the user when a masked number's context fits several metrics
_CLAUSE_BREAK = re.compile(r"[，。；：！？、,;:!?（）()“”]")
_FAMILIES = ({"次", "场次", "场"}, {"人", "名"}, {"件", "件次"}, {"个", "家", "所", "处"}, {"%", "％"},
             {"元", "万元", "亿元"})
# A goal, not a count of the period; 达到/超过 alone report a fact (满意率达到100%), after 力争/确保 a goal.
_TARGET = re.compile(r"(?:不少于|不低于|不超过|力争|至少|争取|(?:力争|争取|确保|预计|计划|要|将)(?:达到|超过))$")
NAME_FIT = 4  # characters in a row a metric's name must share with the clause, unless all of it is there
NAME_HINT = 2  # characters in a row that let one of several same-valued metrics win (已办结117件 ~ 办结提案件数)
FIELDS = ("title", "lead", "text")


@dataclass
class FoundNumber:
    """One number in the text, where it is, and what it may be bound to."""

    text: str  # as typed: 12次, 60余场次, 88%, 1.2万人次
    number: str  # the digits as typed, without thousands separators: 12, 60, 88, 1.2
    style: str  # "", 余, 多, %, 万, 亿
    unit: str
    context: str  # the clause the number stands in
    node: int  # index of the node in reading order
    field: str  # title / lead / text
    start: int
    end: int  # end of what a placeholder replaces (the unit stays unless the style prints it)
    metric: Optional[str] = None
    label: str = ""
    metric_unit: str = ""
    value: object = None
    candidates: list[dict] = field(default_factory=list)
    status: str = "unmatched"  # bound / ambiguous / unmatched
    previous_year: bool = False  # matched last year's value of the metric
    masked: bool = False  # a * of masked material: bound by its context alone
    auto: bool = False  # bound on its value alone (自动识别): shown for review in the preview

    def as_json(self) -> dict:
        return {"text": self.text, "metric": self.metric, "candidates": self.candidates, "status": self.status,
                "label": self.label or None, "value": _plain_json(self.value), "context": self.context,
                "placeholder": placeholder(self) if self.metric else None, "previous_year": self.previous_year,
                "auto": self.auto}


def _plain_json(value):
    return float(value) if isinstance(value, Decimal) else value


# --- the style mapping (points at the number-style module) -----------------------------------

def style_printer(style: str, typed_unit: str, metric_unit: str, digits: int) -> Optional[tuple[str, Callable]]:
    """(filter name, function printing a MetricValue as the text did) or None if no filter prints it."""
    if style == "%" or typed_unit in ("%", "％"):
        return ("百分比" if digits == 1 else f"百分比({digits})"), lambda v: filters.percent(v, digits)
    if typed_unit == "万元" and metric_unit == "元":
        return ("万元" if digits == 2 else f"万元({digits})"), lambda v: _strip_unit(filters.wan_yuan(v, digits), "万元")
    if typed_unit == "亿元" and metric_unit == "元":
        return ("亿元" if digits == 2 else f"亿元({digits})"), lambda v: _strip_unit(filters.yi_yuan(v, digits), "亿元")
    if style in ("万", "亿"):
        return None  # no filter prints 1.2万人次 yet: the number stays literal
    if style == "余":
        return "余", filters.approx_yu
    if style == "多":
        return "多", filters.approx_duo
    return "", filters.plain


def _strip_unit(text: str, unit: str) -> str:
    return text[:-len(unit)] if text.endswith(unit) else text


def _typed(found: FoundNumber) -> str:
    """What the printer must produce for this number."""
    if found.unit in ("%", "％"):
        return f"{found.number}%"
    if found.unit in ("万元", "亿元"):
        return found.number
    return found.number + (found.style if found.style in ("余", "多") else "")


def placeholder(found: FoundNumber) -> str:
    name = _printer_for(found, found.metric_unit)
    return "{{ " + found.label + (f" | {name[0]}" if name and name[0] else "") + " }}"


def _printer_for(found: FoundNumber, metric_unit: str):
    """The printer for this number, to as many decimals as were typed (88% → 0, 95.25% → 2)."""
    digits = len(found.number.split(".")[1]) if "." in found.number else 1 if found.masked else 0
    return style_printer(found.style, found.unit, metric_unit, digits)


# --- finding ---------------------------------------------------------------------------------

def find_numbers(outline: Outline) -> list[FoundNumber]:
    found = []
    for index, (node, _depth) in enumerate(walk(outline.nodes)):
        for name in FIELDS:
            text = getattr(node, name) or ""
            for match in NUMBER.finditer(text):
                found.append(_found(match, text, index, name))
            for match in MASKED.finditer(text):
                found.append(_masked(match, text, index, name))
    return found


def _masked(match: re.Match, text: str, index: int, name: str) -> FoundNumber:
    """召开党组会议*次: replaced like a typed number of the same style (the unit stays unless printed)."""
    approx, unit = match.groups()
    style = approx or ("%" if unit in ("%", "％") else "")
    end = match.end() if unit in ("%", "％", "万元", "亿元") else match.end(1) if approx else match.start() + 1
    return FoundNumber(match.group(0), "*", style, unit, _masked_context(text, match.start(), match.end()),
                       index, name, match.start(), end, masked=True)


_PHRASE = re.compile(r"[^，。；：！？、,;:!?（）()“”]*")
MASKED_REACH = 12  # characters before a * that name what it counts (召开党组理论学习中心组会议*次)


def _masked_context(text: str, start: int, end: int) -> str:
    """Only the value is hidden, so the name must be close: the noun after it (召开*次党组会议) or,
    when the clause ends there, the words just before it (培训委员*人次)."""
    after = _PHRASE.match(text, end).group(0)
    if len(after) >= 2:
        return text[start:end] + after
    return _clause(text, start, end)[-(MASKED_REACH + end - start):]


def _found(match: re.Match, text: str, index: int, name: str) -> FoundNumber:
    digits, fraction, big, approx, unit = match.groups()
    number = digits.replace(",", "") + (fraction or "")
    if big and unit == "元":  # 3011万元: the unit is 万元, not 3011万 of 元
        unit, big = big + unit, None
    style = approx or big or ("%" if unit in ("%", "％") else "")
    if big and approx:
        style = big
    if unit in ("%", "％", "万元", "亿元"):
        end = match.end()
    else:
        end = match.end(4) if approx else match.end(2) if fraction else match.end(1)
        if big:
            end = match.end(1)  # kept literal anyway
    return FoundNumber(match.group(0), number, style, unit, _clause(text, match.start(), match.end()),
                       index, name, match.start(), end)


def _clause(text: str, start: int, end: int) -> str:
    """The clause around a number: back to the last break (at least 4 characters), the unit included."""
    head = start
    while head > 0 and not _CLAUSE_BREAK.match(text[head - 1]):
        head -= 1
    if start - head < 4 and head > 0:
        head -= 1
        while head > 0 and not _CLAUSE_BREAK.match(text[head - 1]):
            head -= 1
    return text[head:end]


# --- matching --------------------------------------------------------------------------------

def _unit_fits(typed: str, metric: str) -> bool:
    if typed == metric:
        return True
    return any(typed in family and metric in family for family in _FAMILIES)


_COUNTING = re.compile(r"(?:次数|件数|篇数|期数|人次|场次|个数|名数|人数|数)$")


def _name_score(label: str, context: str) -> int:
    """How well a metric's name fits the clause: every character of the name without its counting
    word is there (培训委员217人次 ~ 委员培训人次, 立案率88% ~ 立案率) scores above any partial
    match, which scores the longest run of characters both share."""
    stem = _COUNTING.sub("", label)
    if len(stem) >= 2 and all(c in context for c in stem):
        return 100 + len(stem)
    match = SequenceMatcher(None, label, context, autojunk=False).find_longest_match(0, len(label), 0, len(context))
    return match.size


def _numeric(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool) and value != 0


class _Index:
    """Metric values printed once per number style: printed text -> the metrics printing it."""

    def __init__(self, values: dict[str, MetricValue]):
        self.values = [v for v in values.values() if _numeric(v.value)]
        self.tables: dict[tuple, dict[str, list[MetricValue]]] = {}

    def matches(self, found: FoundNumber) -> list[MetricValue]:
        digits = len(found.number.split(".")[1]) if "." in found.number else 0
        key = (found.style, found.unit, digits)
        if key not in self.tables:
            self.tables[key] = self._table(found)
        return self.tables[key].get(_typed(found), [])

    def _table(self, found: FoundNumber) -> dict[str, list[MetricValue]]:
        table: dict[str, list[MetricValue]] = {}
        for value in self.values:
            if not _unit_fits(found.unit, value.unit):
                continue
            printer = _printer_for(found, value.unit)
            if printer is None:
                continue
            try:
                printed = printer[1](value)
            except (InvalidOperation, TypeError, ValueError, ArithmeticError):
                continue
            table.setdefault(printed, []).append(value)
        return table


def _decide(found: FoundNumber, matches: list[MetricValue]) -> None:
    found.candidates = [{"metric": m.key, "label": m.label, "value": _plain_json(m.value)} for m in matches]
    if not matches:
        found.status = "unmatched"
        return
    # The value alone proves little (many metrics are 6次): the name must fit the clause too.
    scores = [(_name_score(m.label, found.context), m) for m in matches]
    best = max(score for score, _ in scores)
    top = [m for score, m in scores if score == best]
    if best >= NAME_FIT and len(top) == 1:
        _bind(found, top[0])
    elif not found.previous_year and not found.masked and (len(matches) == 1 or best >= NAME_HINT and len(top) == 1):
        # the typed value printed by exactly this metric: the text does not change, the user reviews it
        _bind(found, top[0])
        found.auto = True
    else:
        found.status = "ambiguous"


def bind_numbers(outline: Outline, values: dict[str, MetricValue],
                 previous: Optional[dict[str, MetricValue]] = None) -> list[FoundNumber]:
    """Every number of the outline with its proposed binding; `previous` are last year's values."""
    numbers = find_numbers(outline)
    current, last = _Index(values), _Index(previous or {})
    for found in numbers:
        if found.masked:
            _decide(found, _by_context(found, values))
            continue
        if _TARGET.search(found.context[:len(found.context) - len(found.text)]):
            continue
        matches = current.matches(found)
        if not matches and previous:
            matches = last.matches(found)
            found.previous_year = bool(matches)
        _decide(found, matches)
    return numbers


def _by_context(found: FoundNumber, values: dict[str, MetricValue]) -> list[MetricValue]:
    """A masked number's candidates: metrics of a fitting unit, best-named for its clause first."""
    fitting = [v for v in values.values() if isinstance(v.value, (int, float, Decimal)) and not isinstance(v.value, bool)
               and _unit_fits(found.unit, v.unit) and _printer_for(found, v.unit)]
    fitting.sort(key=lambda v: -_name_score(v.label, found.context))
    return fitting[:MASKED_CANDIDATES]


def choose(found: FoundNumber, metric: Optional[str], values: dict[str, MetricValue]) -> None:
    """The user's decision for one number: a metric key, or None to keep it literal."""
    value = values.get(metric) if metric else None
    if value is None:
        found.status, found.metric, found.label = ("unmatched" if not found.candidates else "ambiguous"), None, ""
        found.auto = False
        return
    if metric != found.metric:
        found.auto = False  # the user's own choice; the same metric again keeps its 自动识别 mark
    _bind(found, value)


def _bind(found: FoundNumber, value: MetricValue) -> None:
    found.status, found.metric, found.label = "bound", value.key, value.label
    found.value, found.metric_unit = value.value, value.unit


def apply_bindings(outline: Outline, numbers: list[FoundNumber]) -> list[FoundNumber]:
    """Write each bound number's placeholder into its node; returns the typed numbers left literal."""
    nodes = [node for node, _ in walk(outline.nodes)]
    literal = []
    by_place: dict[tuple[int, str], list[FoundNumber]] = {}
    for found in numbers:
        if found.status == "bound" and found.metric and _printer_for(found, found.metric_unit):
            by_place.setdefault((found.node, found.field), []).append(found)
        elif not found.masked:  # an unbound * is already flagged as 未填写的数字
            literal.append(found)
    for (index, name), items in by_place.items():
        node: Node = nodes[index]
        text = getattr(node, name)
        for found in sorted(items, key=lambda f: f.start, reverse=True):
            code = for_review(placeholder(found)) if found.auto else placeholder(found)
            text = text[:found.start] + code + text[found.end:]
        setattr(node, name, text)
    return literal
