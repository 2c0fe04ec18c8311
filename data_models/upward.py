"""Upload upward: collection requests (报送通知), submissions and the outbox that sends them."""
from datetime import date, datetime
from typing import ClassVar, Optional

from sqlalchemy import JSON, Date, DateTime, ForeignKey, LargeBinary, String, Text, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, LabelledEnum, TimestampMixin, utcnow


class TargetState(LabelledEnum):
    """Where one subordinate stands on a request. Derived (never stored): see `of`."""

    SUBMITTED = "submitted", "已报送"
    LATE = "late", "逾期未报"
    PENDING = "pending", "待报送"

    OWED: ClassVar[tuple["TargetState", ...]]  # nothing received yet: the superior may remind (催报)

    @classmethod
    def of(cls, submitted: bool, deadline: date, today: date) -> "TargetState":
        """Submitted; else late once the deadline (inclusive) has passed; else pending."""
        return cls.SUBMITTED if submitted else (cls.LATE if today > deadline else cls.PENDING)


TargetState.OWED = (TargetState.LATE, TargetState.PENDING)


class OutboxState(LabelledEnum):
    """A package on its way to the superior's deployment; values as OutboxMessage.state stores them."""

    PENDING = "pending", "等待发送"
    SENT = "sent", "已送达"
    FAILED = "failed", "被上级拒收"

    UNSENT: ClassVar[tuple["OutboxState", ...]]  # not accepted yet: a reviewer may send it again


OutboxState.UNSENT = (OutboxState.PENDING, OutboxState.FAILED)


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
    want_ofd: Mapped[bool] = mapped_column(default=False, server_default=false())  # packages carry an OFD too
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))

    committee: Mapped["Committee"] = relationship()  # noqa: F821
    targets: Mapped[list["RequestTarget"]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="RequestTarget.id"
    )


class RequestTarget(Base):
    """One subordinate asked by a request, with the reminders (催报) sent to it."""

    __tablename__ = "request_target"
    __table_args__ = (UniqueConstraint("request_id", "committee_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("collection_request.id"), index=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)
    reminders: Mapped[int] = mapped_column(default=0)
    last_reminded_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))
    last_reminder_note: Mapped[str] = mapped_column(Text, default="")

    request: Mapped[CollectionRequest] = relationship(back_populates="targets")
    committee: Mapped["Committee"] = relationship()  # noqa: F821


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
    pdf_note: Mapped[str] = mapped_column(Text, default="")  # why there is no PDF
    ofd: Mapped[Optional[bytes]] = mapped_column(LargeBinary)  # when the request asked for one
    metrics: Mapped[dict] = mapped_column(JSON, default=dict)
    content: Mapped[Optional[dict]] = mapped_column(JSON)  # DocumentContent as data, for 汇编
    content_hash: Mapped[str] = mapped_column(String(64))
    superseded: Mapped[bool] = mapped_column(default=False)
    source_report_id: Mapped[Optional[int]] = mapped_column()
    channel: Mapped[str] = mapped_column(String(10), default="local")  # local / api
    submitted_by: Mapped[str] = mapped_column(String(64), default="")
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    committee: Mapped["Committee"] = relationship()  # noqa: F821


class UpwardLink(TimestampMixin, Base):
    """A committee's connection to its superior's own deployment: address and the token it issued."""

    __tablename__ = "upward_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), unique=True)  # local sender
    base_url: Mapped[str] = mapped_column(String(300))
    token: Mapped[str] = mapped_column(String(200))  # sent as a bearer token; issued by the superior
    # The superior's requests as last fetched, so a county can still submit while the superior is down.
    remote_requests: Mapped[list] = mapped_column(JSON, default=list)
    fetched_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))


class OutboxMessage(TimestampMixin, Base):
    """A package waiting to go to a superior's own deployment; retried until accepted."""

    __tablename__ = "outbox_message"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)
    destination: Mapped[str] = mapped_column(String(300))
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    state: Mapped[str] = mapped_column(String(20), default=OutboxState.PENDING.value)  # an OutboxState
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))
    request_ref: Mapped[Optional[int]] = mapped_column()  # the request's id at the destination
    report_id: Mapped[Optional[int]] = mapped_column(ForeignKey("report.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    response: Mapped[dict] = mapped_column(JSON, default=dict)  # the destination's answer when accepted
