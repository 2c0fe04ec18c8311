"""The masked export's forms: field names as masking/review.html sends them.

The reviewer's choices (keep, hide, all, extra, keep_years) come from the query string on the review page
(a GET form, so the reviewer can look again) and from the download form (POST) alike.
"""
from flask import request
from flask_wtf import FlaskForm
from wtforms import SelectMultipleField, StringField

from app.forms import PostedForm
from core.masking.finder import MaskOptions


class TextListField(SelectMultipleField):
    """Repeated free text (keep=东湖县&keep=西山县): any value may be sent."""

    def pre_validate(self, form):
        pass


class MaskForm(FlaskForm):
    """What to mask; read from the query string on a GET and from the form on the download's POST."""

    class Meta:
        csrf = False  # the POST is checked by CSRFProtect (app.extensions); a GET changes nothing

    keep = TextListField()
    hide = TextListField()
    all = StringField()  # every masked text the review page listed; None when the page did not send it
    extra = StringField(default="")
    keep_years = StringField(default="")

    def __init__(self, **kwargs):
        super().__init__(formdata=request.form if request.method == "POST" else request.args, **kwargs)

    def options(self) -> MaskOptions:
        extra = [w.strip() for w in (self.extra.data or "").replace("，", "\n").replace(",", "\n").splitlines() if w.strip()]
        keep = set(self.keep.data)
        if self.all.data is not None:  # the review form lists every masked text; unticked ones are kept as written
            keep = {w for w in self.all.data.splitlines() if w.strip()} - set(self.hide.data)
        return MaskOptions(keep_years=self.keep_years.data == "1", keep=keep, extra=extra)


class DownloadForm(PostedForm):
    """format=txt downloads plain text; anything else, the .docx."""

    format = StringField(default="")

    @property
    def as_text(self) -> bool:
        return self.format.data == "txt"
