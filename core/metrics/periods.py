"""Reporting periods: a year, a half-year, or any date range."""
import re
from dataclasses import dataclass
from datetime import date

from .formats import cn_date


class PeriodError(ValueError):
    """Raised with a Chinese message when a period cannot be read."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def half(cls, year: int, half: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 6, 30)) if half == 1 else cls(date(year, 7, 1), date(year, 12, 31))

    @property
    def label(self) -> str:
        """2023年, 2023年上半年, or 2023年1月1日至2023年3月31日."""
        if (self.start.month, self.start.day, self.end.month, self.end.day) == (1, 1, 12, 31) and self.start.year == self.end.year:
            return f"{self.start.year}年"
        if self.start.year == self.end.year and (self.start.month, self.start.day) == (1, 1) and (self.end.month, self.end.day) == (6, 30):
            return f"{self.start.year}年上半年"
        if self.start.year == self.end.year and (self.start.month, self.start.day) == (7, 1) and (self.end.month, self.end.day) == (12, 31):
            return f"{self.start.year}年下半年"
        return f"{cn_date(self.start)}至{cn_date(self.end)}"

    def shifted_years(self, years: int) -> "Period":
        """The same period `years` later (carry-forward, 同比)."""
        return Period(_shift(self.start, years), _shift(self.end, years))

    @property
    def code(self) -> str:
        """The short form parse_period reads back: 2023, 2023H1, 2023H2 or 2023-01-01:2023-03-31."""
        if self == Period.year(self.start.year):
            return str(self.start.year)
        for half in (1, 2):
            if self == Period.half(self.start.year, half):
                return f"{self.start.year}H{half}"
        return self.as_text()

    def as_text(self) -> str:
        return f"{self.start.isoformat()}:{self.end.isoformat()}"


def _shift(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


FIRST_YEAR = 1949  # the CPPCC's founding; earlier dates are typing errors
YEARS_AHEAD = 5  # plans (工作要点) look a little ahead, never centuries


def parse_period(text: str) -> Period:
    """Read 2023, 2023H1, 2023H2 or 2023-01-01:2023-06-30, within FIRST_YEAR and a few years ahead."""
    text = (text or "").strip()
    try:
        return _in_range(_read_period(text))
    except PeriodError:
        raise
    except ValueError as error:  # year 0000 and the like: no such date
        raise PeriodError(f"日期无效：{text[:40]}") from error


def _in_range(period: Period) -> Period:
    last = date.today().year + YEARS_AHEAD
    if period.start.year < FIRST_YEAR or period.end.year > last:
        raise PeriodError(f"统计期间应在{FIRST_YEAR}年至{last}年之间（收到 {period.as_text()}）。")
    return period


def _read_period(text: str) -> Period:
    if re.fullmatch(r"\d{4}", text):
        return Period.year(int(text))
    if match := re.fullmatch(r"(\d{4})[Hh]([12])", text):
        return Period.half(int(match.group(1)), int(match.group(2)))
    if match := re.fullmatch(r"(\d{4}-\d{2}-\d{2}):(\d{4}-\d{2}-\d{2})", text):
        try:
            start, end = date.fromisoformat(match.group(1)), date.fromisoformat(match.group(2))
        except ValueError as error:
            raise PeriodError(f"日期无效：{text}") from error
        if start > end:
            raise PeriodError(f"起始日期晚于结束日期：{text}")
        return Period(start, end)
    shown = text if len(text) <= 40 else text[:40] + "…"
    raise PeriodError(f"无法识别的统计期间“{shown}”，请写作 2023、2023H1 或 2023-01-01:2023-06-30。")
