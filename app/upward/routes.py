"""Thin views: read the request, call core.upward, render."""
import io
from datetime import date

from flask import abort, flash, redirect, render_template, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from app.extensions import db
from app.scoping import get_own_or_404, own, require_role, visible_committee_ids
from core import jobs
from core.metrics.periods import PeriodError, parse_period
from core.upward import UpwardError, outbox
from core.upward import messages as msg
from core.upward.compile import compilation_title, compile_request
from core.upward.from_report import SUBMITTABLE, submit_remote, submit_report
from core.upward.package import submission_history
from core.upward.requests import (current_submissions, issue_request, period_of, remind, requests_issued,
                                  requests_received, target_of, target_statuses)
from core.upward.rollup import rollup_request, sources
from data_models import CollectionRequest, Committee, OutboxMessage, Report, Submission

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
    remote, remote_error = outbox.remote_requests(db.session, link) if link else ([], "")
    db.session.commit()  # keep what was fetched for when the superior is down
    sent = db.session.scalars(own(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(20)).all()
    received = [(r, t, committee_id in current_submissions(db.session, r.id))
                for r, t in requests_received(db.session, committee_id)]
    return render_template("upward/index.html", issued=issued, received=received,
                           link=link, remote=remote, remote_error=remote_error, sent=sent,
                           has_subordinates=len(visible_committee_ids()) > 1)


@bp.context_processor
def _state_names() -> dict:
    return {"target_states": msg.TARGET_STATES, "outbox_states": msg.OUTBOX_STATES, "today": date.today()}


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
    rollup = list(rollup_request(db.session, request).values())
    origin = {committee.id: source for committee, source, _ in sources(db.session, request)}
    return render_template("upward/detail.html", request=request, statuses=statuses, histories=histories,
                           rollup=rollup, origin=origin, period=period_of(request), remind_form=RemindForm(),
                           compile_name=compilation_title(request))


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


@bp.route("/requests/<int:request_id>/compile")
@login_required
def compile_download(request_id: int):
    request = get_own_or_404(CollectionRequest, request_id)
    try:
        data = compile_request(db.session, request.id)
    except UpwardError as error:
        flash(str(error), "error")
        return redirect(url_for("upward.detail", request_id=request.id))
    return send_file(io.BytesIO(data), mimetype=DOCX_MIME, as_attachment=True,
                     download_name=f"{compilation_title(request)}.docx")


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
        if attempt(lambda: submit_report(db.session, request, report, current_user), msg.SENT_LOCAL)[0]:
            return redirect(url_for("upward.received", request_id=request.id))
    history = submission_history(db.session, request.id, current_user.committee_id)
    return render_template("upward/received.html", request=request, target=target, form=form, history=history,
                           period=period_of(request))


def _submittable(kind: str, start, end) -> list[Report]:
    stmt = own(Report).where(Report.status.in_(SUBMITTABLE), Report.kind == kind, Report.period_start == start,
                             Report.period_end == end).order_by(Report.updated_at.desc())
    return list(db.session.scalars(stmt))


@bp.route("/remote/<int:request_ref>", methods=["GET", "POST"])
@login_required
def remote(request_ref: int):
    link = outbox.link_for(db.session, current_user.committee_id)
    if link is None:
        abort(404)
    listed, _ = outbox.remote_requests(db.session, link)
    found = next((r for r in listed if r["id"] == request_ref), None)
    if found is None:
        abort(404)
    form = SubmitForm()
    form.report_id.choices = [SelectChoice(r.id, r.title) for r in _submittable(found["kind"], *_dates(found))]
    if form.validate_on_submit():
        require_role("reviewer")
        return _queue_remote(link, found, get_own_or_404(Report, form.report_id.data))
    return render_template("upward/remote.html", remote=found, form=form)


def _dates(remote: dict):
    return date.fromisoformat(remote["period_start"]), date.fromisoformat(remote["period_end"])


def _queue_remote(link, found: dict, report: Report):
    from tasks.upward import deliver

    try:
        message = submit_remote(db.session, link, found, report, current_user)
    except UpwardError as error:
        db.session.rollback()
        flash(str(error), "error")
        return redirect(url_for("upward.remote", request_ref=found["id"]))
    run = jobs.create_run(db.session, "报送上级", committee_id=current_user.committee_id, user_id=current_user.id,
                          params={"outbox_message_id": message.id})
    db.session.commit()  # the package is safe in the outbox before anything is sent
    deliver.delay(message.id, run.id)
    flash(msg.SEND_QUEUED, "success")
    return redirect(url_for("upward.index"))


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
