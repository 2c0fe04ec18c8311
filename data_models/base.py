"""Declarative base shared by every model; plain SQLAlchemy so workers and CLI need no Flask."""
from datetime import datetime, timezone
from enum import StrEnum

from sqlalchemy import DateTime, MetaData
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Stable constraint names keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Current time in UTC, evaluated per row (never once at import)."""
    return datetime.now(timezone.utc)


class LabelledEnum(StrEnum):
    """Values a String column stores, each with its Chinese label: `DRAFT = "draft", "起草中"`."""

    label: str

    def __new__(cls, value: str, label: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def known(cls, value: str) -> bool:
        return value in cls._value2member_map_

    @classmethod
    def label_of(cls, value: str) -> str:
        """The Chinese name of a stored value; an unknown value is shown as it is."""
        return cls(value).label if cls.known(value) else value

    @classmethod
    def labels(cls) -> dict[str, str]:
        return {member.value: member.label for member in cls}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
