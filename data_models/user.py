"""Staff accounts and machine tokens, each bound to one committee."""
from datetime import datetime
from typing import Optional

from sqlalchemy import DateTime, ForeignKey, Index, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, utcnow

ROLE_DRAFTER = "drafter"  # 起草
ROLE_REVIEWER = "reviewer"  # 审核
ROLE_ADMIN = "admin"  # 管理
ROLES = (ROLE_DRAFTER, ROLE_REVIEWER, ROLE_ADMIN)


class User(TimestampMixin, Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64), default="")
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[str] = mapped_column(String(20), default=ROLE_DRAFTER)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)
    active: Mapped[bool] = mapped_column(default=True)
    platform_admin: Mapped[bool] = mapped_column(default=False, server_default=false())  # the shared catalogue
    # Bumped by logout, password change and 强制下线: every session carrying an older one is void.
    session_generation: Mapped[int] = mapped_column(default=0, server_default="0")

    committee: Mapped["Committee"] = relationship()  # noqa: F821

    # The four members Flask-Login expects, written out so models never import Flask.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        """What the session stores: the id and the session generation (core.sessions)."""
        return f"{self.id}:{self.session_generation or 0}"

    def has_role(self, *roles: str) -> bool:
        """Admins may do everything a drafter or reviewer may."""
        return self.role in roles or self.role == ROLE_ADMIN


class ApiToken(TimestampMixin, Base):
    """A token another system (提案系统, a subordinate deployment) uses; scoped to one committee."""

    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(12), index=True)
    token_hash: Mapped[str] = mapped_column(String(128), unique=True)
    scopes: Mapped[str] = mapped_column(String(200), default="records")
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    revoked_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))
    last_used_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))

    committee: Mapped["Committee"] = relationship()  # noqa: F821


class ApiRequestKey(TimestampMixin, Base):
    """An Idempotency-Key a token used to create something: the same request again returns the same object."""

    __tablename__ = "api_request_key"
    __table_args__ = (UniqueConstraint("token_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("api_token.id"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    fingerprint: Mapped[str] = mapped_column(String(64))  # sha256 of the request body
    object_id: Mapped[int] = mapped_column()


class RememberToken(Base):
    """A "remember me" login: random, stored as a hash, expiring, revoked with the user's sessions."""

    __tablename__ = "remember_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class LoginFailure(Base):
    """One failed sign-in, counted per account and per address (the shared store without Redis)."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_key", "key", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))  # "user:<name>" or "ip:<address>"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
