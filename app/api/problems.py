"""Errors as application/problem+json (RFC 9457) with Chinese title and detail."""
from flask import current_app, jsonify
from werkzeug.exceptions import HTTPException

from app.extensions import db

from . import bp
from . import messages as msg

PROBLEM = "application/problem+json"
_TITLES = {400: msg.INVALID, 401: msg.BAD_TOKEN, 403: msg.BAD_TOKEN, 404: msg.NOT_FOUND, 405: msg.METHOD,
           409: msg.CONFLICT, 413: msg.TOO_LARGE, 422: msg.INVALID, 428: msg.PRECONDITION_REQUIRED,
           429: msg.TOO_MANY,
           500: msg.SERVER_ERROR}


def problems(*codes: int):
    """Document the problem responses (application/problem+json) an operation may answer with."""
    from .schemas import ProblemSchema

    def decorate(view):
        for code in reversed(codes):
            view = bp.alt_response(code, schema=ProblemSchema, content_type=PROBLEM)(view)
        return view
    return decorate


class Problem(Exception):
    """Raised by a view to answer with a problem document."""

    def __init__(self, status: int, title: str, detail: str = "", errors=None, headers=None):
        super().__init__(title)
        self.status, self.title, self.detail, self.errors, self.headers = status, title, detail, errors, headers or {}


def problem_response(status: int, title: str, detail: str = "", errors=None, headers=None):
    # "error" repeats the title for clients written against the first records endpoint.
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "error": title}
    if errors:
        body["errors"] = errors
    response = jsonify(body)
    response.status_code, response.mimetype = status, PROBLEM
    response.headers.update(headers or {})
    return response


@bp.errorhandler(Problem)
def _problem(error: Problem):
    return problem_response(error.status, error.title, error.detail, error.errors, error.headers)


@bp.errorhandler(HTTPException)
def _http(error: HTTPException):
    code = error.code or 500
    data = getattr(error, "data", None) or {}
    errors = _field_errors(data.get("messages"))  # webargs validation: {location: {field: [messages]}}
    detail = msg.INVALID_DETAIL if errors else {404: msg.NOT_FOUND_DETAIL, 400: msg.BAD_BODY,
                                                429: msg.TOO_MANY_DETAIL}.get(code, "")
    return problem_response(code, _TITLES.get(code, error.name), detail, errors, data.get("headers"))


@bp.errorhandler(Exception)
def _unexpected(error: Exception):
    db.session.rollback()
    current_app.logger.exception("API error: %s", error)
    return problem_response(500, msg.SERVER_ERROR, msg.SERVER_ERROR_DETAIL)


def _field_errors(messages) -> list[dict]:
    """webargs' nested messages as a flat list of {location, field, message}."""
    if not isinstance(messages, dict):
        return []
    flat = []
    for location, fields in messages.items():
        for field, texts in (fields.items() if isinstance(fields, dict) else [("", fields)]):
            flat.append({"location": location, "field": str(field), "message": _text(texts)})
    return flat


def _text(texts) -> str:
    if isinstance(texts, dict):
        return "；".join(f"{k}: {_text(v)}" for k, v in texts.items())
    if isinstance(texts, (list, tuple)):
        return "；".join(_text(t) for t in texts)
    return _CHINESE.get(str(texts), str(texts))


_CHINESE = {  # marshmallow's English messages, as a caller reads them here
    "Missing data for required field.": "缺少必填字段。",
    "Not a valid integer.": "应为整数。",
    "Not a valid string.": "应为字符串。",
    "Not a valid boolean.": "应为 true 或 false。",
    "Not a valid date.": "应为日期（YYYY-MM-DD）。",
    "Unknown field.": "未知字段。",
    "Invalid input type.": "类型不正确。",
    "Field may not be null.": "不能为空。",
    "Not a valid list.": "应为数组。",
}
