"""Numbers in the editor: each placeholder as it will print (12次, 60余场次) and why it may print oddly."""
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any, Iterable, Optional

from jinja2 import nodes

from core.metrics import formats
from core.metrics.values import MetricValue

from . import messages
from .merge import REVIEW_MARK, PlaceholderEnvironment, make_environment, merge_text, plain

CODE = re.compile(r"\{\{.*?\}\}", re.S)
_NAME = re.compile(r"\{\{\s*([^|}\s]+)")
_APPROX = {"余": "余", "approx_yu": "余", "多": "多", "approx_duo": "多"}
# Styles that print the value itself with a decimals argument: {{ 资助物资金额 | 万元(2) }}.
_WITH_DECIMALS = {"万元", "wan_yuan", "亿元", "yi_yuan", "金额", "yuan", "百分比", "percent"}
_DECIMAL_PART = re.compile(r"\d\.(\d+)")
_PARSER = make_environment({})  # parsing only: filter names are not resolved
_REVIEW = re.compile(r"\s*\|\s*" + REVIEW_MARK + r"(?=\s*(?:\||\}\}))")


@dataclass
class Chip:
    name: str  # the metric or variable the placeholder reads
    shown: str  # the merged text
    warning: str = ""  # Chinese; empty when the number prints well


def needs_review(code: str) -> bool:
    """Whether a placeholder still carries the importer's `| 待核对` (自动识别, not yet confirmed)."""
    return bool(_REVIEW.search(code))


def for_review(code: str) -> str:
    """{{ 常委会会议次数 | 余 }} → {{ 常委会会议次数 | 余 | 待核对 }} (prints the same)."""
    return code if needs_review(code) else code[:-2].rstrip() + f" | {REVIEW_MARK} }}}}"


def confirmed(code: str) -> str:
    """The placeholder without its `| 待核对`."""
    return _REVIEW.sub("", code)


def placeholder_codes(texts: Iterable[str]) -> set[str]:
    return {code for text in texts for code in CODE.findall(text or "")}


def _warning(value: Any, error: str) -> str:
    if error:
        return error
    if not isinstance(value, MetricValue):
        return messages.CHIP_UNKNOWN if value is None else ""
    if value.value is None:
        return messages.CHIP_MISSING
    if value.is_zero:
        return messages.CHIP_ZERO
    return ""  # a rate always prints with % (merge tags it), so no warning is needed for that;
    # number styles that print oddly are style_warning's


def placeholder_name(code: str) -> str:
    match = _NAME.match(code)
    return match.group(1) if match else code


@dataclass(frozen=True)
class _Style:
    """The number styles one placeholder asks for on its value."""

    approx: str = ""  # 余 or 多 applied to the value itself
    decimals: Optional[int] = None  # the largest decimals argument given to a style


def _decimals_argument(node: nodes.Filter) -> Optional[int]:
    first = node.args[0] if node.args else None  # styles take decimals positionally: 万元(2)
    return first.value if isinstance(first, nodes.Const) and type(first.value) is int else None


@lru_cache(maxsize=4096)
def _style(code: str) -> _Style:
    try:
        ast = _PARSER.parse(code)
    except Exception:  # unparsable placeholders get merge's own message
        return _Style()
    approx, asked = "", []
    for node in ast.find_all(nodes.Filter):
        if node.name in _APPROX and isinstance(node.node, nodes.Name):
            approx = _APPROX[node.name]
        if node.name in _WITH_DECIMALS and (given := _decimals_argument(node)) is not None:
            asked.append(given)
    return _Style(approx, max(asked) if asked else None)


def asks_style(code: str) -> bool:
    """Whether a placeholder asks for 余/多 or a number of decimals (what style_warning checks)."""
    style = _style(code)
    return bool(style.approx) or style.decimals is not None


def _printed_decimals(shown: str) -> int:
    return max((len(part) for part in _DECIMAL_PART.findall(shown)), default=0)


def style_warning(code: str, value: Any, shown: str) -> str:
    """Why a number style would print oddly (Chinese), or '': 余/多 on an exact value, more
    decimals than the catalogue's. Zero, missing and unknown values have their own warnings."""
    if not isinstance(value, MetricValue) or not formats.is_number(value.value) or value.is_zero:
        return ""
    style = _style(code)
    if style.approx and value.unit == formats.PERCENT:
        return messages.CHIP_APPROX_RATE.format(suffix=style.approx, shown=shown)
    if style.approx and not formats.approx(value.value, style.approx).endswith(style.approx):
        return messages.CHIP_APPROX_EXACT.format(value=formats.text(value), suffix=style.approx, shown=shown)
    allowed = value.decimals if value.decimals is not None else formats.FALLBACK_DECIMALS
    if style.decimals is not None and style.decimals > allowed and _printed_decimals(shown) > allowed:
        return messages.CHIP_DECIMALS.format(asked=style.decimals, allowed=allowed, shown=shown)
    return ""


def chip_for(env: PlaceholderEnvironment, context: dict[str, Any], code: str) -> Chip:
    name = placeholder_name(code)
    result = merge_text(env, code, context)
    value = context.get(name)
    shown = result.text if not result.error else code
    warning = _warning(value, result.error) or style_warning(code, value, shown)
    return Chip(name, shown, warning)


def chips(env: PlaceholderEnvironment, context: dict[str, Any], codes: Iterable[str]) -> dict[str, dict]:
    """{placeholder: {name, shown, warning}} for every placeholder given (a `| 待核对` in the
    placeholder itself tells the editor the number waits for review)."""
    return {code: asdict(chip_for(env, context, code)) for code in sorted(set(codes))}


def metric_shown(values: dict[str, MetricValue]) -> dict[str, str]:
    """A just-inserted number before it is saved: its plain value with its unit."""
    return {label: plain(v) if v.kind == "list" or v.is_zero else formats.cell(v, with_unit=True)
            for label, v in values.items()}
