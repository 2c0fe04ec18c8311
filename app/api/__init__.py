"""REST API v1 for other systems (提案系统, OA, 智慧政协): token-authenticated, no cookies and so no CSRF,
described by OpenAPI 3.1 generated from the code (flask-smorest) at /api/v1/openapi.json."""
from flask import Flask, current_app
from flask_smorest import Blueprint
from webargs import core as webargs_core
from webargs.flaskparser import FlaskParser, is_json_request

from app.extensions import csrf, limiter


class CleanParser(FlaskParser):
    """Bodies read through the app's JSON provider: text cleaned at the door, deep nesting a 400."""

    def _raw_load_json(self, req):
        # The API's validation layer itself: webargs hands the body to each endpoint's marshmallow schema.
        return req.get_json() if is_json_request(req) else webargs_core.missing


bp = Blueprint("api", __name__, url_prefix="/api/v1", description="政协文稿开放接口")
bp.ARGUMENTS_PARSER = CleanParser()
csrf.exempt(bp)

from . import auth, problems, routes  # noqa: E402,F401


def _rate_limit() -> str:
    return current_app.config.get("API_RATE_LIMIT") or current_app.config["WENGAO"].api_rate_limit


# Each token (or address without one) may make API_RATE_LIMIT calls; beyond that 429 with a Chinese problem.
# Declared once here, read from the serving app: the limiter is shared by every app built in this process, and a
# limit added per app would pile up there (each keeping its whole app alive, each checked on every call).
limiter.limit(_rate_limit, key_func=auth.token_key)(bp)


def register(app: Flask) -> None:
    """Registered through the OpenAPI generator so every operation lands in the description."""
    from .spec import make_api

    api = make_api(app)
    app.extensions["wengao_rest_api"] = api  # the upward endpoints join the same description
    api.register_blueprint(bp)
