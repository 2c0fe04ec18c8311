"""Visit pages: list, create/edit with agenda and contacts, briefing sections, receive, packets."""
from datetime import date
from io import BytesIO

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required

from app.extensions import db
from core import audit, publishing
from app.publishing.messages import OFD_STARTED
from app.scoping import get_own_or_404, own, require_role
from core.visits import messages as msg
from core.publishing.packets import packet_documents, packets_by_visit, start_packet_render
from core.visits.packet import assemble
from core.visits.reception import receive_visit
from core.visits.service import VisitError, briefing_choices, cancel_visit, choose_sections, save_visit
from data_models import RenderedDocument, Visit, VisitStatus

from . import bp
from .forms import SectionsForm, VisitForm

EDITORS = ("drafter",)  # admins pass every role check
MIMETYPES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
             "pdf": "application/pdf", "ofd": "application/ofd"}


@bp.route("/")
@login_required
def index():
    visits = db.session.scalars(own(Visit).order_by(Visit.start_date.desc(), Visit.id.desc())).all()
    packets = packets_by_visit(db.session, visits)
    return render_template("visits/index.html", visits=visits, packets=packets, status_names=VisitStatus.labels())


@bp.route("/new", methods=["GET", "POST"])
@bp.route("/<int:visit_id>/edit", methods=["GET", "POST"])
@login_required
def edit(visit_id: int | None = None):
    require_role(*EDITORS)
    visit = get_own_or_404(Visit, visit_id) if visit_id else None
    form = VisitForm(obj=visit) if visit else VisitForm(data=_new_defaults())
    if form.validate_on_submit():
        try:
            visit = save_visit(db.session, current_user.committee_id, form.to_input(), visit, current_user.id)
        except VisitError as error:
            db.session.rollback()
            for text in error.errors:
                flash(text, "error")
        else:
            db.session.commit()
            flash(msg.SAVED, "success")
            return redirect(url_for(".show", visit_id=visit.id))
    if request.method == "GET":
        form.add_blank_rows()
    return render_template("visits/edit.html", form=form, visit=visit)


def _new_defaults() -> dict:
    """A new visit quotes last year's numbers unless staff choose another period."""
    last = date.today().year - 1
    return {"period_start": date(last, 1, 1), "period_end": date(last, 12, 31)}


@bp.route("/<int:visit_id>")
@login_required
def show(visit_id: int):
    visit = get_own_or_404(Visit, visit_id)
    warnings = assemble(db.session, visit.id).warnings if visit.section_ids else []
    return render_template("visits/show.html", visit=visit, choices=briefing_choices(db.session, visit),
                           status_names=VisitStatus.labels(), side_names=msg.SIDE_NAMES, warnings=warnings,
                           documents=packet_documents(db.session, visit))


@bp.route("/<int:visit_id>/sections", methods=["POST"])
@login_required
def sections(visit_id: int):
    ids = SectionsForm().section_id.data
    return _act(visit_id, lambda visit: choose_sections(db.session, visit, ids), lambda _: msg.SECTIONS_SAVED)


@bp.route("/<int:visit_id>/receive", methods=["POST"])
@login_required
def receive(visit_id: int):
    return _act(visit_id, lambda visit: receive_visit(db.session, visit, current_user.id),
                lambda result: msg.RECEIVED if result[1] else msg.RECEIVED_AGAIN)


@bp.route("/<int:visit_id>/cancel", methods=["POST"])
@login_required
def cancel(visit_id: int):
    return _act(visit_id, lambda visit: cancel_visit(db.session, visit), lambda _: msg.CANCELLED)


def _act(visit_id: int, action, success):
    """Run one core action on an own visit: commit and say so, or roll back and show its Chinese error."""
    require_role(*EDITORS)
    visit = get_own_or_404(Visit, visit_id)
    try:
        result = action(visit)
    except VisitError as error:
        db.session.rollback()
        flash(error.errors[0], "error")
    else:
        db.session.commit()
        flash(success(result), "success")
    return redirect(url_for(".show", visit_id=visit_id))


@bp.route("/<int:visit_id>/render", methods=["POST"])
@login_required
def render(visit_id: int):
    require_role(*EDITORS)
    visit = get_own_or_404(Visit, visit_id)
    run = start_packet_render(db.session, visit, current_user.id)
    db.session.commit()
    from tasks.rendering import render_report  # Celery loads with the first job a process enqueues

    render_report.delay(run.id)  # after the commit: the worker finds the run
    flash(msg.RENDER_STARTED, "success")
    return redirect(url_for(".show", visit_id=visit.id))


def _packet(visit_id: int, document_id: int) -> tuple[Visit, RenderedDocument]:
    visit = get_own_or_404(Visit, visit_id)
    document = db.session.get(RenderedDocument, document_id)
    if document is None or visit.report is None or document.report_id != visit.report.id:
        abort(404)
    return visit, document


@bp.post("/<int:visit_id>/packets/<int:document_id>/ofd")
@login_required
def make_ofd(visit_id: int, document_id: int):
    require_role(*EDITORS)
    visit, document = _packet(visit_id, document_id)
    if publishing.request_ofd(document):
        db.session.commit()
        from tasks.rendering import convert_ofd

        convert_ofd.delay(document.id)
    flash(OFD_STARTED, "success")
    return redirect(url_for(".show", visit_id=visit.id))


@bp.route("/<int:visit_id>/packets/<int:document_id>/<any(docx, pdf, ofd):fmt>")
@login_required
def download(visit_id: int, document_id: int, fmt: str):
    visit, document = _packet(visit_id, document_id)
    data = getattr(document, fmt)
    if data is None:
        abort(404)
    audit.record(db.session, "download", user_id=current_user.id, committee_id=visit.committee_id,
                 object_type="rendered_document", object_id=document.id, format=fmt, version=document.version)
    db.session.commit()
    name = document.filename.rsplit(".", 1)[0] + f".{fmt}"
    return send_file(BytesIO(data), mimetype=MIMETYPES[fmt], as_attachment=True, download_name=name)
