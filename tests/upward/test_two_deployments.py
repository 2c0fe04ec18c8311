"""Two deployments on loopback: a county sends its package to the city's own deployment through the outbox."""
from datetime import date

import pytest
from sqlalchemy import func, select

from core import db as core_db
from core.demo import committees, users
from core.upward.outbox import queue_package, set_link
from core.upward.requests import issue_request
from core.upward.tokens import issue_token
from data_models import Committee, OutboxMessage, ReviewEvent, Submission
from tasks.upward import MAX_RETRIES, deliver, flush_outbox

from .conftest import YEAR, make_package
from .deployments import Deployment, LossyProxy, create_database


@pytest.fixture
def superior(tmp_path):
    """The city's own deployment (SQLite file of its own), seeded with its request and a token for 东湖县政协."""
    url = f"sqlite:///{tmp_path / 'superior.sqlite3'}"
    create_database(url)
    with core_db.session_scope(url) as session:
        committees.seed(session)
        session.flush()
        users.seed(session)
        city, east, west = committees.demo_committees(session)
        request = issue_request(session, committee_id=city.id, kind="annual_summary", period=YEAR,
                                deadline=date(2024, 1, 31), target_ids=[east.id, west.id])
        _, token = issue_token(session, east.id, "东湖县政协部署")
        _, west_token = issue_token(session, west.id, "西山县政协部署")
        request_id = request.id
    deployment = Deployment(url, tmp_path)
    deployment.request_id, deployment.token, deployment.west_token = request_id, token, west_token
    yield deployment
    deployment.stop()


def _superior_submissions(superior) -> list[tuple[str, str]]:
    with core_db.session_scope(superior.database_url) as session:
        stmt = select(Committee.name, Submission.content_hash).join(Committee, Committee.id == Submission.committee_id)
        return [tuple(row) for row in session.execute(stmt)]


def test_package_survives_superior_outage_and_restart_mid_send(superior, demo, db_session):
    proxy = LossyProxy(superior.port)
    link = set_link(db_session, demo.county_a.id, proxy.url, superior.token)
    package = make_package(demo.county_a)
    message = queue_package(db_session, link, superior.request_id, package)
    db_session.commit()

    deliver.delay(message.id)  # the superior is down: every attempt fails, nothing is lost
    db_session.refresh(message)
    assert (message.state, message.attempts) == ("pending", MAX_RETRIES + 1)
    assert "无法连接" in message.last_error

    superior.start()
    proxy.swallow_next, proxy.on_swallow = 1, superior.stop  # stored, then the superior dies before answering
    flush_outbox.delay()
    db_session.refresh(message)
    assert message.state == "pending"
    assert _superior_submissions(superior) == [(demo.county_a.name, package.content_hash)]

    superior.start()
    flush_outbox.delay()
    db_session.refresh(message)
    assert message.state == "sent" and message.response["duplicate"] is True
    assert _superior_submissions(superior) == [(demo.county_a.name, package.content_hash)]


def test_wrong_committee_token_is_refused_for_good(superior, demo, db_session):
    superior.start()
    link = set_link(db_session, demo.county_b.id, superior.url, superior.token)  # 东湖's token used by 西山
    message = queue_package(db_session, link, superior.request_id, make_package(demo.county_b))
    db_session.commit()
    deliver.delay(message.id)
    db_session.refresh(message)
    assert message.state == "failed" and message.attempts == 1
    assert "403" in message.last_error and "不一致" in message.last_error
    assert _superior_submissions(superior) == []
    assert db_session.scalar(select(func.count(OutboxMessage.id))) == 1


def _wait_for(session, message, condition, seconds: float = 90):
    import time

    deadline = time.time() + seconds
    while time.time() < deadline:
        session.refresh(message)
        if condition(message):
            return
        time.sleep(0.3)
    raise AssertionError(f"outbox message stuck: {message.state}, {message.attempts} attempts, {message.last_error}")


@pytest.mark.live_worker
def test_real_worker_backs_off_until_the_superior_is_up(worker_app, superior):
    from app.extensions import db

    committees.seed(db.session)
    db.session.flush()
    east = committees.demo_committees(db.session)[1]
    link = set_link(db.session, east.id, superior.url, superior.token)
    package = make_package(east)
    message = queue_package(db.session, link, superior.request_id, package)
    db.session.commit()

    deliver.delay(message.id)  # the superior is still down
    _wait_for(db.session, message, lambda m: m.attempts >= 1)
    assert message.state == "pending" and "无法连接" in message.last_error
    superior.start()
    _wait_for(db.session, message, lambda m: m.state == "sent")
    assert message.attempts >= 2 and message.response["duplicate"] is False
    assert _superior_submissions(superior) == [(east.name, package.content_hash)]


def test_county_pages_submit_to_the_city_deployment_even_while_it_is_down(superior, client, db_session):
    from core.demo import load_demo
    from data_models import Report

    load_demo(db_session)
    db_session.commit()
    west = committees.demo_committees(db_session)[2]
    report = db_session.scalars(select(Report).where(Report.committee_id == west.id, Report.status == "approved")).one()
    superior.start()
    client.login("xishan_admin")
    client.post("/upward/link", data={"base_url": superior.url, "token": superior.west_token})
    listing = client.get("/upward/").get_data(as_text=True)  # fetched and kept
    assert "关于报送2023年度工作总结的通知" in listing and "上级平台" in listing

    superior.stop()
    listing = client.get("/upward/").get_data(as_text=True)
    assert "暂时无法连接" in listing and "关于报送2023年度工作总结的通知" in listing
    assert report.title in client.get(f"/upward/remote/{superior.request_id}").get_data(as_text=True)
    queued = client.post(f"/upward/remote/{superior.request_id}", data={"report_id": report.id}, follow_redirects=True)
    assert "已进入发送队列" in queued.get_data(as_text=True)
    message = db_session.scalars(select(OutboxMessage)).one()
    assert message.state == "pending"

    superior.start()
    flush_outbox.delay()
    db_session.refresh(message)
    assert message.state == "sent" and message.response["duplicate"] is False
    assert _superior_submissions(superior) == [(west.name, message.response["content_hash"])]
    db_session.refresh(report)
    assert report.status == "sent"
    events = db_session.scalars(select(ReviewEvent.action).where(ReviewEvent.report_id == report.id)).all()
    assert events[-1] == "sent"
