"""Exchange visits (交流考察): visits received, their agenda, contacts and briefing packets."""
from flask import Blueprint

bp = Blueprint("visits", __name__, url_prefix="/visits")
NAV = (50, "visits.index", "交流考察")

from . import routes  # noqa: E402,F401
