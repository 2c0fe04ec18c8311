"""The batch form of the documents area: field names as documents/batch.html posts them.

The form only reads the fields; the view refuses an unknown kind and core.metrics.periods a wrong period,
in Chinese.
"""
from wtforms import StringField

from app.forms import PostedForm, stripped


class BatchForm(PostedForm):
    """A kind and a period (2023, 2023H1 or 2023-01-01:2023-06-30) to render every report of."""

    kind = StringField(default="annual_summary")
    period = StringField(default="", filters=[stripped])
