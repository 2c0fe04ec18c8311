"""Placeholders in staff text, merged in a sandbox: {{ 党组会议次数 }}, {{ 协商活动场次 | 余 }}.

A placeholder may name a value and apply number-style filters, nothing else. The template is
parsed first and any other construct (attribute access, calls, tags, arithmetic) is refused with a
Chinese message; the SandboxedEnvironment with no globals, no attributes and no callables is a
second wall behind that check. Errors never escape as exceptions to the caller.
"""
import re
from dataclasses import dataclass, field
from typing import Any, Callable

from jinja2 import TemplateError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from core.metrics import formats
from core.metrics.values import MetricValue

from . import messages

_ALLOWED = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Filter, nodes.Const,
            nodes.Keyword)
_MARKERS = ("{{", "{%", "{#")
_RESERVED = {"self", "loop", "caller", "varargs", "kwargs", "super"}  # Jinja's own names
_AUTO_PERCENT = "\ue000%"  # a % the service added after a rate (a private-use tag, removed after merging)
_UNIT_FILTER = "_rate_unit"
_TYPED_PERCENT = re.compile("\ue000%(?=\\s*[%％])")
_AMBIGUOUS = re.compile("百分之[^\ue000]{0,12}\ue000%|[\\d.]*\ue000%\\s*个?百分点")


class Marker(str):
    """Text shown in place of a value that could not be merged (unknown or missing)."""


class FilterFailed(Exception):
    def __init__(self, name: str, value: Any):
        super().__init__(name)
        self.name, self.value = name, value


class PlaceholderEnvironment(SandboxedEnvironment):
    """No attribute is safe and nothing is callable: only names and registered filters remain."""

    def is_safe_attribute(self, obj, attr, value) -> bool:
        return False

    def is_safe_callable(self, obj) -> bool:
        return False


def plain(value: Any) -> str:
    """Default text of a value, as core/metrics/formats prints it (a rate with %); a zero or missing
    metric becomes a visible 【待补】 marker, never 召开0次."""
    if isinstance(value, Marker):
        return value
    shown = formats.text(value)
    return Marker(shown) if formats.MARKER_RE.fullmatch(shown) else shown


def _with_unit(value: Any) -> str:
    """A rate's text always ends with % (tagged, so a % the writer typed right after wins)."""
    shown = value if isinstance(value, str) else plain(value)
    if isinstance(shown, Marker):
        return shown
    return (shown[:-1] if shown.endswith(formats.PERCENT) else shown) + _AUTO_PERCENT


def _is_rate(value: Any) -> bool:
    return isinstance(value, MetricValue) and value.unit == formats.PERCENT


def _tag_rates(ast: nodes.Template, values: dict) -> None:
    """Every output of a rate ({{ 立案率 }}, {{ 立案率|余 }}) passes through _with_unit last."""
    for output in ast.find_all(nodes.Output):
        for index, node in enumerate(output.nodes):
            base = node
            while isinstance(base, nodes.Filter):
                base = base.node
            if isinstance(base, nodes.Name) and _is_rate(values.get(base.name)):
                output.nodes[index] = nodes.Filter(node, _UNIT_FILTER, [], [], None, None, lineno=node.lineno)


def _settle_units(merged: str) -> tuple[str, list[str]]:
    """Drop the added % where the writer typed one; report a % next to 百分点 / 百分之 as ambiguous."""
    merged = _TYPED_PERCENT.sub("", merged)
    doubtful = [match.group(0).replace(_AUTO_PERCENT, formats.PERCENT) for match in _AMBIGUOUS.finditer(merged)]
    return merged.replace(_AUTO_PERCENT, formats.PERCENT), doubtful


def _guarded(name: str, fn: Callable) -> Callable:
    def call(value, *args, **kwargs):
        if isinstance(value, Marker):
            return value  # an unknown or missing value stays visibly unmerged
        try:
            return fn(value, *args, **kwargs)
        except Exception as error:  # a filter given the wrong kind of value
            raise FilterFailed(name, value) from error

    return call


def make_environment(filters: dict[str, Callable]) -> PlaceholderEnvironment:
    env = PlaceholderEnvironment(autoescape=False, keep_trailing_newline=True, finalize=plain)
    env.globals.clear()  # no range, cycler, joiner, namespace, lipsum, dict
    env.tests.clear()
    env.filters = {name: _guarded(name, fn) for name, fn in filters.items()}
    env.filters[_UNIT_FILTER] = _with_unit
    return env


@dataclass
class MergeResult:
    text: str
    names: set[str] = field(default_factory=set)  # every placeholder name used
    unknown: set[str] = field(default_factory=set)
    error: str = ""  # Chinese message; the text is then left unmerged
    doubtful_units: list[str] = field(default_factory=list)  # a rate next to 百分点 / 百分之: the preview warns


def _refused(ast: nodes.Template) -> str:
    """The first construct a placeholder may not use, described in Chinese, or ''."""
    stack: list[nodes.Node] = [ast]
    while stack:
        node = stack.pop()
        if not isinstance(node, _ALLOWED) or (isinstance(node, nodes.Name) and node.ctx != "load"):
            return messages.REFUSED_CONSTRUCT.format(what=messages.NODE_NAMES.get(type(node).__name__, type(node).__name__))
        if isinstance(node, nodes.Name) and node.name in _RESERVED:
            return messages.RESERVED_NAME.format(name=node.name)
        if isinstance(node, nodes.Filter) and node.node is None:
            return messages.REFUSED_CONSTRUCT.format(what=messages.NODE_NAMES["FilterBlock"])
        if isinstance(node, nodes.Filter) and node.name == _UNIT_FILTER:  # the service's own, not a style
            return messages.UNKNOWN_FILTER.format(name=node.name)
        stack.extend(node.iter_child_nodes())
    return ""


def merge_text(env: PlaceholderEnvironment, text: str, context: dict[str, Any]) -> MergeResult:
    """Merge one piece of staff text; on any problem return the text unchanged with a message."""
    text = text or ""
    if not any(marker in text for marker in _MARKERS):
        return MergeResult(text)
    try:
        ast = env.parse(text)
    except TemplateError as error:
        return MergeResult(text, error=messages.SYNTAX_ERROR.format(line=getattr(error, "lineno", 1) or 1))
    if reason := _refused(ast):
        return MergeResult(text, error=reason)
    try:
        names = meta.find_undeclared_variables(ast)  # compiles: an unknown filter fails here
    except TemplateError as error:
        return MergeResult(text, error=_template_error_message(error))
    unknown = {name for name in names if name not in context}
    values = {name: context[name] for name in names if name in context}
    values.update({name: Marker(messages.UNKNOWN_MARK.format(name=name)) for name in unknown})
    _tag_rates(ast, values)
    try:
        merged = env.from_string(ast).render(values)
    except FilterFailed as error:
        return MergeResult(text, names, unknown, messages.FILTER_FAILED.format(filter=error.name, value=plain(error.value)))
    except TemplateError as error:  # e.g. a filter name that does not exist
        return MergeResult(text, names, unknown, _template_error_message(error))
    merged, doubtful = _settle_units(merged)
    return MergeResult(merged, names, unknown, doubtful_units=doubtful)


def _template_error_message(error: TemplateError) -> str:
    text = str(error)
    if "No filter named" in text:
        name = text.split("'")[1] if "'" in text else text
        return messages.UNKNOWN_FILTER.format(name=name)
    return messages.TEMPLATE_ERROR


def check_text(env: PlaceholderEnvironment, text: str) -> str:
    """Validate text before saving: the Chinese reason it cannot be merged, or ''."""
    if not any(marker in (text or "") for marker in _MARKERS):
        return ""
    try:
        ast = env.parse(text)
        reason = _refused(ast)
        if not reason:
            env.from_string(ast)  # compiles: unknown filters surface here
        return reason
    except TemplateError as error:
        if "No filter named" in str(error):
            return _template_error_message(error)
        return messages.SYNTAX_ERROR.format(line=getattr(error, "lineno", 1) or 1)
