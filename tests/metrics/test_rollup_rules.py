"""core/metrics/rollup.combine: each rule declared in the catalogue, on hand-made contributions."""
from datetime import datetime
from decimal import Decimal

from core.metrics.catalogue import CATALOGUE, MetricSpec
from core.metrics.rollup import LEDGER, SUBMISSION, Contribution, Source, combine
from core.metrics.values import MetricValue

SPECS = {s.key: s for s in CATALOGUE}


def part(name, kind=LEDGER, **values) -> Contribution:
    source = Source(kind, at=datetime(2024, 1, 10)) if kind == SUBMISSION else Source(kind)
    out = {}
    for key, value in values.items():
        spec = SPECS[key]
        number, items = value if isinstance(value, tuple) else (value, None)
        out[key] = MetricValue(key, spec.label, spec.unit, spec.kind, number, decimals=spec.places, items=items)
    return Contribution(name, source, out)


def test_every_catalogue_metric_declares_a_rule_and_decimals():
    rules = {s.kind: s.rollup_rule for s in CATALOGUE}
    assert rules == {"count": "sum", "sum": "sum", "distinct": "distinct", "formula": "recompute", "list": "concat"}
    assert {s.places for s in CATALOGUE if s.unit == "%"} == {1}
    assert SPECS["assistance_donation"].places == 2 and SPECS["proposals_actually_filed"].places == 0


def test_rates_are_recomputed_from_the_summed_operands():
    keys = ["proposal_filing_rate", "proposals_filed", "proposals_received"]
    specs = [SPECS[k] for k in keys]
    totals = combine(specs, [
        part("东湖县政协", proposals_received=10, proposals_filed=9, proposal_filing_rate=Decimal(90)),
        part("西山县政协", proposals_received=40, proposals_filed=34, proposal_filing_rate=Decimal("85")),
        part("南岭县政协", proposals_received=0, proposals_filed=0, proposal_filing_rate=None),  # zero denominator
    ])
    assert totals["proposal_filing_rate"].value == Decimal(43) / Decimal(50) * 100  # 86, not 175
    assert totals["proposal_filing_rate"].breakdown == {"东湖县政协": 90, "西山县政协": 85, "南岭县政协": None}


def test_a_city_whose_denominators_are_all_zero_has_no_rate():
    specs = [SPECS[k] for k in ("proposal_filing_rate", "proposals_filed", "proposals_received")]
    totals = combine(specs, [part("南岭县政协", proposals_received=0, proposals_filed=0, proposal_filing_rate=None)])
    assert totals["proposal_filing_rate"].value is None and "除数为0" in totals["proposal_filing_rate"].note


def test_distinct_counts_count_a_shared_value_once():
    specs = [SPECS["proposal_handling_units"]]
    totals = combine(specs, [part("东湖县政协", proposal_handling_units=(2, ["财政局", "教育局"])),
                             part("西山县政协", proposal_handling_units=(2, ["财政局", "水利局"]))])
    assert totals["proposal_handling_units"].value == 3


def test_distinct_counts_without_their_values_are_not_added():
    specs = [SPECS["proposal_handling_units"]]
    totals = combine(specs, [part("东湖县政协", proposal_handling_units=(2, ["财政局", "教育局"])),
                             part("西山县政协", SUBMISSION, proposal_handling_units=2)])  # an older package: no items
    total = totals["proposal_handling_units"]
    assert total.value is None and "不可直接相加" in total.note and "西山县政协" in total.note
    assert total.breakdown == {"东湖县政协": 2, "西山县政协": 2}


def test_lists_are_concatenated_with_the_committee_named():
    totals = combine([SPECS["research_topics"]], [part("东湖县政协", research_topics=["水源地保护"]),
                                                  part("西山县政协", research_topics=["老旧小区改造", "水源地保护"])])
    assert totals["research_topics"].value == ["水源地保护（东湖县政协）", "老旧小区改造（西山县政协）", "水源地保护（西山县政协）"]


def test_declared_maxima_and_unknown_kinds():
    peak = MetricSpec("peak", "单场最多参与人次", "人次", "sum", rollup="max")
    totals = combine([peak], [Contribution("东湖县政协", Source(LEDGER), {"peak": MetricValue("peak", "单场最多参与人次", "人次", "sum", 120)}),
                              Contribution("西山县政协", Source(LEDGER), {"peak": MetricValue("peak", "单场最多参与人次", "人次", "sum", 80)})])
    assert totals["peak"].value == 120
    odd = combine([], [Contribution("东湖县政协", Source(SUBMISSION), {"avg": MetricValue("avg", "平均分", "", "formula", 3.5)})])
    assert odd["avg"].value is None and "不可直接相加" in odd["avg"].note  # not in this catalogue: never added


def test_sources_read_the_same_everywhere():
    assert Source(SUBMISSION, at=datetime(2024, 1, 10, 9, 30)).label == "报送（2024年1月10日）"
    assert Source(LEDGER).label == "台账（实时数据）"
