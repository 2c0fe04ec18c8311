"""JSON endpoints of the editor: autosave one block with the version check, warnings per block.

Every refusal is a JSON body with a Chinese `error`; the text sent is never dropped by the server
(the page keeps it and a conflict returns both texts).
"""
from dataclasses import asdict

from flask import jsonify, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.scoping import require_role
from core.drafting import context as ctx
from core.drafting import sections as sec
from core.drafting.chips import chips, placeholder_codes
from core.drafting.document import assemble
from core.drafting.tree import load_sections
from core.drafting.merge import check_text, make_environment
from core.drafting.trace import UnknownNumber, as_dict, trace_number
from core.metrics.engine import MetricError
from core import publishing
from data_models import PdfState, RenderedDocument, Section

from . import bp
from . import messages as msg
from .forms import AutosaveForm, RenderForm
from .routes import REFUSALS, _report, _section


def _text(section_text: sec.SectionText) -> dict:
    data = asdict(section_text)
    data["saved_at"] = section_text.saved_at.isoformat() if section_text.saved_at else None
    return data


@bp.route("/<int:report_id>/sections/<int:section_id>/text", methods=["POST"])
@login_required
def save_text(report_id: int, section_id: int):
    """Autosave: {version, heading, lead, body} → 200 {version} | 409 {mine, theirs} | 422 {error}."""
    report = _report(report_id)
    require_role("drafter")
    form = AutosaveForm(request.get_json(silent=True))
    if not form.validate():
        return jsonify(error=msg.BAD_SAVE_REQUEST), 400
    fields, seen = form.texts(), form.version.data
    if db.session.get(Section, section_id) is None:  # deleted by someone else: the text comes back, 410
        return jsonify(error=msg.SECTION_GONE_KEPT, mine=fields), 410
    section = _section(report, section_id)
    try:
        sec.save_section(db.session, section, seen_version=seen, user_id=current_user.id, **fields)
    except sec.SaveConflict as conflict:
        db.session.rollback()
        return jsonify(error=conflict.message, mine=_text(conflict.mine), theirs=_text(conflict.theirs)), 409
    except REFUSALS as error:
        db.session.rollback()
        return jsonify(error=getattr(error, "message", None) or str(error), mine=fields), 422
    db.session.commit()
    problems = [p for p in (check_text(make_environment(ctx.number_filters()), t) for t in fields.values()) if p]
    return jsonify(version=section.version, saved_at=section.updated_at.isoformat() if section.updated_at else None,
                   problem=msg.TEXT_PROBLEM.format(message=problems[0]) if problems else "")


@bp.route("/<int:report_id>/warnings.json")
@login_required
def warnings_json(report_id: int):
    """Every warning of the report as [{section_id, code, message}] (the editor's list and marks), and
    every number chip merged again (a number just typed gets its warning in place)."""
    report = _report(report_id)
    assembly = assemble(db.session, report)
    return jsonify(warnings=[{"section_id": w.section_id, "code": w.code, "message": w.message}
                             for w in assembly.warnings], chips=_chips(report, assembly.values))


def _chips(report, values: dict) -> dict:
    sections = load_sections(db.session, report.id)
    codes = placeholder_codes(text for s in sections for text in (s.heading, s.lead, s.body))
    context = ctx.merge_context(values, ctx.report_variables(report))
    return chips(make_environment(ctx.number_filters()), context, codes)


@bp.route("/<int:report_id>/numbers/<key>.json")
@login_required
def number_records(report_id: int, key: str):
    """The ledger records behind one number of the report (the preview's number links)."""
    report = _report(report_id)
    try:
        trace = trace_number(db.session, report.committee_id, ctx.report_period(report), key)
    except (UnknownNumber, MetricError):
        return jsonify(error=msg.UNKNOWN_NUMBER), 404
    return jsonify(as_dict(trace))



def _document_state(document: RenderedDocument) -> dict:
    pdf_ready = document.pdf_state == PdfState.DONE
    return {"document_id": document.id, "version": document.version,
            "docx_url": url_for("documents.download", document_id=document.id, ext="docx"),
            "pdf_url": url_for("documents.download", document_id=document.id, ext="pdf") if pdf_ready else "",
            "pdf_state": document.pdf_state, "pdf_error": document.pdf_error or "",
            "status_url": url_for("reports.document_status", report_id=document.report_id, document_id=document.id)}


@bp.post("/<int:report_id>/render.json")
@login_required
def render_now(report_id: int):
    """The .docx is rendered in the request (milliseconds); a PDF, if asked, goes to the pdf queue."""
    report = _report(report_id)
    require_role("drafter", "reviewer")
    form = RenderForm(request.get_json(silent=True) or {})
    try:
        document, _created = publishing.publish(db.session, report.id, current_user.id)
    except publishing.RenderError as error:
        db.session.rollback()
        return jsonify(error=str(error)), 422
    wants_pdf = bool(form.pdf.data) and document.pdf_state in PdfState.TO_CONVERT
    if wants_pdf:
        document.pdf_state = PdfState.PENDING
    db.session.commit()
    if wants_pdf:
        from tasks.rendering import convert_pdf  # Celery loads with the first job a process enqueues

        convert_pdf.delay(document.id)  # after the commit: the worker finds the row
        db.session.refresh(document)
    return jsonify(_document_state(document))


@bp.get("/<int:report_id>/documents/<int:document_id>.json")
@login_required
def document_status(report_id: int, document_id: int):
    report = _report(report_id)
    document = db.session.get(RenderedDocument, document_id)
    if document is None or document.report_id != report.id:
        return jsonify(error=msg.NO_DOCUMENT), 404
    return jsonify(_document_state(document))


@bp.post("/<int:report_id>/sections/<int:section_id>/split")
@login_required
def split_block(report_id: int, section_id: int):
    """Pasted passages: {dry_run: true, body} → {blocks, labels} (how the body would split, nothing written);
    {version} → the saved body split by its numbering as the importer reads it → {version, previous, created}."""
    from core.importing import paste  # the importer's outline patterns compile with the first split, not at start-up

    report = _report(report_id)
    require_role("drafter")
    section = _section(report, section_id)
    data = request.get_json(silent=True)
    data = data if isinstance(data, dict) else {}
    if data.get("dry_run"):
        body = data.get("body")
        if not isinstance(body, str):
            return jsonify(error=msg.BAD_SAVE_REQUEST), 400
        plan = paste.plan_split(report, body.replace("\r\n", "\n"))
        return jsonify(blocks=len(plan.pieces), labels=[piece.label() for piece in plan.pieces])
    seen = data.get("version")
    if not isinstance(seen, int) or isinstance(seen, bool):
        return jsonify(error=msg.BAD_SAVE_REQUEST), 400
    try:
        previous, created = paste.split_section(db.session, report, section, seen, current_user.id)
    except (paste.SplitRefused, sec.SaveConflict, *REFUSALS) as error:
        db.session.rollback()
        return jsonify(error=getattr(error, "message", None) or str(error)), 409
    db.session.commit()
    return jsonify(version=section.version, previous=previous,
                   created=[{"id": s.id, "version": s.version} for s in created])


@bp.post("/<int:report_id>/sections/<int:section_id>/split/undo")
@login_required
def undo_split(report_id: int, section_id: int):
    """{version, previous, created: [{id, version}]} as the split answered → the block's text back, the new blocks gone."""
    from core.importing import paste

    report = _report(report_id)
    require_role("drafter")
    section = _section(report, section_id)
    data = request.get_json(silent=True)
    data = data if isinstance(data, dict) else {}
    seen, previous, created = data.get("version"), data.get("previous"), data.get("created")
    try:
        versions = {int(item["id"]): int(item["version"]) for item in created}
    except (TypeError, KeyError, ValueError):
        versions = None
    if versions is None or not isinstance(seen, int) or isinstance(seen, bool) or not isinstance(previous, str):
        return jsonify(error=msg.BAD_SAVE_REQUEST), 400
    try:
        paste.undo_split(db.session, report, section, seen, previous, versions, current_user.id)
    except (paste.SplitRefused, sec.SaveConflict, *REFUSALS) as error:
        db.session.rollback()
        return jsonify(error=getattr(error, "message", None) or str(error)), 409
    db.session.commit()
    return jsonify(version=section.version)
