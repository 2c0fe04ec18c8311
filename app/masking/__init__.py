"""Masked copies of reports (导出脱敏版) for sharing good material between committees."""
from flask import Blueprint

bp = Blueprint("masking", __name__, url_prefix="/reports")

from . import routes  # noqa: E402,F401
