"""Every request's text cleaned at the door: forms, query strings and JSON bodies.

XML-invalid characters are removed (core.cleaning) before any view reads a value, so no channel
can store text that later breaks a Word render or an Excel export. JSON nested too deep for the
parser is a bad request, not a RecursionError.
"""
from typing import Any

from flask import Request
from flask.json.provider import DefaultJSONProvider
from werkzeug.datastructures import ImmutableMultiDict, MultiDict

from core.cleaning import clean_data, clean_text


def _clean_pairs(mapping) -> list:
    if isinstance(mapping, MultiDict):
        pairs = mapping.items(multi=True)
    elif isinstance(mapping, dict):
        pairs = mapping.items()
    else:
        pairs = mapping
    return [(clean_text(k) if isinstance(k, str) else k, clean_text(v) if isinstance(v, str) else v)
            for k, v in pairs]


class CleanMultiDict(ImmutableMultiDict):
    """request.form / request.args with XML-invalid characters removed from keys and values."""

    def __init__(self, mapping=None):
        super().__init__(_clean_pairs(mapping) if mapping is not None else None)


class CleanRequest(Request):
    parameter_storage_class = CleanMultiDict


class CleanJSONProvider(DefaultJSONProvider):
    """request.get_json(): strings cleaned; nesting too deep for the parser is invalid JSON."""

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        try:
            return clean_data(super().loads(s, **kwargs))
        except RecursionError:
            raise ValueError("JSON nested too deeply") from None
