"""Pages: the city issues and follows a request; counties see theirs; nobody sees what is not theirs."""
from sqlalchemy import select

from core.upward.package import accept_package
from data_models import CollectionRequest, RequestTarget

from .conftest import make_package


def test_city_issues_a_request_from_the_form(client, demo, db_session):
    client.login("city_admin")
    page = client.get("/upward/requests/new")
    assert "发出报送通知" in page.get_data(as_text=True)
    response = client.post("/upward/requests/new", data={
        "kind": "annual_summary", "period": "2023", "deadline": "2024-01-31",
        "targets": [demo.county_a.id, demo.county_b.id], "note": "请按时报送"}, follow_redirects=True)
    body = response.get_data(as_text=True)
    assert "报送通知已发出" in body and "关于报送2023年度工作总结的通知" in body
    assert len(db_session.scalars(select(RequestTarget)).all()) == 2


def test_bad_period_is_explained_and_nothing_saved(client, demo, db_session):
    client.login("city_admin")
    response = client.post("/upward/requests/new", data={
        "kind": "annual_summary", "period": "去年", "deadline": "2024-01-31", "targets": [demo.county_a.id]})
    assert "无法识别的统计期间" in response.get_data(as_text=True)
    assert db_session.scalars(select(CollectionRequest)).all() == []


def test_drafter_may_not_issue(client, demo):
    client.login("city_drafter")
    assert client.get("/upward/requests/new").status_code == 403


def test_detail_shows_who_submitted_and_remind_works(client, city_request, demo, db_session):
    accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                   package=make_package(demo.county_a), idempotency_key="a1")
    db_session.commit()
    client.login("city_reviewer")
    body = client.get(f"/upward/requests/{city_request.id}").get_data(as_text=True)
    assert "已报送" in body and "逾期未报" in body and "党组会议次数" in body
    reminded = client.post(f"/upward/requests/{city_request.id}/remind/{demo.county_b.id}", data={},
                           follow_redirects=True)
    assert "已向政协西山县委员会催报" in reminded.get_data(as_text=True)
    client.logout()
    client.login("xishan_reviewer")
    body = client.get("/upward/").get_data(as_text=True)
    assert "关于报送2023年度工作总结的通知" in body and "已催报1次" in body


def test_county_sees_its_request_but_not_the_city_detail(client, city_request, demo):
    client.login("donghu_reviewer")
    assert client.get(f"/upward/received/{city_request.id}").status_code == 200
    assert client.get(f"/upward/requests/{city_request.id}").status_code == 404
    assert client.post(f"/upward/requests/{city_request.id}/compile", data={}).status_code == 404


def test_other_county_cannot_download_a_submission(client, city_request, demo, db_session):
    submission, _ = accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                                   package=make_package(demo.county_a), idempotency_key="a1")
    db_session.commit()
    client.login("xishan_admin")
    assert client.get(f"/upward/submissions/{submission.id}.docx").status_code == 404
    client.logout()
    client.login("city_drafter")
    response = client.get(f"/upward/submissions/{submission.id}.docx")
    assert response.status_code == 200 and response.data.startswith(b"PK")


def test_dashboard_lists_open_requests_until_submitted(client, city_request, demo, db_session):
    client.login("donghu_drafter")
    assert "关于报送2023年度工作总结的通知" in client.get("/").get_data(as_text=True)
    accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                   package=make_package(demo.county_a), idempotency_key="a1")
    db_session.commit()
    assert "上级报送通知" not in client.get("/").get_data(as_text=True)


def test_admin_issues_then_revokes_a_token_for_a_county(client, demo, db_session):
    from core.upward.tokens import verify_token

    client.login("city_admin")
    page = client.post("/upward/tokens", data={"committee_id": demo.county_a.id, "name": "东湖县平台"})
    token = page.get_data(as_text=True).split('<code id="new-token">')[1].split("</code>")[0]
    assert verify_token(db_session, token).committee_id == demo.county_a.id
    token_id = verify_token(db_session, token).id
    client.post(f"/upward/tokens/{token_id}/revoke", data={})
    db_session.expire_all()
    assert verify_token(db_session, token) is None


def test_county_admin_sets_the_superior_address(client, demo, db_session):
    from data_models import UpwardLink

    client.login("donghu_admin")
    bad = client.post("/upward/link", data={"base_url": "javascript:alert(1)", "token": "x"})
    assert "http://" in bad.get_data(as_text=True)
    client.post("/upward/link", data={"base_url": "https://city.example.gov.cn/", "token": "wgu_a_b"})
    assert db_session.scalars(select(UpwardLink)).one().base_url == "https://city.example.gov.cn"
    client.logout()
    client.login("donghu_reviewer")
    assert client.get("/upward/link").status_code == 403


def _linked_with_a_fetched_request(db_session, committee, reminders: int) -> None:
    """东湖 linked to a superior deployment nobody listens at, with one request fetched earlier."""
    from core.upward.outbox import set_link

    link = set_link(db_session, committee.id, "http://127.0.0.1:9", "wgu_a_b")
    link.remote_requests = [{"id": 5, "title": "关于报送2023年度工作总结的通知", "issuer": "政协清河市委员会",
                             "deadline": "2024-01-31", "reminders": reminders, "submitted": False}]
    db_session.commit()


def test_dashboard_lists_the_superior_deployments_requests_as_last_fetched(client, demo, db_session):
    _linked_with_a_fetched_request(db_session, demo.county_a, reminders=2)
    client.login("donghu_drafter")
    body = client.get("/").get_data(as_text=True)
    assert "/upward/remote/5" in body and "已催报2次" in body


def test_requests_page_never_waits_on_the_superior(client, demo, db_session, monkeypatch):
    from data_models import TaskRun
    from tasks.upward import fetch_requests

    queued = []
    monkeypatch.setattr(fetch_requests, "delay", lambda run_id: queued.append(run_id))
    _linked_with_a_fetched_request(db_session, demo.county_a, reminders=0)
    client.login("donghu_reviewer")
    page = client.get("/upward/").get_data(as_text=True)
    assert "关于报送2023年度工作总结的通知" in page and "正在从上级平台获取最新通知" in page
    client.get("/upward/")  # a fetch already queued is not queued again
    assert len(queued) == 1 and db_session.get(TaskRun, queued[0]).committee_id == demo.county_a.id

    fetch_requests.apply((queued[0],))  # the worker: nothing listens at the superior's address
    db_session.expire_all()
    page = client.get("/upward/").get_data(as_text=True)
    assert "无法连接上级政协" in page or "暂时无法连接" in page
