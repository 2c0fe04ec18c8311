"""The token page's form: a name and the scopes, as tokens/index.html posts them (name, scope…)."""
from wtforms import SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from app.forms import PostedForm, stripped
from core.ledger.api import TOKEN_SCOPE

# Upward tokens (issued by a superior for a subordinate) have their own page under 向上报送.
SCOPES = {"read": "读取（委员会、指标、台账、文稿、生成结果）", "write": "写入（新建和修改文稿、提交审核、生成文件）",
          TOKEN_SCOPE: "提交台账记录（POST /api/v1/records）"}
NAME_REQUIRED = "请填写令牌名称。"
NAME_TOO_LONG = "令牌名称不能超过100字。"
SCOPE_REQUIRED = "请至少选择一项权限。"
SCOPE_UNKNOWN = "权限“{value}”不存在，请从列表中选择。"


class ScopesField(SelectMultipleField):
    """Checkboxes named scope; an unknown value is refused in Chinese rather than in WTForms' English."""

    def pre_validate(self, form):
        for value in self.data or []:
            if value not in SCOPES:
                raise ValidationError(SCOPE_UNKNOWN.format(value=value))


class IssueTokenForm(PostedForm):
    name = StringField("名称（如：提案系统）", filters=[stripped],
                       validators=[DataRequired(NAME_REQUIRED), Length(max=100, message=NAME_TOO_LONG)])
    scope = ScopesField("权限", choices=[SelectChoice(k, v) for k, v in SCOPES.items()], default=[TOKEN_SCOPE],
                        validators=[DataRequired(SCOPE_REQUIRED)])

    @property
    def scopes(self) -> str:
        """The chosen scopes as ApiToken.scopes stores them (read,records)."""
        return ",".join(s for s in SCOPES if s in self.scope.data)
