"""The OpenAPI document: generated from the views and schemas, never written by hand."""
import http
import threading

from flask import Flask
from flask_smorest import Api

from . import messages as msg
from .problems import PROBLEM
from .schemas import ProblemSchema

TOKEN_SCHEME = {"type": "http", "scheme": "bearer", "description": msg.TOKEN_HELP}


class RestApi(Api):
    """flask-smorest without its app-wide error handlers: HTML pages keep theirs, the API answers
    problem+json from its own blueprint handlers (app/api/problems.py).

    A blueprint's routes are registered at once, its operations are described when the document is
    first read (/api/v1/openapi.json, the docs page, `flask openapi`): describing them costs a tenth
    of a second that starting the app or a `flask` command need not pay (issue 16).
    """

    def __init__(self, app=None, **kwargs):
        self._undescribed: list[tuple] = []
        self._describing = threading.Lock()
        super().__init__(app, **kwargs)

    @property
    def spec(self):
        """The OpenAPI document, with every registered blueprint described in it."""
        if self._undescribed:
            with self._describing:
                while self._undescribed:
                    self._describe(*self._undescribed[0])
                    self._undescribed.pop(0)
        return self._spec

    @spec.setter
    def spec(self, value) -> None:
        self._spec = value

    def register_blueprint(self, blp, *, parameters=None, **options):
        """flask-smorest's registration, with the description left for the first reading of the document."""
        name = options.get("name", blp.name)
        self._app.extensions["flask-smorest"]["blp_name_to_api"][name] = self
        self._app.register_blueprint(blp, **options)
        self._undescribed.append((blp, name, parameters))

    def _describe(self, blp, name: str, parameters) -> None:
        blp.register_views_in_doc(self, self._app, self._spec, name=name, parameters=parameters)
        self._spec.tag({"name": name, "description": blp.description})

    def _register_error_handlers(self):
        pass

    def _register_responses(self):
        """The generic error responses (422 of argument parsing, DEFAULT_ERROR) as problem documents."""
        from flask_smorest.utils import prepare_response

        for name, description in [(s.name, s.phrase) for s in http.HTTPStatus if s >= 400] + [("DEFAULT_ERROR", "错误")]:
            response = {"description": description, "schema": ProblemSchema}
            prepare_response(response, self._spec, PROBLEM)
            self._spec.components.response(name, response, lazy=True)


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
