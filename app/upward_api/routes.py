from flask import jsonify, request

from app.extensions import db
from core.upward import UpwardError
from core.upward import messages as msg
from core.upward.package import Package, UpwardConflict, UpwardForbidden, accept_package
from core.upward.requests import current_submissions, requests_received
from core.upward.tokens import verify_token

from . import bp


def _sender():
    """The committee the bearer token was issued to; anything else is refused before reading the body."""
    header = request.headers.get("Authorization", "")
    token = verify_token(db.session, header.removeprefix("Bearer ").strip()) if header.startswith("Bearer ") else None
    return token.committee if token is not None else None


@bp.post("/submissions")
def receive():
    sender = _sender()
    if sender is None:
        return jsonify(error=msg.BAD_TOKEN), 401
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


@bp.get("/requests")
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
