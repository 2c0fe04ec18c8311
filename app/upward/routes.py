"""Thin views: read the request, call core.upward, render."""
import io
from datetime import date

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from app.extensions import db
from app.scoping import get_own_or_404, own, require_role, visible_committee_ids
from core.metrics.periods import PeriodError, parse_period
from core.upward import UpwardError, outbox
from core.upward import messages as msg
from core.upward.compilation import COMPILE_RUN, compilation_title
from core import jobs
from core.upward.outbox import DELIVER_RUN, FETCH_RUN
from core.upward.submitting import SUBMIT_RUN, start_submission
from core.upward.package import submission_history
from core.upward.requests import (current_submissions, issue_request, period_of, remind, requests_issued,
                                  requests_received, target_of, target_statuses)
from core.upward.rollup import AREA_PREFIX, request_rollup
from core.times import beijing_today
from data_models import (CollectionRequest, Committee, OutboxMessage, OutboxState, Report, ReportStatus, Submission,
                         TargetState, TaskRun, TaskState)

from . import bp
from .forms import RemindForm, RequestForm, SubmitForm

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def attempt(action, success: str, errors=(UpwardError,)) -> tuple[bool, object]:
    """Run a core call in the request's transaction: commit and confirm, or roll back and explain."""
    try:
        result = action()
    except errors as error:
        db.session.rollback()
        flash(str(error), "error")
        return False, None
    db.session.commit()
    flash(success, "success")
    return True, result


@bp.route("/")
@login_required
def index():
    committee_id = current_user.committee_id
    issued = [(r, target_statuses(db.session, r)) for r in requests_issued(db.session, committee_id)]
    link = outbox.link_for(db.session, committee_id)
    remote, remote_error = (list(link.remote_requests), _fetch_remote_requests(committee_id)) if link else ([], "")
    sent = db.session.scalars(own(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(20)).all()
    received = [(r, t, committee_id in current_submissions(db.session, r.id))
                for r, t in requests_received(db.session, committee_id)]
    return render_template("upward/index.html", issued=issued, received=received,
                           link=link, remote=remote, remote_error=remote_error, sent=sent,
                           has_subordinates=len(visible_committee_ids()) > 1)


def _fetch_remote_requests(committee_id: int) -> str:
    """Queue a fetch of the superior deployment's requests (one at a time); what to tell the user."""
    from tasks.upward import fetch_requests

    if not any(run.state in TaskState.ACTIVE for run in _latest_fetches()):
        run_id = jobs.create_run(db.session, FETCH_RUN, committee_id=committee_id, user_id=current_user.id).id
        db.session.commit()
        fetch_requests.delay(run_id)  # after the commit
        db.session.expire_all()
    runs = _latest_fetches()
    finished = next((r for r in runs if r.state in TaskState.FINISHED), None)
    notes = [finished.message] if finished is not None and finished.state == TaskState.FAILED else []
    if runs and runs[0].state in TaskState.ACTIVE:
        notes.append(msg.FETCHING)
    return " ".join(notes)


def _latest_fetches() -> list[TaskRun]:
    """The latest two fetch runs: the one queued now, and the one before it."""
    return list(db.session.scalars(own(TaskRun).where(TaskRun.name == FETCH_RUN).order_by(TaskRun.id.desc()).limit(2)))


@bp.context_processor
def _state_names() -> dict:
    return {"target_states": TargetState.labels(), "outbox_states": OutboxState.labels(), "TargetState": TargetState,
            "OutboxState": OutboxState, "today": beijing_today()}


@bp.app_template_global()
def upward_open_requests() -> list:
    """Requests to the user's committee it has not yet answered (for the dashboard)."""
    committee_id = current_user.committee_id
    return [(r, t) for r, t in requests_received(db.session, committee_id)
            if committee_id not in current_submissions(db.session, r.id)]


@bp.app_template_global()
def upward_remote_requests() -> list[dict]:
    """The superior deployment's requests not yet answered, as last fetched (no network on the dashboard)."""
    link = outbox.link_for(db.session, current_user.committee_id)
    return [r for r in (link.remote_requests if link else []) if not r.get("submitted")]


@bp.route("/requests/new", methods=["GET", "POST"])
@login_required
def new_request():
    require_role("reviewer")
    form = RequestForm()
    form.targets.choices = [SelectChoice(c.id, c.name) for c in subordinates()]
    if form.validate_on_submit():
        ok, request = attempt(lambda: issue_request(
            db.session, committee_id=current_user.committee_id, kind=form.kind.data,
            period=parse_period(form.period.data), deadline=form.deadline.data, target_ids=form.targets.data,
            note=form.note.data or "", title=form.title.data or "", user_id=current_user.id,
            want_ofd=form.want_ofd.data),
            msg.REQUEST_ISSUED, (UpwardError, PeriodError))
        if ok:
            return redirect(url_for("upward.detail", request_id=request.id))
    return render_template("upward/new.html", form=form)


def subordinates() -> list[Committee]:
    ids = [i for i in visible_committee_ids() if i != current_user.committee_id]
    stmt = select(Committee).where(Committee.id.in_(ids)).order_by(Committee.sort_order, Committee.id)
    return list(db.session.scalars(stmt))


@bp.route("/requests/<int:request_id>")
@login_required
def detail(request_id: int):
    request = get_own_or_404(CollectionRequest, request_id)
    statuses = target_statuses(db.session, request)
    histories = {s.committee.id: submission_history(db.session, request.id, s.committee.id) for s in statuses}
    rollup = request_rollup(db.session, request)
    return render_template("upward/detail.html", request=request, statuses=statuses, histories=histories,
                           rollup=rollup, rule=msg.ROLLUP_RULE, prefix=AREA_PREFIX.get(request.committee.level, "全市"),
                           period=period_of(request), remind_form=RemindForm(), compile_name=compilation_title(request),
                           compile_runs=_compile_runs(request.id))


@bp.route("/requests/<int:request_id>/remind/<int:committee_id>", methods=["POST"])
@login_required
def remind_target(request_id: int, committee_id: int):
    require_role("reviewer")
    request = get_own_or_404(CollectionRequest, request_id)
    form, committee = RemindForm(), db.session.get(Committee, committee_id)
    if form.validate_on_submit() and committee is not None:
        attempt(lambda: remind(db.session, request, committee_id, user_id=current_user.id, note=form.note.data or ""),
                msg.REMINDED.format(name=committee.name))
    return redirect(url_for("upward.detail", request_id=request.id))


@bp.post("/requests/<int:request_id>/compile")
@login_required
def compile_start(request_id: int):
    """Queue the 汇编 as a job; the detail page shows its progress and then the download."""
    from tasks.upward import compile_book

    request = get_own_or_404(CollectionRequest, request_id)
    run_id = jobs.create_run(db.session, COMPILE_RUN, committee_id=request.committee_id, user_id=current_user.id,
                             request_id=request.id, params={"title": compilation_title(request)}).id
    db.session.commit()
    compile_book.delay(run_id)  # after the commit
    flash(msg.COMPILE_STARTED, "success")
    return redirect(url_for("upward.detail", request_id=request.id))


@bp.route("/requests/<int:request_id>/compile/<int:run_id>.docx")
@login_required
def compile_download(request_id: int, run_id: int):
    request = get_own_or_404(CollectionRequest, request_id)
    run = get_own_or_404(TaskRun, run_id)
    if run.request_id != request.id or run.name != COMPILE_RUN or not run.output:
        abort(404)
    return send_file(io.BytesIO(run.output), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=f"{compilation_title(request)}.docx")


def _compile_runs(request_id: int) -> list[TaskRun]:
    stmt = own(TaskRun).where(TaskRun.name == COMPILE_RUN, TaskRun.request_id == request_id)
    return list(db.session.scalars(stmt.order_by(TaskRun.id.desc()).limit(3)))


@bp.route("/received/<int:request_id>", methods=["GET", "POST"])
@login_required
def received(request_id: int):
    request = db.session.get(CollectionRequest, request_id)
    target = target_of(db.session, request_id, current_user.committee_id) if request else None
    if target is None:
        abort(404)
    form = SubmitForm()
    form.report_id.choices = [SelectChoice(r.id, r.title) for r in _submittable(request.kind, request.period_start, request.period_end)]
    if form.validate_on_submit():
        require_role("reviewer")
        report = get_own_or_404(Report, form.report_id.data)
        return _start_submission(report, url_for("upward.received", request_id=request.id), request=request)
    history = submission_history(db.session, request.id, current_user.committee_id)
    runs = _submission_runs([choice.value for choice in form.report_id.choices])
    return render_template("upward/received.html", request=request, target=target, form=form, history=history,
                           period=period_of(request), runs=runs)


def _start_submission(report: Report, back: str, **target):
    """Queue the submission as a job and return at once; the page shows its progress."""
    from tasks.upward import submit

    try:
        run_id = start_submission(db.session, report, current_user, **target).id
    except UpwardError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(back)
    db.session.commit()
    submit.delay(run_id)  # after the commit: the worker finds the run
    flash(msg.SUBMIT_STARTED, "success")
    return redirect(back)


def _submission_runs(report_ids: list[int]) -> list:
    """The latest submission runs of these reports (in SQL, by the run's report_id column)."""
    stmt = own(TaskRun).where(TaskRun.name.in_((SUBMIT_RUN, DELIVER_RUN)), TaskRun.report_id.in_(report_ids))
    return list(db.session.scalars(stmt.order_by(TaskRun.id.desc()).limit(5)))


def _submittable(kind: str, start, end) -> list[Report]:
    stmt = own(Report).where(Report.status.in_(ReportStatus.SUBMITTABLE), Report.kind == kind,
                             Report.period_start == start, Report.period_end == end).order_by(Report.updated_at.desc())
    return list(db.session.scalars(stmt))


@bp.route("/remote/<int:request_ref>", methods=["GET", "POST"])
@login_required
def remote(request_ref: int):
    link = outbox.link_for(db.session, current_user.committee_id)
    if link is None:
        abort(404)
    found = next((r for r in link.remote_requests if r["id"] == request_ref), None)  # as last fetched
    if found is None:
        abort(404)
    form = SubmitForm()
    form.report_id.choices = [SelectChoice(r.id, r.title) for r in _submittable(found["kind"], *_dates(found))]
    if form.validate_on_submit():
        require_role("reviewer")
        return _start_submission(get_own_or_404(Report, form.report_id.data),
                                 url_for("upward.remote", request_ref=request_ref), remote=found)
    runs = _submission_runs([choice.value for choice in form.report_id.choices])
    return render_template("upward/remote.html", remote=found, form=form, runs=runs)


def _dates(remote: dict):
    return date.fromisoformat(remote["period_start"]), date.fromisoformat(remote["period_end"])


@bp.route("/outbox/<int:outbox_message_id>/retry", methods=["POST"])
@login_required
def retry(outbox_message_id: int):
    from tasks.upward import deliver

    require_role("reviewer")
    message = get_own_or_404(OutboxMessage, outbox_message_id)
    outbox.retry_message(db.session, message)
    db.session.commit()
    deliver.delay(message.id)
    flash(msg.SEND_QUEUED, "success")
    return redirect(url_for("upward.index"))


@bp.route("/submissions/<int:submission_id>.<fmt>")
@login_required
def download(submission_id: int, fmt: str):
    submission = db.session.get(Submission, submission_id)
    if submission is None or current_user.committee_id not in (
            submission.committee_id, db.session.get(CollectionRequest, submission.request_id).committee_id):
        abort(404)
    data = getattr(submission, fmt) if fmt in ("docx", "pdf", "ofd") else None
    if not data:
        abort(404)
    mimetype = {"docx": DOCX_MIME, "pdf": "application/pdf", "ofd": "application/ofd"}[fmt]
    name = f"{submission.committee.short_name}-{submission.title}.{fmt}"
    return send_file(io.BytesIO(data), mimetype=mimetype, as_attachment=True, download_name=name)
