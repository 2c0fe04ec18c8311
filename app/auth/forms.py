from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from app import messages
from app.forms import PostedForm


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired(messages.REQUIRED), Length(max=64)])
    password = PasswordField("密码", validators=[DataRequired(messages.REQUIRED), Length(max=128)])
    remember = BooleanField("记住我")


class PasswordChangeForm(PostedForm):
    """Own password change; the core checks the current password and the new one's length, in Chinese."""

    current = StringField(default="")
    new = StringField(default="")
    confirm = StringField(default="")


class DutiesForm(PostedForm):
    """Separation of duties: self_approval=1 lets a submitter approve their own report."""

    self_approval = StringField(default="")

    @property
    def allowed(self) -> bool:
        return self.self_approval.data == "1"
