from datetime import date, datetime, time, timedelta, timezone

from flask import flash, render_template, request
from flask_login import login_required
from sqlalchemy import Select

from app.extensions import db
from app.paging import paginate
from app.times import BEIJING
from app.scoping import own, require_role
from data_models import AuditEvent, User

from . import bp, messages

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
    """Apply the user / action / date-range filters from the query string."""
    args, filters = request.args, {}
    if user_id := args.get("user", type=int):
        query, filters["user"] = query.where(AuditEvent.user_id == user_id), user_id
    if action := args.get("action", "").strip():
        query, filters["action"] = query.where(AuditEvent.action == action), action
    for name, op in (("from", "__ge__"), ("to", "__lt__")):
        day = _day(args.get(name, ""))
        if day is not None:
            midnight = datetime.combine(day + timedelta(days=1 if name == "to" else 0), time(), tzinfo=BEIJING)
            bound = midnight.astimezone(timezone.utc)  # the days are Beijing days, as the page shows times
            query, filters[name] = query.where(getattr(AuditEvent.created_at, op)(bound)), day.isoformat()
    return query, filters


def _day(text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        flash(messages.BAD_DATE, "error")
        return None
