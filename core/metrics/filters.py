"""Number style for report text, as Jinja2 filters: {{ 协商活动场次|多 }}, {{ 资助物资金额|万元 }}.

Every filter takes a MetricValue (or a bare number / list). A zero or missing value never prints
as 召开0次: it renders a visible marker 【待补：…】 that the preview flags (see find_flags).
"""
import re
from decimal import ROUND_HALF_UP, ROUND_DOWN, Decimal

from .values import MetricValue

MARKER = "【待补：{}】"
_MARKER_RE = re.compile(r"【待补：([^】]*)】")
_DIGITS = "零一二三四五六七八九"


def find_flags(text: str) -> list[str]:
    """The reasons of every marker left in rendered text (what the preview warns about)."""
    return _MARKER_RE.findall(text or "")


def _unpack(value):
    """(number or list, label) from a MetricValue or a bare value."""
    if isinstance(value, MetricValue):
        return value.value, value.label
    return value, ""


def _missing(value, label: str):
    """The marker for a zero or missing value, or None when the value can be printed."""
    if value is None:
        return MARKER.format(f"{label or '数值'}无法计算")
    if value in (0, []) or value == "":
        return MARKER.format(f"{label or '数值'}为0")
    return None


def _guarded(format_value):
    def apply(value, *args):
        number, label = _unpack(value)
        return _missing(number, label) or format_value(number, *args)
    apply.__name__ = format_value.__name__
    apply.__doc__ = format_value.__doc__
    return apply


def _trim(number: Decimal, digits: int) -> str:
    """Round half up to `digits` decimals and drop trailing zeros: 3011.00 → 3011, 0.50 → 0.5."""
    text = f"{Decimal(str(number)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _approx(number, suffix: str) -> str:
    """Round down to two significant digits: 453 → 450余, 7432 → 7400余; exact values stay bare."""
    whole = int(Decimal(str(number)).to_integral_value(rounding=ROUND_DOWN))
    if whole < 10:
        return str(whole) if whole == number else f"{whole}{suffix}"
    step = 10 ** max(1, len(str(whole)) - 2)
    base = whole // step * step
    return str(whole) if base == number else f"{base}{suffix}"


@_guarded
def plain(number) -> str:
    """The number as written in a report: integers bare, decimals to two places at most."""
    if isinstance(number, list):
        return "、".join(str(item) for item in number)
    if isinstance(number, int):
        return str(number)
    return _trim(number, 2)


@_guarded
def approx_yu(number) -> str:
    return _approx(number, "余")


@_guarded
def approx_duo(number) -> str:
    return _approx(number, "多")


@_guarded
def wan_yuan(number, digits: int = 2) -> str:
    """元 → 万元: 30110000 → 3011万元."""
    return f"{_trim(Decimal(str(number)) / 10000, digits)}万元"


@_guarded
def yi_yuan(number, digits: int = 2) -> str:
    """元 → 亿元: 301100000 → 3.01亿元."""
    return f"{_trim(Decimal(str(number)) / 100000000, digits)}亿元"


@_guarded
def yuan_auto(number, digits: int = 2) -> str:
    """亿元 from 1亿 up, 万元 from 1万 up, else 元."""
    if abs(number) >= 100000000:
        return yi_yuan(number, digits)
    if abs(number) >= 10000:
        return wan_yuan(number, digits)
    return f"{_trim(number, digits)}元"


@_guarded
def percent(number, digits: int = 1) -> str:
    """A rate already in percent: 98.456 → 98.5%."""
    return f"{_trim(number, digits)}%"


def year_on_year(value, digits: int = 1) -> str:
    """同比增长12.5% / 同比下降3.2% / 与上年同期持平, from a MetricValue carrying `previous`."""
    number, label = _unpack(value)
    previous = value.previous if isinstance(value, MetricValue) else None
    if number is None or not previous:
        return MARKER.format(f"{label or '数值'}缺少上年同期数据")
    change = (Decimal(str(number)) - Decimal(str(previous))) / Decimal(str(previous)) * 100
    text = _trim(abs(change), digits)
    if text == "0":
        return "与上年同期持平"
    return f"同比{'增长' if change > 0 else '下降'}{text}%"


@_guarded
def chinese(number) -> str:
    """Chinese numerals for fixed phrases: 12 → 十二, 215 → 二百一十五, 10086 → 一万零八十六."""
    return chinese_numeral(int(number))


def chinese_numeral(n: int) -> str:
    if n < 0:
        return "负" + chinese_numeral(-n)
    if n < 10:
        return _DIGITS[n]
    if n >= 10 ** 8:
        high, low = divmod(n, 10 ** 8)
        return chinese_numeral(high) + "亿" + _low_part(low, 10 ** 7)
    if n >= 10 ** 4:
        high, low = divmod(n, 10 ** 4)
        return chinese_numeral(high) + "万" + _low_part(low, 1000)
    text = _below_10000(n)
    return text[1:] if text.startswith("一十") else text


def _low_part(low: int, full: int) -> str:
    if low == 0:
        return ""
    return ("零" if low < full else "") + _below_10000(low) if low < 10 ** 4 else chinese_numeral(low)


def _below_10000(n: int) -> str:
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit, n = divmod(n, size)
        if digit:
            out += ("零" if zero and out else "") + _DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return out


@_guarded
def dunhao(items) -> str:
    """A list as A、B、C."""
    return "、".join(str(item) for item in _as_list(items))


@_guarded
def quoted(items) -> str:
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
