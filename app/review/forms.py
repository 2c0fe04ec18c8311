"""The review forms: field names as review/show.html and the review panel post them.

The forms only read the fields; core.review refuses what it must, in Chinese.
"""
from wtforms import StringField

from app.forms import PostedForm


class CommentForm(PostedForm):
    """A reviewer's comment on one section."""

    body = StringField(default="")


class StepForm(PostedForm):
    """Submit, return or approve, with an optional comment."""

    comment = StringField(default="")
