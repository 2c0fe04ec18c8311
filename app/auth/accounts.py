"""Own password change, and the administrator's user list with 强制下线 (sign a user out everywhere)."""
from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user

from app.extensions import db
from app.scoping import get_own_or_404, own, require_role
from core import audit, sessions
from data_models import User

from . import bp
from .forms import DutiesForm, PasswordChangeForm

PASSWORD_CHANGED = "密码已修改；其他设备上的登录已全部失效。"
PASSWORDS_DIFFER = "两次输入的新密码不一致。"
SELF_APPROVAL_ON = "已允许提交人审定自己提交的文稿（适用于只有一名工作人员的委员会）。"
SELF_APPROVAL_OFF = "已恢复提交与审定分离：文稿须由提交人以外的审核人员审定。"
SIGNED_OUT = "已强制“{name}”下线：该用户所有设备上的登录均已失效。"


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    if request.method == "POST":
        form = PasswordChangeForm()
        new = form.new.data
        error = PASSWORDS_DIFFER if new != form.confirm.data else \
            sessions.change_password(db.session, current_user, form.current.data, new)
        if not error:
            audit.record(db.session, "user.password", user_id=current_user.id, committee_id=current_user.committee_id,
                         object_type="user", object_id=current_user.id)
            db.session.commit()
            login_user(current_user._get_current_object())  # this session carries the new generation
            flash(PASSWORD_CHANGED, "success")
            return redirect(url_for("main.dashboard"))
        db.session.rollback()
        flash(error, "error")
    return render_template("auth/password.html")


@bp.route("/users")
@login_required
def users():
    require_role("admin")
    rows = db.session.scalars(own(User).order_by(User.id)).all()
    return render_template("auth/users.html", users=rows,
                           self_approval=bool((current_user.committee.profile or {}).get("self_approval")))


@bp.route("/duties", methods=["POST"])
@login_required
def duties():
    """Separation of duties: whether a submitter may also approve (off by default)."""
    require_role("admin")
    committee = current_user.committee
    allowed = DutiesForm().allowed
    committee.profile = {**(committee.profile or {}), "self_approval": allowed}
    audit.record(db.session, "committee.duties", user_id=current_user.id, committee_id=committee.id,
                 self_approval=allowed)
    db.session.commit()
    flash(SELF_APPROVAL_ON if allowed else SELF_APPROVAL_OFF, "success")
    return redirect(url_for("auth.users"))


@bp.route("/users/<int:user_id>/signout", methods=["POST"])
@login_required
def sign_out(user_id: int):
    require_role("admin")
    user = get_own_or_404(User, user_id)
    sessions.revoke_sessions(db.session, user)
    audit.record(db.session, "user.signout", user_id=current_user.id, committee_id=current_user.committee_id,
                 object_type="user", object_id=user.id)
    db.session.commit()
    if user.id == current_user.id:
        login_user(user)  # an admin signing themself out elsewhere stays signed in here
    flash(SIGNED_OUT.format(name=user.display_name or user.username), "success")
    return redirect(url_for("auth.users"))
