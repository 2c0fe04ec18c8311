"""Visit pages: create with agenda and contacts, Chinese validation, scoping, receiving from the page."""
from sqlalchemy import func, select

from data_models import Record, Visit

FORM = {
    "delegation": "政协东湖县委员会考察团", "leader": "李明", "leader_post": "主席", "size": "12",
    "start_date": "2024-05-20", "end_date": "2024-05-21", "topics": "基层协商", "host_leader": "王建国主席",
    "period_start": "2023-01-01", "period_end": "2023-12-31",
    "agenda-0-day": "2024-05-20", "agenda-0-time": "9:00", "agenda-0-place": "议事室", "agenda-0-activity": "实地考察",
    "agenda-0-officials": "王建国", "agenda-1-day": "", "agenda-1-activity": "",
    "contacts-0-side": "host", "contacts-0-name": "赵红", "contacts-0-post": "办公室主任", "contacts-0-phone": "123",
    "contacts-1-side": "guest", "contacts-1-name": "",
}


def test_create_visit_with_agenda_and_contacts(client, demo, db_session):
    client.login("xishan_drafter")
    assert "来访团组" in client.get("/visits/new").get_data(as_text=True)
    response = client.post("/visits/new", data=FORM, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "考察信息已保存。" in page and "实地考察" in page and "赵红" in page
    visit = db_session.scalars(select(Visit)).one()
    assert visit.committee_id == demo.county_b.id
    assert [a.activity for a in visit.agenda] == ["实地考察"] and [c.name for c in visit.contacts] == ["赵红"]
    assert "政协东湖县委员会考察团" in client.get("/visits/").get_data(as_text=True)


def test_bad_form_shows_chinese_errors_and_saves_nothing(client, demo, db_session):
    client.login("xishan_drafter")
    bad = {**FORM, "delegation": "", "size": "十二", "end_date": "2024-05-01", "agenda-0-activity": ""}
    page = client.post("/visits/new", data=bad).get_data(as_text=True)
    assert "此项为必填项。" in page and "请填写整数。" in page
    page = client.post("/visits/new", data={**FORM, "end_date": "2024-05-01", "agenda-0-day": "2024-06-01"}).get_data(as_text=True)
    assert "结束日期不能早于开始日期。" in page and "第1行日程的日期不在考察期间内。" in page
    assert db_session.scalar(select(func.count()).select_from(Visit)) == 0


def test_other_committee_visit_is_not_found(client, visit):
    client.login("donghu_admin")
    for url in (f"/visits/{visit.id}", f"/visits/{visit.id}/edit"):
        assert client.get(url).status_code == 404
    assert client.post(f"/visits/{visit.id}/receive", data={}).status_code == 404
    assert "政协东湖县委员会考察团" not in client.get("/visits/").get_data(as_text=True)


def test_reviewer_cannot_edit(client, visit):
    client.login("xishan_reviewer")
    assert client.get(f"/visits/{visit.id}").status_code == 200
    assert client.post(f"/visits/{visit.id}/receive", data={}).status_code == 403


def test_receive_button_records_once(client, visit, db_session):
    client.login("xishan_drafter")
    first = client.post(f"/visits/{visit.id}/receive", data={}, follow_redirects=True).get_data(as_text=True)
    second = client.post(f"/visits/{visit.id}/receive", data={}, follow_redirects=True).get_data(as_text=True)
    assert "已登记接待" in first and "台账记录已按最新信息更新" in second
    assert db_session.scalar(select(func.count()).select_from(Record)) == 1


def test_cancelled_visit_cannot_be_received(client, visit, db_session):
    client.login("xishan_drafter")
    page = client.post(f"/visits/{visit.id}/cancel", data={}, follow_redirects=True).get_data(as_text=True)
    assert "该考察已取消。" in page and "登记接待（记入台账）" not in page
    page = client.post(f"/visits/{visit.id}/receive", data={}, follow_redirects=True).get_data(as_text=True)
    assert "已取消的考察不能登记接待。" in page
    assert db_session.scalar(select(func.count()).select_from(Record)) == 0
