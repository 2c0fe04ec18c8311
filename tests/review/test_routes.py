import pytest
from sqlalchemy import select

from data_models import Report, ReviewEvent


def test_review_page_shows_panel_and_submit_button(client, report):
    client.login("donghu_drafter")
    page = client.get(f"/review/{report.id}").get_data(as_text=True)
    assert "审核流程" in page and "起草中" in page and "提交审核" in page
    assert "审定通过" not in page


def test_submit_then_approve_through_the_web(client, report, db_session):
    client.login("donghu_drafter")
    page = client.post(f"/review/{report.id}/submit", data={}, follow_redirects=True).get_data(as_text=True)
    assert "文稿已提交审核" in page
    client.logout()
    client.login("donghu_reviewer")
    page = client.get(f"/review/{report.id}").get_data(as_text=True)
    assert "审定通过" in page and "退回修改" in page
    page = client.post(f"/review/{report.id}/approve", data={}, follow_redirects=True).get_data(as_text=True)
    assert "文稿已审定" in page
    db_session.expire_all()
    assert db_session.get(Report, report.id).status == "approved"


def test_return_without_comment_is_refused_in_chinese(client, report, db_session):
    client.login("donghu_drafter")
    client.post(f"/review/{report.id}/submit", data={})
    client.logout()
    client.login("donghu_reviewer")
    page = client.post(f"/review/{report.id}/return", data={"comment": ""}, follow_redirects=True).get_data(as_text=True)
    assert "请填写修改意见" in page
    db_session.expire_all()
    assert db_session.get(Report, report.id).status == "in_review"
    page = client.post(f"/review/{report.id}/return", data={"comment": "<b>数字有误</b>"},
                       follow_redirects=True).get_data(as_text=True)
    assert "&lt;b&gt;数字有误&lt;/b&gt;" in page


def test_drafter_approving_gets_403_and_nothing_changes(client, report, db_session):
    client.login("donghu_drafter")
    client.post(f"/review/{report.id}/submit", data={})
    assert client.post(f"/review/{report.id}/approve", data={}).status_code == 403
    db_session.expire_all()
    assert db_session.get(Report, report.id).status == "in_review"


def test_other_committee_gets_404(client, report, db_session):
    client.login("xishan_reviewer")
    assert client.get(f"/review/{report.id}").status_code == 404
    assert client.post(f"/review/{report.id}/submit", data={}).status_code == 404
    assert db_session.scalars(select(ReviewEvent)).all() == []


def test_revise_redirects_to_new_revision(client, report, db_session):
    client.login("donghu_drafter")
    client.post(f"/review/{report.id}/submit", data={})
    client.logout()
    client.login("donghu_admin")  # not the submitter: may approve
    client.post(f"/review/{report.id}/approve", data={})
    response = client.post(f"/review/{report.id}/revise", data={})
    new = db_session.scalars(select(Report).where(Report.previous_id == report.id)).one()
    assert response.headers["Location"].endswith(f"/review/{new.id}")
    page = client.get(f"/review/{new.id}").get_data(as_text=True)
    assert "第2版" in page and "上一版" in page


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.com", "/\\evil.com", "javascript:alert(1)"])
def test_next_is_limited_to_same_site(client, report, target):
    client.login("donghu_drafter")
    response = client.post(f"/review/{report.id}/submit", data={"next": target})
    assert response.headers["Location"] == f"/review/{report.id}"
