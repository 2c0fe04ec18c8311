"""Reports and their section tree (preamble, parts, sections, subsections, items, closing)."""
from datetime import date, datetime
from typing import ClassVar, Optional

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, LabelledEnum, TimestampMixin, utcnow


class ReportStatus(LabelledEnum):
    """A report's place in the review workflow: draft → in_review → returned / approved → sent.

    The values are what Report.status stores and URLs carry; `label` is the Chinese name pages and
    messages show. The sets below are the only lists of statuses in the code.
    """

    DRAFT = "draft", "起草中"
    IN_REVIEW = "in_review", "待审核"
    RETURNED = "returned", "已退回"
    APPROVED = "approved", "已审定"
    SENT = "sent", "已报送"

    EDITABLE: ClassVar[tuple["ReportStatus", ...]]  # its text may change
    FROZEN: ClassVar[tuple["ReportStatus", ...]]  # under review or passed: changed only by a revision
    IN_PROGRESS: ClassVar[tuple["ReportStatus", ...]]  # not yet approved: someone still works on it
    PASSED: ClassVar[tuple["ReportStatus", ...]]  # approved (and perhaps sent): may be revised
    SUBMITTABLE: ClassVar[tuple["ReportStatus", ...]]  # may be submitted to the superior
    BRIEFABLE: ClassVar[tuple["ReportStatus", ...]]  # its sections may be quoted in a visit's briefing


ReportStatus.EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)
ReportStatus.FROZEN = tuple(status for status in ReportStatus if status not in ReportStatus.EDITABLE)
ReportStatus.PASSED = (ReportStatus.APPROVED, ReportStatus.SENT)
ReportStatus.IN_PROGRESS = tuple(status for status in ReportStatus if status not in ReportStatus.PASSED)
ReportStatus.SUBMITTABLE = ReportStatus.BRIEFABLE = ReportStatus.PASSED



class NodeType(LabelledEnum):
    """What one node of a report's section tree is; values as Section.node_type stores them.

    The editor, the importer, numbering, proofreading and visit briefings all read the types and their
    Chinese names from here. The editor's script keeps a copy (frontend/src/vocab.js), checked by a test.
    """

    PREAMBLE = "preamble", "导语"  # a paragraph before the first heading (or at the head of a part)
    PART = "part", "部分"  # 一、… in a report of parts
    SECTION = "section", "节"
    SUBSECTION = "subsection", "小节"
    ITEM = "item", "条目"  # a lead sentence (引导句) and its text
    SHORTCOMINGS = "shortcomings", "存在问题"
    CLOSING = "closing", "结束语"

    HEADINGS: ClassVar[tuple["NodeType", ...]]  # carry a heading (numbered by their level), not a lead


NodeType.HEADINGS = (NodeType.PART, NodeType.SECTION, NodeType.SUBSECTION)

# The text fields of a node, as forms, the editor API and the editor's script name them.
TEXT_FIELDS = ("heading", "lead", "body")
SECTION_KEYS = (
    "political_guidance",
    "consultation",
    "supervision",
    "member_role",
    "self_building",
    "next_points",
)


class Report(TimestampMixin, Base):
    __tablename__ = "report"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committee.id"), index=True)
    kind: Mapped[str] = mapped_column(String(40))  # a key of core.kinds.KINDS
    title: Mapped[str] = mapped_column(String(200))
    # The line under the title: ——在…会议上 (常委会工作报告), ——…解读 (解读); may quote report variables.
    subtitle: Mapped[str] = mapped_column(String(200), default="", server_default="")
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    cutoff_date: Mapped[Optional[date]] = mapped_column(Date)  # 截至12月20日
    status: Mapped[str] = mapped_column(String(20), default=ReportStatus.DRAFT.value)
    revision: Mapped[int] = mapped_column(default=1)
    previous_id: Mapped[Optional[int]] = mapped_column(ForeignKey("report.id"))
    # Kind-specific settings: meeting, speaker, salutation, signature, issue date, numbering.
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    # Set on a visit's packet (交流考察材料, kind visit_packet): assembled from the visit, not from sections.
    # The only link between the two: visit.report reads it from the other side.
    visit_id: Mapped[Optional[int]] = mapped_column(ForeignKey("visit.id"), index=True)

    committee: Mapped["Committee"] = relationship()  # noqa: F821
    visit: Mapped[Optional["Visit"]] = relationship(back_populates="report")  # noqa: F821
    sections: Mapped[list["Section"]] = relationship(
        back_populates="report", order_by="Section.position", cascade="all, delete-orphan"
    )


class Section(Base):
    """One node of a report's text tree; numbering is derived from its place, never stored."""

    __tablename__ = "section"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), index=True)
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("section.id"))
    position: Mapped[int] = mapped_column(default=0)
    node_type: Mapped[str] = mapped_column(String(20), default=NodeType.SECTION.value)  # a NodeType
    key: Mapped[str] = mapped_column(String(40), default="")  # one of SECTION_KEYS or ""
    heading: Mapped[str] = mapped_column(String(300), default="")
    lead: Mapped[str] = mapped_column(String(300), default="")  # lead sentence of an item
    body: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(default=1)
    updated_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    report: Mapped[Report] = relationship(back_populates="sections")
    # Concurrent saves are caught by the ORM: UPDATE … WHERE version = :seen.
    __mapper_args__ = {"version_id_col": version}


class SectionVersion(Base):
    """Every saved state of a section, so any earlier text can be restored."""

    __tablename__ = "section_version"

    id: Mapped[int] = mapped_column(primary_key=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column()
    heading: Mapped[str] = mapped_column(String(300), default="")
    lead: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    saved_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    saved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ReviewEvent(Base):
    """A step of the review workflow: submitted, returned with comments, approved, sent."""

    __tablename__ = "review_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), index=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    action: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SectionComment(Base):
    """A reviewer's remark on one section of a report; the drafter sees it at that section."""

    __tablename__ = "section_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id", ondelete="CASCADE"), index=True)
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
