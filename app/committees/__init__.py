"""Committee profile pages (own committee and the committees below it)."""
from flask import Blueprint

bp = Blueprint("committees", __name__, url_prefix="/committees")

from . import routes  # noqa: E402,F401
