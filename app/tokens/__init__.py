"""Admin page for API tokens: issue (shown once), list, revoke; each token belongs to one committee."""
from flask import Blueprint

bp = Blueprint("tokens", __name__, url_prefix="/tokens")

from . import routes  # noqa: E402,F401
