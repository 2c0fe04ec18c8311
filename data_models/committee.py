"""Committees (政协XX县委员会) form a tree: a city and the counties below it."""
from typing import Optional

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, TimestampMixin

LEVELS = ("province", "city", "county")


class Committee(TimestampMixin, Base):
    __tablename__ = "committee"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)  # 政协XX县委员会
    short_name: Mapped[str] = mapped_column(String(40))  # 县政协
    place: Mapped[str] = mapped_column(String(40), default="")  # XX县, used in 政协XX县第X届
    level: Mapped[str] = mapped_column(String(20), default="county")
    superior_id: Mapped[Optional[int]] = mapped_column(ForeignKey("committee.id"))
    sort_order: Mapped[int] = mapped_column(default=0)
    # Members, 界别, 专委会, 常委, functional party branches, fonts, signature...
    profile: Mapped[dict] = mapped_column(JSON, default=dict)

    superior: Mapped[Optional["Committee"]] = relationship(
        remote_side="Committee.id", back_populates="subordinates"
    )
    subordinates: Mapped[list["Committee"]] = relationship(
        back_populates="superior", order_by="Committee.sort_order, Committee.id"
    )

    def __repr__(self) -> str:
        return f"<Committee {self.id} {self.short_name}>"
