from sqlalchemy import select

from core.metrics.engine import compute_metrics
from data_models import MetricDefinition, RecordCategory, RecordType


def test_admin_adds_a_type_and_a_metric_that_counts_it(client, db_session, catalogue):
    client.login("donghu_admin")
    category = db_session.scalars(select(RecordCategory).where(RecordCategory.key == "consultation")).one()
    client.post("/ledger/catalogue", data={"action": "type", "category_id": str(category.id), "key": "online", "name": "网络议政"})
    assert db_session.scalars(select(RecordType).where(RecordType.key == "online")).one().name == "网络议政"
    client.post("/ledger/catalogue", data={"action": "metric", "key": "online_forums", "label": "网络议政次数", "unit": "次",
                                           "kind": "count", "category": "consultation", "types": "online"})
    client.post("/ledger/new/consultation", data={"type": "网络议政", "date": "2023-05-01", "title": "网络议政"})
    values = compute_metrics(db_session, catalogue.county_a.id, "2023")
    assert values["online_forums"].value == 1
    assert "online_forums" not in compute_metrics(db_session, catalogue.county_b.id, "2023")


def test_bad_definitions_are_refused_in_chinese(client, db_session, catalogue):
    client.login("donghu_admin")
    page = client.post("/ledger/catalogue", data={"action": "metric", "key": "Bad Key", "label": "a b", "kind": "formula",
                                                  "formula": "x +"}, follow_redirects=True).get_data(as_text=True)
    assert "代码须以小写字母开头" in page and "指标名称只能包含汉字" in page and "公式无法识别" in page
    page = client.post("/ledger/catalogue", data={"action": "metric", "key": "ratio", "label": "某比率", "kind": "formula",
                                                  "formula": "nope / 2"}, follow_redirects=True).get_data(as_text=True)
    assert "不存在的指标：nope" in page
    assert db_session.scalar(select(MetricDefinition).where(MetricDefinition.key == "ratio")) is None


def test_refused_metric_keeps_what_was_typed_and_chosen(client, db_session, catalogue):
    client.login("donghu_admin")
    page = client.post("/ledger/catalogue", data={
        "action": "metric", "key": "east_lake", "label": "东湖 议政", "unit": "次", "kind": "sum", "category": "consultation",
        "field": "persons", "basis": "cumulative", "rollup": "", "decimals": "9"}).get_data(as_text=True)
    assert "指标名称只能包含汉字" in page and "小数位数须为0至4之间的整数" in page
    for kept in ('value="east_lake"', 'value="东湖 议政"', 'value="persons"', 'value="9"', '<option value="sum" selected>',
                 '<option value="consultation" selected>', '<option value="cumulative" selected>'):
        assert kept in page, kept
    assert '<input name="key" value="">' in page  # the category form, not posted to, stays empty


def test_refused_type_keeps_its_category_and_name(client, db_session, catalogue):
    client.login("donghu_admin")
    category = db_session.scalars(select(RecordCategory).where(RecordCategory.key == "consultation")).one()
    page = client.post("/ledger/catalogue", data={"action": "type", "category_id": str(category.id), "key": "Bad",
                                                  "name": "西山县网络议政"}).get_data(as_text=True)
    assert "类型代码须以小写字母开头" in page
    assert f'<option value="{category.id}" selected>' in page and 'value="西山县网络议政"' in page


def test_catalogue_page_is_for_admins(client, db_session, catalogue):
    client.login("donghu_drafter")
    assert client.get("/ledger/catalogue").status_code == 403


def test_a_metric_declares_how_it_rolls_up_and_prints(client, db_session, catalogue):
    from core.metrics.definitions import load_specs

    client.login("donghu_admin")
    client.post("/ledger/catalogue", data={"action": "metric", "key": "peak_persons", "label": "单场最多参与人次",
                                           "unit": "人次", "kind": "sum", "category": "room_activity", "field": "persons",
                                           "rollup": "max", "decimals": "0"})
    spec = next(s for s in load_specs(db_session, catalogue.county_a.id) if s.key == "peak_persons")
    assert (spec.rollup_rule, spec.places) == ("max", 0)
    page = client.post("/ledger/catalogue", data={"action": "metric", "key": "added_rate", "label": "相加的比率", "unit": "%",
                                                  "kind": "formula", "formula": "proposals_filed / proposals_received * 100",
                                                  "rollup": "sum", "decimals": "9"}, follow_redirects=True)
    text = page.get_data(as_text=True)
    assert "不适用于该统计方式" in text and "小数位数须为0至4" in text
    assert db_session.scalar(select(MetricDefinition).where(MetricDefinition.key == "added_rate")) is None
