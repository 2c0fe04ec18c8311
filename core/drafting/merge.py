"""Placeholders in staff text, merged in a sandbox: {{ 党组会议次数 }}, {{ 协商活动场次 | 余 }}.

A placeholder may name a value and apply number-style filters, nothing else. The template is
parsed first and any other construct (attribute access, calls, tags, arithmetic) is refused with a
Chinese message; the SandboxedEnvironment with no globals, no attributes and no callables is a
second wall behind that check. Errors never escape as exceptions to the caller.
"""
from dataclasses import dataclass, field
from functools import lru_cache
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable

from jinja2 import TemplateError, meta, nodes
from jinja2.sandbox import SandboxedEnvironment

from core.metrics.values import MetricValue

from . import messages

_ALLOWED = (nodes.Template, nodes.Output, nodes.TemplateData, nodes.Name, nodes.Filter, nodes.Const,
            nodes.Keyword)
_MARKERS = ("{{", "{%", "{#")
_RESERVED = {"self", "loop", "caller", "varargs", "kwargs", "super"}  # Jinja's own names


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
    """Default text of a value: integers without decimals, lists joined with 、; zero or missing
    metrics become a visible 【待补】 marker, never 召开0次."""
    if isinstance(value, MetricValue):
        if value.value is None:
            return Marker(messages.NO_VALUE_MARK.format(name=value.label))
        if value.is_zero:
            return Marker(messages.ZERO_MARK.format(name=value.label))
        return plain(value.value)
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return Marker(messages.NO_VALUE_MARK.format(name="数值"))
    if isinstance(value, (list, tuple)):
        return "、".join(plain(v) for v in value)
    if isinstance(value, (Decimal, float)):
        rounded = Decimal(str(value)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return str(int(rounded)) if rounded == int(rounded) else format(rounded.normalize(), "f")
    return str(value)


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
    """One shared environment per set of filters, so compiled texts are reused across requests."""
    return _environment(frozenset(filters.items()))


@lru_cache(maxsize=8)
def _environment(filters: frozenset) -> PlaceholderEnvironment:
    env = PlaceholderEnvironment(autoescape=False, keep_trailing_newline=True, finalize=plain)
    env.globals.clear()  # no range, cycler, joiner, namespace, lipsum, dict
    env.tests.clear()
    env.filters = {name: _guarded(name, fn) for name, fn in filters}
    return env


@dataclass
class MergeResult:
    text: str
    names: set[str] = field(default_factory=set)  # every placeholder name used
    unknown: set[str] = field(default_factory=set)
    error: str = ""  # Chinese message; the text is then left unmerged


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
        stack.extend(node.iter_child_nodes())
    return ""


@dataclass(frozen=True)
class _Compiled:
    """A staff text checked and compiled once: its placeholder names, or why it cannot be merged."""

    names: frozenset = frozenset()
    template: Any = None
    error: str = ""


_COMPILED_MAX = 4096  # distinct texts kept per environment (a 60-block report has about 200)


def _compile(env: PlaceholderEnvironment, text: str) -> _Compiled:
    cache = env.__dict__.setdefault("_compiled", {})
    if text in cache:
        return cache[text]
    try:
        ast = env.parse(text)
    except TemplateError as error:
        return _remember(cache, text, _Compiled(error=messages.SYNTAX_ERROR.format(line=getattr(error, "lineno", 1) or 1)))
    if reason := _refused(ast):
        return _remember(cache, text, _Compiled(error=reason))
    try:
        names = frozenset(meta.find_undeclared_variables(ast))  # compiles: an unknown filter fails here
        template = env.from_string(ast)
    except TemplateError as error:
        return _remember(cache, text, _Compiled(error=_template_error_message(error)))
    return _remember(cache, text, _Compiled(names, template))


def _remember(cache: dict, text: str, compiled: _Compiled) -> _Compiled:
    if len(cache) >= _COMPILED_MAX:
        cache.clear()
    cache[text] = compiled
    return compiled


def merge_text(env: PlaceholderEnvironment, text: str, context: dict[str, Any]) -> MergeResult:
    """Merge one piece of staff text; on any problem return the text unchanged with a message."""
    text = text or ""
    if not any(marker in text for marker in _MARKERS):
        return MergeResult(text)
    compiled = _compile(env, text)
    if compiled.template is None:
        return MergeResult(text, set(compiled.names), error=compiled.error)
    names = set(compiled.names)
    unknown = {name for name in names if name not in context}
    values = {name: context[name] for name in names if name in context}
    values.update({name: Marker(messages.UNKNOWN_MARK.format(name=name)) for name in unknown})
    try:
        merged = compiled.template.render(values)
    except FilterFailed as error:
        return MergeResult(text, names, unknown, messages.FILTER_FAILED.format(filter=error.name, value=plain(error.value)))
    except TemplateError as error:  # e.g. a filter name that does not exist
        return MergeResult(text, names, unknown, _template_error_message(error))
    return MergeResult(merged, names, unknown)


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
