"""Connecting deployments: the superior issues and revokes tokens, the subordinate stores its superior's address."""
from flask import abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select
from wtforms.fields.choices import SelectChoice

from app.extensions import db
from app.scoping import require_role, visible_committee_ids
from core.upward import messages as msg
from core.upward import outbox
from core.upward.tokens import SCOPE, issue_token, revoke_token
from data_models import ApiToken

from . import bp
from .forms import LinkForm, TokenForm
from .routes import attempt, subordinates


def _tokens() -> list[ApiToken]:
    ids = [i for i in visible_committee_ids() if i != current_user.committee_id]
    stmt = select(ApiToken).where(ApiToken.committee_id.in_(ids), ApiToken.scopes == SCOPE)
    return list(db.session.scalars(stmt.order_by(ApiToken.id.desc())))


@bp.route("/tokens", methods=["GET", "POST"])
@login_required
def tokens():
    require_role("admin")
    form = TokenForm()
    form.committee_id.choices = [SelectChoice(c.id, c.name) for c in subordinates()]
    plaintext = None
    if form.validate_on_submit():
        token, plaintext = issue_token(db.session, form.committee_id.data, form.name.data, current_user.id)
        db.session.commit()
    return render_template("upward/tokens.html", form=form, tokens=_tokens(), plaintext=plaintext)


@bp.route("/tokens/<int:token_id>/revoke", methods=["POST"])
@login_required
def revoke(token_id: int):
    require_role("admin")
    token = next((t for t in _tokens() if t.id == token_id), None)
    if token is None:
        abort(404)
    revoke_token(db.session, token)
    db.session.commit()
    flash(f"已吊销{token.committee.name}的令牌“{token.name}”。", "success")
    return redirect(url_for("upward.tokens"))


@bp.route("/link", methods=["GET", "POST"])
@login_required
def link():
    require_role("admin")
    current = outbox.link_for(db.session, current_user.committee_id)
    form = LinkForm(base_url=current.base_url if current else None)
    if form.validate_on_submit():
        ok, _ = attempt(lambda: outbox.set_link(db.session, current_user.committee_id, form.base_url.data,
                                                form.token.data), msg.LINK_SAVED)
        if ok:
            return redirect(url_for("upward.index"))
    return render_template("upward/link.html", form=form, current=current)
