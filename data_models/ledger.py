"""The ledger (台账): categories and types as data, and the records staff keep through the year."""
from datetime import date, datetime
from decimal import Decimal
from typing import Optional

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Index, LargeBinary, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin, utcnow


class RecordCategory(Base):
    """A ledger category (会议, 提案, 社情民意…); admins extend the seeded catalogue.

    committee_id None: a platform default every committee sees (changed by a platform
    administrator only); otherwise a committee's own addition, seen by it and the committees below.
    """

    __tablename__ = "record_category"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    sort_order: Mapped[int] = mapped_column(default=0)
    committee_id: Mapped[Optional[int]] = mapped_column(ForeignKey("committee.id"), index=True)
    # Category-specific fields: [{"key": "handling_units", "label": "承办单位", "type": "text"}]
    fields: Mapped[list] = mapped_column(JSON, default=list)

    types: Mapped[list["RecordType"]] = relationship(
        back_populates="category", order_by="RecordType.sort_order, RecordType.id"
    )


class RecordType(Base):
    """A type within a category (党组会议, 主席会议 under 会议)."""

    __tablename__ = "record_type"
    __table_args__ = (UniqueConstraint("category_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("record_category.id"))
    key: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(60))
    sort_order: Mapped[int] = mapped_column(default=0)
    committee_id: Mapped[Optional[int]] = mapped_column(ForeignKey("committee.id"), index=True)  # as above

    category: Mapped[RecordCategory] = relationship(back_populates="types")


class Record(TimestampMixin, Base):
    """One ledger entry: a meeting held, a proposal received, a visit received…"""

    __tablename__ = "record"
    __table_args__ = (
        UniqueConstraint("committee_id", "external_id"),
        Index("ix_record_lookup", "committee_id", "category_id", "type_id", "date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("record_category.id"))
    type_id: Mapped[Optional[int]] = mapped_column(ForeignKey("record_type.id"))
    date: Mapped[date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    count: Mapped[int] = mapped_column(default=1)
    persons: Mapped[int] = mapped_column(default=0)  # 人次
    amount: Mapped[Decimal] = mapped_column(Numeric(16, 2), default=0)  # 元
    attrs: Mapped[dict] = mapped_column(JSON, default=dict)
    note: Mapped[str] = mapped_column(Text, default="")
    external_id: Mapped[Optional[str]] = mapped_column(String(100))
    source: Mapped[str] = mapped_column(String(20), default="web")  # web / excel / api / demo
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))

    category: Mapped[RecordCategory] = relationship()
    type: Mapped[Optional[RecordType]] = relationship()


class LedgerUpload(Base):
    """An uploaded workbook waiting for (or kept after) a background import; jobs receive its id."""

    __tablename__ = "ledger_upload"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)
    filename: Mapped[str] = mapped_column(String(200))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
