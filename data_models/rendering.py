"""Rendered documents (every version kept) and background task progress."""
from datetime import datetime
from typing import ClassVar, Optional

from sqlalchemy import JSON, DateTime, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base, LabelledEnum, TimestampMixin, utcnow


class TaskState(LabelledEnum):
    """A background run's state: pending → running → succeeded, or → retrying → running … → failed.

    The values are what TaskRun.state stores and the REST API returns; `label` is the Chinese name
    pages show. The sets below are the only lists of states in the code.
    """

    PENDING = "pending", "排队中"
    RUNNING = "running", "进行中"
    RETRYING = "retrying", "失败，等待重试"
    SUCCEEDED = "succeeded", "已完成"
    FAILED = "failed", "失败"

    ACTIVE: ClassVar[tuple["TaskState", ...]]  # not finished: a page showing it refreshes itself
    FINISHED: ClassVar[tuple["TaskState", ...]]  # ended for good (a failed run may be retried by hand)


TaskState.ACTIVE = (TaskState.PENDING, TaskState.RUNNING, TaskState.RETRYING)
TaskState.FINISHED = (TaskState.SUCCEEDED, TaskState.FAILED)


class PdfState(LabelledEnum):
    """A version's PDF: pending → done, or → failed (LibreOffice gave up) / unavailable (no LibreOffice).

    The values are what RenderedDocument.pdf_state stores and the editor's JSON returns; `label` is the
    Chinese name pages show.
    """

    PENDING = "pending", "生成中"
    DONE = "done", "已生成"
    FAILED = "failed", "转换失败"
    UNAVAILABLE = "unavailable", "无法生成"

    TO_CONVERT: ClassVar[tuple["PdfState", ...]]  # a render asking for its PDF queues a conversion
    RETRYABLE: ClassVar[tuple["PdfState", ...]]  # staff may start the conversion again by hand


PdfState.TO_CONVERT = (PdfState.PENDING, PdfState.FAILED)
PdfState.RETRYABLE = (PdfState.FAILED, PdfState.UNAVAILABLE)


class OfdState(LabelledEnum):
    """A version's OFD, made only on request: none → pending → done or failed.

    The values are what RenderedDocument.ofd_state stores; `label` is the Chinese name pages show.
    """

    NONE = "none", "未生成"
    PENDING = "pending", "生成中"
    DONE = "done", "已生成"
    FAILED = "failed", "生成失败"

    REQUESTABLE: ClassVar[tuple["OfdState", ...]]  # staff may ask for it (again)


OfdState.REQUESTABLE = (OfdState.NONE, OfdState.FAILED)


class RenderedDocument(Base):
    __tablename__ = "rendered_document"
    __table_args__ = (UniqueConstraint("report_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("report.id"), index=True)
    version: Mapped[int] = mapped_column()
    filename: Mapped[str] = mapped_column(String(200))
    docx: Mapped[bytes] = mapped_column(LargeBinary)
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    pdf: Mapped[Optional[bytes]] = mapped_column(LargeBinary)
    pdf_state: Mapped[str] = mapped_column(String(20), default=PdfState.PENDING.value)  # a PdfState
    pdf_error: Mapped[str] = mapped_column(Text, default="")
    ofd: Mapped[Optional[bytes]] = mapped_column(LargeBinary)  # GB/T 33190, made from the PDF on request
    ofd_state: Mapped[str] = mapped_column(String(20), default=OfdState.NONE.value,
                                           server_default=OfdState.NONE.value)  # an OfdState
    ofd_error: Mapped[str] = mapped_column(Text, default="", server_default="")
    metric_values: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TaskRun(TimestampMixin, Base):
    """Progress of one background job as users see it; the job itself gets only this id."""

    __tablename__ = "task_run"

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[Optional[int]] = mapped_column(ForeignKey("committee.id"), index=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    name: Mapped[str] = mapped_column(String(60))
    state: Mapped[str] = mapped_column(String(20), default=TaskState.PENDING.value)  # a TaskState
    progress: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    result: Mapped[dict] = mapped_column(JSON, default=dict)
    attempts: Mapped[int] = mapped_column(default=0)
    finished_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))
    # What the run is about, as columns so pages find a report's or a visit's runs in SQL.
    report_id: Mapped[Optional[int]] = mapped_column(ForeignKey("report.id"), index=True)
    visit_id: Mapped[Optional[int]] = mapped_column(ForeignKey("visit.id"), index=True)
    request_id: Mapped[Optional[int]] = mapped_column(ForeignKey("collection_request.id"), index=True)
    output: Mapped[Optional[bytes]] = mapped_column(LargeBinary, deferred=True)  # a file the job made (汇编)
    # Who runs it ("host:pid") and when it last said so: a run whose worker is gone is failed, not left running.
    worker: Mapped[str] = mapped_column(String(100), default="")
    heartbeat_at: Mapped[Optional[datetime]] = mapped_column(DateTime(timezone=True))
