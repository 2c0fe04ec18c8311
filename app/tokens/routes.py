from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.scoping import get_own_or_404, own, require_role
from core import audit
from core.ledger.api import TOKEN_SCOPE
from core.upward.tokens import issue_token, revoke_token
from data_models import ApiToken

from . import bp

SCOPES = {TOKEN_SCOPE: "提交台账记录（/api/v1/records）", "upward": "向上级报送（/api/upward）"}


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    require_role("admin")
    plaintext = None
    if request.method == "POST":
        name, scope = request.form.get("name", "").strip(), request.form.get("scope", TOKEN_SCOPE)
        if not name or len(name) > 100 or scope not in SCOPES:
            flash("请填写令牌名称（不超过100字）并选择用途。", "error")
        else:
            token, plaintext = issue_token(db.session, current_user.committee_id, name, current_user.id)
            token.scopes = scope
            audit.record(db.session, "token.issue", user_id=current_user.id, committee_id=current_user.committee_id,
                         object_type="api_token", object_id=token.id, scope=scope)
            db.session.commit()
            flash("令牌已生成。请立即复制保存，离开本页后将无法再次查看。", "success")
    tokens = db.session.scalars(own(ApiToken).order_by(ApiToken.id.desc())).all()
    return render_template("tokens/index.html", tokens=tokens, plaintext=plaintext, scopes=SCOPES)


@bp.post("/<int:token_id>/revoke")
@login_required
def revoke(token_id: int):
    require_role("admin")
    token = get_own_or_404(ApiToken, token_id)
    revoke_token(db.session, token)
    audit.record(db.session, "token.revoke", user_id=current_user.id, committee_id=current_user.committee_id,
                 object_type="api_token", object_id=token.id)
    db.session.commit()
    flash(f"令牌“{token.name}”已撤销。", "success")
    return redirect(url_for("tokens.index"))
