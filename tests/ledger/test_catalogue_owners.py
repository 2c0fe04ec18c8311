"""Catalogue entries have an owner: no committee can change what another committee's records mean."""
from sqlalchemy import select

from core.ledger.records import load_categories
from core.metrics.engine import compute_metrics
from data_models import RecordCategory, RecordType, User

from ..api.test_records_api import setup_token

PARTY_MEETING = {"external_id": "X-1", "category": "meeting", "type": "党组会议", "date": "2023-03-01", "title": "党组会议"}


def _meeting(db_session):
    return db_session.scalars(select(RecordCategory).where(RecordCategory.key == "meeting")).one()


def test_county_cannot_shadow_a_default_type_for_everyone(client, db_session, catalogue):
    client.login("donghu_admin")
    page = client.post("/ledger/catalogue", data={"action": "type", "category_id": _meeting(db_session).id,
                                                  "key": "dh_party", "name": "党组会议"}, follow_redirects=True)
    assert "已被使用" in page.get_data(as_text=True)
    assert db_session.scalar(select(RecordType).where(RecordType.key == "dh_party")) is None
    _, headers = setup_token(db_session, catalogue.county_b)
    assert client.post("/api/v1/records", json={"records": [PARTY_MEETING]}, headers=headers, csrf=False).status_code == 200
    assert compute_metrics(db_session, catalogue.county_b.id, "2023")["party_group_meetings"].value == 1


def test_a_county_category_named_like_a_default_is_refused(client, db_session, catalogue):
    client.login("donghu_admin")
    page = client.post("/ledger/catalogue", data={"action": "category", "key": "meeting2", "name": "会议"},
                       follow_redirects=True).get_data(as_text=True)
    assert "已被使用" in page
    assert db_session.scalar(select(RecordCategory).where(RecordCategory.key == "meeting2")) is None


def test_own_additions_are_seen_by_the_committee_and_those_below_only(client, db_session, catalogue):
    client.login("city_admin")
    client.post("/ledger/catalogue", data={"action": "category", "key": "city_only", "name": "市级专项"})
    client.post("/ledger/catalogue", data={"action": "type", "category_id": _meeting(db_session).id,
                                           "key": "city_forum", "name": "市级论坛"})
    client.logout()
    client.login("donghu_admin")
    client.post("/ledger/catalogue", data={"action": "type", "category_id": _meeting(db_session).id,
                                           "key": "dh_forum", "name": "东湖论坛"})
    city, east, west = catalogue.city.id, catalogue.county_a.id, catalogue.county_b.id
    assert "市级专项" in load_categories(db_session, east) and "市级专项" in load_categories(db_session, west)
    assert "市级论坛" in load_categories(db_session, west)["会议"].types
    assert "东湖论坛" in load_categories(db_session, east)["会议"].types
    assert "东湖论坛" not in load_categories(db_session, west)["会议"].types
    assert "东湖论坛" not in load_categories(db_session, city)["会议"].types
    # a county may not reuse a name its superior already uses, nor may the city take one a county uses
    client.post("/ledger/catalogue", data={"action": "type", "category_id": _meeting(db_session).id,
                                           "key": "dh_forum2", "name": "市级论坛"})
    client.logout()
    client.login("city_admin")
    client.post("/ledger/catalogue", data={"action": "type", "category_id": _meeting(db_session).id,
                                           "key": "city_forum2", "name": "东湖论坛"})
    assert db_session.scalars(select(RecordType.key).where(RecordType.key.in_(["dh_forum2", "city_forum2"]))).all() == []


def test_another_committees_type_cannot_be_used_by_name(client, db_session, catalogue):
    client.login("donghu_admin")
    client.post("/ledger/catalogue", data={"action": "type", "category_id": _meeting(db_session).id,
                                           "key": "dh_forum", "name": "东湖论坛"})
    _, headers = setup_token(db_session, catalogue.county_b)
    response = client.post("/api/v1/records", json={"records": [{**PARTY_MEETING, "type": "东湖论坛"}]},
                           headers=headers, csrf=False)
    assert response.status_code == 400 and "不是“会议”的类型" in str(response.get_json())


def test_only_a_platform_admin_extends_the_defaults(client, db_session, catalogue, runner):
    assert "已设为平台管理员" in runner.invoke(args=["platform-admin", "city_admin"]).output
    client.login("city_admin")
    client.post("/ledger/catalogue", data={"action": "type", "category_id": _meeting(db_session).id,
                                           "key": "joint", "name": "联席会议"})
    added = db_session.scalars(select(RecordType).where(RecordType.key == "joint")).one()
    assert added.committee_id is None
    assert "联席会议" in load_categories(db_session, catalogue.county_b.id)["会议"].types
    assert db_session.scalars(select(User.platform_admin).where(User.username == "donghu_admin")).one() is False
