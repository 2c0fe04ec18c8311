from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required, login_user, logout_user

from app import messages
from app.extensions import db, limiter, login_manager
from core.passwords import verify_user
from data_models import User

from . import bp
from .forms import LoginForm

login_manager.login_view = "auth.login"
login_manager.login_message = messages.LOGIN_REQUIRED
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str) -> User | None:
    return db.session.get(User, int(user_id)) if user_id.isdigit() else None


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = verify_user(db.session, form.username.data, form.password.data)
        if user is None:
            flash(messages.LOGIN_FAILED, "error")
        else:
            login_user(user, remember=form.remember.data)
            db.session.commit()  # a rehashed password is saved
            flash(messages.LOGGED_IN, "success")
            return redirect(_safe_next(request.args.get("next")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash(messages.LOGGED_OUT, "success")
    return redirect(url_for("auth.login"))


def _safe_next(target: str | None) -> str:
    """Only same-site paths; anything else goes to the dashboard."""
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("main.dashboard")
