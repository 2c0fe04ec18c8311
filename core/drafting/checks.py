"""What the preview warns about, each warning tied to the section it comes from."""
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from core.metrics import formats
from core.metrics.values import MetricValue
from data_models import NodeType, Section

from . import messages
from .chips import CODE, asks_style, chip_for, needs_review, placeholder_name, style_warning
from .merge import MergeResult, PlaceholderEnvironment, plain

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_LEFTOVERS = (("**", re.compile(r"\*\*")), ("*", re.compile(r"(?<!\*)\*(?!\*)")), ("XX", re.compile(r"XX|ＸＸ")))
_NUMBER = re.compile(r"(\d[\d,，]*(?:\.\d+)?)(余|多)?(人次|场次|件次|次|件|个|篇|名|期|场|万元|元)")
_GENERIC = {"次数", "件数", "个数", "人数", "篇数", "期数", "人次", "场次", "件次", "名单"}
_UNIT_ALIASES = {"场次": {"场次", "场", "次"}, "场": {"场", "场次"}, "次": {"次", "场次"}, "万元": {"元"}}
_TYPED_NUMBER = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）|[一二三四五六七八九十]+是|[■●])")


@dataclass
class DraftWarning:
    section_id: Optional[int]
    code: str  # template_error / unknown / zero / missing / empty / leftover / hand_typed / rate_unit / number_style
    # / auto_number
    message: str
    text: str = ""  # hand_typed: the number as typed (an import note about the same number then stays quiet)


def merge_warnings(where: str, section_id: Optional[int], result: MergeResult,
                   values: dict[str, MetricValue]) -> list[DraftWarning]:
    out = []
    if result.error:
        out.append(DraftWarning(section_id, "template_error", messages.SECTION_ERROR.format(where=where, message=result.error)))
    for snippet in dict.fromkeys(result.doubtful_units):
        out.append(DraftWarning(section_id, "rate_unit", messages.W_RATE_UNIT.format(where=where, text=snippet)))
    for name in sorted(result.unknown):
        out.append(DraftWarning(section_id, "unknown", messages.W_UNKNOWN.format(where=where, name=name)))
    for name in sorted(result.names & values.keys()):
        value = values[name]
        if value.value is None:
            note = f"（{value.note}）" if value.note else ""
            out.append(DraftWarning(section_id, "missing", messages.W_MISSING.format(where=where, name=name, note=note)))
        elif value.is_zero:
            out.append(DraftWarning(section_id, "zero", messages.W_ZERO.format(where=where, name=name)))
        elif value.unit == formats.PERCENT and formats.is_number(value.value) and value.value > 100:
            out.append(DraftWarning(section_id, "rate_over_100", messages.W_RATE_OVER.format(
                where=where, name=name, value=formats.text(value))))
    return out


def style_warnings(where: str, section_id: Optional[int], text: str, env: PlaceholderEnvironment,
                   context: dict) -> list[DraftWarning]:
    """Number styles that would print oddly (余 on an exact value, too many decimals), as on the chips."""
    out = []
    for code in dict.fromkeys(code for code in CODE.findall(text or "") if asks_style(code)):
        chip = chip_for(env, context, code)
        if reason := style_warning(code, context.get(chip.name), chip.shown):
            out.append(DraftWarning(section_id, "number_style", messages.W_NUMBER_STYLE.format(
                where=where, name=chip.name, reason=reason)))
    return out


def review_warnings(where: str, section_id: Optional[int], text: str) -> list[DraftWarning]:
    """Each number the importer bound on its value alone (`| 待核对`), until it is confirmed."""
    return [DraftWarning(section_id, "auto_number", messages.W_AUTO_NUMBER.format(where=where, name=placeholder_name(code)))
            for code in CODE.findall(text or "") if needs_review(code)]


_FLAG = re.compile(r"【待补：([^】]*)】")


def flag_warnings(where: str, section_id: Optional[int], merged: str) -> list[DraftWarning]:
    """Markers a number-style filter left (同比 without last year's figure…); zero and missing
    values are already reported by merge_warnings."""
    reasons = [r for r in _FLAG.findall(merged or "") if not r.endswith(("为0", "无法计算"))]
    return [DraftWarning(section_id, "flag", messages.W_FLAG.format(where=where, reason=r)) for r in dict.fromkeys(reasons)]


def leftover_warnings(where: str, section_id: Optional[int], text: str) -> list[DraftWarning]:
    """Masks left from a copied text: *, ** and XX."""
    bare = _PLACEHOLDER.sub("", text or "")
    return [DraftWarning(section_id, "leftover", messages.W_LEFTOVER.format(where=where, mark=mark))
            for mark, pattern in _LEFTOVERS if pattern.search(bare)]


def typed_number_warning(where: str, section: Section) -> list[DraftWarning]:
    """A heading or lead that starts with 一、 or 一是 typed by hand: numbering is generated."""
    text = section.heading if section.node_type != NodeType.ITEM else section.lead
    if _TYPED_NUMBER.match(text or ""):
        return [DraftWarning(section.id, "typed_number", messages.W_TYPED_NUMBER.format(where=where))]
    return []


def empty_warning(where: str, section: Section, has_children: bool) -> list[DraftWarning]:
    if not NodeType.known(section.node_type) or has_children:  # every known type expects content
        return []
    text = section.body if section.node_type != NodeType.PART else ""
    if (text or "").strip() or (section.node_type == NodeType.ITEM and section.lead.strip()):
        return []
    return [DraftWarning(section.id, "empty", messages.W_EMPTY.format(where=where))]


def _bigrams(text: str) -> set[str]:
    return {text[i:i + 2] for i in range(len(text) - 1)} - _GENERIC


def _best_metric(window: str, unit: str, typed: str, values: dict[str, MetricValue]) -> Optional[MetricValue]:
    """The metric the words around a typed number name; one whose value is that number comes first
    (已办结117件 next to 领衔督办6件 is 办结提案件数, not 领衔督办提案件数)."""
    units = _UNIT_ALIASES.get(unit, {unit})
    number = formats.to_decimal(typed)
    scored = [(formats.to_decimal(mv.value) == number, len(_bigrams(mv.label) & _bigrams(window)), mv)
              for mv in values.values() if mv.unit in units and mv.kind != "list"]
    scored = [entry for entry in scored if entry[1] >= (1 if entry[0] else 2)]  # the same value needs fewer words
    return max(scored, key=lambda entry: entry[:2])[2] if scored else None


def hand_typed_warnings(where: str, section_id: Optional[int], text: str,
                        values: dict[str, MetricValue]) -> list[DraftWarning]:
    """A number typed by hand next to words that name a metric (接待考察团14次)."""
    bare = _PLACEHOLDER.sub("□", text or "")
    out = []
    for match in _NUMBER.finditer(bare):
        window = bare[max(0, match.start() - 12):match.end() + 12]
        metric = _best_metric(window, match.group(3), match.group(1), values)
        if metric is not None:
            out.append(DraftWarning(section_id, "hand_typed", messages.W_HAND_TYPED.format(
                where=where, number=match.group(0), label=metric.label, value=formats.cell(metric, with_unit=True)),
                text=match.group(0)))
    return out


# Numbers that must agree with each other (SPEC §5): (result, [(sign, term)…], rule as staff read it).
RULES = (
    ("收到提案件数", ((1, "立案件数"), (1, "转为意见建议件数")), "收到提案 = 立案 + 转为意见建议"),
    ("实际立案件数", ((1, "立案件数"), (-1, "并案件数")), "实际立案 = 立案 − 并案"),
)


def _is_number(value: Optional[MetricValue]) -> bool:
    return value is not None and isinstance(value.value, (int, float, Decimal)) and not isinstance(value.value, bool)


def rule_warnings(used: set[str], values: dict[str, MetricValue]) -> list[DraftWarning]:
    """A rule is checked when the report quotes any of its numbers and all of them are known."""
    out = []
    for total, terms, rule in RULES:
        names = {total, *(name for _, name in terms)}
        if not names & used or not all(_is_number(values.get(name)) for name in names):
            continue
        expected = sum(sign * values[name].value for sign, name in terms)
        if values[total].value != expected:
            out.append(DraftWarning(None, "rule", messages.W_RULE.format(rule=f"{rule}（{plain(values[total].value)} ≠ {plain(expected)}）")))
    return out


def stored_warnings(sections, notes, said: list[DraftWarning] = ()) -> list[DraftWarning]:
    """Notes an import left on sections (未填写的数字/名称, 数字未关联台账), shown while their text remains
    and no other warning already names that number there (手工输入了…可改用指标 says more)."""
    by_id = {section.id: section for section in sections}
    named = {(w.section_id, w.text) for w in said if w.text}
    out = []
    for note in notes or []:
        section = by_id.get(note.get("section_id")) if isinstance(note, dict) else None
        if section is None or (section.id, note.get("text", "")) in named:
            continue
        if note.get("text", "") in f"{section.heading}{section.lead}{section.body}":
            out.append(DraftWarning(section.id, "import", str(note.get("message", ""))))
    return out
