"""Upload upward: the superior's collection requests and 汇编, the subordinate's submissions."""
from flask import Blueprint

bp = Blueprint("upward", __name__, url_prefix="/upward")
NAV = (60, "upward.index", "向上报送")

from . import routes, settings_routes  # noqa: E402,F401
