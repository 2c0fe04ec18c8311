from flask import render_template
from flask_login import current_user, login_required

from app.extensions import db
from app.scoping import own
from data_models import Report, TaskRun

from . import bp


@bp.route("/")
@login_required
def dashboard():
    reports = db.session.scalars(own(Report).order_by(Report.updated_at.desc()).limit(20)).all()
    runs = db.session.scalars(own(TaskRun).order_by(TaskRun.id.desc()).limit(10)).all()
    return render_template("main/dashboard.html", reports=reports, runs=runs, committee=current_user.committee)


@bp.route("/healthz")
def healthz():
    return {"status": "ok"}
