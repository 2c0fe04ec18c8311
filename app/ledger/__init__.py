"""The ledger (台账) pages: list with filters, add/edit/delete, Excel template, export and import."""
from flask import Blueprint

bp = Blueprint("ledger", __name__, url_prefix="/ledger")
NAV = (30, "ledger.index", "台账")

from . import catalogue, imports, routes  # noqa: E402,F401  (list and edit; import pages; catalogue admin)
