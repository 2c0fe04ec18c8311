"""The metric pages' query string: ?period=2023H1, and on the records page &committee= or &system=1."""
from wtforms import BooleanField

from app.forms import IdField, PeriodField, QueryForm


class MetricsQuery(QueryForm):
    period = PeriodField("统计期间")
    committee = IdField()  # whose records: one visible committee (default: the user's own)
    system = BooleanField()  # or every visible committee
