"""Password hashing (scrypt via Werkzeug) and checking."""
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from data_models import User

_METHOD = "scrypt"


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=_METHOD)


def verify_user(session: Session, username: str, password: str) -> User | None:
    """The active user with this username and password, or None; timing does not leak which failed."""
    user = session.scalars(select(User).where(User.username == username)).first()
    if user is None:
        check_password_hash(_dummy_hash(), password)
        return None
    if not check_password_hash(user.password_hash, password) or not user.active:
        return None
    if not user.password_hash.startswith(_METHOD):
        user.password_hash = hash_password(password)
    return user


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Made on first use, not at import: scrypt costs a noticeable part of every process start."""
    return hash_password("not-a-real-password")
