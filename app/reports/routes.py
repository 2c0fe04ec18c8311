"""Thin views: read the request, call core.drafting, render. Scoping via app.scoping only."""

from flask import abort, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from app.extensions import db
from app.scoping import get_own_or_404, own, require_role
from core import audit
from core.drafting import context as ctx
from core.drafting import sections as sec
from core.drafting.carry import carry_forward
from core.drafting.document import assemble
from core.drafting.guards import EditRefused, is_editable
from core.kinds import kind_choices
from core.drafting.merge import check_text, make_environment
from core.drafting.messages import CARRIED, CREATED, RESTORED, SAVED, SECTION_DELETED, TEXT_REFUSED
from core.drafting.reports import create_report, update_report
from core.metrics.periods import PeriodError, parse_period
from data_models import Report, Section, User

from . import bp, page
from . import messages as msg
from .forms import (CarryForm, KindForm, MoveForm, NewReportForm, NewSectionForm, OwnerForm, PlaceForm, ReportFilterForm,
                    SectionTextForm, SettingsForm)
from .numbers import number_links

REFUSALS = (EditRefused, sec.InvalidEdit, PeriodError)


def _report(report_id: int) -> Report:
    return get_own_or_404(Report, report_id)


def _section(report: Report, section_id: int) -> Section:
    section = db.session.get(Section, section_id)
    if section is None or section.report_id != report.id:
        abort(404)
    return section


def _to_editor(report: Report, section_id: int | None = None):
    anchor = f"s-{section_id}" if section_id else None
    return redirect(url_for("reports.edit", report_id=report.id, _anchor=anchor))


def _refused(error: Exception) -> None:
    flash(getattr(error, "message", None) or str(error), "error")


@bp.route("/")
@login_required
def index():
    query = own(Report).order_by(Report.period_end.desc(), Report.id.desc())
    status = ReportFilterForm().known_status  # the dashboard's status tiles link here
    if status:
        query = query.where(Report.status == status)
    return render_template("reports/index.html", reports=db.session.scalars(query).all(), kinds=dict(kind_choices()),
                           status=status)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    require_role("drafter")
    form = NewReportForm()
    if form.is_submitted():
        try:
            if not form.validate():
                raise PeriodError(form.period.errors[0])
            report = create_report(db.session, current_user.committee, form.kind.data, parse_period(form.period.data),
                                   form.title.data, current_user.id)
        except REFUSALS as error:
            _refused(error)
        else:
            db.session.commit()
            flash(CREATED)
            return _to_editor(report)
    return render_template("reports/new.html", form=form.data, kinds=kind_choices())


@bp.route("/carry", methods=["POST"])
@login_required
def carry():
    require_role("drafter")
    try:
        report = carry_forward(db.session, current_user.committee_id, CarryForm().kind.data, current_user.id)
    except REFUSALS as error:
        _refused(error)
        return redirect(url_for("reports.index"))
    db.session.commit()
    flash(CARRIED.format(title=db.session.get(Report, report.previous_id).title))
    return _to_editor(report)


@bp.route("/<int:report_id>")
@login_required
def edit(report_id: int):
    return page.editor_response(report_id)


@bp.route("/<int:report_id>/settings", methods=["POST"])
@login_required
def update(report_id: int):
    require_role("drafter")
    report = _report(report_id)
    form = SettingsForm()
    try:
        update_report(db.session, report, form.title.data, form.settings(), current_user.id, subtitle=form.subtitle.data)
    except REFUSALS as error:
        _refused(error)
        return _to_editor(report)
    db.session.commit()
    flash(msg.INFO_SAVED)
    return _to_editor(report)


@bp.route("/<int:report_id>/sections", methods=["POST"])
@login_required
def add_section(report_id: int):
    """A new block: under `parent_id` (last), or with `after_id` right after that block as its sibling."""
    require_role("drafter")
    report = _report(report_id)
    form = NewSectionForm()
    parent, before = form.parent_id.data, None
    if form.after_id.data:
        anchor = _section(report, form.after_id.data)
        parent, before = anchor.parent_id, sec.next_sibling_id(db.session, anchor)
    try:
        section = sec.add_section(db.session, report, form.node_type.data, parent_id=parent,
                                   heading=form.heading.data, user_id=current_user.id)
        if before:
            sec.place_section(db.session, section, parent, before)
    except REFUSALS as error:
        _refused(error)
        return _to_editor(report)
    audit.record(db.session, "section.add", user_id=current_user.id, committee_id=report.committee_id,
                 object_type="section", object_id=section.id, report_id=report.id, node_type=section.node_type)
    db.session.commit()
    flash(msg.ADDED)
    return _to_editor(report, section.id)


@bp.route("/<int:report_id>/sections/<int:section_id>", methods=["POST"])
@login_required
def save_section(report_id: int, section_id: int):
    require_role("drafter")
    report = _report(report_id)
    form = SectionTextForm()
    fields = form.text()
    section = db.session.get(Section, section_id)
    if section is None:  # deleted by someone else: the text comes back, not a bare 404
        return _text_back(report_id, section_id, fields, sec.SectionGone.message, 409)
    if section.report_id != report.id:
        abort(404)
    try:
        sec.save_section(db.session, section, seen_version=form.version.data or 0,
                          user_id=current_user.id, **fields)
    except sec.SaveConflict as conflict:
        db.session.rollback()
        flash(conflict.message, "error")
        return page.unmark(page.cut(page.editor_html(_report(report_id), conflict={
            "section_id": section_id, "mine": conflict.mine, "theirs": conflict.theirs}))), 409
    except REFUSALS as error:
        db.session.rollback()
        return _text_back(report_id, section_id, fields, TEXT_REFUSED.format(message=getattr(error, "message", str(error))), 422)
    db.session.commit()
    problems = [p for p in (check_text(make_environment(ctx.number_filters()), t) for t in fields.values()) if p]
    flash(msg.TEXT_PROBLEM.format(message=problems[0]) if problems else SAVED, "error" if problems else "message")
    return _to_editor(report, section_id)


def _text_back(report_id: int, section_id: int, fields: dict, message: str, status: int):
    """The editor again with the refused text shown to its writer (nothing typed is lost)."""
    flash(message, "error")
    mine = sec.SectionText(fields["heading"], fields["lead"], fields["body"])
    return page.unmark(page.cut(page.editor_html(_report(report_id), refused={
        "section_id": section_id, "mine": mine, "message": message}))), status


MOVES = {"up": lambda s: sec.move_section(db.session, s, -1), "down": lambda s: sec.move_section(db.session, s, 1),
         "in": lambda s: sec.indent_section(db.session, s), "out": lambda s: sec.outdent_section(db.session, s)}


@bp.route("/<int:report_id>/sections/<int:section_id>/move", methods=["POST"])
@login_required
def move_section(report_id: int, section_id: int):
    _section(_report(report_id), section_id)  # another committee's section is a 404 before anything else
    require_role("drafter")
    form = MoveForm()
    move = MOVES.get(form.direction.data)
    if move is None:
        abort(400)
    return _structural(report_id, section_id, move, msg.MOVED, "section.move", form)


@bp.route("/<int:report_id>/sections/<int:section_id>/place", methods=["POST"])
@login_required
def place_section(report_id: int, section_id: int):
    """Drag in the outline or 移到… in the block menu: a new parent (empty: top level), before a sibling."""
    form = PlaceForm()
    return _structural(report_id, section_id, lambda s: sec.place_section(
        db.session, s, form.parent_id.data, form.before_id.data), msg.MOVED, "section.move", form)


@bp.route("/<int:report_id>/sections/<int:section_id>/kind", methods=["POST"])
@login_required
def set_kind(report_id: int, section_id: int):
    form = KindForm()
    return _structural(report_id, section_id, lambda s: sec.set_node_type(db.session, s, form.node_type.data),
                       msg.KIND_SET, "section.kind", form)


@bp.route("/<int:report_id>/sections/<int:section_id>/owner", methods=["POST"])
@login_required
def set_owner(report_id: int, section_id: int):
    form = OwnerForm()
    return _structural(report_id, section_id, lambda s: sec.set_owner(db.session, s, form.owner_id.data),
                       msg.OWNER_SET, "section.owner", form)


@bp.route("/<int:report_id>/sections/<int:section_id>/delete", methods=["POST"])
@login_required
def delete_section(report_id: int, section_id: int):
    return _structural(report_id, section_id, lambda s: sec.delete_section(db.session, s, current_user.id),
                       SECTION_DELETED, None)  # the core audits the deleted text


AUDITED_FIELDS = ("direction", "owner_id", "parent_id", "before_id", "node_type")


def _structural(report_id: int, section_id: int, change, done: str, action: str | None, form=None):
    """Apply a tree change; `action` is audited here (with the fields `form` posted) unless the core records
    it itself (None)."""
    require_role("drafter")
    report = _report(report_id)
    section = _section(report, section_id)
    try:
        change(section)
    except REFUSALS as error:
        _refused(error)
        return _to_editor(report, section_id)
    if action:
        audit.record(db.session, action, user_id=current_user.id, committee_id=report.committee_id,
                     object_type="section", object_id=section_id, report_id=report.id,
                     **form.sent(AUDITED_FIELDS))
    db.session.commit()
    flash(done)
    return _to_editor(report, section_id if db.session.get(Section, section_id) else None)


@bp.route("/<int:report_id>/sections/<int:section_id>/history")
@login_required
def history(report_id: int, section_id: int):
    report = _report(report_id)
    section = _section(report, section_id)
    versions = sec.history(db.session, section.id)
    names = dict(db.session.execute(select(User.id, User.display_name)).all())
    return render_template("reports/history.html", report=report, section=section, versions=versions,
                           names=names, editable=is_editable(report))


@bp.route("/<int:report_id>/sections/<int:section_id>/restore/<int:section_version_id>", methods=["POST"])
@login_required
def restore(report_id: int, section_id: int, section_version_id: int):
    require_role("drafter")
    report = _report(report_id)
    section = _section(report, section_id)
    try:
        old = sec.restore_version(db.session, section, section_version_id, current_user.id)
    except REFUSALS as error:
        _refused(error)
        return _to_editor(report, section_id)
    db.session.commit()
    flash(RESTORED.format(version=old.version))
    return _to_editor(report, section_id)


@bp.route("/<int:report_id>/preview")
@login_required
def preview(report_id: int):
    report = _report(report_id)
    assembly = assemble(db.session, report, trace=True)
    return render_template("reports/preview.html", report=report, doc=assembly.content, warnings=assembly.warnings,
                           links=number_links(report, assembly.values),
                           can_render="documents.report" in current_app.view_functions)
