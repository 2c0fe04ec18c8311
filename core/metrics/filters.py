"""Number styles staff apply in report text, as Jinja2 filters: {{ 协商活动场次|多 }}, {{ 资助物资金额|万元 }}.

Every filter takes a MetricValue (or a bare number / list). The printing itself is core/metrics/formats.py;
this module only names it. A zero or missing value never prints as 召开0次: it renders the
【待补：…】 marker that the preview flags (see find_flags).
"""
from . import formats
from .formats import chinese_numeral  # noqa: F401  (re-exported)
from .values import MetricValue


def find_flags(text: str) -> list[str]:
    """The reasons of every marker left in rendered text (what the preview warns about)."""
    return formats.MARKER_RE.findall(text or "")


def _guarded(style):
    """A style applied to the value's number; a zero or missing value gives its marker instead."""
    def apply(value, *args):
        number, label = (value.value, value.label) if isinstance(value, MetricValue) else (value, "")
        return formats.missing_marker(number, label) or style(value, number, *args)
    apply.__name__, apply.__doc__ = style.__name__, style.__doc__
    return apply


def _decimals(value, given, default):
    if given is not None:
        return given
    declared = value.decimals if isinstance(value, MetricValue) else None
    return declared if declared is not None else default


@_guarded
def plain(value, number) -> str:
    """The number as written in a report (the catalogue's decimals, % after a rate)."""
    return formats.text(value if isinstance(value, MetricValue) else number)


@_guarded
def approx_yu(value, number) -> str:
    return formats.approx(number, "余")


@_guarded
def approx_duo(value, number) -> str:
    return formats.approx(number, "多")


@_guarded
def wan_yuan(value, number, decimals: int | None = None) -> str:
    return formats.wan_yuan(number, _decimals(value, decimals, 2))


@_guarded
def yi_yuan(value, number, decimals: int | None = None) -> str:
    return formats.yi_yuan(number, _decimals(value, decimals, 2))


@_guarded
def yuan_auto(value, number, decimals: int | None = None) -> str:
    return formats.yuan(number, _decimals(value, decimals, 2))


@_guarded
def percent(value, number, decimals: int | None = None) -> str:
    return formats.percent(number, _decimals(value, decimals, 1))


def year_on_year(value, decimals: int | None = None) -> str:
    """同比增长12.5% / 同比下降3.2% / 与上年同期持平, from a MetricValue carrying `previous`."""
    number, label = (value.value, value.label) if isinstance(value, MetricValue) else (value, "")
    previous = value.previous if isinstance(value, MetricValue) else None
    text = formats.change(number, previous, 1 if decimals is None else decimals)
    return text if text is not None else formats.MARKER.format(f"{label or '数值'}缺少上年同期数据")


@_guarded
def chinese(value, number) -> str:
    return formats.chinese_numeral(int(number))


@_guarded
def dunhao(value, items) -> str:
    """A list as A、B、C."""
    return "、".join(str(item) for item in _as_list(items))


@_guarded
def quoted(value, items) -> str:
    """A list as “A”“B”“C” (titles of research topics, 000)."""
    return "".join(f"“{item}”" for item in _as_list(items))


def _as_list(items) -> list:
    return list(items) if isinstance(items, (list, tuple)) else [items]


# Chinese names (as staff write them) and English aliases.
NUMBER_FILTERS = {
    "数": plain, "plain": plain,
    "余": approx_yu, "approx_yu": approx_yu,
    "多": approx_duo, "approx_duo": approx_duo,
    "万元": wan_yuan, "wan_yuan": wan_yuan,
    "亿元": yi_yuan, "yi_yuan": yi_yuan,
    "金额": yuan_auto, "yuan": yuan_auto,
    "百分比": percent, "percent": percent,
    "同比": year_on_year, "yoy": year_on_year,
    "中文": chinese, "chinese": chinese,
    "顿号": dunhao, "dunhao": dunhao,
    "引号": quoted, "quoted": quoted,
}
