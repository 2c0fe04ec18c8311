"""Staff accounts and machine tokens, each bound to one committee."""
from datetime import datetime
from typing import Optional

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin

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

    committee: Mapped["Committee"] = relationship()  # noqa: F821

    # The four members Flask-Login expects, written out so models never import Flask.
    is_authenticated = True
    is_anonymous = False

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return str(self.id)

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
