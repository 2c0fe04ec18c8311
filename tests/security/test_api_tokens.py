"""Machine tokens: bound to one committee, stored hashed, refused once revoked."""
from sqlalchemy import select

from data_models import ApiToken, AuditEvent, Record
from tests.api.test_records_api import RECORD, setup_token


def test_token_writes_only_into_its_own_committee(client, db_session, demo):
    _, headers = setup_token(db_session, demo.county_a)
    smuggled = {**RECORD, "committee_id": demo.county_b.id, "committee": demo.county_b.name}
    response = client.post("/api/v1/records", json={"records": [smuggled]}, headers=headers)
    assert response.status_code in (200, 400)
    committees = set(db_session.scalars(select(Record.committee_id)))
    assert committees <= {demo.county_a.id}


def test_token_is_stored_hashed_and_its_use_audited(client, db_session, demo):
    token, headers = setup_token(db_session, demo.county_a)
    plaintext = headers["Authorization"].removeprefix("Bearer ")
    stored = db_session.get(ApiToken, token.id)
    assert plaintext not in (stored.token_hash, stored.prefix) and len(stored.token_hash) >= 64
    client.post("/api/v1/records", json={"records": [RECORD]}, headers=headers)
    event = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "ledger.api")).one()
    assert (event.committee_id, event.object_id) == (demo.county_a.id, token.id)


def test_session_login_does_not_open_the_api(client, db_session, demo):
    setup_token(db_session, demo.county_a)
    client.login("donghu_admin")
    response = client.post("/api/v1/records", json={"records": [RECORD]})
    assert response.status_code == 401 and "令牌无效" in response.json["error"]
    assert db_session.scalars(select(Record)).all() == []


def test_other_committee_admin_cannot_revoke_a_token(client, db_session, demo):
    token, headers = setup_token(db_session, demo.county_a)
    client.login("xishan_admin")
    assert client.post(f"/tokens/{token.id}/revoke", data={}).status_code == 404
    client.logout()
    assert client.post("/api/v1/records", json={"records": [RECORD]}, headers=headers).status_code == 200
