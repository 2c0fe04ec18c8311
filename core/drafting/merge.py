"""Placeholders in staff text, merged in a sandbox: {{ 党组会议次数 }}, {{ 协商活动场次 | 余 }}.

A placeholder may name a value and apply number-style filters, nothing else. The template is
parsed first and any other construct (attribute access, calls, tags, arithmetic) is refused with a
Chinese message; the SandboxedEnvironment with no globals, no attributes and no callables is a
second wall behind that check. Errors never escape as exceptions to the caller.
"""
from dataclasses import dataclass, field
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
# Bounds checked on the tokens before the (recursive) parser and Python's compiler see the text:
# a real placeholder is a name and one or two filters, so these never bite honest writing.
MAX_DEPTH = 8  # nested ( [ {
MAX_FILTERS = 8  # | in one {{ }}
MAX_TAGS = 20  # {% %} in one text (refused later anyway, but nested ones overflow the parser)
MAX_NUMBER = 20  # characters of a number literal
MAX_TOKENS = 60  # in one {{ }} or {% %}: bounds chains like `not not not …` or `- - - x`


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
    env = PlaceholderEnvironment(autoescape=False, keep_trailing_newline=True, finalize=plain)
    env.globals.clear()  # no range, cycler, joiner, namespace, lipsum, dict
    env.tests.clear()
    env.filters = {name: _guarded(name, fn) for name, fn in filters.items()}
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


def _too_complex(env: PlaceholderEnvironment, text: str) -> str:
    """Why the text is beyond the placeholder bounds (Chinese), or ''; reads tokens only."""
    depth = filters = tags = tokens = 0
    for lineno, kind, value in env.lexer.tokeniter(text, None):
        tokens += kind != "whitespace"
        if tokens > MAX_TOKENS:
            return messages.TOO_LONG_PLACEHOLDER.format(line=lineno, limit=MAX_TOKENS)
        if kind == "operator" and value in "([{":
            depth += 1
            if depth > MAX_DEPTH:
                return messages.TOO_DEEP.format(line=lineno, limit=MAX_DEPTH)
        elif kind == "operator" and value in ")]}":
            depth -= 1
        elif kind == "operator" and value == "|":
            filters += 1
            if filters > MAX_FILTERS:
                return messages.TOO_MANY_FILTERS.format(line=lineno, limit=MAX_FILTERS)
        elif kind == "variable_begin":
            depth = filters = tokens = 0
        elif kind == "block_begin":
            tags, tokens = tags + 1, 0
            if tags > MAX_TAGS:
                return messages.TOO_MANY_TAGS.format(limit=MAX_TAGS)
        elif kind in ("integer", "float") and (len(value) > MAX_NUMBER or not _finite(value)):
            return messages.BAD_NUMBER.format(line=lineno)
    return ""


def _finite(literal: str) -> bool:
    try:
        return abs(float(literal.replace("_", ""))) < 1e300
    except ValueError:
        return False


def _parse(env: PlaceholderEnvironment, text: str) -> tuple[nodes.Template | None, str]:
    """The text's syntax tree, or None and the Chinese reason it cannot be parsed."""
    try:
        if reason := _too_complex(env, text):
            return None, reason
        return env.parse(text), ""
    except TemplateError as error:
        return None, messages.SYNTAX_ERROR.format(line=getattr(error, "lineno", 1) or 1)
    except Exception:  # RecursionError, MemoryError, ValueError of int(): never stored, never a 500
        return None, messages.TEMPLATE_ERROR


def merge_text(env: PlaceholderEnvironment, text: str, context: dict[str, Any]) -> MergeResult:
    """Merge one piece of staff text; on any problem return the text unchanged with a message."""
    text = text or ""
    if not any(marker in text for marker in _MARKERS):
        return MergeResult(text)
    try:
        return _merge(env, text, context)
    except Exception:  # whatever stored text does, the rest of the report still merges
        return MergeResult(text, error=messages.TEMPLATE_ERROR)


def _merge(env: PlaceholderEnvironment, text: str, context: dict[str, Any]) -> MergeResult:
    ast, reason = _parse(env, text)
    if ast is None:
        return MergeResult(text, error=reason)
    if reason := _refused(ast):
        return MergeResult(text, error=reason)
    try:
        names = meta.find_undeclared_variables(ast)  # compiles: an unknown filter fails here
    except TemplateError as error:
        return MergeResult(text, error=_template_error_message(error))
    unknown = {name for name in names if name not in context}
    values = {name: context[name] for name in names if name in context}
    values.update({name: Marker(messages.UNKNOWN_MARK.format(name=name)) for name in unknown})
    try:
        merged = env.from_string(ast).render(values)
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
    ast, reason = _parse(env, text)
    if ast is None or (reason := _refused(ast)):
        return reason
    try:
        env.from_string(ast)  # compiles: unknown filters surface here
    except TemplateError as error:
        if "No filter named" in str(error):
            return _template_error_message(error)
        return messages.SYNTAX_ERROR.format(line=getattr(error, "lineno", 1) or 1)
    except Exception:
        return messages.TEMPLATE_ERROR
    return ""


def unsafe_text(env: PlaceholderEnvironment, text: str) -> str:
    """The reason text must not be stored at all (beyond the bounds, or the parser itself fails), or ''.

    Softer problems (an unknown metric, a typo in a placeholder) are saved with a warning, so a
    writer never loses work; this refuses only text that could not even be checked."""
    if not any(marker in (text or "") for marker in _MARKERS):
        return ""
    try:
        if reason := _too_complex(env, text):
            return reason
        ast = env.parse(text)
        if not _refused(ast):
            env.from_string(ast)
    except TemplateError:
        return ""
    except Exception:
        return messages.TEMPLATE_ERROR
    return ""


def storable_problem(text: str) -> str:
    """unsafe_text for callers without the report's filters (checked before anything is stored)."""
    return unsafe_text(_BARE, text)


_BARE = make_environment({})
