"""The superior's API for packages sent from subordinate deployments (token-authenticated, no CSRF).

Described in the same OpenAPI document as REST API v1 (app/api); its answers keep their original
shape ({"error": …} on refusal) for the deployments already talking to it.
"""
from flask import Flask
from flask_smorest import Blueprint

from app.extensions import csrf

bp = Blueprint("upward_api", __name__, url_prefix="/api/upward", description="向上报送（上级平台接收下级报送）")
csrf.exempt(bp)

from . import routes  # noqa: E402,F401


def register(app: Flask) -> None:
    app.extensions["wengao_rest_api"].register_blueprint(bp)
