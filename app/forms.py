"""What the forms of several areas share: POST forms whose CSRF token CSRFProtect checks, query-string
forms, ids read leniently, ISO dates refused in Chinese."""
from datetime import date

from flask import request
from flask_wtf import FlaskForm
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms import DateField, Form, IntegerField, SelectMultipleField, StringField
from wtforms.validators import StopValidation

from core.metrics.periods import PeriodError, parse_period


def stripped(value):
    """A filter: text without surrounding spaces (None stays None)."""
    return value.strip() if isinstance(value, str) else value


class IdField(IntegerField):
    """A row id; missing, negative or not a number reads as None (nothing chosen), never as an error."""

    def process_formdata(self, valuelist):
        try:
            number = int(valuelist[0]) if valuelist else None
        except ValueError:
            number = None
        self.data = number if number is not None and number >= 0 else None


class IdListField(SelectMultipleField):
    """Repeated ids (version_id=3&version_id=5); values that are not ids are dropped, never an error."""

    def process_formdata(self, valuelist):
        self.data = [int(v) for v in valuelist if isinstance(v, str) and v.isascii() and v.isdigit()]

    def pre_validate(self, form):
        pass  # any id may be chosen; the core checks that it is the user's


class Present:
    """The field was sent at all (an empty text is allowed): for JSON bodies read through a form."""

    def __init__(self, message: str):
        self.message = message

    def __call__(self, form, field):
        if not field.raw_data:
            raise StopValidation(self.message)


def json_formdata(payload) -> MultiDict:
    """A JSON object as form data: its text values only, so a number or a list where text belongs reads as
    missing and the form's validators answer it in Chinese."""
    items = payload.items() if isinstance(payload, dict) else ()
    return MultiDict([(key, value) for key, value in items if isinstance(value, str)])


class PostedForm(FlaskForm):
    """A form whose POST CSRFProtect has already checked (app.extensions); the editor script sends the
    token as a header, so the form does not look for it among the fields."""

    class Meta:
        csrf = False

    def __init__(self, **kwargs):
        kwargs.setdefault("formdata", request.form)  # form fields only: a JSON body is not read as one
        super().__init__(**kwargs)

    @classmethod
    def for_page(cls, **kwargs):
        """The form as posted, or on a GET its defaults (an unticked checkbox list would otherwise read as [])."""
        return cls(formdata=request.form if request.method == "POST" else None, **kwargs)

    def sent(self, names) -> dict:
        """The fields among `names` as they were posted (text), for the audit log."""
        return {name: self[name].raw_data[0] for name in names if name in self and self[name].raw_data}


class UploadForm(PostedForm):
    """A posted form with a file field (multipart): the file from request.files, the rest from the form."""

    def __init__(self, **kwargs):
        kwargs.setdefault("formdata", CombinedMultiDict((request.files, request.form)))
        super().__init__(**kwargs)


class QueryForm(FlaskForm):
    """Filters of a list page, read from the query string (a GET: nothing to protect)."""

    class Meta:
        csrf = False

    def __init__(self, **kwargs):
        super().__init__(formdata=request.args, **kwargs)


class IsoDateField(DateField):
    """A date written 2023-03-01; a wrong one is reported in Chinese (by default by its label and what was
    typed) and reads as None."""

    def __init__(self, label=None, validators=None, message: str | None = None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if raw:
            try:
                self.data = date.fromisoformat(raw)
            except ValueError:
                raise ValueError(self.message or f"{self.label.text}“{raw}”无效，应写作 2023-03-01。") from None


class PeriodField(StringField):
    """A statistics period (2023, 2023H1, 2023-01-01:2023-06-30) read into a core Period; an empty field reads
    as None, a wrong one keeps what was typed (raw_data) and says why in Chinese."""

    def process_formdata(self, valuelist):
        raw = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if raw:
            try:
                self.data = parse_period(raw)
            except PeriodError as error:
                raise ValueError(str(error)) from None

    def _value(self):
        return self.raw_data[0] if self.raw_data else (self.data.code if self.data else "")


class JsonForm(Form):
    """A JSON object read through a form: values keep their JSON types (data=), so validators can refuse a
    string where a number belongs. CSRFProtect has checked the request's header token already."""

    def __init__(self, payload):
        self.is_object = isinstance(payload, dict)
        super().__init__(data=payload if self.is_object else {})

    def validate(self, extra_validators=None) -> bool:
        return super().validate(extra_validators) and self.is_object


class JsonType:
    """The value sent is of this JSON type (a bool is not an integer); missing passes unless required."""

    def __init__(self, kind: type, message: str, required: bool = False):
        self.kind, self.message, self.required = kind, message, required

    def __call__(self, form, field):
        value = field.object_data
        if value is None and not self.required:
            return
        if not isinstance(value, self.kind) or isinstance(value, bool) and self.kind is not bool:
            raise StopValidation(self.message)
