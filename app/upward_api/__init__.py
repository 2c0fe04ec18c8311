"""The superior's API for packages sent from subordinate deployments (token-authenticated, no CSRF)."""
from flask import Blueprint

from app.extensions import csrf

bp = Blueprint("upward_api", __name__, url_prefix="/api/upward")
csrf.exempt(bp)

from . import routes  # noqa: E402,F401
