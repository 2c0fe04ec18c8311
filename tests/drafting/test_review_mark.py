"""The importer's `| 待核对` mark: merged exactly like the unmarked placeholder, flagged on the chip."""
import pytest

from core.drafting.chips import chips, confirmed, for_review, needs_review
from core.drafting.merge import check_text, make_environment, merge_text

from .conftest import mv


@pytest.fixture
def env(filters):
    return make_environment(filters)


@pytest.fixture
def names(values):
    return {**values, "立案率": mv("立案率", 88.5, "%", "formula"), "年度": 2023}


@pytest.mark.parametrize("code", ["{{ 党组会议次数 }}", "{{ 协商活动场次 | 余 }}", "{{ 立案率 }}", "{{ 立案率 | 百分比 }}",
                                  "{{ 红色观影活动次数 }}", "{{ 未知指标 }}"])
def test_a_marked_placeholder_prints_as_the_unmarked_one(env, names, code):
    text = f"全年开展{code}，成效明显。"
    plain, marked = merge_text(env, text, names), merge_text(env, text.replace(code, for_review(code)), names)
    assert (marked.text, marked.names, marked.unknown, marked.error) == (plain.text, plain.names, plain.unknown, plain.error)
    assert check_text(env, for_review(code)) == ""


def test_mark_added_found_and_removed():
    assert for_review("{{ 协商活动场次 | 余 }}") == "{{ 协商活动场次 | 余 | 待核对 }}"
    assert for_review("{{ 协商活动场次 | 余 | 待核对 }}") == "{{ 协商活动场次 | 余 | 待核对 }}"
    assert needs_review("{{ 党组会议次数 | 待核对 }}") and not needs_review("{{ 党组会议次数 }}")
    assert not needs_review("{{ 党组会议次数 | 待核对人 }}")
    assert confirmed("{{ 协商活动场次 | 余 | 待核对 }}") == "{{ 协商活动场次 | 余 }}"


def test_a_marked_chip_reads_as_the_unmarked_one(env, names):
    shown = chips(env, names, ["{{ 协商活动场次 | 余 | 待核对 }}", "{{ 协商活动场次 | 余 }}"])
    assert shown["{{ 协商活动场次 | 余 | 待核对 }}"] == shown["{{ 协商活动场次 | 余 }}"] == {
        "name": "协商活动场次", "shown": "450余", "warning": ""}
