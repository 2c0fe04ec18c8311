from flask import after_this_request, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from app import messages
from app.extensions import db, login_manager
from app.redirects import NextQuery
from core import sessions
from core.passwords import verify_user
from core.throttle import record_failure, record_success, refusal
from data_models import User

from . import bp
from .forms import LoginForm
from .throttling import login_store

login_manager.login_view = "auth.login"
login_manager.login_message = messages.LOGIN_REQUIRED
login_manager.session_protection = "strong"
REMEMBER_COOKIE = "wengao_remember"


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    return sessions.user_for_session(db.session, session_id)


@login_manager.request_loader
def load_remembered(_request) -> User | None:
    """A "remember me" cookie: a random token looked up by its hash, expiring, revocable."""
    user = sessions.user_for_remember_token(db.session, request.cookies.get(REMEMBER_COOKIE, ""))
    if user is not None:
        login_user(user)
    return user


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        store, address = login_store(), request.remote_addr or ""
        if refused := refusal(store, form.username.data, address):
            flash(refused, "error")
            return render_template("auth/login.html", form=form), 429
        user = verify_user(db.session, form.username.data, form.password.data)
        if user is None:
            record_failure(store, form.username.data, address)
            db.session.commit()
            flash(messages.LOGIN_FAILED, "error")
        else:
            record_success(store, form.username.data, address)
            login_user(user)
            if form.remember.data:
                _remember(sessions.issue_remember_token(db.session, user))
            db.session.commit()  # a rehashed password, the cleared failures, the token
            flash(messages.LOGGED_IN, "success")
            return redirect(NextQuery().target(url_for("main.dashboard")))
    return render_template("auth/login.html", form=form)


def _remember(token: str) -> None:
    settings = current_app.config["WENGAO"]

    @after_this_request
    def set_cookie(response):
        response.set_cookie(REMEMBER_COOKIE, token, max_age=sessions.REMEMBER_DAYS * 86400, httponly=True,
                            samesite="Lax", secure=settings.secure_cookies)
        return response


def _forget() -> None:
    @after_this_request
    def delete_cookie(response):
        response.delete_cookie(REMEMBER_COOKIE)
        return response


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    """Signs out everywhere: every session and remember-me token of this user stops working."""
    sessions.revoke_sessions(db.session, current_user)
    db.session.commit()
    logout_user()
    _forget()
    flash(messages.LOGGED_OUT, "success")
    return redirect(url_for("auth.login"))


from . import accounts  # noqa: E402,F401  (password change, 强制下线)
