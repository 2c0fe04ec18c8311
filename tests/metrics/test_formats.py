"""How numbers and dates print (core/metrics/formats.py), the one place that decides it."""
from datetime import date
from decimal import Decimal

import pytest

from core.metrics import formats
from core.metrics.values import MetricValue


def rate(value, decimals=1):
    return MetricValue("proposal_filing_rate", "立案率", "%", "formula", value, decimals=decimals)


@pytest.mark.parametrize("value,decimals,shown", [
    (Decimal("82.35294117647058823529411765"), 1, "82.4"), (Decimal("2.25"), 1, "2.3"), (0.125, 2, "0.13"),
    (2.675, 2, "2.68"),  # half up on the decimal text, not on the binary float below it
    (Decimal("88.0"), 1, "88"), (Decimal("30110000.00"), 2, "30110000"), (1234567, 0, "1234567"),
])
def test_digits_round_half_up_to_the_declared_decimals(value, decimals, shown):
    assert formats.digits(value, decimals) == shown


def test_no_thousands_separator_ever():
    assert "，" not in formats.text(MetricValue("k", "协商活动参与人次", "人次", "sum", 1234567))
    assert formats.cell(MetricValue("k", "资助物资金额", "元", "sum", Decimal("30110000.5"), decimals=2)) == "30110000.5"


def test_a_rate_always_carries_percent():
    assert formats.text(rate(Decimal(8) / Decimal(11) * 100)) == "72.7%"
    assert formats.cell(rate(Decimal("100"))) == "100%"
    assert formats.heading("立案率", "%") == "立案率" and formats.heading("立案件数", "件") == "立案件数（件）"


def test_missing_and_zero_markers():
    assert formats.text(rate(None)) == "【待补：立案率无法计算】"
    assert formats.text(MetricValue("k", "党组会议次数", "次", "count", 0)) == "【待补：党组会议次数为0】"
    assert formats.cell(rate(None)) == "—" and formats.cell(MetricValue("k", "党组会议次数", "次", "count", 0)) == "0"


def test_json_values_are_rounded_numbers():
    assert formats.json_value(Decimal("194.3421052631579"), 1) == 194.3
    assert formats.json_value(Decimal("80.000"), 1) == 80 and isinstance(formats.json_value(Decimal("80.000"), 1), int)
    assert formats.json_value(None, 1) is None and formats.json_value(["甲"], None) == ["甲"]


def test_styles():
    assert formats.approx(7432, "余") == "7400余" and formats.wan_yuan(30110000) == "3011万元"
    assert formats.yuan(Decimal("345000000")) == "3.45亿元" and formats.percent(97.456) == "97.5%"
    assert formats.change(9, 8) == "同比增长12.5%" and formats.change(8, 0) is None


def test_chinese_dates():
    assert formats.cn_date(date(2024, 1, 5)) == "2024年1月5日"
    assert formats.cn_date_range(date(2024, 5, 31), date(2024, 6, 1)) == "2024年5月31日至6月1日"
    assert formats.cn_date_range(date(2023, 12, 30), date(2024, 1, 2)) == "2023年12月30日至2024年1月2日"
    assert formats.cn_date_text("2024年01月05日") == "2024年1月5日" and formats.cn_date_text("2024.1.5") == "2024年1月5日"
    assert formats.cn_date_text("2024年2月30日") == "2024年2月30日"  # not a date: left for the writer to see
