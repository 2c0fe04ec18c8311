"""Thin views over core.publishing: render, list versions, download, batch progress."""
from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import func, or_, select

from app.extensions import db
from app.scoping import get_own_or_404, own, require_role
from core import audit, publishing
from core.kinds import kind_choices
from core.metrics.periods import PeriodError, parse_period
from core.publishing import batch
from data_models import PdfState, RenderedDocument, Report, TaskRun

from . import bp
from . import messages as msg
from .forms import BatchForm

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MIMES = {"docx": DOCX_MIME, "pdf": "application/pdf", "ofd": "application/ofd"}


@bp.route("/")
@login_required
def index():
    counts = (select(RenderedDocument.report_id, func.count().label("n"), func.max(RenderedDocument.created_at))
              .group_by(RenderedDocument.report_id).subquery())
    rows = db.session.execute(
        own(Report).add_columns(counts.c.n).outerjoin(counts, counts.c.report_id == Report.id)
        .order_by(Report.period_end.desc(), Report.id.desc())).all()
    return render_template("documents/index.html", rows=rows, kinds=dict(kind_choices()))


@bp.route("/reports/<int:report_id>")
@login_required
def report(report_id: int):
    report = get_own_or_404(Report, report_id)
    runs = db.session.scalars(own(TaskRun).where(TaskRun.report_id == report.id,
                                                  or_(TaskRun.name == batch.RENDER_RUN, TaskRun.name.like("batch%:render")))
                              .order_by(TaskRun.id.desc()).limit(3)).all()
    return render_template("documents/report.html", report=report, versions=publishing.versions(db.session, report.id),
                           runs=runs,
                           kinds=dict(kind_choices()))


@bp.post("/reports/<int:report_id>/render")
@login_required
def render(report_id: int):
    require_role("drafter", "reviewer")
    report = get_own_or_404(Report, report_id)
    run = batch.start_render(db.session, report, current_user.id, pdf=True)
    db.session.commit()
    from tasks.rendering import render_report  # Celery loads with the first job a process enqueues

    render_report.delay(run.id)
    flash(msg.RENDER_STARTED)
    return redirect(url_for("documents.report", report_id=report.id))


def _own_document(document_id: int) -> tuple[RenderedDocument, Report]:
    document = db.session.get(RenderedDocument, document_id)
    if document is None:
        abort(404)
    return document, get_own_or_404(Report, document.report_id)


@bp.route("/<int:document_id>/<any(docx, pdf, ofd):ext>")
@login_required
def download(document_id: int, ext: str):
    document, report = _own_document(document_id)
    data = getattr(document, ext)
    if data is None:
        flash(msg.OFD_NOT_READY if ext == "ofd" else msg.PDF_NOT_READY, "error")
        return redirect(url_for("documents.report", report_id=report.id))
    audit.record(db.session, "download", user_id=current_user.id, committee_id=report.committee_id,
                 object_type="rendered_document", object_id=document.id, format=ext, version=document.version)
    db.session.commit()
    import io

    name = document.filename.rsplit(".", 1)[0] + f"（第{document.version}版）.{ext}"
    return send_file(io.BytesIO(data), mimetype=MIMES[ext], as_attachment=True, download_name=name)


@bp.post("/<int:document_id>/convert")
@login_required
def retry_pdf(document_id: int):
    require_role("drafter", "reviewer")
    document, report = _own_document(document_id)
    document.pdf_state, document.pdf_error = PdfState.PENDING, ""
    db.session.commit()
    from tasks.rendering import convert_pdf

    convert_pdf.delay(document.id)
    flash(msg.PDF_STARTED)
    return redirect(url_for("documents.report", report_id=report.id))


@bp.post("/<int:document_id>/ofd")
@login_required
def make_ofd(document_id: int):
    require_role("drafter", "reviewer")
    document, report = _own_document(document_id)
    if publishing.request_ofd(document):
        db.session.commit()
        from tasks.rendering import convert_ofd

        convert_ofd.delay(document.id)  # after the commit: the worker finds the pending state
    flash(msg.OFD_STARTED)
    return redirect(url_for("documents.report", report_id=report.id))


@bp.route("/batch", methods=["GET", "POST"])
@login_required
def batch_new():
    require_role("reviewer")
    form = BatchForm().data
    if request.method == "POST":
        try:
            if form["kind"] not in dict(kind_choices()):
                raise PeriodError(msg.KIND_UNKNOWN)
            period = parse_period(form["period"])
        except PeriodError as error:
            flash(str(error), "error")
        else:
            run = batch.start_batch(db.session, current_user.committee_id, form["kind"], period.start, period.end,
                                    current_user.id)
            db.session.commit()
            from tasks.rendering import render_batch

            render_batch.delay(run.id)
            flash(msg.BATCH_STARTED)
            return redirect(url_for("documents.batch_show", run_id=run.id))
    runs = db.session.scalars(own(TaskRun).where(TaskRun.name == batch.BATCH_RUN).order_by(TaskRun.id.desc())
                              .limit(10)).all()
    return render_template("documents/batch.html", form=form, kinds=kind_choices(), runs=runs)


@bp.route("/batch/<int:run_id>")
@login_required
def batch_show(run_id: int):
    run = get_own_or_404(TaskRun, run_id)
    if run.name != batch.BATCH_RUN:
        abort(404)
    return render_template("documents/batch_run.html", run=run, failures=batch.failures(db.session, run),
                           kinds=dict(kind_choices()))
