"""The report and section forms of the editor: field names as the templates and the editor script post them.

CSRFProtect checks every POST before a view runs (the editor script sends its token as a header),
so these forms only read and clean the fields; the core refuses what it must, in Chinese.
"""
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import DataRequired

from core.drafting.reports import SETTING_FIELDS

from . import messages as msg


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


def _unix_newlines(value):
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


class IdField(IntegerField):
    """A row id; missing or not a number reads as None (no section chosen), never as an error."""

    def process_formdata(self, valuelist):
        try:
            self.data = int(valuelist[0]) if valuelist and valuelist[0] != "" else None
        except ValueError:
            self.data = None


class PostedForm(FlaskForm):
    class Meta:
        csrf = False  # checked for every POST by CSRFProtect (app.extensions)

    def sent(self, names) -> dict:
        """The fields among `names` as they were posted (text), for the audit log."""
        return {name: self[name].raw_data[0] for name in names if name in self and self[name].raw_data}


class NewReportForm(PostedForm):
    kind = StringField(default="annual_summary")
    period = StringField(default="", filters=[_stripped], validators=[DataRequired(msg.PERIOD_REQUIRED)])
    title = StringField(default="")


class CarryForm(PostedForm):
    kind = StringField(default="")


class SettingsForm(PostedForm):
    """Title, subtitle and the kind's report lines (SETTING_FIELDS); a line not posted is left as it is."""

    title = StringField(default="")
    subtitle = StringField()  # None when not posted: the subtitle is kept

    def settings(self) -> dict:
        return {key: self[key].data for key in SETTING_FIELDS if self[key].raw_data}


for _key in SETTING_FIELDS:
    setattr(SettingsForm, _key, StringField())


class NewSectionForm(PostedForm):
    """Under `parent_id` (last), or right after `after_id` as its sibling."""

    parent_id = IdField()
    after_id = IdField()
    node_type = StringField(default="section")
    heading = StringField(default="")


class SectionTextForm(PostedForm):
    heading = StringField(default="", filters=[_unix_newlines])
    lead = StringField(default="", filters=[_unix_newlines])
    body = StringField(default="", filters=[_unix_newlines])
    version = IdField()  # the version the writer started from (0 when unknown)

    def text(self) -> dict:
        return {"heading": self.heading.data, "lead": self.lead.data, "body": self.body.data}


class MoveForm(PostedForm):
    direction = StringField(default="")


class PlaceForm(PostedForm):
    """Drag in the outline or 移到…: a new parent (empty: top level), before a sibling (empty: last)."""

    parent_id = IdField()
    before_id = IdField()


class KindForm(PostedForm):
    node_type = StringField(default="")


class OwnerForm(PostedForm):
    owner_id = IdField()
