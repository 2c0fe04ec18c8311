"""Metric values for a period, the records behind each value, and roll-ups over subordinates."""
from flask import Blueprint

from core.metrics import formats
from core.metrics.filters import NUMBER_FILTERS

bp = Blueprint("metrics", __name__, url_prefix="/metrics")
NAV = (40, "metrics.index", "统计指标")
for _name, _filter in NUMBER_FILTERS.items():  # {{ value|余 }} in the app's own pages too
    bp.add_app_template_filter(_filter, _name)
bp.add_app_template_filter(formats.cell, "cell")  # {{ value|cell }}: a number on a page, as formats prints it
bp.add_app_template_filter(formats.previous_cell, "previous_cell")
bp.add_app_template_filter(formats.cn_date, "cn_date")
bp.add_app_template_filter(formats.cn_date_range, "cn_date_range")

from . import routes  # noqa: E402,F401
