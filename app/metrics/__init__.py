"""Metric values for a period, the records behind each value, and roll-ups over subordinates."""
from flask import Blueprint

bp = Blueprint("metrics", __name__, url_prefix="/metrics")
NAV = (40, "metrics.index", "统计指标")

from . import routes  # noqa: E402,F401
