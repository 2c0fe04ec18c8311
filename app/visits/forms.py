"""Visit forms: the visit itself with repeated agenda and contact rows (blank rows are ignored)."""
from flask_wtf import FlaskForm
from wtforms import DateField, FieldList, Form, FormField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app import messages
from app.forms import IdListField, PostedForm
from core.visits import messages as msg
from core.visits.service import VisitInput

BLANK_ROWS = 2
DATE_FORMAT = "日期格式应为 2024-05-20。"
INTEGER_FORMAT = "请填写整数。"


class CnDateField(DateField):
    """A date field whose parse error is in Chinese."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(DATE_FORMAT) from error


class CnIntegerField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(INTEGER_FORMAT) from error


class AgendaRow(Form):
    day = CnDateField("日期", validators=[Optional()])
    time = StringField("时间", validators=[Length(max=40)])
    place = StringField("地点", validators=[Length(max=200)])
    activity = StringField("活动内容", validators=[Length(max=300)])
    officials = StringField("陪同人员", validators=[Length(max=300)])


class ContactRow(Form):
    side = SelectField("类别", choices=[SelectChoice(k, v) for k, v in msg.SIDE_NAMES.items()])
    name = StringField("姓名", validators=[Length(max=60)])
    post = StringField("职务", validators=[Length(max=100)])
    phone = StringField("联系电话", validators=[Length(max=40)])
    duty = StringField("负责事项", validators=[Length(max=200)])


def _required():
    return DataRequired(messages.REQUIRED)


def _given():
    """Required raw input; unlike DataRequired it keeps the field's own parse error."""
    return InputRequired(messages.REQUIRED)


class VisitForm(FlaskForm):
    delegation = StringField("来访团组", validators=[_required(), Length(max=200)])
    leader = StringField("带队领导姓名", validators=[Length(max=60)])
    leader_post = StringField("带队领导职务", validators=[Length(max=60)])
    size = CnIntegerField("来访人数", validators=[_given()])
    start_date = CnDateField("考察开始日期", validators=[_given()])
    end_date = CnDateField("考察结束日期", validators=[_given()])
    topics = TextAreaField("考察重点", validators=[Length(max=2000)])
    host_leader = StringField("我方接待领导", validators=[Length(max=100)])
    period_start = CnDateField("数据统计起始日期", validators=[_given()])
    period_end = CnDateField("数据统计截止日期", validators=[_given()])
    agenda = FieldList(FormField(AgendaRow))
    contacts = FieldList(FormField(ContactRow))

    def add_blank_rows(self) -> None:
        for _ in range(BLANK_ROWS):
            self.agenda.append_entry()
            self.contacts.append_entry()

    def to_input(self) -> VisitInput:
        text = {name: getattr(self, name).data or "" for name in (
            "delegation", "leader", "leader_post", "topics", "host_leader")}
        dates = {name: getattr(self, name).data for name in ("start_date", "end_date", "period_start", "period_end")}
        return VisitInput(
            **text, **dates, size=self.size.data,
            agenda=[row.data for row in self.agenda if _filled(row.data, ignore="day")],
            contacts=[row.data for row in self.contacts if _filled(row.data, ignore="side")],
        )


def _filled(data: dict, ignore: str) -> bool:
    """A repeated row counts when any of its text cells is filled."""
    return any(isinstance(v, str) and v.strip() for k, v in data.items() if k != ignore)


class SectionsForm(PostedForm):
    """The briefing sections ticked on the visit page (section_id, repeated); stray values are dropped."""

    section_id = IdListField()
