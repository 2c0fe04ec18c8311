"""Excel import pages: small files are imported at once, big ones by a background job with progress."""
from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.scoping import get_own_or_404, own, require_role
from core import audit
from core.ledger.excel import import_workbook
from core.ledger.records import LedgerError, format_error
from core.ledger.uploads import IMPORT_RUN, add_import
from core.uploads import XLSX, UploadRefused, check_upload, upload_limits
from data_models import TaskRun

from . import bp
from . import messages as msg
from .forms import LedgerUploadForm
from .routes import _categories

BACKGROUND_BYTES = 256 * 1024  # larger files go to the background job


@bp.route("/import", methods=["GET", "POST"])
@login_required
def import_records():
    require_role("drafter")  # reviewers check the ledger; those who keep it import into it
    errors = []
    if request.method == "POST":
        upload = LedgerUploadForm().file.data
        data = _checked(upload)
        if data is not None and len(data) > current_app.config.get("LEDGER_BACKGROUND_BYTES", BACKGROUND_BYTES):
            run = add_import(db.session, current_user.committee_id, current_user.id, upload.filename, data)
            db.session.commit()
            from tasks.ledger import import_records as import_records_job  # Celery loads with the first job

            import_records_job.delay(run.id)  # after the commit: the worker finds the run
            flash(msg.IMPORT_QUEUED, "success")
            return redirect(url_for("ledger.import_status", run_id=run.id))
        elif data is not None:
            errors = _import_now(data, upload.filename)
            if not errors:
                return redirect(url_for("ledger.index"))
    runs = db.session.scalars(own(TaskRun).where(TaskRun.name == IMPORT_RUN).order_by(TaskRun.id.desc()).limit(10)).all()
    return render_template("ledger/import.html", categories=_categories(), errors=errors, runs=runs)


def _checked(upload) -> bytes | None:
    """The upload's bytes once core.uploads accepts it (type by content, macros, zip bombs, size)."""
    if not upload or not upload.filename:
        flash(msg.NO_FILE, "error")
        return None
    try:
        return check_upload(upload.stream, upload.filename, XLSX,
                            upload_limits(current_app.config["WENGAO"].max_upload_bytes))
    except UploadRefused as refused:
        flash(str(refused), "error")
        return None


def _import_now(data: bytes, filename: str) -> list[str]:
    try:
        written = import_workbook(db.session, current_user.committee_id, data, user_id=current_user.id)
    except LedgerError as error:
        db.session.rollback()
        flash(msg.IMPORT_FAILED.format(n=len(error.errors)), "error")
        return [format_error(e) for e in error.errors]
    audit.record(db.session, "ledger.import", user_id=current_user.id, committee_id=current_user.committee_id,
                 filename=filename, records=written)
    db.session.commit()
    flash(msg.IMPORTED.format(n=written), "success")
    return []


@bp.route("/imports/<int:run_id>")
@login_required
def import_status(run_id: int):
    run = get_own_or_404(TaskRun, run_id)
    return render_template("ledger/import_status.html", run=run)
