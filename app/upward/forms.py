from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from app import messages
from core.kinds import kind_choices


class RequestForm(FlaskForm):
    kind = SelectField("文稿类型", choices=[SelectChoice(k, v) for k, v in kind_choices()])
    period = StringField("统计期间", default="2023", validators=[DataRequired(messages.REQUIRED), Length(max=30)],
                         description="如 2023、2023H1 或 2023-01-01:2023-06-30")
    deadline = DateField("截止日期", validators=[DataRequired("请填写有效的截止日期。")])
    targets = SelectMultipleField("报送单位", coerce=int, validators=[DataRequired("请至少选择一个下级政协。")])
    title = StringField("通知标题（可留空自动生成）", validators=[Optional(), Length(max=200)])
    note = TextAreaField("说明", validators=[Optional(), Length(max=2000)])
    want_ofd = BooleanField("同时报送 OFD 版式文件（GB/T 33190）")


class SubmitForm(FlaskForm):
    report_id = SelectField("报送文稿", coerce=int, validators=[DataRequired("请选择一份已审定的文稿。")])


class RemindForm(FlaskForm):
    note = StringField("催报说明", validators=[Optional(), Length(max=500)])


class TokenForm(FlaskForm):
    committee_id = SelectField("下级政协", coerce=int, validators=[DataRequired("请选择下级政协。")])
    name = StringField("用途说明", default="下级平台报送", validators=[DataRequired(messages.REQUIRED), Length(max=100)])


class LinkForm(FlaskForm):
    base_url = StringField("上级平台地址", validators=[DataRequired(messages.REQUIRED), Length(max=300)],
                           description="如 https://wengao.example.gov.cn")
    token = StringField("上级签发的令牌", validators=[DataRequired(messages.REQUIRED), Length(max=200)])
