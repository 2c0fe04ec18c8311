"""The JSON API for other systems: token-authenticated, no CSRF (no cookies are used)."""
from flask import Blueprint

from app.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

from . import routes  # noqa: E402,F401
