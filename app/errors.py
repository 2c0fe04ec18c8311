"""Chinese error pages (and JSON for the API); nothing the user sees is a bare 500."""
from flask import Flask, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import DataError
from werkzeug.exceptions import HTTPException

from . import messages

_TEXT = {
    400: messages.BAD_REQUEST,
    403: messages.FORBIDDEN,
    404: messages.NOT_FOUND,
    413: messages.TOO_LARGE,
    429: messages.TOO_MANY_ATTEMPTS,
    500: messages.SERVER_ERROR,
}


def _respond(code: int, text: str):
    if request.path.startswith("/api/v1/"):  # URLs no API view matched still answer as the API does
        from .api.problems import problem_response

        return problem_response(code, text)
    if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
        return jsonify(error=text), code
    return render_template("error.html", code=code, text=text), code


def register(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error):
        return _respond(400, messages.CSRF_FAILED)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        return _respond(error.code or 500, _TEXT.get(error.code, error.description))

    @app.errorhandler(OverflowError)
    @app.errorhandler(DataError)
    def out_of_range(_error):
        """An id or number beyond what the database column holds (?id=99999999999999999999)."""
        from .extensions import db

        db.session.rollback()
        return _respond(400, messages.BAD_REQUEST)

    @app.errorhandler(Exception)
    def unexpected(error: Exception):
        from .extensions import db

        db.session.rollback()
        app.logger.exception("unhandled error: %s", error)
        return _respond(500, messages.SERVER_ERROR)
