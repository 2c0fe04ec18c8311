"""The one place that scopes data to the signed-in user's committee; views never filter by hand."""
from flask import abort
from flask_login import current_user
from sqlalchemy import Select, select

from app.extensions import db


def visible_committee_ids() -> list[int]:
    """The user's own committee plus the subordinates whose submissions it may read."""
    from core.committees import subtree_ids

    return subtree_ids(db.session, current_user.committee_id)


def own(model) -> Select:
    """SELECT over rows of `model` that belong to the user's committee."""
    return select(model).where(model.committee_id == current_user.committee_id)


def get_own_or_404(model, object_id: int, options=()):
    """Fetch one row of the user's committee; any other committee's row is simply not found.
    `options`: loader options (joinedload…) for what the caller reads of the row."""
    row = db.session.get(model, object_id, options=options)
    if row is None or row.committee_id != current_user.committee_id:
        abort(404)
    return row


def get_own_row_or_404(model, object_id: int, statement: Select) -> tuple:
    """(row, *values) of `statement`, which selects one `model` row (its id bound as `id`) and values read
    with it in the same statement; a row of another committee is simply not found."""
    found = db.session.execute(statement, {"id": object_id}).first()
    if found is None or found[0].committee_id != current_user.committee_id:
        abort(404)
    return tuple(found)


def require_role(*roles: str) -> None:
    if not current_user.has_role(*roles):
        abort(403)
