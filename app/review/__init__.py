"""Review workflow pages: the status panel and its buttons (submit, return, approve, revise)."""
from flask import Blueprint

bp = Blueprint("review", __name__, url_prefix="/review")

from . import routes  # noqa: E402,F401
