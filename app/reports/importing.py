"""导入已有文稿: upload or paste → preview (tree, levels, kinds, numbers) → confirm → new report.

Nothing is stored before the user confirms: the preview carries the planned outline in a hidden
field, and every step re-reads the numbers from it. A refused file or a failed import writes nothing.
core.importing (its outline patterns take a while to compile) loads with the first import, not at start-up.
"""
from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.scoping import require_role
from core.kinds import KINDS, kind_choices
from core.metrics.periods import PeriodError, parse_period
from data_models.report import NodeType

from . import bp
from . import messages as msg
from .import_forms import ImportForm, PreviewForm

if TYPE_CHECKING:
    from core.importing.service import ImportPlan


def _form() -> dict:
    return ImportForm().typed()


def _upload_page(form: dict, error: str = "", status: int = 200, notice: str = ""):
    limit = current_app.config["WENGAO"].max_upload_bytes
    return render_template("reports/import.html", form=form, kinds=kind_choices(), error=error, notice=notice,
                           max_bytes=limit, too_large=msg.FILE_TOO_LARGE.format(mb=limit // (1024 * 1024))), status


@bp.route("/import", methods=["GET"])
@login_required
def import_start():
    require_role("drafter")
    return _upload_page({"period": "", "kind": "", "text": ""})


def _read_source(form: dict):
    from core.importing.source import ImportRefused, read_text, read_upload

    upload = request.files.get("file")
    if upload is not None and upload.filename:
        if form["text"].strip():
            raise ImportRefused(msg.FILE_AND_TEXT)  # neither is dropped silently
        return read_upload(upload.read(), upload.filename)
    return read_text(form["text"])


def _source_text(source, form: dict) -> str:
    """The text the preview carries back to the first step (返回修改原文): the pasted text as typed,
    a file's paragraphs one a line (Word's automatic numbers written out)."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return form["text"]
    return "\n".join(line.auto_number + line.text for line in source.lines)


def _missing_period(source) -> str:
    """Why no period could be read: a text without any heading is likely not a report at all."""
    from core.importing.nodes import walk
    from core.importing.outline import parse

    outline = parse(source.lines)
    headed = any(node.kind in NodeType.HEADINGS for node, _ in walk(outline.nodes))
    return msg.PERIOD_REQUIRED if headed else msg.NOT_A_REPORT


_TITLE_YEAR = re.compile(r"(20\d\d)\s*年\s*(上半年)?")


def period_from_title(source) -> str:
    """The period a report's title names (…2023年工作总结 → 2023, 2023年上半年… → 2023H1), or ''."""
    for line in [line for line in source.lines if line.text.strip()][:3]:
        if match := _TITLE_YEAR.search(line.text):
            return match.group(1) + ("H1" if match.group(2) else "")
    return ""


@bp.route("/import", methods=["POST"])
@login_required
def import_upload():
    from core.importing.service import plan_import
    from core.importing.source import ImportRefused

    require_role("drafter")
    form = _form()
    try:
        source = _read_source(form)
        form["text"] = _source_text(source, form)  # a refused period keeps a file's text on the page
        form["period"] = form["period"] or period_from_title(source)
        if not form["period"]:
            raise PeriodError(_missing_period(source))
        period = parse_period(form["period"])
        plan = plan_import(db.session, current_user.committee_id, period, source, form["kind"] or None)
    except (ImportRefused, PeriodError) as error:
        db.session.rollback()
        return _upload_page(form, str(error), 400)
    db.session.rollback()  # reading metrics must leave nothing behind
    return _preview(plan, period.code, {}, form["text"])


@bp.route("/import/back", methods=["POST"])
@login_required
def import_back():
    """返回修改原文: the first step again with the text, period and kind of the preview."""
    require_role("drafter")
    return _upload_page(_back_form(), notice=msg.BACK_TO_TEXT)


def _back_form() -> dict:
    return ImportForm().carried_back()


def _back_with(error: str):
    """A preview that cannot go on: the first step with its text kept and the reason."""
    form = _back_form()
    return _upload_page(form, error, 400, notice=msg.BACK_TO_TEXT if form["text"] else "")


def _preview(plan: ImportPlan, period: str, decisions: dict, source_text: str = "", status: int = 200):
    from core.importing import messages as im
    from core.importing.nodes import walk
    from core.importing.service import outline_state

    rows = [(index, node, depth) for index, (node, depth) in enumerate(walk(plan.outline.nodes))]
    state = json.dumps({**outline_state(plan.outline), "source_warnings": plan.warnings, "comments": plan.comments},
                       ensure_ascii=False)
    return render_template("reports/import_preview.html", plan=plan, data=plan.as_json(), rows=rows, state=state,
                           period=period, kinds=kind_choices(), node_types=NodeType, kind_names=NodeType.labels(),
                           status_names=im.STATUS_NAMES, auto_note=im.AUTO_NOTE, decisions=decisions,
                           source_text=source_text), status


def _posted_plan(form: PreviewForm):
    """(plan, period) rebuilt from the preview's hidden state and the user's choices."""
    from core.importing import messages as im
    from core.importing.service import outline_from_state
    from core.importing.source import ImportRefused

    state, period = form.outline_state(), form.period.data
    if state is None or period is None:
        raise ImportRefused(im.PREVIEW_EXPIRED)
    outline = outline_from_state(state)
    if form.kind.data in KINDS:
        outline.kind = form.kind.data
    notes = ([str(w) for w in state.get("source_warnings") or []], [str(c) for c in state.get("comments") or []])
    return outline, period, notes


@bp.route("/import/adjust", methods=["POST"])
@login_required
def import_adjust():
    """升一级 / 降一级 / 改类型 on one node, then the preview again."""
    from core.importing.service import ImportPlan, demote, promote, rebind, set_kind
    from core.importing.source import ImportRefused

    adjustments = {"promote": promote, "demote": demote}
    require_role("drafter")
    form = PreviewForm()
    try:
        outline, period, notes = _posted_plan(form)
    except ImportRefused as error:
        return _back_with(str(error))
    action, index = form.adjustment()
    try:
        if action in adjustments:
            adjustments[action](outline, index)
        elif action == "kind":
            set_kind(outline, index, form.node_kind(index))
    except (ValueError, IndexError):
        pass  # a stale button: the preview is shown again unchanged
    decisions = form.decisions()
    numbers = rebind(db.session, current_user.committee_id, period, outline, decisions)
    db.session.rollback()
    return _preview(ImportPlan(outline, numbers, *notes), period.code, decisions, form.source_text.data)


@bp.route("/import/confirm", methods=["POST"])
@login_required
def import_confirm():
    from core.importing import messages as im
    from core.importing.nodes import walk
    from core.importing.service import ImportPlan, create_report_from_plan, rebind
    from core.importing.source import ImportRefused

    require_role("drafter")
    form = PreviewForm()
    try:
        outline, period, notes = _posted_plan(form)
        decisions = form.decisions()  # the choices shown (the proposals unless the user changed one) are kept
        numbers = rebind(db.session, current_user.committee_id, period, outline, decisions)
        plan = ImportPlan(outline, numbers, *notes)
        report = create_report_from_plan(db.session, current_user.committee, period, plan, current_user.id)
    except ImportRefused as error:
        db.session.rollback()
        return _back_with(str(error))
    db.session.commit()
    bound = sum(1 for n in numbers if n.status == "bound")
    auto = sum(1 for n in numbers if n.status == "bound" and n.auto)
    flash(im.IMPORTED.format(title=report.title, sections=len(list(walk(outline.nodes))), bound=bound,
                             auto=im.IMPORTED_AUTO.format(count=auto) if auto else ""))
    return redirect(url_for("reports.import_done", report_id=report.id))


@bp.route("/<int:report_id>/imported")
@login_required
def import_done(report_id: int):
    """What the import left to do: warnings (未填写的数字/名称, 数字未关联台账) and Word comments."""
    from app.scoping import get_own_or_404
    from data_models import Report

    report = get_own_or_404(Report, report_id)
    details = (report.settings or {}).get("import") or {}
    return render_template("reports/import_done.html", report=report, warnings=details.get("warnings", []),
                           comments=details.get("comments", []))
