"""Revocable sign-ins: a per-user session generation and random, hashed, expiring remember-me tokens.

A session cookie carries "<user id>:<generation>" (User.get_id); bumping the generation (logout,
password change, an administrator's 强制下线) voids every session of that user at once, on every
worker, and deletes the user's remember-me tokens. The caller owns the transaction.
"""
import hashlib
import secrets
from datetime import timedelta
from typing import Optional

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from data_models import RememberToken, User
from data_models.base import utcnow

from .passwords import hash_password, verify_user

REMEMBER_DAYS = 30
MIN_PASSWORD = 8


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_for_session(session: Session, session_id: str) -> Optional[User]:
    """The active user a session cookie names, if its generation is still current."""
    user_id, _, generation = (session_id or "").partition(":")
    if not (user_id.isdigit() and generation.isdigit()):
        return None
    user = session.get(User, int(user_id))
    return user if user is not None and user.active and user.session_generation == int(generation) else None


def revoke_sessions(session: Session, user: User) -> None:
    """Every session and remember-me token of `user` stops working."""
    user.session_generation = (user.session_generation or 0) + 1
    session.execute(delete(RememberToken).where(RememberToken.user_id == user.id))
    session.flush()


def issue_remember_token(session: Session, user: User, days: int = REMEMBER_DAYS) -> str:
    """A new random token (the plaintext goes in the cookie; only its hash is stored)."""
    token = secrets.token_urlsafe(32)
    session.add(RememberToken(user_id=user.id, token_hash=_digest(token), expires_at=utcnow() + timedelta(days=days)))
    session.flush()
    return token


def user_for_remember_token(session: Session, token: str) -> Optional[User]:
    if not token or len(token) > 200:
        return None
    row = session.scalar(select(RememberToken).where(RememberToken.token_hash == _digest(token)))
    if row is None or _aware(row.expires_at) <= utcnow():
        return None
    user = session.get(User, row.user_id)
    return user if user is not None and user.active else None


def forget_remember_token(session: Session, token: str) -> None:
    session.execute(delete(RememberToken).where(RememberToken.token_hash == _digest(token or "")))


def change_password(session: Session, user: User, current: str, new: str) -> str:
    """'' once changed (and every other session revoked), else the Chinese reason."""
    if verify_user(session, user.username, current or "") is None:
        return "当前密码不正确。"
    if len(new or "") < MIN_PASSWORD or len(new) > 128:
        return f"新密码长度应为{MIN_PASSWORD}至128位。"
    user.password_hash = hash_password(new)
    revoke_sessions(session, user)
    return ""


def _aware(moment):
    """SQLite returns naive datetimes for timezone-aware columns; they were stored as UTC."""
    from datetime import timezone

    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
