"""上传修改稿: a rendered version edited in Word/WPS comes back as proposed section changes.

The uploaded file travels with the diff page (base64, like the import preview's state), so nothing
is stored until the user accepts; accepted sections are saved as new versions. core.importing loads with
the first upload, not at start-up.
"""
import base64

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.scoping import get_own_or_404, require_role
from core.drafting.guards import EditRefused, is_editable
from core.drafting.sections import InvalidEdit, SaveConflict
from core import publishing
from data_models import RenderedDocument, Report

from . import bp
from .import_forms import RevisionForm, RevisionUploadForm

STALE = "该版本生成之后文稿又有修改，以下差异按文稿当前内容比对，请仔细核对。"
NO_CHANGES = "上传的文件与该版本相比没有改动。"
APPLIED = "已采纳 {count} 节的修改，原文保存在各节的历史版本中。"
NOTHING_APPLIED = "未采纳任何修改。"
REORDERED = "已按修改稿调整节的顺序。"
REMOVALS_KEPT = "{count} 节的修改含删除的段落，未勾选“确认删除”，这些节未采纳，原文不变。"
FROZEN = "该文稿当前不能修改（已提交或已审定），可以查看差异，但须退回或创建修订版后才能采纳。"


def _version(document_id: int) -> tuple[RenderedDocument, Report]:
    document = db.session.get(RenderedDocument, document_id)
    if document is None:
        abort(404)
    return document, get_own_or_404(Report, document.report_id)


def _compare(report: Report, data: bytes, filename: str):
    from core.importing.roundtrip import compare
    from core.importing.source import read_docx

    source = read_docx(data, filename or "修改稿.docx")
    return compare(db.session, report, source), source


@bp.route("/documents/<int:document_id>/revise", methods=["GET", "POST"])
@login_required
def roundtrip_start(document_id: int):
    from core.importing.source import ImportRefused

    require_role("drafter")
    document, report = _version(document_id)
    if request.method == "GET":
        return render_template("reports/roundtrip.html", document=document, report=report, error="")
    data, filename = RevisionUploadForm().upload()
    try:
        result, source = _compare(report, data, filename)
    except ImportRefused as error:
        return render_template("reports/roundtrip.html", document=document, report=report, error=str(error)), 400
    stale = publishing.content_hash(publishing.document_for(db.session, report)) != document.content_hash
    db.session.rollback()
    return render_template("reports/roundtrip_diff.html", document=document, report=report, result=result,
                           warnings=source.warnings, stale=stale, no_changes=NO_CHANGES, stale_message=STALE,
                           frozen="" if is_editable(report) else FROZEN,
                           upload=base64.b64encode(data).decode(), filename=filename)


@bp.route("/documents/<int:document_id>/revise/apply", methods=["POST"])
@login_required
def roundtrip_apply(document_id: int):
    from core.importing.roundtrip import apply
    from core.importing.source import ImportRefused

    require_role("drafter")
    document, report = _version(document_id)
    form = RevisionForm()
    try:
        result, _source = _compare(report, form.file(), form.filename.data)
    except (ImportRefused, ValueError):  # binascii.Error is a ValueError
        flash("上传的修改稿已失效，请重新上传。", "error")
        return redirect(url_for("reports.roundtrip_start", document_id=document.id))
    accepted = {c.section_id for c in result.changes if form.accepts(c.section_id)}
    # Deleting text the report holds takes its own confirmation, even under 全部采纳.
    unconfirmed = set() if form.confirm_removals.data else {
        c.section_id for c in result.changes if c.removed and c.section_id in accepted}
    accepted -= unconfirmed
    for change in result.changes:
        for index, item in enumerate(change.overtyped):
            item.keep = form.keeps_binding(change.section_id, index)
    try:
        reorder = form.accepts_order()
        saved = apply(db.session, report, result, accepted, current_user.id, reorder=reorder and bool(result.reorders))
    except (EditRefused, InvalidEdit, SaveConflict) as error:
        db.session.rollback()
        flash(getattr(error, "message", None) or str(error), "error")
        return redirect(url_for("reports.roundtrip_start", document_id=document.id))
    db.session.commit()
    moved = reorder and bool(result.reorders)
    flash(APPLIED.format(count=len(saved)) + (REORDERED if moved else "") if saved or moved else NOTHING_APPLIED)
    if unconfirmed:
        flash(REMOVALS_KEPT.format(count=len(unconfirmed)), "error")
    return redirect(url_for("reports.edit", report_id=report.id))
