"""Placeholders in staff text, merged in a sandbox: {{ 党组会议次数 }}, {{ 协商活动场次 | 余 }}.

A placeholder may name a value and apply number-style filters, nothing else. The template is
parsed first and any other construct (attribute access, calls, tags, arithmetic) is refused with a
Chinese message; the SandboxedEnvironment with no globals, no attributes and no callables is a
second wall behind that check. Errors never escape as exceptions to the caller.
"""
import re
from dataclasses import dataclass, field
from functools import lru_cache
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
# A number the importer bound on its value alone carries `| 待核对` until someone confirms it
# ({{ 常委会会议次数 | 待核对 }}): the filter returns its value unchanged, so nothing printed differs.
REVIEW_MARK = "待核对"
_TYPED_PERCENT = re.compile("\ue000%(?=\\s*[%％])")
_AMBIGUOUS = re.compile("百分之[^\ue000]{0,12}\ue000%|[\\d.]*\ue000%\\s*个?百分点")
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


def _tag_rates(ast: nodes.Template, rates: frozenset) -> None:
    """Every output of a rate ({{ 立案率 }}, {{ 立案率|余 }}) passes through _with_unit last."""
    for output in ast.find_all(nodes.Output):
        for index, node in enumerate(output.nodes):
            base = node
            while isinstance(base, nodes.Filter):
                base = base.node
            if isinstance(base, nodes.Name) and base.name in rates:
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
    """One shared environment per set of filters, so compiled texts are reused across requests."""
    return _environment(frozenset(filters.items()))


@lru_cache(maxsize=8)
def _environment(filters: frozenset) -> PlaceholderEnvironment:
    env = PlaceholderEnvironment(autoescape=False, keep_trailing_newline=True, finalize=plain)
    env.globals.clear()  # no range, cycler, joiner, namespace, lipsum, dict
    env.tests.clear()
    env.filters = {name: _guarded(name, fn) for name, fn in filters}
    env.filters[_UNIT_FILTER] = _with_unit
    env.filters[REVIEW_MARK] = _unchanged
    return env


def _unchanged(value: Any) -> Any:
    return value


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


@dataclass(frozen=True)
class _Compiled:
    """A staff text checked and compiled once: its placeholder names, or why it cannot be merged."""

    names: frozenset = frozenset()
    template: Any = None
    error: str = ""


_COMPILED_MAX = 4096  # distinct texts kept per environment (a 60-block report has about 200)


def _compile(env: PlaceholderEnvironment, text: str, rates: frozenset = frozenset()) -> _Compiled:
    """Checked and compiled once per text (and per set of rate names, whose output gains its %)."""
    cache = env.__dict__.setdefault("_compiled", {})
    key = (text, rates)
    if key in cache:
        return cache[key]
    ast, reason = _parse(env, text)
    if ast is None:
        return _remember(cache, key, _Compiled(error=reason))
    if reason := _refused(ast):
        return _remember(cache, key, _Compiled(error=reason))
    try:
        names = frozenset(meta.find_undeclared_variables(ast))  # compiles: an unknown filter fails here
        _tag_rates(ast, rates)
        template = env.from_string(ast)
    except TemplateError as error:
        return _remember(cache, key, _Compiled(error=_template_error_message(error)))
    except Exception:  # RecursionError and the like: never stored, never a 500
        return _remember(cache, key, _Compiled(error=messages.TEMPLATE_ERROR))
    return _remember(cache, key, _Compiled(names, template))


def _remember(cache: dict, key: tuple, compiled: _Compiled) -> _Compiled:
    if len(cache) >= _COMPILED_MAX:
        cache.clear()
    cache[key] = compiled
    return compiled


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
    compiled = _compile(env, text)
    if compiled.template is None:
        return MergeResult(text, set(compiled.names), error=compiled.error)
    names = set(compiled.names)
    if rates := frozenset(name for name in names if _is_rate(context.get(name))):
        compiled = _compile(env, text, rates)
    unknown = {name for name in names if name not in context}
    values = {name: context[name] for name in names if name in context}
    values.update({name: Marker(messages.UNKNOWN_MARK.format(name=name)) for name in unknown})
    try:
        merged = compiled.template.render(values)
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
