"""Thin views over core.proofreading: findings as JSON and panels, 采纳, 忽略, automatic fixes."""
from flask import current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.forms import json_formdata
from app.redirects import posted_next
from app.scoping import get_own_or_404, get_own_row_or_404, require_role
from core.drafting.guards import EditRefused, is_editable
from core.drafting.sections import InvalidEdit, SaveConflict
from core.drafting.stamp import report_row, report_with_stamp
from core.memo import Memo
from core.proofreading import fixes, ignores, terms
from core.proofreading import messages as msg
from core.proofreading.engine import proofread_text
from core.proofreading.report import ReportProofread, proofread_report
from data_models import Report

from . import bp
from .forms import BAD_CHECK, AdoptForm, CheckForm, IgnoreForm, TermsForm, UndoForm

REFUSALS = (fixes.ProofreadError, EditRefused, InvalidEdit, SaveConflict, ValueError)
_JSON_KEYS = ("section_id", "field", "start", "end", "severity", "rule", "message", "suggestion", "source",
              "text", "category", "fingerprint", "before", "after")


@bp.app_context_processor
def _helpers():
    return {"proofread_of": proofread_of, "proofread_messages": msg, "proofread_editable": is_editable}


def proofread_of(report: Report, sections: list | None = None) -> ReportProofread:
    """One proofreading pass per request and report, shared by every panel on the page (`sections`:
    the report's sections, when the page has loaded them already)."""
    cache = request.environ.setdefault("wengao.proofread", {})  # per request, not per app context
    if report.id not in cache:
        cache[report.id] = proofread_report(db.session, report, sections=sections)
    return cache[report.id]


def _back(report: Report):
    return redirect(posted_next(url_for("reports.edit", report_id=report.id)))


def _answer(report: Report, ok: bool, text: str):
    """JSON for the editor's scripts, a flash and a redirect for plain forms."""
    if request.accept_mimetypes.best == "application/json":
        return jsonify(ok=ok, message=text), (200 if ok else 409)
    flash(text, "message" if ok else "error")
    return _back(report)


_findings = Memo(256)  # the findings JSON of a report as stored, in UTF-8


@bp.route("/reports/<int:report_id>.json")
@login_required
def findings_json(report_id: int):
    """The editor fetches this after every load: remembered under the report row and its stamp (sections,
    ignores… core/drafting/stamp.py, read with the report in one statement) and the terms list's version."""
    report, *parts = get_own_row_or_404(Report, report_id, report_with_stamp())  # all parts: roll-ups do not matter here
    key = (str(db.engine.url), report_row(report), tuple(parts), terms.version())
    body = _findings.get(key, lambda: _findings_json(report).get_data())
    return current_app.response_class(body, mimetype="application/json")


def _findings_json(report: Report):
    result = proofread_of(report)
    rows = [{key: getattr(f, key) for key in _JSON_KEYS} for f in result.findings]
    sections: dict = {}
    for row in rows:
        sections.setdefault(str(row["section_id"] or "report"), []).append(row)
    return jsonify(report_id=report.id, errors=result.errors, warnings=result.warnings, ignored=result.ignored,
                   categories=dict(result.by_category()), findings=rows, sections=sections)


@bp.route("/check", methods=["POST"])
@login_required
def check():
    """Proofread text not saved yet (the editor as staff type): {"text": …, "role": "body"}."""
    payload = request.get_json(silent=True)
    form = CheckForm(formdata=json_formdata(payload)) if payload is not None else CheckForm()
    if not form.validate():
        return jsonify(error=BAD_CHECK, fields=form.errors), 400
    rows = [{key: getattr(f, key) for key in _JSON_KEYS if key not in ("section_id", "field")}
            for f in proofread_text(form.text.data, form.role.data)]
    return jsonify(findings=rows)


@bp.route("/reports/<int:report_id>")
@login_required
def show(report_id: int):
    report = get_own_or_404(Report, report_id)
    return render_template("proofreading/show.html", report=report, editable=is_editable(report),
                           ignores=ignores.listed(db.session, report.id))


def _change(report_id: int, change, done):
    """Run one text change for a drafter: refused with a message, or committed and confirmed.
    `done` is the confirmation text, or a function of the change's result giving a response."""
    require_role("drafter")
    report = get_own_or_404(Report, report_id)
    try:
        result = change(report)
    except REFUSALS as error:
        db.session.rollback()
        return _answer(report, False, getattr(error, "message", None) or str(error))
    db.session.commit()
    return done(report, result) if callable(done) else _answer(report, True, done)


@bp.route("/reports/<int:report_id>/ignore", methods=["POST"])
@login_required
def ignore(report_id: int):
    form = IgnoreForm()
    return _change(report_id, lambda report: ignores.ignore(
        db.session, report, form.rule.data, "" if form.whole_rule else form.fingerprint.data,
        form.text.data, current_user.id),
        msg.IGNORED_RULE.format(rule=form.rule.data) if form.whole_rule else msg.IGNORED_SPOT)


@bp.route("/reports/<int:report_id>/ignores/<int:proofread_ignore_id>/delete", methods=["POST"])
@login_required
def unignore(report_id: int, proofread_ignore_id: int):
    return _change(report_id, lambda report: ignores.unignore(db.session, report, proofread_ignore_id),
                   msg.UNIGNORED)


@bp.route("/reports/<int:report_id>/adopt", methods=["POST"])
@login_required
def adopt(report_id: int):
    form = AdoptForm()
    return _change(report_id, lambda report: fixes.apply_suggestion(
        db.session, report, form.section_id.data or 0, form.field.data, form.rule.data,
        form.fingerprint.data, current_user.id), msg.ADOPTED)


def _fixed(report: Report, changes: list):
    if not changes:
        return _answer(report, True, msg.NOTHING_TO_FIX)
    flash(msg.FIXED.format(count=len(changes), sections=len({c.section_id for c in changes})))
    return render_template("proofreading/fixed.html", report=report, changes=changes,
                           undo_ids=sorted({c.undo_version_id for c in changes}))


@bp.route("/reports/<int:report_id>/autofix", methods=["POST"])
@login_required
def autofix(report_id: int):
    return _change(report_id, lambda report: fixes.autofix_report(db.session, report, current_user.id), _fixed)


@bp.route("/reports/<int:report_id>/undo", methods=["POST"])
@login_required
def undo(report_id: int):
    version_ids = UndoForm().version_id.data
    return _change(report_id, lambda report: fixes.undo_autofix(db.session, report, version_ids, current_user.id),
                   msg.UNDONE)


@bp.route("/terms", methods=["GET", "POST"])
@login_required
def terms_page():
    """Administrators extend the political and institutional terms list (reviewed data)."""
    require_role("admin")
    form = TermsForm.for_page(content=terms.extra_text())
    if form.validate_on_submit():
        try:
            terms.save_extra(form.content.data)
        except terms.TermsFileError as error:  # checked by the form already; kept for a file changed meanwhile
            form.content.errors.append(str(error))
        else:
            flash(msg.TERMS_SAVED)
            return redirect(url_for("proofreading.terms_page"))
    status = 400 if form.errors else 200
    return render_template("proofreading/terms.html", form=form, data=terms.term_data()), status
