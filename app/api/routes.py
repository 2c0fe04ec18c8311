from flask import jsonify, request

from app.extensions import db
from core import audit
from core.ledger.api import TOKEN_SCOPE, ingest
from core.upward.tokens import verify_token

from . import bp

BAD_TOKEN = "令牌无效、已撤销或无权提交台账记录。"


def _token():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        return None
    return verify_token(db.session, header.removeprefix("Bearer ").strip(), scope=TOKEN_SCOPE)


@bp.post("/records")
def create_records():
    """Create (or update, by external_id) records of the token's committee; all or nothing."""
    token = _token()
    if token is None:
        return jsonify(error=BAD_TOKEN), 401
    counts, errors = ingest(db.session, token.committee_id, request.get_json(silent=True))
    if errors:
        db.session.rollback()
        return jsonify(error="提交的记录有误，未写入任何记录。", errors=errors[:200]), 400
    audit.record(db.session, "ledger.api", user_id=None, committee_id=token.committee_id,
                 object_type="api_token", object_id=token.id, **counts)
    db.session.commit()
    return jsonify(counts), 200
