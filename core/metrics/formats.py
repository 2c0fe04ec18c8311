"""How numbers and dates print wherever people read them: report text, tables, pages, files, JSON, CLI.

The one owner (issue 14) of: Decimal arithmetic; the catalogue's decimals per metric, rounded half
up, trailing zeros dropped; % after a rate; 余/多 and 万元/亿元 styles (SPEC §5, GB/T 15835); no
thousands separator at all (so never a full-width comma); the 【待补：…】 marker for a zero or missing
value in text and — for a missing one in a table; Chinese dates without zero padding (GB/T 9704
7.3.5). Everything else calls these functions instead of formatting a number itself.
"""
import re
from dataclasses import replace
from datetime import date, datetime
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

MARKER = "【待补：{}】"
MARKER_RE = re.compile(r"【待补：([^】]*)】")
MISSING_CELL = "—"
PERCENT = "%"
FALLBACK_DECIMALS = 2  # a value whose metric declares none (an unknown key in a submission)
_DIGITS = "零一二三四五六七八九"


# --- numbers as numbers -------------------------------------------------------------------------

def to_decimal(value) -> Decimal | None:
    """Any number (int, float, Decimal, numeric text) as a Decimal; None for anything else."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    try:
        return Decimal(str(value).strip().replace(",", "").replace("，", ""))  # float: its shortest repr
    except (InvalidOperation, ValueError):
        return None


def is_number(value) -> bool:
    return isinstance(value, (int, float, Decimal)) and not isinstance(value, bool)


def rounded(value, decimals: int | None) -> Decimal:
    """Half up to `decimals` places (None: integers stay whole, others get FALLBACK_DECIMALS)."""
    number = to_decimal(value)
    if decimals is None:
        decimals = 0 if number == number.to_integral_value() else FALLBACK_DECIMALS
    return number.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def digits(value, decimals: int | None = None) -> str:
    """The number alone: rounded, trailing zeros dropped, no separators: 3011.00 → 3011, 98.456 → 98.46."""
    text = f"{rounded(value, decimals):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def json_value(value, decimals: int | None = None):
    """A value for a JSON document: int when whole, else a float already rounded; lists of text; None kept."""
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    if not is_number(value):
        return None
    number = rounded(value, decimals)
    return int(number) if number == number.to_integral_value() else float(number)


def text_value(value, decimals: int | None = None):
    """A value for a JSON document as decimal text ("87.7"), never a binary float; lists of text; None kept."""
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value]
    return digits(value, decimals) if is_number(value) else None


# --- metric values in text and tables -----------------------------------------------------------

def _parts(value):
    """(number or list, label, unit, decimals) from a MetricValue or a bare value."""
    if hasattr(value, "label") and hasattr(value, "value"):
        return value.value, value.label, value.unit, getattr(value, "decimals", None)
    return value, "", "", None


def missing_marker(number, label: str) -> str | None:
    """The 【待补】 marker for a zero or missing value (never 召开0次), or None when it can print."""
    if number is None or (not is_number(number) and not isinstance(number, (list, tuple, str))):
        return MARKER.format(f"{label or '数值'}无法计算")
    if (is_number(number) and number == 0) or number in ([], (), ""):
        return MARKER.format(f"{label or '数值'}为0")
    return None


def text(value) -> str:
    """A value as report text: the number with the catalogue's decimals, a rate with %, a list A、B、C."""
    number, label, unit, decimals = _parts(value)
    if isinstance(number, str):
        return number
    if (marker := missing_marker(number, label)) is not None:
        return marker
    if isinstance(number, (list, tuple)):
        return "、".join(str(item) for item in number)
    return digits(number, decimals) + (PERCENT if unit == PERCENT else "")


def cell(value, with_unit: bool = False) -> str:
    """A value in a table or on a page: — when it cannot be computed, 0 as 0, a rate always with %."""
    number, _label, unit, decimals = _parts(value)
    if isinstance(number, (list, tuple)):
        return "、".join(str(item) for item in number) if number else "0"
    if not is_number(number):
        return MISSING_CELL
    if unit == PERCENT:
        return digits(number, decimals) + PERCENT
    return digits(number, decimals) + (unit if with_unit and unit else "")


def previous_cell(value, with_unit: bool = True) -> str:
    """Last year's figure of a MetricValue (同比), printed like this year's."""
    return cell(replace(value, value=value.previous), with_unit)


def heading(label: str, unit: str) -> str:
    """A column heading: 立案件数（件）; a rate's % is in its cells, not its heading."""
    return f"{label}（{unit}）" if unit and unit != PERCENT else label


# --- number styles (the filters staff write: {{ 协商活动场次|多 }}) ------------------------------

def approx(number, suffix: str) -> str:
    """Round down to two significant digits: 453 → 450余, 7432 → 7400余; exact values stay bare."""
    whole = int(to_decimal(number).to_integral_value(rounding=ROUND_DOWN))
    if whole < 10:
        return str(whole) if whole == number else f"{whole}{suffix}"
    step = 10 ** max(1, len(str(whole)) - 2)
    base = whole // step * step
    return str(whole) if base == number else f"{base}{suffix}"


def wan_yuan(number, decimals: int = 2) -> str:
    """元 → 万元: 30110000 → 3011万元."""
    return f"{digits(to_decimal(number) / 10000, decimals)}万元"


def yi_yuan(number, decimals: int = 2) -> str:
    """元 → 亿元: 301100000 → 3.01亿元."""
    return f"{digits(to_decimal(number) / 100000000, decimals)}亿元"


def yuan(number, decimals: int = 2) -> str:
    """亿元 from 1亿 up, 万元 from 1万 up, else 元 (never 3亿4500万)."""
    amount = abs(to_decimal(number))
    if amount >= 100000000:
        return yi_yuan(number, decimals)
    if amount >= 10000:
        return wan_yuan(number, decimals)
    return f"{digits(number, decimals)}元"


def percent(number, decimals: int = 1) -> str:
    """A rate already in percent: 98.456 → 98.5%."""
    return f"{digits(number, decimals)}{PERCENT}"


def change(number, previous, decimals: int = 1) -> str | None:
    """同比增长12.5% / 同比下降3.2% / 与上年同期持平; None without last year's figure."""
    if not is_number(number) or not is_number(previous) or previous == 0:
        return None
    delta = (to_decimal(number) - to_decimal(previous)) / to_decimal(previous) * 100
    shown = digits(abs(delta), decimals)
    if shown == "0":
        return "与上年同期持平"
    return f"同比{'增长' if delta > 0 else '下降'}{shown}{PERCENT}"


def chinese_numeral(n: int) -> str:
    """Chinese numerals for fixed phrases: 12 → 十二, 215 → 二百一十五, 10086 → 一万零八十六."""
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
    out = _below_10000(n)
    return out[1:] if out.startswith("一十") else out


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


# --- Chinese dates (GB/T 9704 7.3.5: Arabic numerals, no zero padding) --------------------------

def cn_date(day: date | datetime) -> str:
    """2024年1月5日."""
    return f"{day.year}年{day.month}月{day.day}日"


def cn_month_day(day: date | datetime) -> str:
    """5月20日 (agenda rows within one visit)."""
    return f"{day.month}月{day.day}日"


def cn_date_range(start: date, end: date) -> str:
    """2024年5月20日, 2024年5月20日至21日, 2024年5月31日至6月1日, or both dates in full."""
    if start == end:
        return cn_date(start)
    if (start.year, start.month) == (end.year, end.month):
        return f"{cn_date(start)}至{end.day}日"
    if start.year == end.year:
        return f"{cn_date(start)}至{cn_month_day(end)}"
    return f"{cn_date(start)}至{cn_date(end)}"


_DATE_TEXT = re.compile(r"(\d{4})\s*[年\-/.．]\s*(\d{1,2})\s*[月\-/.．]\s*(\d{1,2})\s*日?")


def cn_date_text(text: str) -> str:
    """A typed date normalised: 2024年01月05日 / 2024-1-5 → 2024年1月5日; other text unchanged."""
    match = _DATE_TEXT.fullmatch((text or "").strip())
    if not match:
        return text
    try:
        return cn_date(date(*(int(g) for g in match.groups())))
    except ValueError:  # 2024年2月30日: leave what was typed for the writer to see
        return text
