"""ReportStatus: one enum for the stored values, their Chinese labels and the sets the workflow asks about."""
import pytest
from sqlalchemy import text

from core.drafting.guards import EditRefused, ensure_editable, is_editable
from core.review import workflow
from core.review.workflow import WorkflowError
from data_models import Report, ReportStatus

from .conftest import gen_report, user

ALL = set(ReportStatus)


def test_every_status_has_its_own_chinese_label():
    labels = [status.label for status in ReportStatus]
    assert all(labels) and len(set(labels)) == len(labels)
    assert ReportStatus.labels() == {status.value: status.label for status in ReportStatus}
    assert ReportStatus.label_of("approved") == ReportStatus.APPROVED.label
    assert ReportStatus.label_of("archived") == "archived"  # an unknown value is shown, not lost
    assert ReportStatus.known("draft") and not ReportStatus.known("archived")


def test_the_sets_divide_the_statuses():
    editable, frozen = set(ReportStatus.EDITABLE), set(ReportStatus.FROZEN)
    assert editable | frozen == ALL and not editable & frozen
    passed, in_progress = set(ReportStatus.PASSED), set(ReportStatus.IN_PROGRESS)
    assert passed | in_progress == ALL and not passed & in_progress
    assert passed < frozen and editable < in_progress
    assert ReportStatus.SUBMITTABLE == ReportStatus.BRIEFABLE == ReportStatus.PASSED


def test_values_stay_the_stored_strings(db_session, demo):
    """The column and URLs keep the plain values: a member written is read back as the same string."""
    report = gen_report(db_session, demo.county_a, status=ReportStatus.APPROVED)
    stored = db_session.execute(text("SELECT status FROM report WHERE id = :id"), {"id": report.id}).scalar_one()
    assert stored == "approved" and type(stored) is str
    db_session.expire_all()
    assert db_session.get(Report, report.id).status == ReportStatus.APPROVED
    found = db_session.scalars(Report.__table__.select().where(Report.status.in_(ReportStatus.PASSED))).all()
    assert report.id in found


@pytest.mark.parametrize("status", list(ReportStatus))
def test_only_editable_statuses_take_edits(db_session, demo, status):
    report = gen_report(db_session, demo.county_a, status=status)
    assert is_editable(report) is (status in ReportStatus.EDITABLE)
    if status not in ReportStatus.EDITABLE:
        with pytest.raises(EditRefused, match=status.label):
            ensure_editable(report)


def test_refusals_name_the_status_in_chinese(db_session, demo):
    report = gen_report(db_session, demo.county_a, status=ReportStatus.SENT)
    with pytest.raises(WorkflowError, match=ReportStatus.SENT.label):
        workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
