import pytest
from sqlalchemy import select

from core.upward import UpwardError
from core.upward.package import Package, UpwardConflict, UpwardForbidden, accept_package, submission_history
from core.upward.requests import current_submissions
from core.metrics.periods import Period
from data_models import Submission

from .conftest import make_package


def test_package_round_trips_through_payload_with_its_hash(demo):
    package = make_package(demo.county_a)
    again = Package.from_payload(package.to_payload(7, "key"))
    assert again.content_hash == package.content_hash and again.docx == package.docx


def test_tampered_payload_is_refused(demo):
    payload = make_package(demo.county_a).to_payload(7, "key")
    payload["metrics"]["values"][0]["value"] = 999
    with pytest.raises(UpwardError, match="校验值不符"):
        Package.from_payload(payload)


def test_same_key_is_stored_once(city_request, demo, db_session):
    package = make_package(demo.county_a)
    first, created = accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                                    package=package, idempotency_key="same")
    again, created_again = accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                                          package=package, idempotency_key="same")
    assert (created, created_again) == (True, False) and first.id == again.id
    assert len(db_session.scalars(select(Submission)).all()) == 1


def test_same_key_with_other_content_is_a_conflict(city_request, demo, db_session):
    accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                   package=make_package(demo.county_a), idempotency_key="same")
    with pytest.raises(UpwardConflict):
        accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                       package=make_package(demo.county_a, title="改过的标题"), idempotency_key="same")


def test_resubmission_supersedes_and_keeps_history(city_request, demo, db_session):
    accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                   package=make_package(demo.county_a), idempotency_key="one")
    accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                   package=make_package(demo.county_a, title="2023年工作总结（修订）"), idempotency_key="two")
    history = submission_history(db_session, city_request.id, demo.county_a.id)
    assert [(s.title, s.superseded) for s in history] == [("2023年工作总结（修订）", False), ("2023年工作总结", True)]
    assert current_submissions(db_session, city_request.id)[demo.county_a.id].title == "2023年工作总结（修订）"


def test_package_of_another_committee_is_forbidden(city_request, demo, db_session):
    with pytest.raises(UpwardForbidden):
        accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                       package=make_package(demo.county_b), idempotency_key="x")


def test_wrong_period_is_refused(city_request, demo, db_session):
    with pytest.raises(UpwardError, match="统计期间"):
        accept_package(db_session, request_id=city_request.id, sender=demo.county_a,
                       package=make_package(demo.county_a, period=Period.half(2023, 1)), idempotency_key="x")
    assert db_session.scalars(select(Submission)).all() == []


def test_malformed_metrics_are_refused(demo):
    package = make_package(demo.county_a)
    package.metrics["values"].append({"key": "x", "value": "一百"})
    with pytest.raises(UpwardError, match="格式有误"):
        Package.from_payload(package.to_payload(7, "key"))
