from flask import jsonify, request
from marshmallow import fields

from app.api.schemas import Lenient
from app.extensions import db
from core.upward import UpwardError
from core.upward import messages as msg
from core.upward.package import Package, UpwardConflict, UpwardForbidden, accept_package
from core.upward.requests import current_submissions, requests_received
from core.upward.tokens import verify_token

from . import bp

TOKEN_HELP = "下级平台报送令牌（由上级平台签发，只能以该下级委员会的名义报送）"
IDEMPOTENCY = [{"in": "header", "name": "Idempotency-Key", "required": True, "schema": {"type": "string", "maxLength": 80},
                "description": "报送包的幂等键，须与请求体中的 idempotency_key 相同；重复报送只收一次"}]
PACKAGE_BODY = {"required": True, "content": {"application/json": {"schema": {
    "type": "object", "description": "报送包：request_id、idempotency_key、文稿（Word/PDF/OFD，base64）、指标数据（schema_version 1）和校验值",
    "required": ["request_id", "idempotency_key"],
    "properties": {"request_id": {"type": "integer"}, "idempotency_key": {"type": "string", "maxLength": 80}},
    "additionalProperties": True}}}}


class UpwardErrorSchema(Lenient):
    error = fields.String(metadata={"description": "中文说明"})


class ReceiptSchema(Lenient):
    submission_id = fields.Integer()
    duplicate = fields.Boolean(metadata={"description": "同一幂等键已收到过"})
    content_hash = fields.String()


class OpenRequestSchema(Lenient):
    id = fields.Integer()
    title = fields.String()
    kind = fields.String()
    period_start = fields.String()
    period_end = fields.String()
    deadline = fields.String()
    note = fields.String()
    want_ofd = fields.Boolean()
    issuer = fields.String()
    reminders = fields.Integer()
    submitted = fields.Boolean()


class OpenRequestList(Lenient):
    requests = fields.List(fields.Nested(OpenRequestSchema))


def _refusals(*codes: int):
    """The plain {"error": …} answers of this API, documented."""
    def decorate(view):
        for code in reversed(codes):
            view = bp.alt_response(code, schema=UpwardErrorSchema)(view)
        return view
    return decorate


def _sender():
    """The committee the bearer token was issued to; anything else is refused before reading the body."""
    header = request.headers.get("Authorization", "")
    token = verify_token(db.session, header.removeprefix("Bearer ").strip()) if header.startswith("Bearer ") else None
    return token.committee if token is not None else None


@bp.route("/submissions", methods=["POST"])
@bp.doc(summary="接收下级报送的材料包", parameters=IDEMPOTENCY, requestBody=PACKAGE_BODY,
        security=[{"upwardToken": []}])
@bp.response(201, ReceiptSchema)
@bp.alt_response(200, schema=ReceiptSchema, description="重复报送：已收到过，返回原回执")
@_refusals(400, 401, 403, 409)
def receive():
    sender = _sender()
    if sender is None:
        return jsonify(error=msg.BAD_TOKEN), 401
    # A machine-to-machine body checked field by field below and by Package.from_payload (core.upward), with
    # Chinese errors in the response; no browser form posts here.
    payload = request.get_json(silent=True)
    if not isinstance(payload, dict):
        return jsonify(error=msg.BAD_PACKAGE.format(detail="JSON")), 400
    key = request.headers.get("Idempotency-Key") or payload.get("idempotency_key")
    if not isinstance(key, str) or not key or key != payload.get("idempotency_key") or len(key) > 80:
        return jsonify(error=msg.BAD_PACKAGE.format(detail="Idempotency-Key")), 400
    request_id = payload.get("request_id")
    if not isinstance(request_id, int) or isinstance(request_id, bool) or not 0 < request_id < 2**31:
        return jsonify(error=msg.BAD_PACKAGE.format(detail=msg.BAD_REQUEST_ID)), 400
    try:
        package = Package.from_payload(payload)
        submission, created = accept_package(db.session, request_id=request_id, sender=sender,
                                             package=package, idempotency_key=key, channel="api")
    except UpwardForbidden as error:
        db.session.rollback()
        return jsonify(error=str(error)), 403
    except UpwardConflict as error:
        db.session.rollback()
        return jsonify(error=str(error)), 409
    except UpwardError as error:
        db.session.rollback()
        return jsonify(error=str(error)), 400
    db.session.commit()
    body = {"submission_id": submission.id, "duplicate": not created, "content_hash": submission.content_hash}
    return jsonify(body), 201 if created else 200


@bp.route("/requests", methods=["GET"])
@bp.doc(summary="本下级委员会收到的报送通知", security=[{"upwardToken": []}])
@bp.response(200, OpenRequestList)
@_refusals(401)
def open_requests():
    sender = _sender()
    if sender is None:
        return jsonify(error=msg.BAD_TOKEN), 401
    rows = []
    for collection, target in requests_received(db.session, sender.id):
        submitted = sender.id in current_submissions(db.session, collection.id)
        rows.append({"id": collection.id, "title": collection.title, "kind": collection.kind,
                     "period_start": collection.period_start.isoformat(), "period_end": collection.period_end.isoformat(),
                     "deadline": collection.deadline.isoformat(), "note": collection.note,
                     "want_ofd": collection.want_ofd,
                     "issuer": collection.committee.name, "reminders": target.reminders, "submitted": submitted})
    db.session.commit()  # last_used_at of the token
    return jsonify(requests=rows)
