"""公文校对: findings for the editor (JSON and a server-rendered panel), 采纳, 忽略, automatic fixes."""
from flask import Blueprint

bp = Blueprint("proofreading", __name__, url_prefix="/proofread")

from . import routes  # noqa: E402,F401
