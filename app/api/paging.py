"""A page of a list as the API returns it, with links a client can follow (app.paging does the paging)."""
from flask import request, url_for
from sqlalchemy import Select

from app.paging import paginate


def page_of(stmt: Select, page: int, per_page: int) -> dict:
    pages = paginate(stmt, per_page, page)
    return {"items": pages.items, "page": pages.page, "per_page": per_page, "total": pages.total,
            "links": {"self": _link(pages.page, per_page), "prev": _link(pages.prev_num, per_page) if pages.has_prev else None,
                      "next": _link(pages.next_num, per_page) if pages.has_next else None}}


def _link(page: int, per_page: int) -> str:
    # Copied, not read: the link repeats the client's own query (validated by the endpoint's webargs schema).
    args = {**request.args.to_dict(), "page": page, "per_page": per_page}
    return url_for(request.endpoint, **(request.view_args or {}), **args)
