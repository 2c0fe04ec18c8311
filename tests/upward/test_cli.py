from sqlalchemy import select

from core.upward.tokens import verify_token
from data_models import UpwardLink


def test_token_then_link_commands(runner, demo, db_session):
    issued = runner.invoke(args=["upward-token", "--committee", "东湖县政协"])
    assert issued.exit_code == 0, issued.output
    token = issued.output.strip().splitlines()[-1]
    assert verify_token(db_session, token).committee_id == demo.county_a.id
    linked = runner.invoke(args=["upward-link", "--committee", "东湖县政协", "--url", "http://127.0.0.1:9/", "--token", token])
    assert linked.exit_code == 0, linked.output
    db_session.expire_all()
    assert db_session.scalars(select(UpwardLink)).one().base_url == "http://127.0.0.1:9"


def test_link_with_bad_address_changes_nothing(runner, demo, db_session):
    result = runner.invoke(args=["upward-link", "--committee", "东湖县政协", "--url", "ftp://x", "--token", "t"])
    assert result.exit_code != 0 and "http://" in result.output
    assert db_session.scalars(select(UpwardLink)).all() == []


def test_compile_unknown_request_is_a_clear_error(runner, demo, tmp_path):
    result = runner.invoke(args=["compile", "999", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code != 0 and "没有编号为 999" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_send_command_keeps_undelivered_packages(runner, city_request, demo, db_session):
    from core.upward.outbox import queue_package, set_link
    from data_models import OutboxMessage

    from .conftest import make_package
    from .deployments import free_port

    link = set_link(db_session, demo.county_a.id, f"http://127.0.0.1:{free_port()}", "wgu_x_y")
    queue_package(db_session, link, city_request.id, make_package(demo.county_a))
    db_session.commit()
    result = runner.invoke(args=["upward-send"])
    assert result.exit_code == 0 and "暂未送达，稍后重试" in result.output
    db_session.expire_all()
    message = db_session.scalars(select(OutboxMessage)).one()
    assert (message.state, message.attempts) == ("pending", 1)
