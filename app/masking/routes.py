"""导出脱敏版: review what will be hidden, unmask or add words, download .docx or .txt."""
from urllib.parse import quote

from flask import Response, render_template
from flask_login import current_user, login_required

from app.extensions import db
from app.scoping import get_own_or_404
from core import audit
from core.masking.export import mask_report, masked_docx, masked_text
from data_models import Report

from . import bp
from .forms import DownloadForm, MaskForm

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KIND_NAMES = {"number": "数字", "date": "日期", "place": "地名", "person": "人名", "extra": "自定义"}


@bp.route("/<int:report_id>/masked")
@login_required
def masked(report_id: int):
    report = get_own_or_404(Report, report_id)
    options = MaskForm().options()
    result = mask_report(db.session, report, options)
    return render_template("masking/review.html", report=report, result=result, options=options,
                           text=masked_text(result), kind_names=KIND_NAMES)


@bp.route("/<int:report_id>/masked", methods=["POST"])
@login_required
def download(report_id: int):
    report = get_own_or_404(Report, report_id)
    result = mask_report(db.session, report, MaskForm().options())
    as_text = DownloadForm().as_text
    audit.record(db.session, "report.export_masked", user_id=current_user.id, committee_id=report.committee_id,
                 object_type="report", object_id=report.id, format="txt" if as_text else "docx", masked=len(result.masks))
    db.session.commit()
    body, mime, ext = (masked_text(result).encode(), "text/plain; charset=utf-8", "txt") if as_text \
        else (masked_docx(result), DOCX, "docx")
    name = quote(f"脱敏版-{report.id}.{ext}")
    return Response(body, mimetype=mime, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})
