from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, StringField
from wtforms.validators import DataRequired, Length

from app import messages


class LoginForm(FlaskForm):
    username = StringField("用户名", validators=[DataRequired(messages.REQUIRED), Length(max=64)])
    password = PasswordField("密码", validators=[DataRequired(messages.REQUIRED), Length(max=128)])
    remember = BooleanField("记住我")
