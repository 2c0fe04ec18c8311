import io

from flask import abort, flash, redirect, render_template, request, send_file, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.paging import paginate
from app.scoping import get_own_or_404, own, require_role
from core import audit
from core.ledger.excel import export_workbook, template_workbook, today_name
from core.ledger.records import existing_external_ids, load_categories, validate_row
from core.metrics.definitions import seed_catalogue
from core.committees import ancestor_ids
from core.ledger.ownership import CategoryView, visible_categories, visible_types
from data_models import Record, RecordCategory

from . import bp
from . import messages as msg
from .forms import LedgerFilterForm, record_form

PAGE_SIZE = 50
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _categories() -> list:
    """The categories the user's committee sees (with only its visible types), in catalogue order;
    a fresh installation gets the default catalogue on first use."""
    if db.session.scalar(select(RecordCategory.id).limit(1)) is None:
        seed_catalogue(db.session)
        db.session.commit()
    owners = ancestor_ids(db.session, current_user.committee_id)
    return [CategoryView(c, visible_types(c, owners))
            for c in db.session.scalars(visible_categories(db.session, current_user.committee_id))]


@bp.route("/")
@login_required
def index():
    filters, errors = LedgerFilterForm().filters()
    for error in errors:
        flash(error, "error")
    pages = paginate(filters.apply(own(Record)).order_by(Record.date.desc(), Record.id.desc()), PAGE_SIZE)
    return render_template("ledger/index.html", rows=pages.items, total=pages.total, pages=pages, filters=filters,
                           categories=_categories())


@bp.route("/export.xlsx")
@login_required
def export():
    filters, _ = LedgerFilterForm().filters()
    data = export_workbook(db.session, current_user.committee_id, filters.apply(own(Record)).order_by(Record.category_id, Record.date, Record.id))
    audit.record(db.session, "ledger.export", user_id=current_user.id, committee_id=current_user.committee_id)
    db.session.commit()
    return send_file(io.BytesIO(data), mimetype=XLSX, as_attachment=True, download_name=today_name("台账导出"))


@bp.route("/template/<category_key>.xlsx")
@login_required
def template(category_key: str):
    info = load_categories(db.session, current_user.committee_id).get(category_key)
    if info is None:
        abort(404)
    return send_file(io.BytesIO(template_workbook(info)), mimetype=XLSX, as_attachment=True,
                     download_name=f"台账模板-{info.name}.xlsx")


@bp.route("/new/<category_key>", methods=["GET", "POST"])
@login_required
def new(category_key: str):
    info = load_categories(db.session, current_user.committee_id).get(category_key)
    if info is None:
        abort(404)
    require_role("drafter")  # reviewers check the ledger; those who keep it write to it
    record = Record(committee_id=current_user.committee_id, category_id=info.id, attrs={}, count=1, persons=0, amount=0)
    return _edit_form(info, record, is_new=True)


@bp.route("/<int:record_id>/edit", methods=["GET", "POST"])
@login_required
def edit(record_id: int):
    record = get_own_or_404(Record, record_id)
    info = load_categories(db.session, current_user.committee_id).get(record.category.key)
    if info is None:  # a category no longer visible to this committee
        abort(404)
    return _edit_form(info, record, is_new=False)


def _edit_form(info, record: Record, is_new: bool):
    errors, values = {}, None
    if request.method == "POST":
        require_role("drafter")
        values = record_form(info).posted  # shown again as typed if refused
        clean, problems = validate_row(info, values)
        errors = dict(problems)
        if not errors and _external_id_taken(record, clean.get("external_id")):
            errors["外部编号"] = msg.EXTERNAL_ID_TAKEN
        if not errors and _saved(record, clean, is_new):
            flash(msg.SAVED, "success")
            return redirect(url_for("ledger.index", category=info.id))
        errors = errors or {"外部编号": msg.EXTERNAL_ID_TAKEN}
        flash(msg.INVALID, "error")
    values = values if values is not None else _form_values(info, record)
    return render_template("ledger/form.html", info=info, record=record, values=values, errors=errors, is_new=is_new)


def _external_id_taken(record: Record, external_id: str | None) -> bool:
    if not external_id:
        return False
    found = existing_external_ids(db.session, current_user.committee_id, [external_id])
    return external_id in found and found[external_id] != record.id


def _saved(record: Record, clean: dict, is_new: bool) -> bool:
    """Write the record; False if a simultaneous save took its external_id first."""
    for key, value in clean.items():
        setattr(record, key, value)
    record.created_by_id = record.created_by_id or current_user.id
    db.session.add(record)
    try:
        db.session.flush()
        audit.record(db.session, "ledger.create" if is_new else "ledger.update", user_id=current_user.id,
                     committee_id=current_user.committee_id, object_type="record", object_id=record.id)
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return False
    return True


def _form_values(info, record: Record) -> dict:
    values = {"type": info.type_names.get(record.type_id, ""), "date": record.date.isoformat() if record.date else "",
              "title": record.title or "", "count": record.count, "persons": record.persons,
              "amount": record.amount, "note": record.note or "", "external_id": record.external_id or ""}
    for key, value in (record.attrs or {}).items():
        values[key] = ("是" if value else "否") if isinstance(value, bool) else value
    return values


@bp.route("/<int:record_id>/delete", methods=["POST"])
@login_required
def delete(record_id: int):
    record = get_own_or_404(Record, record_id)
    require_role("drafter")  # reviewers check the ledger; only those who keep it delete from it
    audit.record(db.session, "ledger.delete", user_id=current_user.id, committee_id=current_user.committee_id,
                 object_type="record", object_id=record.id, title=record.title)
    db.session.delete(record)
    db.session.commit()
    flash(msg.DELETED, "success")
    return redirect(url_for("ledger.index"))

