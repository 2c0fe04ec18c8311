"""Reports: list, create, carry forward, section tree editor, preview, version history."""
from flask import Blueprint

bp = Blueprint("reports", __name__, url_prefix="/reports")
NAV = (30, "reports.index", "报告")

from . import editor_api, routes  # noqa: E402,F401
from . import importing, roundtrip  # noqa: E402,F401  (导入已有文稿, 上传修改稿)
