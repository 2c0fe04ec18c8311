"""SQLAlchemy models: plain declarative classes, usable from the web app, the worker and the CLI."""
from .audit import AuditEvent
from .base import Base
from .committee import Committee
from .ledger import LedgerUpload, Record, RecordCategory, RecordType
from .metric import MetricDefinition
from .proofreading import ProofreadIgnore
from .rendering import OfdState, PdfState, RenderedDocument, TaskRun, TaskState
from .report import NodeType, Report, ReportStatus, ReviewEvent, Section, SectionComment, SectionVersion
from .upward import CollectionRequest, OutboxMessage, OutboxState, RequestTarget, Submission, TargetState, UpwardLink
from .user import ApiRequestKey, ApiToken, LoginFailure, RememberToken, User
from .visit import Visit, VisitAgendaItem, VisitContact, VisitStatus

__all__ = [
    "ApiRequestKey", "ApiToken", "AuditEvent", "Base", "CollectionRequest", "Committee", "LedgerUpload", "LoginFailure",
    "MetricDefinition", "NodeType", "OfdState", "OutboxMessage", "OutboxState", "PdfState",
    "ProofreadIgnore", "Record", "RecordCategory", "RecordType", "RememberToken",
    "RenderedDocument", "Report", "ReportStatus",
    "RequestTarget", "ReviewEvent", "Section", "SectionComment", "SectionVersion", "Submission", "TaskRun",
    "TargetState", "TaskState", "UpwardLink", "User", "Visit", "VisitAgendaItem", "VisitContact", "VisitStatus",
]
