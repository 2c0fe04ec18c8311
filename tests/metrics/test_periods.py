from datetime import date

import pytest

from core.metrics.periods import Period, PeriodError, parse_period


@pytest.mark.parametrize("text,start,end,label", [
    ("2023", date(2023, 1, 1), date(2023, 12, 31), "2023年"),
    ("2023H1", date(2023, 1, 1), date(2023, 6, 30), "2023年上半年"),
    ("2023h2", date(2023, 7, 1), date(2023, 12, 31), "2023年下半年"),
    ("2023-03-01:2023-12-20", date(2023, 3, 1), date(2023, 12, 20), "2023年3月1日至2023年12月20日"),
])
def test_parse_period(text, start, end, label):
    period = parse_period(text)
    assert (period.start, period.end, period.label) == (start, end, label)


@pytest.mark.parametrize("text", ["", "23", "2023H3", "2023-02-30:2023-03-01", "2023-06-01:2023-01-01"])
def test_bad_period_gets_chinese_message(text):
    with pytest.raises(PeriodError) as error:
        parse_period(text)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error.value))


def test_shift_leap_day():
    assert Period(date(2024, 2, 29), date(2024, 12, 31)).shifted_years(1).start == date(2025, 2, 28)
