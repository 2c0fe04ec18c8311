"""The REST API's documentation page in Chinese, drawn from the generated OpenAPI document."""
from flask import Blueprint

bp = Blueprint("api_docs", __name__, url_prefix="/api/v1/docs")

from . import routes  # noqa: E402,F401
