from flask import abort, render_template
from flask_login import login_required

from app.extensions import db
from app.scoping import visible_committee_ids
from data_models import Committee

from . import bp


@bp.route("/<int:committee_id>")
@login_required
def show(committee_id: int):
    if committee_id not in visible_committee_ids():
        abort(404)
    committee = db.session.get(Committee, committee_id)
    return render_template("committees/show.html", committee=committee)
