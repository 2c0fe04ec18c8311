"""The masked export's download form: field names as masking/review.html posts them.

The reviewer's masking choices (keep, hide, all, extra, keep_years) are read by the view from the query
string or the form alike, since the review page (GET) and the download (POST) share them.
"""
from wtforms import StringField

from app.forms import PostedForm


class DownloadForm(PostedForm):
    """format=txt downloads plain text; anything else, the .docx."""

    format = StringField(default="")

    @property
    def as_text(self) -> bool:
        return self.format.data == "txt"
