"""The records API answers every bad body with 4xx and a Chinese message; nothing half-written."""
import json

import pytest
from sqlalchemy import select

from core.ledger import api as ledger_api
from data_models import Record

from .test_records_api import RECORD, count, setup_token

MEETING = {"external_id": "M-1", "category": "meeting", "type": "党组会议", "date": "2023-03-01", "title": "党组会议"}


def _post(client, headers, body):
    data = body if isinstance(body, (str, bytes)) else json.dumps(body, ensure_ascii=False)
    return client.post("/api/v1/records", data=data, content_type="application/json", headers=headers, csrf=False)


@pytest.mark.parametrize("field, value", [
    ("count", "NaN"), ("count", "sNaN"), ("count", "Infinity"), ("count", "inf"), ("count", "1e30"),
    ("count", 3_000_000_000), ("persons", -1), ("amount", "1e15"), ("amount", "NaN"),
    ("external_id", "x" * 1000), ("title", {"a": 1}), ("title", ["a"]), ("date", "9999-12-31"),
    ("date", "0001-01-01"), ("date", "2023-W10-1"), ("attrs", "string"), ("attrs", [1, 2]),
])
def test_values_beyond_the_columns_are_400_in_chinese(client, db_session, demo, field, value):
    _, headers = setup_token(db_session, demo.county_a)
    response = _post(client, headers, {"records": [{**MEETING, field: value}]})
    assert response.status_code == 400, response.get_json()
    assert all(e["error"] and not e["error"].isascii() for e in response.get_json()["errors"])
    assert count(db_session) == 0


def test_json_nan_literal_is_refused(client, db_session, demo):
    _, headers = setup_token(db_session, demo.county_a)
    body = '{"records": [{"external_id": "M-1", "category": "meeting", "type": "党组会议", ' \
           '"date": "2023-03-01", "title": "t", "count": NaN, "amount": Infinity}]}'
    response = _post(client, headers, body)
    assert response.status_code == 400 and "不是有效的数字" in json.dumps(response.get_json(), ensure_ascii=False)


def test_deep_nesting_is_a_400(client, db_session, demo):
    _, headers = setup_token(db_session, demo.county_a)
    response = _post(client, headers, "[" * 100_000)
    assert response.status_code == 400 and "请求体" in json.dumps(response.get_json(), ensure_ascii=False)


def test_control_characters_and_lone_surrogates_are_removed_at_the_door(client, db_session, demo):
    _, headers = setup_token(db_session, demo.county_a)
    body = json.dumps({"records": [{**MEETING, "title": "党组\x01会议\x0b\ud800\x00"}]})  # \ud800 escaped
    response = _post(client, headers, body)
    assert response.status_code == 200, response.get_json()
    assert db_session.scalars(select(Record.title)).one() == "党组会议"


def test_loser_of_a_simultaneous_insert_hears_already_exists(client, db_session, demo, monkeypatch):
    """Two requests check external_ids before either commits: the second insert hits the unique key."""
    _, headers = setup_token(db_session, demo.county_a)
    assert _post(client, headers, {"records": [MEETING]}).status_code == 200
    monkeypatch.setattr(ledger_api, "existing_external_ids", lambda *args: {})  # its check ran first
    response = _post(client, headers, {"records": [{**MEETING, "title": "同时提交的另一份"}]})
    assert response.status_code == 409 and "已存在" in response.get_json()["error"]
    assert "IntegrityError" not in response.get_data(as_text=True)
    assert count(db_session) == 1


def test_records_api_still_accepts_good_input(client, db_session, demo):
    _, headers = setup_token(db_session, demo.county_a)
    response = _post(client, headers, {"records": [RECORD, {**MEETING, "count": "3", "amount": "99999999999999.99"}]})
    assert response.status_code == 200 and response.get_json()["created"] == 2
