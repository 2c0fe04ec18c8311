"""Publishing pages over core.publishing: render a report, download its versions (.docx/.pdf/.ofd), batch-render
for a superior. The blueprint keeps its name and URLs (documents, /documents) so links and templates stay."""
from flask import Blueprint

bp = Blueprint("documents", __name__, url_prefix="/documents")
NAV = (55, "documents.index", "公文文件")

from . import routes  # noqa: E402,F401
