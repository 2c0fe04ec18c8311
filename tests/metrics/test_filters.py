from decimal import Decimal

import pytest
from jinja2 import Environment

from core.metrics.filters import NUMBER_FILTERS, chinese_numeral, find_flags
from core.metrics.values import MetricValue


def value(number, previous=None, label="协商活动场次"):
    return MetricValue("k", label, "场次", "count", number, previous=previous)


@pytest.mark.parametrize("number,yu,duo", [(453, "450余", "450多"), (7432, "7400余", "7400多"), (450, "450", "450"),
                                           (45, "40余", "40多"), (7, "7", "7")])
def test_approximate_forms(number, yu, duo):
    assert NUMBER_FILTERS["余"](value(number)) == yu
    assert NUMBER_FILTERS["多"](value(number)) == duo


def test_money_and_percent():
    assert NUMBER_FILTERS["万元"](Decimal("30110000")) == "3011万元"
    assert NUMBER_FILTERS["万元"](Decimal("50838")) == "5.08万元"
    assert NUMBER_FILTERS["亿元"](301100000) == "3.01亿元"
    assert NUMBER_FILTERS["百分比"](97.456) == "97.5%"
    assert NUMBER_FILTERS["percent"](97.456, 2) == "97.46%"


def test_year_on_year():
    assert NUMBER_FILTERS["同比"](value(9, previous=8)) == "同比增长12.5%"
    assert NUMBER_FILTERS["同比"](value(6, previous=8)) == "同比下降25%"
    assert NUMBER_FILTERS["同比"](value(8, previous=8)) == "与上年同期持平"
    assert find_flags(NUMBER_FILTERS["同比"](value(8))) == ["协商活动场次缺少上年同期数据"]


@pytest.mark.parametrize("n,text", [(2, "二"), (10, "十"), (12, "十二"), (101, "一百零一"), (215, "二百一十五"),
                                    (10086, "一万零八十六"), (120000, "十二万")])
def test_chinese_numerals(n, text):
    assert chinese_numeral(n) == text


def test_list_styles():
    topics = MetricValue("t", "调研视察课题", "", "list", ["优化营商环境", "水源地保护"])
    assert NUMBER_FILTERS["引号"](topics) == "“优化营商环境”“水源地保护”"
    assert NUMBER_FILTERS["顿号"](topics) == "优化营商环境、水源地保护"


def test_zero_never_prints_as_a_count_in_text():
    env = Environment()
    env.filters.update(NUMBER_FILTERS)
    text = env.from_string("召开{{ v }}次，{{ v|余 }}，{{ rate|百分比 }}").render(v=value(0), rate=value(None, label="立案率"))
    assert "0次" not in text
    assert find_flags(text) == ["协商活动场次为0", "协商活动场次为0", "立案率无法计算"]
