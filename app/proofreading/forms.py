"""The proofreading forms: field names as proofreading/_finding.html, fixed.html, terms.html and the editor's
/check call send them. Every button form carries `next` (NextForm) to come back to its page."""
from wtforms import SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, Length, ValidationError

from app.forms import IdField, IdListField, PostedForm, Present
from app.redirects import NextForm
from core.proofreading import messages as msg
from core.proofreading import terms
from core.proofreading.rules import ROLES

CHECK_LIMIT = 20000  # the longest section body (core.drafting.sections.LIMITS)
BAD_CHECK = msg.BAD_CHECK.format(limit=CHECK_LIMIT)


class IgnoreForm(NextForm):
    """忽略此处 (rule, fingerprint, text) or 本文忽略此规则 (scope=rule)."""

    rule = StringField(default="")
    fingerprint = StringField(default="")
    text = StringField(default="")
    scope = StringField(default="")

    @property
    def whole_rule(self) -> bool:
        return self.scope.data == "rule"


class AdoptForm(NextForm):
    """采纳 one finding's suggestion in one section's field."""

    section_id = IdField()
    field = StringField(default="")
    rule = StringField(default="")
    fingerprint = StringField(default="")


class UndoForm(NextForm):
    """撤销这次自动修正: the versions the automatic fix wrote."""

    version_id = IdListField()


class TermsForm(PostedForm):
    """The administrator's additions to the terms list, checked before they are saved."""

    content = TextAreaField("补充内容（YAML 格式）", default="", filters=[lambda v: v.replace("\r\n", "\n") if v else ""])

    def validate_content(self, field):
        try:
            terms.parse_extra(field.data)
        except terms.TermsFileError as error:
            raise ValidationError(str(error)) from None


class CheckForm(PostedForm):
    """Text not saved yet, checked as staff type: {"text": …, "role": "body"} (JSON) or the same as fields."""

    text = StringField(validators=[Present(BAD_CHECK), Length(max=CHECK_LIMIT, message=BAD_CHECK)])
    role = SelectField(choices=[SelectChoice(r, r) for r in ROLES], default="body", validate_choice=False,
                       validators=[AnyOf(ROLES, message=BAD_CHECK)])
