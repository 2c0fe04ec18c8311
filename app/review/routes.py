from flask import current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.redirects import posted_next
from app.scoping import get_own_or_404, require_role
from core.drafting.document import assemble, outline
from core.review import changes, comments, messages, workflow
from data_models import Report, ReportStatus, User

from . import bp
from .forms import CommentForm, StepForm

# endpoint suffix → (role needed, workflow function, success message)
_STEPS = {
    "submit": ("drafter", workflow.submit, messages.SUBMITTED),
    "return": ("reviewer", workflow.return_for_changes, messages.RETURNED),
    "approve": ("reviewer", workflow.approve, messages.APPROVED),
}


@bp.app_context_processor
def _panel_helpers():
    return {"review_panel": panel_state, "report_link": report_link}


# The drafting area's report page when it exists, else this area's review page.
_REPORT_PAGES = ("reports.edit", "reports.show", "reports.editor", "review.show")


def report_link(report: Report) -> str:
    if report.status not in ReportStatus.EDITABLE and current_user.has_role("reviewer"):
        return url_for("review.show", report_id=report.id)  # reviewers read the document, not the editor
    endpoint = next(e for e in _REPORT_PAGES if e in current_app.view_functions)
    return url_for(endpoint, report_id=report.id)


def panel_state(report: Report) -> dict:
    """What the review panel shows for this report and the signed-in user."""
    events = workflow.history(db.session, report)
    ids = {e.user_id for e in events if e.user_id}
    names = dict(db.session.execute(db.select(User.id, User.display_name).where(User.id.in_(ids))).all()) if ids else {}
    can = {
        "submit": current_user.has_role("drafter") and report.status in ReportStatus.EDITABLE,
        "return": current_user.has_role("reviewer") and report.status == ReportStatus.IN_REVIEW,
        "approve": current_user.has_role("reviewer") and report.status == ReportStatus.IN_REVIEW and (
            workflow.self_approval_allowed(report) or workflow.submitter_id(db.session, report) != current_user.id),
        "revise": current_user.has_role("drafter") and report.status in ReportStatus.PASSED,
    }
    newer = workflow.successor(db.session, report) if report.status in ReportStatus.PASSED else None
    can["revise"] = can["revise"] and newer is None
    return {"events": events, "user_names": names, "can": can, "newer": newer,
            "event_names": messages.EVENT_NAMES, "frozen": report.status in ReportStatus.FROZEN}


@bp.route("/<int:report_id>")
@login_required
def show(report_id: int):
    """The read-only document as it will print, with each section's changes and comments."""
    return _document(get_own_or_404(Report, report_id))


def _document(report: Report, draft: dict | None = None, status: int = 200):
    assembly = assemble(db.session, report)
    merge = changes.number_merger(report, assembly.values)
    diff = changes.changes_since_submission(db.session, report, merge)
    blocks: dict = {}
    for block in assembly.content.blocks:
        blocks.setdefault(block.section_id, []).append(block)
    return render_template("review/show.html", report=report, doc=assembly.content, blocks=blocks,
                           rows=outline(db.session, report), changes=diff,
                           since=changes.baseline_time(db.session, report),
                           removed=changes.removed_since_submission(db.session, report, merge),
                           comments=comments.comments_by_section(db.session, report.id), names=_user_names(),
                           draft=draft or {}), status


def _user_names() -> dict[int, str]:
    rows = db.session.execute(db.select(User.id, User.display_name, User.username)
                              .where(User.committee_id == current_user.committee_id))
    return {user_id: display or username for user_id, display, username in rows}


@bp.route("/<int:report_id>/sections/<int:section_id>/comments", methods=["POST"])
@login_required
def comment(report_id: int, section_id: int):
    report = get_own_or_404(Report, report_id)
    require_role("reviewer")
    body = CommentForm().body.data
    try:
        comments.add_comment(db.session, report, section_id, current_user, body)
    except workflow.WorkflowError as error:  # the typed text comes back in its box
        db.session.rollback()
        flash(str(error), "error")
        return _document(report, {section_id: body}, 400)
    db.session.commit()
    flash(messages.COMMENTED, "success")
    return redirect(url_for("review.show", report_id=report.id, _anchor=f"s-{section_id}"))


@bp.route("/<int:report_id>/<any(submit, return, approve):step>", methods=["POST"])
@login_required
def change(report_id: int, step: str):
    report = get_own_or_404(Report, report_id)
    role, function, done = _STEPS[step]
    require_role(role)
    try:
        function(db.session, report, current_user, StepForm().comment.data)
    except workflow.AlreadyDone as done_before:  # a double click: one event, a calm message
        db.session.rollback()
        flash(str(done_before), "message")
    except workflow.WorkflowError as error:
        db.session.rollback()
        flash(str(error), "error")
    else:
        db.session.commit()
        flash(done, "success")
    return redirect(_back(report))


@bp.route("/<int:report_id>/revise", methods=["POST"])
@login_required
def revise(report_id: int):
    report = get_own_or_404(Report, report_id)
    require_role("drafter")
    try:
        new = workflow.revise(db.session, report, current_user)
    except workflow.WorkflowError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(_back(report))
    db.session.commit()
    flash(messages.REVISED.format(revision=new.revision), "success")
    return redirect(url_for("review.show", report_id=new.id))


def _back(report: Report) -> str:
    """Back to the page the button was on (same site only), else the review page."""
    return posted_next(url_for("review.show", report_id=report.id))
