from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import event, select

from core.metrics.engine import MetricError, compute_metrics, records_behind, rollup_metrics, values_by_label
from data_models import MetricDefinition


def test_count_metric_counts_records_of_its_type_only(db_session, demo, ledger):
    a = demo.county_a
    ledger.add(a, "meeting", "party_group", "2023-03-01")
    ledger.add(a, "meeting", "party_group", "2023-09-01")
    ledger.add(a, "meeting", "chair", "2023-09-01")
    ledger.add(demo.county_b, "meeting", "party_group", "2023-09-01")
    values = compute_metrics(db_session, a.id, "2023")
    assert values["party_group_meetings"].value == 2
    assert values["chair_meetings"].value == 1
    assert values["standing_meetings"].value == 0


def test_sum_metrics_over_persons_amount_and_attribute(db_session, demo, ledger):
    a = demo.county_a
    ledger.add(a, "study", "training_class", "2023-04-01", persons=60)
    ledger.add(a, "study", "training_class", "2023-05-01", persons=45)
    ledger.add(a, "assistance", "donation", "2023-05-01", amount=Decimal("12000.50"))
    ledger.add(a, "assistance", "donation", "2023-06-01", amount=Decimal("8000"))
    ledger.add(a, "social_info", "item", "2023-06-01", attrs={"instructions": 2})
    ledger.add(a, "social_info", "item", "2023-07-01", attrs={"instructions": 3})
    values = compute_metrics(db_session, a.id, "2023")
    assert values["training_trainees"].value == 105
    assert values["assistance_donation"].value == Decimal("20000.50")
    assert values["social_info_instructions"].value == 5


def test_distinct_metric_counts_each_unit_once(db_session, demo, ledger):
    a = demo.county_a
    for unit in ["教育局", "教育局", "财政局"]:
        ledger.add(a, "proposal", "proposal", "2023-03-01", attrs={"status": "立案", "lead_unit": unit})
    assert compute_metrics(db_session, a.id, "2023")["proposal_handling_units"].value == 2


def test_list_metric_lists_titles_in_date_order_once(db_session, demo, ledger):
    a = demo.county_a
    ledger.add(a, "research", "inspection", "2023-08-01", title="水源地保护")
    ledger.add(a, "research", "research", "2023-03-01", title="优化营商环境")
    ledger.add(a, "research", "research", "2023-09-01", title="优化营商环境")
    ledger.add(a, "research", "report", "2023-10-01", title="调研报告不算课题")
    assert compute_metrics(db_session, a.id, "2023")["research_topics"].value == ["优化营商环境", "水源地保护"]


@pytest.mark.parametrize("period,expected", [("2023", 2), ("2023H1", 1), ("2023H2", 1), ("2023-06-30:2023-07-01", 0),
                                             ("2023-01-01:2023-01-01", 1), ("2022", 1), ("2024", 1)])
def test_period_edges_include_first_and_last_day(db_session, demo, ledger, period, expected):
    a = demo.county_a
    for day in ["2022-12-31", "2023-01-01", "2023-12-31", "2024-01-01"]:
        ledger.add(a, "meeting", "chair", day)
    assert compute_metrics(db_session, a.id, period)["chair_meetings"].value == expected


def test_half_year_boundary(db_session, demo, ledger):
    a = demo.county_a
    ledger.add(a, "meeting", "chair", "2023-06-30")
    ledger.add(a, "meeting", "chair", "2023-07-01")
    assert compute_metrics(db_session, a.id, "2023H1")["chair_meetings"].value == 1
    assert compute_metrics(db_session, a.id, "2023H2")["chair_meetings"].value == 1


def _proposals(ledger, committee):
    ledger.add(committee, "meeting", "plenary", "2023-01-12")
    ledger.add(committee, "proposal", "proposal", "2023-01-05", attrs={"status": "立案"})  # before the meeting
    for i in range(10):
        attrs = {"status": "立案" if i < 8 else "转为意见建议", "merged": i < 2, "handling_state": "已办结" if i < 6 else "办理中"}
        ledger.add(committee, "proposal", "proposal", "2023-01-13", attrs=attrs)


def test_formula_metrics_follow_their_inputs(db_session, demo, ledger):
    _proposals(ledger, demo.county_a)
    values = compute_metrics(db_session, demo.county_a.id, "2023")
    assert values["proposals_received"].value == 10  # since the plenary of 12 January
    assert (values["proposals_filed"].value, values["proposals_merged"].value) == (8, 2)
    assert values["proposals_actually_filed"].value == 6
    assert values["proposal_filing_rate"].value == 80
    assert values["proposal_completion_rate"].value == 100
    assert "2023年1月12日" in values["proposals_received"].note


def test_since_meeting_without_a_plenary_starts_at_the_period(db_session, demo, ledger):
    ledger.add(demo.county_a, "proposal", "proposal", "2023-01-05", attrs={"status": "立案"})
    value = compute_metrics(db_session, demo.county_a.id, "2023", ["proposals_received"])["proposals_received"]
    assert value.value == 1 and "没有全体委员会议记录" in value.note


def test_formula_dividing_by_zero_is_none_with_a_reason(db_session, demo, ledger):
    value = compute_metrics(db_session, demo.county_a.id, "2023", ["proposal_filing_rate"])["proposal_filing_rate"]
    assert value.value is None and "除数为0" in value.note


def test_keys_subset_computes_formula_inputs_but_returns_only_wanted(db_session, demo, ledger):
    _proposals(ledger, demo.county_a)
    values = compute_metrics(db_session, demo.county_a.id, "2023", ["实际立案件数"])
    assert list(values) == ["proposals_actually_filed"] and values["proposals_actually_filed"].value == 6
    with pytest.raises(MetricError):
        compute_metrics(db_session, demo.county_a.id, "2023", ["不存在的指标"])


def test_cumulative_metric_counts_stock_up_to_period_end(db_session, demo, ledger):
    a = demo.county_a
    ledger.add(a, "consultation_room", "village", "2020-05-01")
    ledger.add(a, "consultation_room", "village", "2023-05-01")
    ledger.add(a, "consultation_room", "village", "2024-05-01")
    assert compute_metrics(db_session, a.id, "2023")["rooms_village"].value == 2
    assert compute_metrics(db_session, a.id, "2023H1")["rooms_village"].value == 2


def test_all_metrics_in_a_few_queries(app, db_session, demo, ledger):
    committee_id = demo.county_a.id
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    engine = db_session.get_bind()
    event.listen(engine, "before_cursor_execute", listener)
    try:
        values = compute_metrics(db_session, committee_id, "2023")
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(values) == 80
    assert len(statements) <= 8, statements  # 5 to compute in a savepoint (2), 1 cache fingerprint
    statements.clear()
    event.listen(engine, "before_cursor_execute", listener)
    try:
        assert compute_metrics(db_session, committee_id, "2023") == values
    finally:
        event.remove(engine, "before_cursor_execute", listener)
    assert len(statements) == 1, statements  # cached: only the fingerprint


def test_cached_values_follow_every_ledger_change(db_session, demo, ledger):
    from data_models import Record

    count = lambda: compute_metrics(db_session, demo.county_a.id, "2023", ["delegations_received"])["delegations_received"].value  # noqa: E731
    before = count()
    ledger.add(demo.county_a, "reception", "delegation", "2023-05-01", title="接待一")
    assert count() == before + 1
    record = db_session.scalars(select(Record).where(Record.title == "接待一")).one()
    record.date = date(2022, 5, 1)
    db_session.flush()
    assert count() == before
    record.date = date(2023, 6, 1)
    db_session.commit()
    assert count() == before + 1
    db_session.delete(record)
    db_session.commit()
    assert count() == before
    ledger.add(demo.county_b, "reception", "delegation", "2023-05-01", title="别县的")
    assert count() == before


def test_rollup_sums_subtree_with_breakdown(db_session, demo, ledger):
    for committee, n in [(demo.city, 1), (demo.county_a, 2), (demo.county_b, 3)]:
        for _ in range(n):
            ledger.add(committee, "reception", "delegation", "2023-05-01", title=f"{committee.short_name}接待")
    values = rollup_metrics(db_session, demo.city.id, "2023", ["delegations_received", "delegation_names"])
    assert values["delegations_received"].value == 6
    assert values["delegations_received"].breakdown == {"清河市政协": 1, "东湖县政协": 2, "西山县政协": 3}
    assert len(values["delegation_names"].value) == 3
    county = rollup_metrics(db_session, demo.county_a.id, "2023", ["delegations_received"])
    assert county["delegations_received"].value == 2


def test_rollup_rates_come_from_summed_inputs(db_session, demo, ledger):
    _proposals(ledger, demo.county_a)
    ledger.add(demo.county_b, "proposal", "proposal", "2023-03-01", attrs={"status": "转为意见建议"})
    values = rollup_metrics(db_session, demo.city.id, "2023", ["proposal_filing_rate"])
    assert values["proposal_filing_rate"].value == Decimal(8) / Decimal(11) * 100


def test_records_behind_a_value_are_the_ones_counted(db_session, demo, ledger):
    _proposals(ledger, demo.county_a)
    a = demo.county_a
    filed = db_session.scalars(records_behind(db_session, a.id, "2023", "proposals_filed")).all()
    assert len(filed) == compute_metrics(db_session, a.id, "2023")["proposals_filed"].value == 8
    formula = db_session.scalars(records_behind(db_session, a.id, "2023", "实际立案件数")).all()
    assert len(formula) == 8  # filed or merged: the records its inputs count


def test_definition_added_by_admin_is_computed(db_session, demo, ledger):
    db_session.add(MetricDefinition(key="excellent_proposals", label="优秀提案件数", unit="件", kind="count",
                                    category_key="proposal", filters={"attrs.excellent": True}))
    db_session.commit()
    ledger.add(demo.county_a, "proposal", "proposal", "2023-03-01", attrs={"excellent": True})
    ledger.add(demo.county_a, "proposal", "proposal", "2023-03-01", attrs={"excellent": False})
    values = compute_metrics(db_session, demo.county_a.id, "2023")
    assert values["excellent_proposals"].value == 1
    assert values_by_label(values)["优秀提案件数"].key == "excellent_proposals"


def test_previous_year_value_for_year_on_year(db_session, demo, ledger):
    a = demo.county_a
    ledger.add(a, "meeting", "chair", "2022-03-01")
    ledger.add(a, "meeting", "chair", "2023-03-01")
    ledger.add(a, "meeting", "chair", "2023-04-01")
    value = compute_metrics(db_session, a.id, "2023", ["chair_meetings"], previous=True)["chair_meetings"]
    assert (value.value, value.previous) == (2, 1)


def test_empty_catalogue_gives_zeros_not_errors(db_session, demo):
    values = compute_metrics(db_session, demo.county_a.id, "2023")
    assert values["party_group_meetings"].value == 0 and values["research_topics"].value == []


def test_rollup_counts_each_committee_since_its_own_plenary(db_session, demo, ledger):
    ledger.add(demo.county_a, "meeting", "plenary", "2023-01-10")
    ledger.add(demo.county_b, "meeting", "plenary", "2023-02-20")
    for committee in (demo.county_a, demo.county_b):
        for day in ("2023-01-05", "2023-02-01", "2023-03-01"):
            ledger.add(committee, "proposal", "proposal", day, attrs={"status": "立案"})
    values = rollup_metrics(db_session, demo.city.id, "2023", ["proposals_received"])
    # the city keeps no ledger here: it is not counted (not a row of zeros)
    assert values["proposals_received"].breakdown == {"东湖县政协": 2, "西山县政协": 1}
    assert values["proposals_received"].value == 3


def test_cached_values_follow_a_label_or_decimals_changed_in_place(db_session, demo):
    """The catalogue version is part of the values' fingerprint: a definition edited where it stands
    (a database console, not the catalogue page) is not answered from the cache."""
    from core.metrics.definitions import seed_catalogue

    seed_catalogue(db_session)
    db_session.commit()
    assert compute_metrics(db_session, demo.county_a.id, "2023")["chair_meetings"].label == "主席会议次数"
    definition = db_session.scalars(select(MetricDefinition).where(MetricDefinition.key == "chair_meetings")).one()
    definition.label = "主席会议召开次数"
    db_session.commit()
    assert compute_metrics(db_session, demo.county_a.id, "2023")["chair_meetings"].label == "主席会议召开次数"
    definition.decimals = 2
    db_session.commit()
    assert compute_metrics(db_session, demo.county_a.id, "2023")["chair_meetings"].decimals == 2


def test_a_failing_computation_leaves_the_transaction_usable(db_session, demo, monkeypatch):
    """Values are computed in a savepoint (core/metrics/cache.py): a statement that fails there is rolled
    back to it, and the caller's transaction goes on (PostgreSQL would refuse every later statement)."""
    from sqlalchemy import text

    from core.metrics import engine
    from data_models import Committee

    def broken(session, *args, **kwargs):
        session.execute(text("SELECT no_such_column FROM record"))

    monkeypatch.setattr(engine, "compute_raw", broken)
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever the driver raises
        compute_metrics(db_session, demo.county_a.id, "2019")
    assert db_session.scalar(select(Committee.name).where(Committee.id == demo.county_a.id)) == "政协东湖县委员会"
