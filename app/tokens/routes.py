from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.scoping import get_own_or_404, own, require_role
from core import audit
from core.ledger.api import TOKEN_SCOPE
from core.upward.tokens import SCOPE as UPWARD_SCOPE
from core.upward.tokens import issue_token, revoke_token
from data_models import ApiToken

from . import bp

# Upward tokens (issued by a superior for a subordinate) have their own page under 向上报送.
SCOPES = {"read": "读取（委员会、指标、台账、文稿、生成结果）", "write": "写入（新建和修改文稿、提交审核、生成文件）",
          TOKEN_SCOPE: "提交台账记录（POST /api/v1/records）"}


def _chosen_scopes() -> str:
    chosen = [s for s in request.form.getlist("scope") if s in SCOPES]
    return ",".join(chosen)


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    require_role("admin")
    plaintext = None
    if request.method == "POST":
        name, scope = request.form.get("name", "").strip(), _chosen_scopes()
        if not name or len(name) > 100 or not scope:
            flash("请填写令牌名称（不超过100字）并至少选择一项权限。", "error")
        else:
            token, plaintext = issue_token(db.session, current_user.committee_id, name, current_user.id)
            token.scopes = scope
            audit.record(db.session, "token.issue", user_id=current_user.id, committee_id=current_user.committee_id,
                         object_type="api_token", object_id=token.id, scope=scope)
            db.session.commit()
            flash("令牌已生成。请立即复制保存，离开本页后将无法再次查看。", "success")
    tokens = db.session.scalars(own(ApiToken).where(ApiToken.scopes != UPWARD_SCOPE).order_by(ApiToken.id.desc())).all()
    return render_template("tokens/index.html", tokens=tokens, plaintext=plaintext, scopes=SCOPES)


@bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    require_role("admin")
    token = get_own_or_404(ApiToken, token_id)
    if token.scopes == UPWARD_SCOPE:
        abort(404)
    revoke_token(db.session, token)
    audit.record(db.session, "token.revoke", user_id=current_user.id, committee_id=current_user.committee_id,
                 object_type="api_token", object_id=token.id)
    db.session.commit()
    flash(f"令牌“{token.name}”已撤销。", "success")
    return redirect(url_for("tokens.index"))
