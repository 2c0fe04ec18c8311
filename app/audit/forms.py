"""The audit log's filters, read from the query string."""
from wtforms import StringField

from app.forms import IdField, IsoDateField, QueryForm, stripped

from . import messages


class AuditFilterForm(QueryForm):
    user = IdField()
    action = StringField(default="", filters=[stripped])
    day_from = IsoDateField(name="from", message=messages.BAD_DATE)  # Beijing days, both included
    day_to = IsoDateField(name="to", message=messages.BAD_DATE)
