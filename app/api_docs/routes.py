from flask import current_app, render_template

from . import bp

METHODS = ("get", "post", "put", "patch", "delete")


@bp.route("/")
def index():
    spec = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"].spec.to_dict()
    operations = [(path, method.upper(), op) for path, item in spec["paths"].items()
                  for method, op in item.items() if method in METHODS]
    return render_template("api_docs/index.html", spec=spec, operations=operations)
