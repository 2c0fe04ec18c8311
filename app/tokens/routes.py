from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required

from app.extensions import db
from app.scoping import get_own_or_404, own, require_role
from core import audit
from core.upward.tokens import SCOPE as UPWARD_SCOPE
from core.upward.tokens import issue_token, revoke_token
from data_models import ApiToken

from . import bp
from .forms import SCOPES, IssueTokenForm


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    require_role("admin")
    plaintext, form = None, IssueTokenForm.for_page()
    if form.validate_on_submit():
        token, plaintext = issue_token(db.session, current_user.committee_id, form.name.data, current_user.id)
        token.scopes = form.scopes
        audit.record(db.session, "token.issue", user_id=current_user.id, committee_id=current_user.committee_id,
                     object_type="api_token", object_id=token.id, scope=token.scopes)
        db.session.commit()
        flash("令牌已生成。请立即复制保存，离开本页后将无法再次查看。", "success")
        form = IssueTokenForm(formdata=None)  # a fresh form: the issued one is done
    tokens = db.session.scalars(own(ApiToken).where(ApiToken.scopes != UPWARD_SCOPE).order_by(ApiToken.id.desc())).all()
    status = 400 if form.errors else 200
    return render_template("tokens/index.html", tokens=tokens, plaintext=plaintext, scopes=SCOPES,
                           form=form), status


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
