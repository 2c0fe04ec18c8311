from flask import jsonify, request
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from core import audit
from core.ledger.api import TOKEN_SCOPE, ingest
from core.upward.tokens import verify_token

from . import bp

BAD_TOKEN = "令牌无效、已撤销或无权提交台账记录。"
ALREADY_EXISTS = "部分外部编号已存在（另一个请求同时写入了相同的记录），未写入任何记录；请重新提交，已存在的记录将按外部编号更新。"


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
    try:
        counts, errors = ingest(db.session, token.committee_id, request.get_json(silent=True))
        if not errors:
            audit.record(db.session, "ledger.api", user_id=None, committee_id=token.committee_id,
                         object_type="api_token", object_id=token.id, **counts)
            db.session.commit()
    except IntegrityError:  # a simultaneous request inserted one of these external_ids first
        db.session.rollback()
        return jsonify(error=ALREADY_EXISTS), 409
    if errors:
        db.session.rollback()
        return jsonify(error="提交的记录有误，未写入任何记录。", errors=errors[:200]), 400
    return jsonify(counts), 200
