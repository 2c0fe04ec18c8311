"""One way to page a list, for the pages and the REST API: Flask-SQLAlchemy's paginate over a SELECT.

A page number that is missing, not a number or below 1 is page 1; past the end the page is empty.
Pages render the pager with the macro in templates/_pager.html.
"""
from flask import request
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select

from app.extensions import db


def paginate(stmt: Select, per_page: int, page: int | None = None) -> Pagination:
    """`stmt`'s rows on `page` (default: ?page= of the request), `per_page` of them, with the total."""
    if page is None:
        # Read here, not through a form: every list shares this one lenient rule (bad → page 1), and a
        # pager form on each of them would repeat it a dozen times.
        page = request.args.get("page", 1, type=int)
    return db.paginate(stmt, page=max(page, 1), per_page=per_page, max_per_page=per_page, error_out=False)
