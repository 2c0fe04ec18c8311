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


AUTO_TEXT = ("一、基层协商\n吸引群众参与1236人次，开展活动450余场，其中立案率达到88.5%。"
             "提案者满意率达到100%，力争达到100%。走访6次。")


def _auto_values() -> dict[str, MetricValue]:
    rows = [("room_participants", "协商活动参与人次", "人次", 1236), ("room_activities", "协商活动场次", "场次", 453),
            ("proposal_filing_rate", "立案率", "%", Decimal("88.46")),
            ("proposal_satisfaction_rate", "满意率", "%", Decimal("100")),
            ("reading_activities", "委员读书活动次数", "次", 6), ("committee_forums", "专委会座谈协商次数", "次", 6)]
    return {key: MetricValue(key, label, unit, "count", value) for key, label, unit, value in rows}


def test_a_value_only_one_metric_prints_is_bound_as_auto_and_merges_to_the_typed_text():
    outline = parse(read_text(AUTO_TEXT).lines, "annual_summary")
    values = _auto_values()
    numbers = {n.text: n for n in bind_numbers(outline, values)}
    # 群众参与 and 开展活动 share too little of the metrics' names to be sure: the value decides, marked auto
    assert (numbers["1236人次"].metric, numbers["1236人次"].auto) == ("room_participants", True)
    assert (numbers["450余场"].metric, numbers["450余场"].auto) == ("room_activities", True)
    assert (numbers["88.5%"].metric, numbers["88.5%"].auto) == ("proposal_filing_rate", False)  # the name fits
    assert numbers["6次"].status == "ambiguous"  # two metrics are 6次 and neither name fits: a real tie
    body = outline.nodes[0].text
    apply_bindings(outline, list(numbers.values()))
    merged = merge_text(make_environment(number_filters()), outline.nodes[0].text,
                        {v.label: v for v in values.values()}).text
    assert merged == body  # the typed text is what prints


def test_reached_is_a_fact_but_striving_to_reach_is_a_goal():
    outline = parse(read_text(AUTO_TEXT).lines, "annual_summary")
    hundreds = [n for n in bind_numbers(outline, _auto_values()) if n.text == "100%"]
    assert [(n.status, n.metric) for n in hundreds] == [("bound", "proposal_satisfaction_rate"), ("unmatched", None)]


def test_a_name_sharing_two_characters_settles_a_tie_of_values_as_auto():
    outline = parse(read_text("一、提案\n已办结117件。").lines, "annual_summary")
    values = {key: MetricValue(key, label, "件", "count", 117)
              for key, label in (("proposals_completed", "办结提案件数"), ("proposals_satisfied", "满意提案件数"))}
    [found] = bind_numbers(outline, values)
    assert (found.status, found.metric, found.auto) == ("bound", "proposals_completed", True)


def test_auto_binding_is_undone_by_the_user_and_kept_when_chosen_again():
    outline = parse(read_text(AUTO_TEXT).lines, "annual_summary")
    values = _auto_values()
    found = next(n for n in bind_numbers(outline, values) if n.text == "1236人次")
    choose(found, "room_participants", values)
    assert found.auto and found.status == "bound"
    choose(found, None, values)
    assert (found.status, found.metric, found.auto) == ("ambiguous", None, False)
    apply_bindings(outline, [found])
    assert "1236人次" in outline.nodes[0].text  # kept as typed


def test_last_years_value_alone_is_not_bound_automatically():
    """Binding to last year's value would print this year's figure: not without the name to back it."""
    outline = parse(read_text("一、基层协商\n吸引群众参与1236人次。").lines, "annual_summary")
    last_year = _auto_values()
    this_year = {**last_year, "room_participants": MetricValue("room_participants", "协商活动参与人次", "人次", "count", 1500)}
    [found] = bind_numbers(outline, this_year, last_year)
    assert found.status == "ambiguous" and found.previous_year and not found.auto
