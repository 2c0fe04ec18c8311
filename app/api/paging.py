"""Page through a query with links a client can follow."""
from flask import request, url_for
from sqlalchemy import Select, func, select

from app.extensions import db


def page_of(stmt: Select, page: int, per_page: int) -> dict:
    total = db.session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery()))
    items = db.session.scalars(stmt.limit(per_page).offset((page - 1) * per_page)).all()
    return {"items": items, "page": page, "per_page": per_page, "total": total,
            "links": {"self": _link(page, per_page), "prev": _link(page - 1, per_page) if page > 1 else None,
                      "next": _link(page + 1, per_page) if page * per_page < total else None}}


def _link(page: int, per_page: int) -> str:
    args = {**request.args.to_dict(), "page": page, "per_page": per_page}
    return url_for(request.endpoint, **(request.view_args or {}), **args)
