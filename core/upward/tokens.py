"""Tokens a superior issues to each subordinate committee for sending packages to its API."""
import hashlib
import hmac
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_models import ApiToken
from data_models.base import utcnow

SCOPE = "upward"
_PREFIX_LEN = 8


def _hash(plaintext: str) -> str:
    return hashlib.sha256(plaintext.encode()).hexdigest()


def issue_token(session: Session, committee_id: int, name: str, user_id: int | None = None) -> tuple[ApiToken, str]:
    """A new token scoped to `committee_id` as sender; the plaintext is shown once, only its hash kept."""
    secret = secrets.token_urlsafe(32)
    prefix = secrets.token_hex(_PREFIX_LEN // 2)
    plaintext = f"wgu_{prefix}_{secret}"
    token = ApiToken(committee_id=committee_id, name=name, prefix=prefix, token_hash=_hash(plaintext),
                     scopes=SCOPE, created_by_id=user_id)
    session.add(token)
    session.flush()
    return token, plaintext


def verify_token(session: Session, plaintext: str, scope: str = SCOPE) -> ApiToken | None:
    """The live token with this plaintext and scope, or None (forged, revoked or out of scope)."""
    parts = (plaintext or "").split("_", 2)
    if len(parts) != 3 or parts[0] != "wgu":
        return None
    for token in session.scalars(select(ApiToken).where(ApiToken.prefix == parts[1])):
        if hmac.compare_digest(token.token_hash, _hash(plaintext)) and token.revoked_at is None \
                and scope in token.scopes.split(","):
            token.last_used_at = utcnow()
            return token
    return None


def revoke_token(session: Session, token: ApiToken) -> None:
    token.revoked_at = utcnow()
