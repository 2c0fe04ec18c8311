"""Numbers in imported text bound to metrics: the placeholders merge back to the very text typed."""
from decimal import Decimal

from core.drafting.context import number_filters
from core.drafting.merge import make_environment, merge_text
from core.importing.numbers import apply_bindings, bind_numbers, choose
from core.importing.outline import parse
from core.importing.source import read_text
from core.metrics.values import MetricValue

TEXT = ("一、学习与协商\n全年召开党组会议12次、主席会议10次，开展协商活动450余场次，协商活动参与人次达1200多人次，"
        "立案率88.5%，资助物资金额3011万元，培训委员217人次。召开会议6次。全年学习不少于4次，走访群众1.2万人次。")


def _values(**overrides) -> dict[str, MetricValue]:
    rows = [("party_group_meetings", "党组会议次数", "次", 12), ("chair_meetings", "主席会议次数", "次", 10),
            ("room_activities", "协商活动场次", "场次", 453), ("room_participants", "协商活动参与人次", "人次", 1236),
            ("proposal_filing_rate", "立案率", "%", Decimal("88.46")),
            ("assistance_donation", "资助物资金额", "元", 30110000), ("training_trainees", "委员培训人次", "人次", 217),
            ("reading_activities", "委员读书活动次数", "次", 6), ("committee_forums", "专委会座谈协商次数", "次", 6),
            ("standing_study_sessions", "常委会会议集体学习次数", "次", 4)]
    values = {key: MetricValue(key, label, unit, "count", value) for key, label, unit, value in rows}
    for key, value in overrides.items():
        values[key].value = value
    return values


def _outline():
    return parse(read_text(TEXT).lines, "annual_summary")


def test_numbers_are_bound_in_the_style_the_text_used():
    outline = _outline()
    numbers = {n.text: n for n in bind_numbers(outline, _values())}
    assert {t: n.metric for t, n in numbers.items() if n.status == "bound"} == {
        "12次": "party_group_meetings", "10次": "chair_meetings", "450余场次": "room_activities",
        "1200多人次": "room_participants", "88.5%": "proposal_filing_rate", "3011万元": "assistance_donation",
        "217人次": "training_trainees"}
    six = numbers["6次"]
    assert six.status == "ambiguous"
    assert {c["metric"] for c in six.candidates} == {"reading_activities", "committee_forums"}
    assert numbers["4次"].status == "unmatched" and not numbers["4次"].candidates  # a goal, not a count
    assert numbers["1.2万人次"].status == "unmatched"  # no number style prints 1.2万 yet


def test_bound_placeholders_merge_back_to_the_typed_text():
    outline = _outline()
    values = _values()
    numbers = bind_numbers(outline, values)
    body = outline.nodes[0].text
    literal = apply_bindings(outline, numbers)
    merged_from = outline.nodes[0].text
    assert "{{ 协商活动场次 | 余 }}场次" in merged_from and "{{ 资助物资金额 | 万元(0) }}" in merged_from
    by_label = {v.label: v for v in values.values()}
    assert merge_text(make_environment(number_filters()), merged_from, by_label).text == body
    assert sorted(n.text for n in literal) == ["1.2万人次", "4次", "6次"]


def test_a_user_choice_resolves_an_ambiguous_number():
    outline = _outline()
    values = _values()
    numbers = bind_numbers(outline, values)
    six = next(n for n in numbers if n.text == "6次")
    choose(six, "committee_forums", values)
    apply_bindings(outline, numbers)
    assert "召开会议{{ 专委会座谈协商次数 }}次" in outline.nodes[0].text


def test_last_years_report_binds_to_last_years_values():
    outline = _outline()
    this_year = _values(party_group_meetings=15)
    last_year = _values()
    numbers = {n.text: n for n in bind_numbers(outline, this_year, last_year)}
    assert numbers["12次"].metric == "party_group_meetings" and numbers["12次"].previous_year
    assert numbers["10次"].metric == "chair_meetings" and not numbers["10次"].previous_year


def test_masked_numbers_of_shared_material_bind_by_their_context():
    """Material masked elsewhere (召开党组会议*次) becomes a draft with this committee's own numbers."""
    text = "一、学习与协商\n全年召开党组会议*次、主席会议*次，开展协商活动*余场次，立案率*%，培训委员*人次，**县政协参加。"
    outline = parse(read_text(text).lines, "annual_summary")
    values = _values()
    numbers = bind_numbers(outline, values)
    bound = {n.context: n.metric for n in numbers if n.status == "bound"}
    assert sorted(bound.values()) == sorted(["party_group_meetings", "chair_meetings", "room_activities",
                                             "proposal_filing_rate", "training_trainees"])
    assert all(n.masked for n in numbers)  # ** (a masked name) is not a number
    apply_bindings(outline, numbers)
    merged = merge_text(make_environment(number_filters()), outline.nodes[0].text, {v.label: v for v in values.values()}).text
    assert "召开党组会议12次、主席会议10次，开展协商活动450余场次" in merged and "*" not in merged.replace("**县", "")
