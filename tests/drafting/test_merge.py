from types import SimpleNamespace

import pytest

from core.drafting.merge import check_text, make_environment, merge_text
from core.drafting.checks import hand_typed_warnings, leftover_warnings, merge_warnings, stored_warnings

from .conftest import mv


@pytest.fixture
def env(filters):
    return make_environment(filters)


@pytest.fixture
def names(values):
    return {**values, "年度": 2023, "简称": "东湖县政协"}


def test_plain_text_passes_through(env, names):
    assert merge_text(env, "不断强化理论武装。", names).text == "不断强化理论武装。"


def test_numbers_and_filters_merge(env, names):
    result = merge_text(env, "{{ 年度 }}年召开党组会议{{ 党组会议次数 }}次，开展活动{{ 协商活动场次 | 余 }}场次。", names)
    assert result.text == "2023年召开党组会议6次，开展活动450余场次。"
    assert result.names == {"年度", "党组会议次数", "协商活动场次"} and not result.error


def test_list_metric_as_quoted_titles_or_enumeration(env, names):
    assert merge_text(env, "围绕{{ 调研视察课题 | 引号 }}等课题", names).text == "围绕“水源地保护”“强科技促经济”等课题"
    assert merge_text(env, "{{ 调研视察课题 | 顿号 }}", names).text == "水源地保护、强科技促经济"
    assert merge_text(env, "{{ 调研视察课题 }}", names).text == "水源地保护、强科技促经济"


@pytest.mark.parametrize("text", [
    "{{ ''.__class__.__mro__ }}",
    "{{ 简称.__class__ }}",
    "{{ 简称['__class__'] }}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{{ joiner.__init__.__globals__ }}",
    "{{ lipsum.__globals__ }}",
    "{{ 简称.upper() }}",
    "{% for x in 简称 %}{{ x }}{% endfor %}",
    "{% set a = 1 %}",
    "{{ 年度 + 1 }}",
    "{{ 年度 | attr('__class__') }}",
    "{% include 'base.html' %}",
])
def test_sandbox_escapes_are_inert_with_a_message(env, names, text):
    result = merge_text(env, text, names)
    assert result.error, text
    assert result.text == text  # nothing evaluated, text left as typed
    assert "class" not in result.error and "占位符" in result.error or "格式" in result.error
    assert check_text(env, text)


@pytest.mark.parametrize("name", ["config", "cycler", "joiner", "namespace", "range", "request", "dict"])
def test_globals_are_not_there(env, names, name):
    result = merge_text(env, f"{{{{ {name} }}}}", names)
    assert result.unknown == {name}
    assert result.text == f"【未知：{name}】"


def test_unknown_filter_and_bad_syntax_give_chinese_messages(env, names):
    assert "没有名为“四舍五入”的数字格式" in merge_text(env, "{{ 党组会议次数 | 四舍五入 }}", names).error
    assert "写法有误" in merge_text(env, "{{ 党组会议次数 ", names).error


def test_filter_on_wrong_value_is_a_message_not_an_exception(env, names):
    result = merge_text(env, "{{ 简称 | 余 }}", names)
    assert "数字格式“余”不能用于值“东湖县政协”" in result.error


def test_missing_metric_warns(env, names, values):
    result = merge_text(env, "立案率{{ 立案率 }}%，{{ 不存在的指标 }}", names)
    assert result.text == "立案率【待补：立案率无法计算】%，【未知：不存在的指标】"
    codes = {w.code: w for w in merge_warnings("（二）提案", 7, result, values)}
    assert set(codes) == {"missing", "unknown"}
    assert codes["missing"].section_id == 7
    assert "“（二）提案”中的“立案率”暂无数据（收到提案件数为 0）" in codes["missing"].message
    assert "不存在的指标" in codes["unknown"].message


def test_zero_value_warns_and_never_prints_zero(env, names, values):
    result = merge_text(env, "组织{{ 红色观影活动次数 }}次红色观影活动", names)
    assert result.text == "组织【待补：红色观影活动次数为0】次红色观影活动"
    assert [w.code for w in merge_warnings("一、", 1, result, values)] == ["zero"]


def test_leftover_masks_warn():
    found = leftover_warnings("节", 3, "召开*次会议，在**县，XX同志，{{ 年度 }}")
    assert {w.message.split("“")[-1].rstrip("”。") for w in found} == {"*", "**", "XX"}
    assert leftover_warnings("节", 3, "{{ 党组会议次数 }}次") == []


def test_hand_typed_number_where_a_metric_exists(values):
    found = hand_typed_warnings("（四）", 4, "先后接待了外地学习考察团14次。", values)
    assert len(found) == 1 and "接待考察团次数" in found[0].message and "14次" in found[0].message
    assert hand_typed_warnings("（四）", 4, "每年至少听取1次汇报", values) == []


def test_hand_typed_number_suggests_the_metric_of_that_value():
    values = {v.label: v for v in [mv("领衔督办提案件数", 6, "件"), mv("办结提案件数", 117, "件")]}
    found = hand_typed_warnings("（三）", 3, "由县政协领导领衔督办6件，已办结117件。", values)
    assert [(w.text, w.message.split("可改用指标")[1]) for w in found] == [
        ("6件", "“领衔督办提案件数”（当前值 6件）。"), ("117件", "“办结提案件数”（当前值 117件）。")]


def test_an_import_note_about_a_number_already_named_stays_quiet():
    section = SimpleNamespace(id=3, heading="", lead="", body="已办结117件，满意率达到100%。")
    notes = [{"section_id": 3, "text": "117件", "message": "数字未关联台账：“117件”"},
             {"section_id": 3, "text": "100%", "message": "数字未关联台账：“100%”"}]
    said = hand_typed_warnings("（三）", 3, section.body, {"办结提案件数": mv("办结提案件数", 117, "件")})
    assert [w.message for w in stored_warnings([section], notes, said)] == ["数字未关联台账：“100%”"]
    assert len(stored_warnings([section], notes)) == 2


def test_jinja_reserved_names_are_refused(env, names):
    for name in ("self", "loop", "caller"):
        assert "保留字" in merge_text(env, f"{{{{ {name} }}}}", names).error


def test_numbers_that_break_a_rule_are_flagged():
    from decimal import Decimal

    from core.drafting.checks import rule_warnings

    from .conftest import mv

    values = {v.label: v for v in [mv("收到提案件数", 150, "件"), mv("立案件数", 132, "件"),
                                    mv("转为意见建议件数", 10, "件"), mv("并案件数", 12, "件"),
                                    mv("实际立案件数", Decimal(120), "件")]}
    found = rule_warnings({"收到提案件数"}, values)
    assert len(found) == 1 and "收到提案 = 立案 + 转为意见建议（150 ≠ 142）" in found[0].message
    values["转为意见建议件数"] = mv("转为意见建议件数", 18, "件")
    assert rule_warnings({"收到提案件数", "实际立案件数"}, values) == []
    assert rule_warnings({"党组会议次数"}, {**values, "收到提案件数": mv("收到提案件数", 1, "件")}) == []


def test_plain_numbers_as_a_report_writes_them():
    from decimal import Decimal

    from core.drafting.merge import plain

    from .conftest import mv

    assert [plain(v) for v in (12, Decimal("30110000.00"), 88.0, 98.456, Decimal("0.50"))] == ["12", "30110000", "88", "98.46", "0.5"]
    assert plain(mv("红色观影活动次数", 0)) == "【待补：红色观影活动次数为0】"
    assert plain(mv("立案率", None, "%")) == "【待补：立案率无法计算】"
    assert plain(["甲", "乙"]) == "甲、乙"


def _rate_names(names):
    from decimal import Decimal

    from core.metrics.values import MetricValue

    rate = MetricValue("proposal_filing_rate", "立案率", "%", "formula", Decimal(88) / Decimal(101) * 100, decimals=1)
    return {**names, "立案率": rate}


def test_a_rate_prints_with_percent_unless_the_writer_typed_it(names):
    from core.drafting.context import number_filters

    env, names = make_environment(number_filters()), _rate_names(names)
    assert merge_text(env, "立案率{{ 立案率 }}。", names).text == "立案率87.1%。"
    assert merge_text(env, "立案率{{ 立案率 }}%。", names).text == "立案率87.1%。"
    assert merge_text(env, "立案率{{ 立案率 }}％。", names).text == "立案率87.1％。"
    assert merge_text(env, "立案率{{ 立案率|余 }}。", names).text == "立案率80余%。"  # a style cannot drop the unit
    assert merge_text(env, "立案率{{ 立案率|百分比 }}%，", names).text == "立案率87.1%，"


def test_a_rate_next_to_percentage_points_warns(env, names):
    names = _rate_names(names)
    result = merge_text(env, "立案率提高{{ 立案率 }}个百分点。", names)
    warnings = merge_warnings("协商议政", 1, result, names)
    assert [w.code for w in warnings] == ["rate_unit"] and "87.1%个百分点" in warnings[0].message
    assert merge_text(env, "立案率达到百分之{{ 立案率 }}。", names).doubtful_units == ["百分之87.1%"]
    assert merge_text(env, "立案率{{ 立案率 }}。", names).doubtful_units == []


def test_a_rate_above_100_warns(env, names):
    from decimal import Decimal

    from core.metrics.values import MetricValue

    names = {**names, "办结率": MetricValue("proposal_completion_rate", "办结率", "%", "formula", Decimal("112.5"), decimals=1)}
    result = merge_text(env, "办结率{{ 办结率 }}。", names)
    warnings = merge_warnings("协商议政", 1, result, names)
    assert [w.code for w in warnings] == ["rate_over_100"] and "112.5%" in warnings[0].message
