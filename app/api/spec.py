"""The OpenAPI document: generated from the views and schemas, never written by hand."""
import http

from flask import Flask
from flask_smorest import Api

from . import messages as msg
from .problems import PROBLEM
from .schemas import ProblemSchema

TOKEN_SCHEME = {"type": "http", "scheme": "bearer", "description": msg.TOKEN_HELP}


class RestApi(Api):
    """flask-smorest without its app-wide error handlers: HTML pages keep theirs, the API answers
    problem+json from its own blueprint handlers (app/api/problems.py)."""

    def _register_error_handlers(self):
        pass

    def _register_responses(self):
        """The generic error responses (422 of argument parsing, DEFAULT_ERROR) as problem documents."""
        from flask_smorest.utils import prepare_response

        for name, description in [(s.name, s.phrase) for s in http.HTTPStatus if s >= 400] + [("DEFAULT_ERROR", "错误")]:
            response = {"description": description, "schema": ProblemSchema}
            prepare_response(response, self.spec, PROBLEM)
            self.spec.components.response(name, response, lazy=True)


def make_api(app: Flask) -> RestApi:
    app.config.setdefault("API_TITLE", msg.API_TITLE)
    app.config.setdefault("API_VERSION", "v1")
    app.config.setdefault("OPENAPI_VERSION", "3.1.0")
    app.config.setdefault("OPENAPI_URL_PREFIX", "/api/v1")
    app.config.setdefault("OPENAPI_JSON_PATH", "openapi.json")
    app.config.setdefault("API_SPEC_OPTIONS", {
        "info": {"description": msg.API_DESCRIPTION},
        "security": [{"bearerAuth": []}],
        "components": {"securitySchemes": {"bearerAuth": TOKEN_SCHEME, "upwardToken": {
            "type": "http", "scheme": "bearer", "description": "上级平台签发给下级平台的报送令牌"}}},
    })
    return RestApi(app)
