"""Upload upward: collection requests (报送通知), submissions and the outbox that sends them."""
from datetime import date, datetime
from typing import Optional

from sqlalchemy import JSON, Date, DateTime, ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, TimestampMixin, utcnow


class CollectionRequest(TimestampMixin, Base):
    __tablename__ = "collection_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)  # issuer
    title: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    deadline: Mapped[date] = mapped_column(Date)
    target_ids: Mapped[list] = mapped_column(JSON, default=list)  # subordinate committee ids
    note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))


class Submission(Base):
    """One package received by a superior; a resubmission adds a row and supersedes the last."""

    __tablename__ = "submission"

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("collection_request.id"), index=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)  # sender
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    schema_version: Mapped[int] = mapped_column(default=1)
    title: Mapped[str] = mapped_column(String(200), default="")
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    pdf: Mapped[Optional[bytes]] = mapped_column(LargeBinary)
    metrics: Mapped[dict] = mapped_column(JSON, default=dict)
    content_hash: Mapped[str] = mapped_column(String(64))
    superseded: Mapped[bool] = mapped_column(default=False)
    source_report_id: Mapped[Optional[int]] = mapped_column()
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OutboxMessage(TimestampMixin, Base):
    """A package waiting to go to a superior's own deployment; retried until accepted."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)
    destination: Mapped[str] = mapped_column(String(300))
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(20), default="pending")  # pending/sent/failed
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))
