"""The report and section forms of the editor: field names as the templates and the editor script post them.

The forms read and clean the fields; the core refuses what it must, in Chinese.
"""
from wtforms import Field, StringField
from wtforms.validators import DataRequired

from app.forms import IdField, JsonForm, JsonType, PostedForm, QueryForm, stripped
from core.drafting.reports import SETTING_FIELDS
from data_models import ReportStatus
from data_models.report import NodeType

from . import messages as msg


def _unix_newlines(value):
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


class ReportFilterForm(QueryForm):
    """?status=draft from the dashboard's status tiles; an unknown status filters nothing."""

    status = StringField(default="", filters=[stripped])

    @property
    def known_status(self) -> str:
        return self.status.data if ReportStatus.known(self.status.data) else ""


class NewReportForm(PostedForm):
    kind = StringField(default="annual_summary")
    period = StringField(default="", filters=[stripped], validators=[DataRequired(msg.PERIOD_REQUIRED)])
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
    node_type = StringField(default=NodeType.SECTION.value)
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


def _text_field():
    return Field(default="", validators=[JsonType(str, msg.BAD_SAVE_REQUEST, required=True)])


class AutosaveForm(JsonForm):
    """The editor's autosave body: {version, heading, lead, body}; a missing text field is sent as empty."""

    version = Field(validators=[JsonType(int, msg.BAD_SAVE_REQUEST, required=True)])
    heading = _text_field()
    lead = _text_field()
    body = _text_field()

    def texts(self) -> dict[str, str]:
        return {name: self[name].data.replace("\r\n", "\n") for name in ("heading", "lead", "body")}


class RenderForm(JsonForm):
    """The editor's 生成 button: {"pdf": true} also asks for the PDF."""

    pdf = Field(default=False)
