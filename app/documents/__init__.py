"""Rendered documents: render a report, download its versions (.docx/.pdf), batch-render for a superior."""
from flask import Blueprint

bp = Blueprint("documents", __name__, url_prefix="/documents")
NAV = (55, "documents.index", "公文文件")

from . import routes  # noqa: E402,F401
