"""The ledger list's filters, read from the query string: the core receives ids, dates and text; and the
catalogue page's action."""
from flask_wtf.file import FileField
from wtforms import StringField

from app.forms import IdField, IsoDateField, PostedForm, QueryForm, UploadForm, stripped
from core.ledger.listing import LedgerFilter
from core.ledger.records import CategoryInfo


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


def record_form(info: CategoryInfo) -> PostedForm:
    """A record's form: one text field per column of its category (None when not posted), named by the column key as ledger/form.html
    posts it. The text goes to core.ledger.records.validate_row, the one check (and typing: dates, ints,
    amounts) shared with the Excel import and the API, whose Chinese errors the page shows per column."""
    fields = {f"column_{key}": StringField(name=key) for key, _label, _kind in info.columns()}
    form = type("RecordForm", (PostedForm,), fields)()
    form.posted = {key: form[f"column_{key}"].data for key, _label, _kind in info.columns()}
    return form


class LedgerUploadForm(UploadForm):
    """The Excel import: one .xlsx (core.uploads checks what it really is)."""

    file = FileField()


class CatalogueForm(PostedForm):
    """One catalogue addition (action: category, type or metric) with its fields as ledger/catalogue.html
    posts them; core.catalogue_admin refuses what it must, in Chinese, and the page shows the form again
    with everything typed and chosen."""

    action = StringField(default="")
    key = StringField(default="", filters=[stripped])
    name = StringField(default="")
    category_id = IdField()
    label = StringField(default="")
    unit = StringField(default="")
    kind = StringField(default="")
    category = StringField(default="")
    types = StringField(default="")
    field = StringField(default="")
    formula = StringField(default="")
    basis = StringField(default="period")
    rollup = StringField(default="")
    decimals = StringField(default="", filters=[stripped])
    group = StringField(default="")

    METRIC_FIELDS = ("key", "label", "unit", "kind", "category", "types", "field", "formula", "basis", "rollup",
                     "decimals", "group")

    def metric(self) -> dict[str, str]:
        """A metric's definition as core.catalogue_admin.add_metric reads it."""
        return {name: self[name].data for name in self.METRIC_FIELDS}
