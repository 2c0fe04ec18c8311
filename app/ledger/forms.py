"""The ledger list's filters, read from the query string: the core receives ids, dates and text; and the
catalogue page's action."""
from wtforms import StringField

from app.forms import IdField, IsoDateField, PostedForm, QueryForm, stripped
from core.ledger.listing import LedgerFilter


class LedgerFilterForm(QueryForm):
    category = IdField()
    type = IdField()
    start = IsoDateField("起始日期")
    end = IsoDateField("结束日期")
    q = StringField(default="", filters=[stripped])

    def filters(self) -> tuple[LedgerFilter, list[str]]:
        """The filter, and a Chinese message for each date that could not be read (that date is dropped)."""
        self.validate()
        errors = [error for field in (self.start, self.end) for error in field.errors]
        return LedgerFilter(self.category.data, self.type.data, self.start.data, self.end.data, self.q.data), errors


class CatalogueForm(PostedForm):
    """Which catalogue addition (category, type, metric) and its key (for the audit log); the fields of each
    addition go to core.ledger.admin as posted, which refuses what it must, in Chinese."""

    action = StringField(default="")
    key = StringField(default="")
