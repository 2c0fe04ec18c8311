"""Reports: list, create, carry forward, section tree editor, preview, version history."""
from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")
NAV = (30, "reports.index", "报告")

from . import routes, editor_api  # noqa: E402,F401
