import pytest
from sqlalchemy import func, select

from core.review import workflow
from core.review.workflow import WorkflowError
from data_models import AuditEvent, Report, ReviewEvent, Section

from .conftest import user


def _count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_submit_return_resubmit_approve(db_session, report):
    drafter, reviewer = user(db_session, "donghu_drafter"), user(db_session, "donghu_reviewer")
    workflow.submit(db_session, report, drafter)
    assert report.status == "in_review"
    workflow.return_for_changes(db_session, report, reviewer, "第二段数字需核实")
    assert report.status == "returned"
    workflow.submit(db_session, report, drafter)
    workflow.approve(db_session, report, reviewer, "同意")
    db_session.commit()
    assert report.status == "approved"
    events = workflow.history(db_session, report)
    assert [e.action for e in events] == ["submitted", "returned", "submitted", "approved"]
    assert events[1].comment == "第二段数字需核实"
    actions = db_session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["report.submitted", "report.returned", "report.submitted", "report.approved"]
    audit = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "report.approved")).one()
    assert audit.user_id == reviewer.id and audit.object_id == report.id
    assert audit.detail["status_from"] == "in_review" and audit.detail["status_to"] == "approved"


def test_drafter_cannot_approve(db_session, report):
    drafter = user(db_session, "donghu_drafter")
    workflow.submit(db_session, report, drafter)
    db_session.commit()
    with pytest.raises(WorkflowError, match="只有审核人员"):
        workflow.approve(db_session, report, drafter)
    assert report.status == "in_review"


@pytest.mark.parametrize("step", ["approve", "return_for_changes"])
def test_draft_cannot_be_approved_or_returned(db_session, report, step):
    reviewer = user(db_session, "donghu_reviewer")
    before = _count(db_session, ReviewEvent), _count(db_session, AuditEvent)
    with pytest.raises(WorkflowError, match="待审核"):
        getattr(workflow, step)(db_session, report, reviewer, "意见")
    assert report.status == "draft"
    assert (_count(db_session, ReviewEvent), _count(db_session, AuditEvent)) == before


def test_return_needs_a_comment(db_session, report):
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    with pytest.raises(WorkflowError, match="修改意见"):
        workflow.return_for_changes(db_session, report, user(db_session, "donghu_reviewer"), "   ")
    assert report.status == "in_review"


def test_reviewer_of_other_committee_cannot_approve(db_session, report):
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    with pytest.raises(WorkflowError, match="不属于本委员会"):
        workflow.approve(db_session, report, user(db_session, "xishan_reviewer"))
    with pytest.raises(WorkflowError, match="不属于本委员会"):
        workflow.approve(db_session, report, user(db_session, "city_reviewer"))
    assert report.status == "in_review"


def test_submitted_report_cannot_be_submitted_again(db_session, report):
    drafter = user(db_session, "donghu_drafter")
    workflow.submit(db_session, report, drafter)
    with pytest.raises(workflow.AlreadyDone, match="已是“待审核”状态，重复的操作已忽略"):
        workflow.submit(db_session, report, drafter)
    assert [e.action for e in workflow.history(db_session, report)] == ["submitted"]


def _approved(db_session, report):
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    workflow.approve(db_session, report, user(db_session, "donghu_reviewer"))
    db_session.commit()
    return report


def test_revise_approved_report_makes_new_draft_revision(db_session, report):
    _approved(db_session, report)
    new = workflow.revise(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()
    assert (new.status, new.revision, new.previous_id) == ("draft", 2, report.id)
    assert report.status == "approved"
    old_tree = {(s.node_type, s.heading, s.lead, s.body) for s in report.sections}
    new_tree = {(s.node_type, s.heading, s.lead, s.body) for s in new.sections}
    assert old_tree == new_tree and len(new.sections) == 3
    by_id = {s.id: s for s in new.sections}
    item = next(s for s in new.sections if s.node_type == "item")
    assert by_id[item.parent_id].node_type == "section"
    assert by_id[by_id[item.parent_id].parent_id].node_type == "part"
    assert {s.report_id for s in new.sections} == {new.id}
    item.body = "改过的正文"
    db_session.commit()
    db_session.expire_all()
    assert "学习" in next(s.body for s in report.sections if s.node_type == "item")


def test_revise_twice_is_refused(db_session, report):
    _approved(db_session, report)
    drafter = user(db_session, "donghu_drafter")
    workflow.revise(db_session, report, drafter)
    db_session.commit()
    reports = _count(db_session, Report)
    with pytest.raises(WorkflowError, match="已有修订版本（第2版）"):
        workflow.revise(db_session, report, drafter)
    assert _count(db_session, Report) == reports


def test_draft_cannot_be_revised(db_session, report):
    with pytest.raises(WorkflowError, match="已审定"):
        workflow.revise(db_session, report, user(db_session, "donghu_drafter"))
    assert _count(db_session, Section) == 3


def test_mark_sent_only_after_approval(db_session, report):
    with pytest.raises(WorkflowError, match="只有“已审定”"):
        workflow.mark_sent(db_session, report)
    _approved(db_session, report)
    workflow.mark_sent(db_session, report, submission_id=7)
    db_session.commit()
    assert report.status == "sent"
    audit = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "report.sent")).one()
    assert audit.user_id is None and audit.detail["submission_id"] == 7
