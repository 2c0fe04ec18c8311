from datetime import date

import pytest
from sqlalchemy import select

from core.upward import UpwardError
from core.upward.package import accept_package
from core.upward.requests import issue_request, remind, requests_received, target_statuses
from data_models import AuditEvent, CollectionRequest

from .conftest import YEAR, make_package


def test_request_lists_targets_in_committee_order(city_request, demo):
    assert [t.committee_id for t in city_request.targets] == [demo.county_a.id, demo.county_b.id]
    assert city_request.title == "关于报送2023年度工作总结的通知"


def test_request_to_a_committee_that_is_not_below_is_refused(demo, db_session):
    with pytest.raises(UpwardError, match="不是下级政协"):
        issue_request(db_session, committee_id=demo.county_a.id, kind="annual_summary", period=YEAR,
                      deadline=date(2024, 1, 31), target_ids=[demo.county_b.id])
    assert db_session.scalars(select(CollectionRequest)).all() == []


def test_request_needs_targets_and_a_known_kind(demo, db_session):
    with pytest.raises(UpwardError, match="至少选择"):
        issue_request(db_session, committee_id=demo.city.id, kind="annual_summary", period=YEAR,
                      deadline=date(2024, 1, 31), target_ids=[])
    with pytest.raises(UpwardError, match="类型无效"):
        issue_request(db_session, committee_id=demo.city.id, kind="poem", period=YEAR,
                      deadline=date(2024, 1, 31), target_ids=[demo.county_a.id])


def test_status_is_pending_then_late_then_submitted(city_request, demo, db_session):
    before = target_statuses(db_session, city_request, today=date(2024, 1, 31))
    assert [s.status for s in before] == ["pending", "pending"]
    accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                   package=make_package(demo.county_a), idempotency_key="k1")
    after = target_statuses(db_session, city_request, today=date(2024, 2, 1))
    assert [s.status for s in after] == ["submitted", "late"]


def test_remind_records_count_and_audit(city_request, demo, db_session):
    remind(db_session, city_request, demo.county_b.id, user_id=None, note="请尽快报送")
    target = remind(db_session, city_request, demo.county_b.id, user_id=None)
    assert target.reminders == 2 and target.last_reminded_at is not None
    events = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "upward.remind")).all()
    assert [e.detail["count"] for e in events] == [1, 2]
    received = requests_received(db_session, demo.county_b.id)
    assert received[0][1].reminders == 2


def test_remind_after_submission_is_refused(city_request, demo, db_session):
    accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                   package=make_package(demo.county_a), idempotency_key="k1")
    with pytest.raises(UpwardError, match="无需催报"):
        remind(db_session, city_request, demo.county_a.id, user_id=None)


def test_lateness_is_judged_by_the_beijing_date(city_request, demo, db_session):
    """Received at 2024-01-31 17:00 UTC is 2024-02-01 01:00 in Beijing: after a 31 January deadline."""
    from datetime import datetime, timezone

    assert city_request.deadline == date(2024, 1, 31)
    submission, _ = accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                                   package=make_package(demo.county_a), idempotency_key="k1")
    submission.received_at = datetime(2024, 1, 31, 15, 59, tzinfo=timezone.utc)  # 23:59 in Beijing
    on_time = {s.committee.id: s for s in target_statuses(db_session, city_request, today=date(2024, 2, 1))}
    assert not on_time[demo.county_a.id].submitted_late
    submission.received_at = datetime(2024, 1, 31, 17, 0, tzinfo=timezone.utc)
    late = {s.committee.id: s for s in target_statuses(db_session, city_request, today=date(2024, 2, 1))}
    assert late[demo.county_a.id].submitted_late


def test_beijing_today_is_a_day_ahead_of_utc_after_midnight_in_beijing(monkeypatch):
    from datetime import datetime, timezone

    import core.times as times

    class Frozen(datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime(2024, 1, 31, 17, 0, tzinfo=timezone.utc).astimezone(tz)

    monkeypatch.setattr(times, "datetime", Frozen)
    assert times.beijing_today() == date(2024, 2, 1)
