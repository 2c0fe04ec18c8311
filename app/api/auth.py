"""Bearer tokens of the REST API: one committee each, with scopes (read, write, records, upward)."""
from dataclasses import dataclass

from flask import g, request

from app.extensions import db
from core.committees import subtree_ids
from core.upward.tokens import verify_token
from data_models import ApiToken

from . import bp
from . import messages as msg
from .problems import Problem

READ, WRITE, RECORDS = "read", "write", "records"
# A token that may write may also read what it writes.
IMPLIED = {READ: (READ, WRITE, RECORDS), WRITE: (WRITE,), RECORDS: (RECORDS, WRITE)}


@dataclass
class Caller:
    token: ApiToken
    committee_ids: list[int]  # its own committee first, then the committees below it

    @property
    def committee_id(self) -> int:
        return self.token.committee_id


@bp.before_request
def _any_token():
    """No token, no answer: checked before the request's arguments, so a stranger learns nothing."""
    if not any(verify_token(db.session, _plaintext(), scope=s) for s in (READ, WRITE, RECORDS)):
        raise Problem(401, msg.BAD_TOKEN, msg.BAD_TOKEN_DETAIL.format(scope=msg.SCOPE_NAMES[READ]),
                      headers={"WWW-Authenticate": 'Bearer realm="wengao"'})


def _plaintext() -> str:
    header = request.headers.get("Authorization", "")
    return header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""


def require(scope: str) -> Caller:
    """The calling token if it holds `scope` (or one implying it), else 401 problem."""
    token = next(filter(None, (verify_token(db.session, _plaintext(), scope=s) for s in IMPLIED[scope])), None)
    if token is None:
        raise Problem(401, msg.BAD_TOKEN, msg.BAD_TOKEN_DETAIL.format(scope=msg.SCOPE_NAMES[scope]),
                      headers={"WWW-Authenticate": 'Bearer realm="wengao"'})
    g.api_caller = Caller(token, subtree_ids(db.session, token.committee_id))
    return g.api_caller


def token_key() -> str:
    """Rate limits count per token (its public prefix), else per address."""
    parts = request.headers.get("Authorization", "").removeprefix("Bearer ").split("_")
    return f"token:{parts[1]}" if len(parts) == 3 else f"ip:{request.remote_addr}"
