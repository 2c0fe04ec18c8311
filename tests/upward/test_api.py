"""The superior's API: only a token the superior issued to the sending committee is accepted."""
from sqlalchemy import func, select

from core.upward.tokens import issue_token, revoke_token
from data_models import ApiToken, Submission

from .conftest import make_package


def _post(client, token, payload, key=None):
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key or payload["idempotency_key"]}
    return client.post("/api/upward/submissions", json=payload, headers=headers, csrf=False)


def _count(db_session):
    return db_session.scalar(select(func.count(Submission.id)))


def test_package_accepted_once_by_key(client, city_request, demo, db_session):
    _, token = issue_token(db_session, demo.county_a.id, "东湖县政协部署")
    db_session.commit()
    payload = make_package(demo.county_a).to_payload(city_request.id, "east-1")
    first, again = _post(client, token, payload), _post(client, token, payload)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == {**first.get_json(), "duplicate": True}
    assert _count(db_session) == 1


def test_forged_token_is_refused(client, city_request, demo, db_session):
    issue_token(db_session, demo.county_a.id, "东湖县政协部署")
    db_session.commit()
    payload = make_package(demo.county_a).to_payload(city_request.id, "east-1")
    for forged in ("wgu_deadbeef_not-the-secret", "nonsense", ""):
        response = _post(client, forged, payload)
        assert response.status_code == 401 and "令牌无效" in response.get_json()["error"]
    assert _count(db_session) == 0


def test_token_of_another_committee_is_refused(client, city_request, demo, db_session):
    _, west_token = issue_token(db_session, demo.county_b.id, "西山县政协部署")
    db_session.commit()
    payload = make_package(demo.county_a).to_payload(city_request.id, "east-1")
    response = _post(client, west_token, payload)
    assert response.status_code == 403 and "不一致" in response.get_json()["error"]
    assert _count(db_session) == 0


def test_revoked_or_other_scope_token_is_refused(client, city_request, demo, db_session):
    token_row, token = issue_token(db_session, demo.county_a.id, "东湖县政协部署")
    other_row, other = issue_token(db_session, demo.county_a.id, "台账接口")
    other_row.scopes = "records"
    revoke_token(db_session, token_row)
    db_session.commit()
    payload = make_package(demo.county_a).to_payload(city_request.id, "east-1")
    assert _post(client, token, payload).status_code == 401
    assert _post(client, other, payload).status_code == 401
    assert _count(db_session) == 0


def test_token_is_kept_only_as_hash(demo, db_session):
    _, token = issue_token(db_session, demo.county_a.id, "东湖县政协部署")
    stored = db_session.scalars(select(ApiToken)).one()
    assert token not in (stored.token_hash, stored.prefix) and stored.scopes == "upward"


def test_bad_json_and_mismatched_key_are_refused(client, city_request, demo, db_session):
    _, token = issue_token(db_session, demo.county_a.id, "东湖县政协部署")
    db_session.commit()
    payload = make_package(demo.county_a).to_payload(city_request.id, "east-1")
    assert _post(client, token, payload, key="other").status_code == 400
    response = client.post("/api/upward/submissions", data="garbage", headers={"Authorization": f"Bearer {token}"},
                           content_type="application/json", csrf=False)
    assert response.status_code == 400
    assert _count(db_session) == 0


def test_requests_listed_for_the_token_committee(client, city_request, demo, db_session):
    _, token = issue_token(db_session, demo.county_b.id, "西山县政协部署")
    db_session.commit()
    response = client.get("/api/upward/requests", headers={"Authorization": f"Bearer {token}"})
    assert [r["id"] for r in response.get_json()["requests"]] == [city_request.id]
    assert client.get("/api/upward/requests").status_code == 401


def test_same_package_posted_at_once_is_stored_once(app, city_request, demo, db_session):
    from concurrent.futures import ThreadPoolExecutor

    _, token = issue_token(db_session, demo.county_a.id, "东湖县政协部署")
    db_session.commit()
    payload = make_package(demo.county_a).to_payload(city_request.id, "east-race")

    def send(_):
        return _post(app.test_client(), token, payload).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        codes = sorted(pool.map(send, range(4)))
    assert codes.count(201) == 1 and codes.count(200) == 3
    db_session.expire_all()
    assert _count(db_session) == 1


def test_malformed_packages_get_chinese_messages_without_python_text(client, city_request, demo, db_session):
    _, token = issue_token(db_session, demo.county_a.id, "东湖县政协部署")
    db_session.commit()
    good = make_package(demo.county_a).to_payload(city_request.id, "east-1")
    broken = [
        {**good, "request_id": "abc"}, {**good, "request_id": None}, {**good, "request_id": 10**30},
        {**good, "report": {**good["report"], "period_start": "not a date"}},
        {**good, "report": {**good["report"], "source_report_id": "x"}},
        {**good, "report": "a string"}, {**good, "committee": ["list"]}, {**good, "docx": "***"},
        {k: v for k, v in good.items() if k != "report"}, {**good, "metrics": []},
    ]
    for payload in broken:
        response = _post(client, token, payload)
        text = response.get_json()["error"]
        assert response.status_code == 400 and "报送包格式有误" in text, text
        assert not any(leak in text for leak in ("invalid literal", "Error", "object", "NoneType", "'"))
    assert _count(db_session) == 0
