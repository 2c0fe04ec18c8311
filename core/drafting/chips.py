"""Numbers in the editor: each placeholder as it will print (12次, 60余场次) and why it may print oddly."""
import re
from dataclasses import asdict, dataclass
from typing import Any, Iterable

from core.metrics import formats
from core.metrics.values import MetricValue

from . import messages
from .merge import PlaceholderEnvironment, merge_text, plain

CODE = re.compile(r"\{\{.*?\}\}", re.S)
_NAME = re.compile(r"\{\{\s*([^|}\s]+)")


@dataclass
class Chip:
    name: str  # the metric or variable the placeholder reads
    shown: str  # the merged text
    warning: str = ""  # Chinese; empty when the number prints well


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
    return ""  # a rate always prints with % (merge tags it), so no warning is needed for that


def placeholder_name(code: str) -> str:
    match = _NAME.match(code)
    return match.group(1) if match else code


def chip_for(env: PlaceholderEnvironment, context: dict[str, Any], code: str) -> Chip:
    name = placeholder_name(code)
    result = merge_text(env, code, context)
    value = context.get(name)
    shown = result.text if not result.error else code
    return Chip(name, shown, _warning(value, result.error))


def chips(env: PlaceholderEnvironment, context: dict[str, Any], codes: Iterable[str]) -> dict[str, dict]:
    """{placeholder: {name, shown, warning}} for every placeholder given."""
    return {code: asdict(chip_for(env, context, code)) for code in sorted(set(codes))}


def metric_shown(values: dict[str, MetricValue]) -> dict[str, str]:
    """A just-inserted number before it is saved: its plain value with its unit."""
    return {label: plain(v) if v.kind == "list" or v.is_zero else formats.cell(v, with_unit=True)
            for label, v in values.items()}
