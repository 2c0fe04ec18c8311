"""Every rule's good and bad examples from its data file, and the promise of precision."""
from pathlib import Path

import pytest

from core.proofreading import proofread_text
from core.proofreading.files import proofread_paragraphs
from core.proofreading.rules import all_rules

TEXT_RULES = [rule for rule in all_rules() if "tree" not in rule.roles]
CORPUS = Path(__file__).with_name("clean_corpus.txt")


def _role(rule) -> str:
    return "body" if "body" in rule.roles else rule.roles[0]


def _examples(kind: str):
    return [pytest.param(rule, text, id=f"{rule.id}:{text[:12]}") for rule in TEXT_RULES
            for text in getattr(rule, kind)]


def test_every_text_rule_has_examples_both_ways():
    assert [r.id for r in TEXT_RULES if not r.good or not r.bad] == []


def test_every_rule_names_its_source_and_severity():
    assert all(r.source and r.severity in ("error", "warning") and r.message for r in all_rules())


@pytest.mark.parametrize("rule,text", _examples("bad"))
def test_bad_example_is_flagged(rule, text):
    assert [f.rule for f in proofread_text(text, _role(rule), [rule])], text


@pytest.mark.parametrize("rule,text", _examples("good"))
def test_good_example_passes(rule, text):
    assert proofread_text(text, _role(rule), [rule]) == []


def test_clean_official_prose_raises_no_error():
    """Our own correct fictional prose (documents separated by ---), read as files are read."""
    text = CORPUS.read_text(encoding="utf-8")
    assert len(text) > 3000
    errors = [(f.rule, f.text) for document in text.split("---\n")
              for f in proofread_paragraphs(document.splitlines()) if f.severity == "error"]
    assert errors == []


def test_clean_prose_as_one_body_raises_no_error():
    """Each document as one body field too (the editor's case)."""
    text = CORPUS.read_text(encoding="utf-8")
    errors = [(f.rule, f.text) for document in text.split("---\n") for f in proofread_text(document)
              if f.severity == "error"]
    assert errors == []


def test_findings_point_at_the_exact_characters():
    text = "完善制度,规范履职行为，深入深入贯彻。"
    found = {f.rule: f for f in proofread_text(text)}
    comma, doubled = found["punct.halfwidth"], found["word.doubled_word"]
    assert (text[comma.start:comma.end], comma.suggestion) == (",", "，")
    assert text[doubled.start:doubled.end] == "深入深入" and doubled.suggestion == "深入"


def test_placeholders_and_urls_are_not_prose():
    text = "共召开{{ 党组会议次数 | 余 }}次会议，详见https://example.org/a,b?c=1。"
    assert proofread_text(text) == []


def test_a_placeholder_is_never_rewritten_by_a_suggestion():
    text = "截止{{ 截止日期 }}，共收到提案。"
    assert all(f.suggestion is None or "{" not in f.text for f in proofread_text(text))


def test_range_suggestions_follow_gb_t_15835():
    def suggestion(text):
        return [f.suggestion for f in proofread_text(text) if f.rule.startswith("num.")]

    assert suggestion("完成1－2件。") == ["1～2"]
    assert suggestion("2023-2024年。") == ["2023—2024"]
    assert suggestion("增长10～20%。") == ["10%～20%"]
    assert suggestion("投资9～16亿元。") == ["9亿～16亿"]


def test_numbering_gap_names_the_expected_number():
    found = [f for f in proofread_text("一是加强学习；二是改进作风；四是完善制度。") if f.rule == "struct.sequence"]
    assert [f.text for f in found] == ["四是"] and "三是" in found[0].message


def test_near_miss_term_suggests_the_exact_form():
    found = [f for f in proofread_text("深入学习中国人民政治协商会意精神。") if f.rule == "term.near_miss"]
    assert [(f.text, f.suggestion) for f in found] == [("中国人民政治协商会意", "中国人民政治协商会议")]


def test_traditional_character_is_flagged_with_its_simplified_form():
    found = [f for f in proofread_text("召开政協委員座谈会。") if f.rule == "charset.traditional"]
    assert [(f.text, f.suggestion) for f in found] == [("協", "协"), ("員", "员")]
