"""Admin page: extend the ledger catalogue (categories, types) and add the committee's own metrics."""
from flask import flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import or_, select

from app.extensions import db
from app.scoping import require_role
from core import audit
from core.catalogue_admin import add_category, add_metric, add_type
from core.metrics.catalogue import ROLLUP_RULES
from data_models import MetricDefinition

from . import bp
from .forms import CatalogueForm
from .routes import _categories

ACTIONS = {
    "category": lambda form: add_category(db.session, form.key.data, form.name.data, _owner()),
    "type": lambda form: add_type(db.session, form.category_id.data or 0, form.key.data, form.name.data, _owner()),
    "metric": lambda form: add_metric(db.session, current_user.committee_id, form.metric()),
}


def _owner() -> int | None:
    """A platform administrator extends the defaults; any other admin, their committee's own list."""
    return None if current_user.platform_admin else current_user.committee_id


@bp.route("/catalogue", methods=["GET", "POST"])
@login_required
def catalogue():
    require_role("admin")
    form = CatalogueForm.for_page()
    if form.is_submitted():
        action = form.action.data
        errors = ACTIONS[action](form) if action in ACTIONS else ["未知的操作。"]
        if errors:
            for error in errors:
                flash(error, "error")
        else:
            audit.record(db.session, f"catalogue.add_{action}", user_id=current_user.id,
                         committee_id=current_user.committee_id, key=form.key.data)
            db.session.commit()
            flash("已添加。", "success")
            return redirect(url_for("ledger.catalogue"))
    metrics = db.session.scalars(select(MetricDefinition).where(or_(
        MetricDefinition.committee_id.is_(None), MetricDefinition.committee_id == current_user.committee_id))
        .order_by(MetricDefinition.sort_order, MetricDefinition.id)).all()
    blank = CatalogueForm(formdata=None)  # each of the page's three forms shows again only what was posted to it
    forms = {action: form if form.action.data == action else blank for action in ACTIONS}
    return render_template("ledger/catalogue.html", categories=_categories(), metrics=metrics, forms=forms,
                           rollup_rules=ROLLUP_RULES, platform_admin=current_user.platform_admin)
