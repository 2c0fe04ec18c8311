from datetime import datetime, time, timedelta, timezone

from flask import flash, render_template
from flask_login import login_required
from sqlalchemy import Select

from app.extensions import db
from app.paging import paginate
from app.times import BEIJING
from app.scoping import own, require_role
from data_models import AuditEvent, User

from . import bp, messages
from .forms import AuditFilterForm

PER_PAGE = 50


@bp.route("/")
@login_required
def index():
    require_role("admin")
    query, filters = _filtered(own(AuditEvent))
    pages = paginate(query.order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc()), PER_PAGE)
    users = db.session.scalars(own(User).order_by(User.username)).all()
    actions = db.session.scalars(own(AuditEvent).with_only_columns(AuditEvent.action).distinct()
                                 .order_by(AuditEvent.action)).all()
    return render_template("audit/index.html", events=pages.items, users=users, actions=actions, filters=filters,
                           user_names={u.id: u.display_name or u.username for u in users},
                           action_names=messages.ACTION_NAMES, pages=pages)


def _filtered(query: Select) -> tuple[Select, dict]:
    """Apply the user / action / date-range filters from the query string; a bad date is dropped, with a message."""
    form, filters = AuditFilterForm(), {}
    form.validate()
    for error in form.day_from.errors + form.day_to.errors:
        flash(error, "error")
    if form.user.data:
        query, filters["user"] = query.where(AuditEvent.user_id == form.user.data), form.user.data
    if form.action.data:
        query, filters["action"] = query.where(AuditEvent.action == form.action.data), form.action.data
    for field, op, days in ((form.day_from, "__ge__", 0), (form.day_to, "__lt__", 1)):
        if field.data is not None:
            midnight = datetime.combine(field.data + timedelta(days=days), time(), tzinfo=BEIJING)
            bound = midnight.astimezone(timezone.utc)  # the days are Beijing days, as the page shows times
            query, filters[field.name] = query.where(getattr(AuditEvent.created_at, op)(bound)), field.data.isoformat()
    return query, filters
