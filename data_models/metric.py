"""Metric definitions as data: how records become the numbers a report quotes."""
from typing import Optional

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base

METRIC_KINDS = ("count", "sum", "distinct", "formula", "list")


class MetricDefinition(Base):
    __tablename__ = "metric_definition"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(60), unique=True)
    label: Mapped[str] = mapped_column(String(60), unique=True)  # placeholder name in text
    unit: Mapped[str] = mapped_column(String(10), default="")
    kind: Mapped[str] = mapped_column(String(20), default="count")
    category_key: Mapped[str] = mapped_column(String(40), default="")
    type_keys: Mapped[list] = mapped_column(JSON, default=list)
    field: Mapped[str] = mapped_column(String(40), default="")  # count / persons / amount / attr
    filters: Mapped[dict] = mapped_column(JSON, default=dict)  # attrs that must match
    formula: Mapped[str] = mapped_column(String(200), default="")
    period_basis: Mapped[str] = mapped_column(String(20), default="period")
    group: Mapped[str] = mapped_column(String(40), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    sort_order: Mapped[int] = mapped_column(default=0)
    rollup: Mapped[str] = mapped_column(String(20), default="", server_default="")  # "" = the kind's rule
    decimals: Mapped[Optional[int]] = mapped_column()  # None = the kind's default (rates 1, money 2)
    committee_id: Mapped[Optional[int]] = mapped_column(ForeignKey("committee.id"))
