"""Login and logout (Flask-Login, hashed passwords, rate-limited)."""
from flask import Blueprint

bp = Blueprint("auth", __name__, url_prefix="/auth")

from . import routes  # noqa: E402,F401
