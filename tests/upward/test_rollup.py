from core.metrics.periods import Period
from core.upward.package import accept_package
from core.upward.rollup import request_rollup, rollup_placeholders, rollup_request, summary_rows

from .conftest import make_package


def _submit(db_session, request, committee, key, **values):
    accept_package(db_session, request_id=request.id, sender=committee, idempotency_key=key,
                   package=make_package(committee, values=values))


def test_rollup_sums_current_submissions_with_breakdown(city_request, demo, db_session):
    _submit(db_session, city_request, demo.county_a, "a1", party_group_meetings=12, chair_meetings=8)
    _submit(db_session, city_request, demo.county_a, "a2", party_group_meetings=14, chair_meetings=8)  # supersedes
    _submit(db_session, city_request, demo.county_b, "b1", party_group_meetings=10, chair_meetings=5)
    values = rollup_request(db_session, city_request)
    assert values["party_group_meetings"].value == 24
    assert values["party_group_meetings"].breakdown == {"东湖县政协": 14, "西山县政协": 10}
    assert values["chair_meetings"].value == 13


def test_summary_rows_have_a_total(city_request, demo, db_session):
    _submit(db_session, city_request, demo.county_a, "a1", party_group_meetings=12, chair_meetings=8)
    _submit(db_session, city_request, demo.county_b, "b1", party_group_meetings=10, chair_meetings=5)
    header, rows, total = summary_rows(request_rollup(db_session, city_request), ["chair_meetings", "party_group_meetings"])
    assert header == ["单位", "主席会议次数（次）", "党组会议次数（次）"]
    assert rows == [["东湖县政协", "8", "12"], ["西山县政协", "5", "10"]]
    assert total == ["合计", "13", "22"]


def test_placeholders_carry_the_city_prefix(city_request, demo, db_session):
    _submit(db_session, city_request, demo.county_a, "a1", party_group_meetings=12)
    _submit(db_session, city_request, demo.county_b, "b1", party_group_meetings=10)
    values = rollup_placeholders(db_session, demo.city.id, Period.year(2023))
    merged = values["全市党组会议次数"]
    assert merged.value == 22 and merged.label == "全市党组会议次数"
    assert merged.breakdown == {"东湖县政协": 12, "西山县政协": 10}
    assert "全市党组会议次数".isidentifier()


def test_city_report_text_merges_the_rollup(city_request, demo, db_session):
    from core.drafting.document import build_document
    from core.kinds import OutlineNode
    from core.drafting.tree import add_outline
    from core.metrics.definitions import seed_catalogue
    from data_models import Report

    seed_catalogue(db_session)
    _submit(db_session, city_request, demo.county_a, "a1", party_group_meetings=12)
    _submit(db_session, city_request, demo.county_b, "b1", party_group_meetings=10)
    report = Report(committee_id=demo.city.id, committee=demo.city, kind="annual_summary", title="清河市政协2023年工作总结",
                    period_start=city_request.period_start, period_end=city_request.period_end)
    db_session.add(report)
    db_session.flush()
    add_outline(db_session, report, [OutlineNode("section", "坚持在强化政治引领上持续用力", "political_guidance",
                                                 "全市政协系统共召开党组会议{{ 全市党组会议次数 }}次。")])
    db_session.commit()
    text = " ".join(b.text for b in build_document(db_session, report.id).blocks)
    assert "全市政协系统共召开党组会议22次。" in text


def test_distinct_counts_sent_without_their_names_are_left_out_everywhere(city_request, demo, db_session, client):
    """An older or remote package carries 承办单位数 without the units: the total says 不可直接相加."""
    import io
    import re

    from docx import Document

    from core.upward.compilation import compile_request

    for committee, units in ((demo.county_a, 19), (demo.county_b, 19)):
        package = make_package(committee, values={"party_group_meetings": 3})
        package.metrics["values"].append({"key": "proposal_handling_units", "label": "提案承办单位数", "unit": "个",
                                          "kind": "distinct", "value": units})
        accept_package(db_session, request_id=city_request.id, sender=committee, package=package,
                       idempotency_key=f"units-{committee.id}")
    db_session.commit()
    total = rollup_request(db_session, city_request)["proposal_handling_units"]
    assert total.value is None and "不可直接相加" in total.note  # never 19 + 19 = 38
    client.login("city_reviewer")
    page = client.get(f"/upward/requests/{city_request.id}").get_data(as_text=True)
    shown = re.search(r"<td>提案承办单位数</td>\s*<td><strong>([^<]*)", page).group(1)
    assert shown == "—" and "不可直接相加" in page
    book = Document(io.BytesIO(compile_request(db_session, city_request.id)))
    notes = [p.text for p in book.paragraphs if p.text.startswith("注：")]
    assert any(n.startswith("注：提案承办单位数一项，") and "不可直接相加" in n for n in notes)
    assert all(n.count("：") == 1 for n in notes)  # one colon a sentence, not 注：X：不可直接相加：…


def test_a_refused_unit_filter(db_session):
    from core.drafting.context import number_filters
    from core.drafting.merge import check_text, make_environment

    assert "没有名为" in check_text(make_environment(number_filters()), "{{ 党组会议次数|_rate_unit }}")


def test_notes_speak_only_of_totals_the_tables_show():
    """A metric left out of the 数据汇总 tables gets no 注 under them, however its total came out."""
    from core.metrics.system import SystemRollup
    from core.metrics.values import MetricValue
    from core.upward.rollup import total_notes

    def total(key, label, note):
        return MetricValue(key=key, label=label, unit="个", kind="distinct", value=None, note=note)

    rollup = SystemRollup(totals={
        "proposal_handling_units": total("proposal_handling_units", "提案承办单位数", "西山县政协的数据未列明具体名称，不可直接相加，未计入合计"),
        "members_in_towns": total("members_in_towns", "委员下沉乡镇个数", "东湖县政协的数据未列明具体名称，不可直接相加，未计入合计"),
    }, contributions=[])
    assert total_notes(rollup, ["proposal_handling_units"]) == [
        "注：提案承办单位数一项，西山县政协的数据未列明具体名称，不可直接相加，未计入合计。"]
