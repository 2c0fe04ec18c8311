"""What staff told the proofreader to leave alone in one report."""
from datetime import datetime
from typing import Optional

from sqlalchemy import DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, utcnow


class ProofreadIgnore(Base):
    """忽略此处 (a rule at one spot, by context fingerprint) or 本文忽略此规则 (fingerprint empty)."""

    __tablename__ = "proofread_ignore"
    __table_args__ = (UniqueConstraint("report_id", "rule", "fingerprint"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    rule: Mapped[str] = mapped_column(String(60))
    fingerprint: Mapped[str] = mapped_column(String(32), default="")
    text: Mapped[str] = mapped_column(String(200), default="")  # what was flagged, for the list of ignores
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
