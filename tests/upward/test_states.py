"""Upward states as enums: a target's place on a request, an outbox message's state, a delivery's outcome."""
from datetime import date

from sqlalchemy import text

from core.upward import outbox
from core.upward.outbox import Delivery, queue_package, set_link
from data_models import OutboxState, TargetState

from .conftest import make_package


def test_each_enum_has_distinct_chinese_labels():
    for enum in (TargetState, OutboxState, Delivery):
        labels = [member.label for member in enum]
        assert all(labels) and len(set(labels)) == len(labels), enum


def test_values_stay_the_stored_and_shown_strings():
    assert [s.value for s in TargetState] == ["submitted", "late", "pending"]
    assert [s.value for s in OutboxState] == ["pending", "sent", "failed"]
    assert TargetState.labels() == {"submitted": "已报送", "late": "逾期未报", "pending": "待报送"}
    assert OutboxState.labels() == {"pending": "等待发送", "sent": "已送达", "failed": "被上级拒收"}


def test_a_target_is_late_only_after_the_deadline_day():
    deadline = date(2024, 1, 31)
    assert TargetState.of(False, deadline, date(2024, 1, 31)) == TargetState.PENDING
    assert TargetState.of(False, deadline, date(2024, 2, 1)) == TargetState.LATE
    assert TargetState.of(True, deadline, date(2024, 2, 1)) == TargetState.SUBMITTED
    assert set(TargetState.OWED) == set(TargetState) - {TargetState.SUBMITTED}


def test_the_sets_and_the_delivery_outcomes_agree():
    assert set(OutboxState.UNSENT) == set(OutboxState) - {OutboxState.SENT}
    # A finished message answers with its own state: the outcomes named like states are those states.
    assert Delivery.SENT == OutboxState.SENT and Delivery.FAILED == OutboxState.FAILED
    assert Delivery.SENT.label == OutboxState.SENT.label


def test_deliver_answers_with_an_outcome_and_stores_the_plain_state(demo, db_session, city_request):
    assert outbox.deliver(db_session, 999_999) is Delivery.MISSING
    link = set_link(db_session, demo.county_a.id, "http://127.0.0.1:9", "wgu_x_y")  # nothing listens there
    message = queue_package(db_session, link, city_request.id, make_package(demo.county_a))
    db_session.commit()
    assert outbox.deliver(db_session, message.id, timeout=1) is Delivery.RETRY
    message.state = OutboxState.FAILED
    db_session.commit()
    assert outbox.deliver(db_session, message.id) is Delivery.FAILED  # the state it was already in
    stored = db_session.execute(text("SELECT state FROM outbox_message WHERE id = :id"), {"id": message.id}).scalar_one()
    assert stored == "failed" and type(stored) is str
    outbox.retry_message(db_session, message)
    db_session.commit()
    assert outbox.pending_ids(db_session) == [message.id]
