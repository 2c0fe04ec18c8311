"""A city and three counties: rates, distinct counts, lists and zero denominators rolled up by hand here,
then compared with every surface — the 数据汇总 page, the 汇编, {{ 全市… }} in the city's report,
`flask metrics --rollup --json`, and the numbers each county sent up.

清河市 keeps its own ledger; 东湖县 and 南岭县 submit; 西山县 has not submitted and counts with its live
ledger; 南岭县 received no proposals at all (its rates divide by zero).
"""
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from docx import Document

from core.metrics.definitions import seed_catalogue
from core.metrics.engine import compute_metrics
from core.metrics.periods import Period
from core.upward.compilation import compile_request
from core.upward.package import Package, accept_package, metrics_document
from core.upward.requests import issue_request
from core.upward.rollup import request_rollup
from data_models import Committee
from tests.metrics.conftest import Ledger

from .conftest import make_docx

YEAR = Period.year(2023)
# (lead unit, status, completed, satisfied) per proposal; 转为意见建议 proposals have no unit.
PROPOSALS = {
    "清河市政协": [("财政局", "立案", True, True), ("教育局", "立案", True, False)],
    "东湖县政协": [("财政局", "立案", True, True)] * 4 + [("交通局", "立案", True, True)] * 2
                  + [("教育局", "立案", True, True)] * 2 + [("", "转为意见建议", False, False)] * 2,
    "西山县政协": [("财政局", "立案", True, True), ("财政局", "立案", True, True), ("水利局", "立案", True, False),
                  ("水利局", "立案", False, False), ("", "转为意见建议", False, False)],
    "南岭县政协": [],
}
TOPICS = {"清河市政协": ["数字乡村建设"], "东湖县政协": ["水源地保护"], "西山县政协": ["老旧小区改造"], "南岭县政协": []}

# The roll-up, by hand: 17 received, 14 filed, 13 completed, 11 satisfied; 4 distinct units
# (财政局 教育局 交通局 水利局), where adding the committees' own counts would give 2 + 3 + 2 + 0 = 7.
RECEIVED, FILED, COMPLETED, SATISFIED, UNITS = 17, 14, 13, 11, 4
FILING_RATE = "82.4%"  # 14 / 17 = 82.35…%
COMPLETION_RATE = "92.9%"  # 13 / 14 = 92.857…%
SATISFACTION_RATE = "84.6%"  # 11 / 13 = 84.615…%


@pytest.fixture
def city(db_session, demo):
    """The demo city and counties plus 南岭县; ledgers written; 东湖 and 南岭 submit to the city's request."""
    seed_catalogue(db_session)
    ledger = Ledger(db_session)
    south = Committee(name="政协南岭县委员会", short_name="南岭县政协", place="南岭县", level="county",
                      superior=demo.city, sort_order=3)
    db_session.add(south)
    db_session.flush()
    committees = {"清河市政协": demo.city, "东湖县政协": demo.county_a, "西山县政协": demo.county_b, "南岭县政协": south}
    for name, committee in committees.items():
        _write_ledger(ledger, committee, name)
    request = issue_request(db_session, committee_id=demo.city.id, kind="annual_summary", period=YEAR,
                            deadline=date(2024, 1, 31), target_ids=[demo.county_a.id, demo.county_b.id, south.id])
    for name in ("东湖县政协", "南岭县政协"):
        _submit(db_session, request, committees[name])
    # After submitting, 东湖 records one more proposal: the totals keep what it submitted.
    ledger.add(demo.county_a, "proposal", "proposal", "2023-11-01", attrs={"status": "立案", "lead_unit": "卫健委"})
    db_session.commit()
    return request, committees


def _write_ledger(ledger: Ledger, committee, name: str) -> None:
    ledger.add(committee, "meeting", "party_group", "2023-03-01", title="党组会议")  # every committee keeps a ledger
    for i, (unit, status, completed, satisfied) in enumerate(PROPOSALS[name]):
        ledger.add(committee, "proposal", "proposal", f"2023-03-{i + 1:02d}", attrs={
            "status": status, "lead_unit": unit, "handling_state": "已办结" if completed else "办理中",
            "satisfaction": "满意" if satisfied else ""})
    for topic in TOPICS[name]:
        ledger.add(committee, "research", "research", "2023-05-01", title=topic)


def _submit(session, request, committee) -> None:
    values = compute_metrics(session, committee.id, YEAR, items=True)
    package = Package(committee_name=committee.name, committee_short_name=committee.short_name, title="2023年工作总结",
                      kind="annual_summary", period=YEAR, docx=make_docx("2023年工作总结"), pdf=None, pdf_note="",
                      metrics=metrics_document(values.values(), committee, YEAR))
    accept_package(session, request_id=request.id, sender=committee, package=package,
                   idempotency_key=f"totals-{committee.id}")


def test_totals_follow_each_metrics_rule(city, db_session):
    request, _ = city
    totals = request_rollup(db_session, request).totals
    assert [totals[k].value for k in ("proposals_received", "proposals_filed", "proposals_completed",
                                      "proposals_satisfied")] == [RECEIVED, FILED, COMPLETED, SATISFIED]
    assert totals["proposal_filing_rate"].value == Decimal(FILED) / Decimal(RECEIVED) * 100  # recomputed, not added
    assert totals["proposal_handling_units"].value == UNITS
    assert sum(totals["proposal_handling_units"].breakdown.values()) == 7
    assert totals["research_topics"].value == ["数字乡村建设（清河市政协）", "水源地保护（东湖县政协）", "老旧小区改造（西山县政协）"]
    assert totals["proposal_filing_rate"].breakdown["南岭县政协"] is None  # zero denominator: no rate, no crash
    origins = {name: source.kind for name, source in totals["proposals_received"].origins.items()}
    assert origins == {"清河市政协": "ledger", "东湖县政协": "submission", "西山县政协": "ledger", "南岭县政协": "submission"}


def test_the_submitted_json_carries_rounded_rates_and_the_units(city, db_session):
    request, committees = city
    submission = next(s for s in request_rollup(db_session, request).contributions if s.name == "东湖县政协")
    assert submission.values["proposal_filing_rate"].value == 80  # 8 / 10, as sent
    assert submission.values["proposal_handling_units"].items == ["交通局", "教育局", "财政局"]


def test_summary_page_shows_the_same_totals_and_sources(city, client):
    client.login("city_reviewer")
    request, _ = city
    page = client.get(f"/upward/requests/{request.id}").get_data(as_text=True)
    assert _page_total(page, "立案率") == FILING_RATE
    assert _page_total(page, "办结率") == COMPLETION_RATE
    assert _page_total(page, "满意率") == SATISFACTION_RATE
    assert _page_total(page, "提案承办单位数") == f"{UNITS}个"
    assert _page_total(page, "收到提案件数") == f"{RECEIVED}件"
    assert "报送（" in page and "台账（实时数据）" in page and "合计口径" in page
    assert "/submissions/" in page and "/metrics/proposals_received/records" in page  # each value opens its source


def _page_total(page: str, label: str) -> str:
    match = re.search(rf"<td>{label}</td>\s*<td><strong>(?:<a [^>]*>)?([^<]*)", page)
    return match.group(1)


def test_compiled_book_has_the_same_totals(city, db_session):
    request, _ = city
    book = Document(io.BytesIO(compile_request(db_session, request.id, today=date(2024, 2, 1))))
    totals = {}
    for table in book.tables:
        rows = [[cell.text.replace("\n", "") for cell in row.cells] for row in table.rows]  # headings wrap
        if rows[0][0] == "单位" and rows[-1][0] == "合计":
            totals.update(dict(zip(rows[0][1:], rows[-1][1:])))
    assert totals["立案率"] == FILING_RATE and totals["办结率"] == COMPLETION_RATE
    assert totals["满意率"] == SATISFACTION_RATE
    assert totals["提案承办单位数（个）"] == str(UNITS) and totals["收到提案件数（件）"] == str(RECEIVED)
    sources = {row.cells[0].text: row.cells[1].text for table in book.tables for row in table.rows
               if table.rows[0].cells[0].text == "单位" and table.rows[0].cells[1].text == "数据来源"}
    assert sources["西山县政协"] == "台账（实时数据）" and sources["东湖县政协"].startswith("报送（")


def test_city_report_placeholders_have_the_same_totals(city, db_session):
    from core.drafting.document import build_document
    from core.kinds import OutlineNode
    from core.drafting.tree import add_outline
    from data_models import Report

    request, committees = city
    report = Report(committee_id=committees["清河市政协"].id, committee=committees["清河市政协"], kind="annual_summary",
                    title="清河市政协2023年工作总结", period_start=YEAR.start, period_end=YEAR.end)
    db_session.add(report)
    db_session.flush()
    add_outline(db_session, report, [OutlineNode("section", "协商议政", "consultation",
                "全市收到提案{{ 全市收到提案件数 }}件，立案率{{ 全市立案率 }}，满意率{{ 全市满意率 }}%，"
                "承办单位{{ 全市提案承办单位数 }}个。")])
    db_session.commit()
    text = " ".join(b.text for b in build_document(db_session, report.id).blocks)
    assert (f"全市收到提案{RECEIVED}件，立案率{FILING_RATE}，满意率{SATISFACTION_RATE}，承办单位{UNITS}个。") in text


def test_cli_rollup_gives_the_same_totals(city, runner):
    result = runner.invoke(args=["metrics", "--committee", "清河市政协", "--period", "2023", "--rollup", "--json"])
    data = json.loads(result.output)
    assert data["proposal_filing_rate"]["text"] == FILING_RATE and data["proposal_filing_rate"]["value"] == 82.4
    assert data["proposal_handling_units"]["value"] == UNITS
    assert data["proposals_received"]["sources"]["西山县政协"] == "台账（实时数据）"
    text = runner.invoke(args=["metrics", "--committee", "清河市政协", "--period", "2023", "--rollup"]).output
    assert f"立案率：{FILING_RATE}" in text and "数据来源 东湖县政协：报送（" in text


def test_system_page_shows_the_requests_totals(city, client):
    """The 全系统汇总 page for the request's period shows the request's totals (one source for both)."""
    client.login("city_reviewer")
    page = client.get("/metrics/rollup?period=2023").get_data(as_text=True)
    assert _page_total(page, "立案率") == FILING_RATE and _page_total(page, "提案承办单位数") == f"{UNITS}个"


def test_api_rollup_gives_the_same_totals_as_decimal_text(city, client, db_session):
    from core.upward.tokens import issue_token

    request, committees = city
    token, plaintext = issue_token(db_session, committees["清河市政协"].id, "OA", None)
    token.scopes = "read"
    db_session.commit()
    items = client.get(f"/api/v1/committees/{committees['清河市政协'].id}/metrics?period=2023&rollup=true",
                       headers={"Authorization": f"Bearer {plaintext}"}).json["items"]
    values = {item["key"]: item["value"] for item in items}
    assert values["proposal_filing_rate"] == FILING_RATE.rstrip("%") and values["proposal_handling_units"] == str(UNITS)
