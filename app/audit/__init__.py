"""Audit log pages (admins only): who did what, and when."""
from flask import Blueprint

bp = Blueprint("audit", __name__, url_prefix="/audit")

from . import routes  # noqa: E402,F401
from .details import audit_detail, object_name  # noqa: E402

bp.add_app_template_filter(audit_detail, "audit_detail")
bp.add_app_template_filter(object_name, "audit_object")
