"""Exchange visits (交流考察): a delegation received, its agenda and contacts, and the packet made for it."""
from datetime import date, datetime
from typing import Optional

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, LabelledEnum, TimestampMixin


class VisitStatus(LabelledEnum):
    """A visit planned, received (and in the ledger) or cancelled; values as the status column stores them."""

    PLANNED = "planned", "筹备中"
    RECEIVED = "received", "已接待"
    CANCELLED = "cancelled", "已取消"


CONTACT_SIDES = ("host", "guest")  # 接待方 / 来访方


class Visit(TimestampMixin, Base):
    __tablename__ = "visit"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)  # the host
    delegation: Mapped[str] = mapped_column(String(200))  # 政协东湖县委员会考察团
    leader: Mapped[str] = mapped_column(String(60), default="")  # 带队领导 name
    leader_post: Mapped[str] = mapped_column(String(60), default="")  # 主席, 副主席…
    size: Mapped[int] = mapped_column(default=0)  # 人数
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    topics: Mapped[str] = mapped_column(Text, default="")  # 考察重点 / topics of interest
    host_leader: Mapped[str] = mapped_column(String(100), default="")  # who receives (我方主要领导)
    # The period whose numbers the packet quotes, and the approved-report sections it draws on.
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    section_ids: Mapped[list] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(20), default=VisitStatus.PLANNED.value)
    # The ledger record made when the visit was received.
    record_id: Mapped[Optional[int]] = mapped_column(ForeignKey("record.id", ondelete="SET NULL"))
    received_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))

    committee: Mapped["Committee"] = relationship()  # noqa: F821
    # The report row its packets are kept under (kind visit_packet), linked by report.visit_id alone.
    report: Mapped[Optional["Report"]] = relationship(back_populates="visit", uselist=False)  # noqa: F821
    agenda: Mapped[list["VisitAgendaItem"]] = relationship(
        back_populates="visit", order_by="VisitAgendaItem.position", cascade="all, delete-orphan"
    )
    contacts: Mapped[list["VisitContact"]] = relationship(
        back_populates="visit", order_by="VisitContact.position", cascade="all, delete-orphan"
    )


class VisitAgendaItem(Base):
    """One line of the 日程安排: when, where, what, and who of ours accompanies."""

    __tablename__ = "visit_agenda_item"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    day: Mapped[date] = mapped_column(Date)
    time: Mapped[str] = mapped_column(String(40), default="")  # 9:00—10:30
    place: Mapped[str] = mapped_column(String(200), default="")
    activity: Mapped[str] = mapped_column(String(300))
    officials: Mapped[str] = mapped_column(String(300), default="")  # 陪同人员

    visit: Mapped[Visit] = relationship(back_populates="agenda")


class VisitContact(Base):
    """A contact person of the host or of the delegation (联系人)."""

    __tablename__ = "visit_contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    visit_id: Mapped[int] = mapped_column(ForeignKey("visit.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    side: Mapped[str] = mapped_column(String(10), default="host")
    name: Mapped[str] = mapped_column(String(60))
    post: Mapped[str] = mapped_column(String(100), default="")  # 职务
    phone: Mapped[str] = mapped_column(String(40), default="")
    duty: Mapped[str] = mapped_column(String(200), default="")  # 负责事项

    visit: Mapped[Visit] = relationship(back_populates="contacts")
