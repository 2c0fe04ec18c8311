"""Double clicks record one event; a report is approved by someone other than its submitter."""
import threading

import pytest
from sqlalchemy import select

from core import db as core_db
from core.review import workflow
from data_models import Record, Report, ReviewEvent, User

from .conftest import user


def _submit_in_thread(database_url, report_id, barrier, outcomes):
    with core_db.session_scope(database_url) as session:
        report = session.get(Report, report_id)
        drafter = session.scalar(select(User).where(User.username == "donghu_drafter"))
        barrier.wait()  # all four have read "draft" before any writes
        try:
            workflow.submit(session, report, drafter)
            session.commit()
            outcomes.append("moved")
        except workflow.AlreadyDone:
            session.rollback()
            outcomes.append("already")


def test_four_simultaneous_submits_record_one_event(database_url, report, db_session):
    barrier, outcomes = threading.Barrier(4), []
    threads = [threading.Thread(target=_submit_in_thread, args=(database_url, report.id, barrier, outcomes))
               for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already"] * 3 + ["moved"]
    db_session.expire_all()
    assert db_session.scalars(select(ReviewEvent.action).where(ReviewEvent.report_id == report.id)).all() == ["submitted"]
    assert db_session.get(Report, report.id).status == "in_review"


def test_a_double_click_through_the_web_is_a_calm_message(client, report, db_session):
    client.login("donghu_drafter")
    client.post(f"/review/{report.id}/submit", data={})
    page = client.post(f"/review/{report.id}/submit", data={}, follow_redirects=True).get_data(as_text=True)
    assert "重复的操作已忽略" in page
    assert len(db_session.scalars(select(ReviewEvent).where(ReviewEvent.report_id == report.id)).all()) == 1


def test_a_resubmission_after_return_is_a_new_step(db_session, report):
    drafter, reviewer = user(db_session, "donghu_drafter"), user(db_session, "donghu_reviewer")
    workflow.submit(db_session, report, drafter)
    workflow.return_for_changes(db_session, report, reviewer, "请补充数字")
    workflow.submit(db_session, report, drafter)
    assert [e.action for e in workflow.history(db_session, report)] == ["submitted", "returned", "submitted"]


def test_admin_cannot_approve_own_submission(client, report, db_session):
    client.login("donghu_admin")
    client.post(f"/review/{report.id}/submit", data={})
    page = client.get(f"/review/{report.id}").get_data(as_text=True)
    assert "审定通过" not in page  # the button is not offered
    page = client.post(f"/review/{report.id}/approve", data={}, follow_redirects=True).get_data(as_text=True)
    assert "须由其他审核人员审定" in page
    db_session.expire_all()
    assert db_session.get(Report, report.id).status == "in_review"
    client.logout()
    client.login("donghu_reviewer")
    client.post(f"/review/{report.id}/approve", data={})
    db_session.expire_all()
    assert db_session.get(Report, report.id).status == "approved"


def test_committee_may_allow_self_approval(client, report, db_session):
    client.login("donghu_admin")
    page = client.post("/auth/duties", data={"self_approval": "1"}, follow_redirects=True).get_data(as_text=True)
    assert "已允许提交人审定" in page
    client.post(f"/review/{report.id}/submit", data={})
    client.post(f"/review/{report.id}/approve", data={})
    db_session.expire_all()
    assert db_session.get(Report, report.id).status == "approved"


def test_only_admins_change_the_duties_setting(client, report):
    client.login("donghu_reviewer")
    assert client.post("/auth/duties", data={"self_approval": "1"}).status_code == 403


@pytest.mark.parametrize("username, allowed", [("donghu_reviewer", False), ("donghu_drafter", True),
                                               ("donghu_admin", True)])
def test_reviewers_cannot_delete_ledger_records(client, demo, db_session, username, allowed):
    from core.metrics.definitions import seed_catalogue

    seed_catalogue(db_session)
    db_session.commit()
    client.login("donghu_drafter")
    client.post("/ledger/new/meeting", data={"type": "党组会议", "date": "2023-03-01", "title": "党组会议"})
    record_id = db_session.scalars(select(Record.id)).one()
    client.logout()
    client.login(username)
    response = client.post(f"/ledger/{record_id}/delete", data={})
    assert response.status_code == (302 if allowed else 403)
    db_session.expire_all()
    assert (db_session.get(Record, record_id) is None) == allowed
