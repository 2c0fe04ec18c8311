from sqlalchemy import func, select

from core.ledger.api import TOKEN_SCOPE
from core.metrics.definitions import seed_catalogue
from core.upward.tokens import issue_token, revoke_token
from data_models import ApiToken, Record

RECORD = {"external_id": "TA-2023-001", "category": "proposal", "type": "proposal", "date": "2023-03-01",
          "title": "关于加强校园安全的提案", "attrs": {"status": "立案", "merged": False, "lead_unit": "教育局"}}


def setup_token(db_session, committee):
    seed_catalogue(db_session)
    token, plaintext = issue_token(db_session, committee.id, "提案系统")
    token.scopes = TOKEN_SCOPE
    db_session.commit()
    return token, {"Authorization": f"Bearer {plaintext}"}


def count(db_session, committee=None):
    stmt = select(func.count(Record.id))
    return db_session.scalar(stmt.where(Record.committee_id == committee.id) if committee else stmt)


def test_bulk_create_is_idempotent_on_external_id(client, db_session, demo):
    _, headers = setup_token(db_session, demo.county_a)
    second = {**RECORD, "external_id": "TA-2023-002", "title": "关于养老服务的提案"}
    response = client.post("/api/v1/records", json={"records": [RECORD, second]}, headers=headers)
    assert response.status_code == 200 and response.json == {"created": 2, "updated": 0, "unchanged": 0}
    again = client.post("/api/v1/records", json={"records": [RECORD, second]}, headers=headers)
    assert again.json == {"created": 0, "updated": 0, "unchanged": 2}
    changed = client.post("/api/v1/records", json={"records": [{**RECORD, "title": "改后的标题"}]}, headers=headers)
    assert changed.json == {"created": 0, "updated": 1, "unchanged": 0}
    assert count(db_session, demo.county_a) == 2
    record = db_session.scalars(select(Record).where(Record.external_id == "TA-2023-001")).one()
    assert (record.title, record.source, record.attrs["status"]) == ("改后的标题", "api", "立案")


def test_bad_batch_writes_nothing_and_names_each_error(client, db_session, demo):
    _, headers = setup_token(db_session, demo.county_a)
    bad = {**RECORD, "external_id": "TA-2", "date": "2023-02-30", "attrs": {"status": "通过"}}
    response = client.post("/api/v1/records", json={"records": [RECORD, bad, {"category": "无此类"}]}, headers=headers)
    assert response.status_code == 400
    fields = {(e["index"], e.get("field")) for e in response.json["errors"]}
    assert {(1, "日期"), (1, "审查结果"), (2, "category")} <= fields
    assert count(db_session) == 0


def test_tokens_are_scoped_and_revocable(client, db_session, demo):
    token, headers = setup_token(db_session, demo.county_a)
    assert client.post("/api/v1/records", json={"records": [RECORD]}).status_code == 401
    assert client.post("/api/v1/records", json={"records": [RECORD]}, headers={"Authorization": "Bearer wgu_x_y"}).status_code == 401
    upward, plaintext = issue_token(db_session, demo.county_a.id, "上报")  # upward scope only
    db_session.commit()
    assert client.post("/api/v1/records", json={"records": [RECORD]},
                       headers={"Authorization": f"Bearer {plaintext}"}).status_code == 401
    revoke_token(db_session, token)
    db_session.commit()
    assert client.post("/api/v1/records", json={"records": [RECORD]}, headers=headers).status_code == 401
    assert count(db_session) == 0


def test_token_admin_page_issues_and_revokes(client, db_session, demo):
    client.login("donghu_drafter")
    assert client.get("/tokens/").status_code == 403
    client.logout()
    client.login("donghu_admin")
    page = client.post("/tokens/", data={"name": "提案系统", "scope": "records"}).get_data(as_text=True)
    plaintext = page.split('<pre class="token">')[1].split("</pre>")[0]
    seed_catalogue(db_session)
    db_session.commit()
    headers = {"Authorization": f"Bearer {plaintext}"}
    assert client.post("/api/v1/records", json={"records": [RECORD]}, headers=headers).status_code == 200
    token = db_session.scalars(select(ApiToken).where(ApiToken.name == "提案系统")).one()
    client.post(f"/tokens/{token.id}/revoke", data={})
    assert client.post("/api/v1/records", json={"records": [RECORD]}, headers=headers).status_code == 401


def test_token_form_refuses_bad_input_in_chinese_and_keeps_it(client, db_session, demo):
    client.login("donghu_admin")
    response = client.post("/tokens/", data={"name": "  ", "scope": ["read", "everything"]})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "请填写令牌名称。" in page and "权限“everything”不存在" in page
    assert 'value="read" checked' in page and 'value="records" >' in page  # the ticks as sent, not the default
    response = client.post("/tokens/", data={"name": "东湖县提案系统", "scope": []})
    page = response.get_data(as_text=True)
    assert "请至少选择一项权限。" in page and 'value="东湖县提案系统"' in page
    assert db_session.scalars(select(ApiToken)).all() == []


def test_token_page_ticks_the_records_scope_by_default(client, demo):
    client.login("donghu_admin")
    page = client.get("/tokens/").get_data(as_text=True)
    assert 'value="records" checked' in page and 'value="read" >' in page
