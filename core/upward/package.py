"""A submission package: the approved report's .docx, its PDF (and OFD when asked), its numbers as data,
and a content hash.

The same package travels inside one deployment (accept_package directly) and between deployments
(to_payload → HTTP → from_payload → accept_package), so both paths check the same rules.
"""
import base64
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from datetime import date
from typing import Optional

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import audit
from core.kinds import kind_label
from core.metrics import formats
from core.metrics.periods import Period
from core.uploads import DOCX, MB, Limits, UploadRefused, check_upload
from data_models import CollectionRequest, Committee, Submission

from . import UpwardError
from . import messages as msg
from .requests import target_of

SCHEMA_VERSION = 1


class UpwardForbidden(UpwardError):
    """The sender may not submit this (wrong committee, not a target)."""


class UpwardConflict(UpwardError):
    """An idempotency key reused for different content."""


@dataclass
class Package:
    committee_name: str
    committee_short_name: str
    title: str
    kind: str
    period: Period
    docx: bytes
    pdf: Optional[bytes]
    pdf_note: str
    metrics: dict  # metrics_document(): {"schema_version", "committee", "period", "values": [...]}
    content: Optional[dict] = None  # DocumentContent as data (dataclasses.asdict), for 汇编
    source_report_id: Optional[int] = None
    submitted_by: str = ""
    ofd: Optional[bytes] = None  # GB/T 33190, when the request asks for it

    @property
    def content_hash(self) -> str:
        """SHA-256 over everything the superior keeps: .docx, PDF, numbers, text and any OFD (a package
        without one hashes as before)."""
        digest = hashlib.sha256()
        parts = (self.docx, self.pdf or b"", _canonical(self.metrics), _canonical(self.content))
        for part in parts + ((self.ofd,) if self.ofd else ()):
            digest.update(hashlib.sha256(part).digest())
        return digest.hexdigest()

    def to_payload(self, request_ref: int, idempotency_key: str) -> dict:
        return {
            "schema_version": SCHEMA_VERSION, "idempotency_key": idempotency_key, "request_id": request_ref,
            "committee": {"name": self.committee_name, "short_name": self.committee_short_name},
            "report": {"title": self.title, "kind": self.kind, "period_start": self.period.start.isoformat(),
                       "period_end": self.period.end.isoformat(), "source_report_id": self.source_report_id,
                       "submitted_by": self.submitted_by},
            "docx": _b64(self.docx), "pdf": _b64(self.pdf) if self.pdf else None, "pdf_note": self.pdf_note,
            "metrics": self.metrics, "content": self.content, "content_hash": self.content_hash,
            "ofd": _b64(self.ofd) if self.ofd else None,
        }

    @classmethod
    def from_payload(cls, payload: dict) -> "Package":
        """Read a payload; a malformed one or one whose hash does not match is refused."""
        try:
            if payload["schema_version"] != SCHEMA_VERSION:
                raise UpwardError(msg.BAD_PACKAGE.format(detail="schema_version"))
            report, committee = payload["report"], payload["committee"]
            package = cls(
                committee_name=str(committee["name"]), committee_short_name=str(committee.get("short_name", "")),
                title=str(report["title"]), kind=str(report["kind"]),
                period=Period(date.fromisoformat(report["period_start"]), date.fromisoformat(report["period_end"])),
                docx=base64.b64decode(payload["docx"], validate=True),
                pdf=base64.b64decode(payload["pdf"], validate=True) if payload.get("pdf") else None,
                pdf_note=str(payload.get("pdf_note", "")), metrics=dict(payload["metrics"]),
                content=dict(payload["content"]) if payload.get("content") is not None else None,
                source_report_id=int(report["source_report_id"]) if report.get("source_report_id") is not None else None,
                submitted_by=str(report.get("submitted_by", ""))[:64],
                ofd=base64.b64decode(payload["ofd"], validate=True) if payload.get("ofd") else None,
            )
        except KeyError as error:  # Python's own text never reaches the sender
            raise UpwardError(msg.BAD_PACKAGE.format(detail=msg.MISSING_FIELD.format(name=error.args[0]))) from None
        except (TypeError, ValueError, AttributeError, OverflowError):
            raise UpwardError(msg.BAD_PACKAGE.format(detail=msg.BAD_FIELD)) from None
        _check_metrics(package.metrics)
        try:  # from another deployment: a genuine, macro-free .docx only (no zip bomb for the 汇编 to open)
            check_upload(package.docx, "package.docx", DOCX, Limits(max_bytes=50 * MB))
        except UploadRefused as refused:
            raise UpwardError(msg.BAD_PACKAGE.format(detail=refused)) from None
        if package.ofd is not None and not _is_ofd(package.ofd):
            raise UpwardError(msg.BAD_PACKAGE.format(detail="ofd"))
        if payload.get("content_hash") != package.content_hash:
            raise UpwardError(msg.BAD_HASH)
        return package


def _check_metrics(metrics: dict) -> None:
    """Numbers as data (schema 1): a list of {key, label, unit, kind, value}; anything else is refused."""
    values = metrics.get("values")
    ok = metrics.get("schema_version") == SCHEMA_VERSION and isinstance(values, list) and all(
        isinstance(row, dict) and all(isinstance(row.get(f), str) for f in ("key", "label", "unit", "kind"))
        and (row.get("value") is None or isinstance(row["value"], (int, float, list)))
        and (row.get("decimals") is None or (type(row["decimals"]) is int and 0 <= row["decimals"] <= 6))
        and (row.get("items") is None or (isinstance(row["items"], list) and all(isinstance(i, str) for i in row["items"])))
        for row in values)
    if not ok:
        raise UpwardError(msg.BAD_PACKAGE.format(detail="metrics"))


def _is_ofd(data: bytes) -> bool:
    """A zip package whose entry point is OFD.xml, within the size a package may have."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            return "OFD.xml" in package.namelist() and sum(i.file_size for i in package.infolist()) < 200 * MB
    except zipfile.BadZipFile:
        return False


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _canonical(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def metrics_document(values, committee: Committee, period: Period) -> dict:
    """MetricValue objects as versioned data (the 'numbers as data' part of a package).

    Values are rounded to the catalogue's decimals (formats.json_value); a distinct count also lists
    its distinct values ("items"), so the superior can count a bureau shared by two counties once."""
    return {
        "schema_version": SCHEMA_VERSION, "committee": committee.name,
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat(), "label": period.label},
        "values": [_metric_row(v) for v in values],
    }


def _metric_row(value) -> dict:
    row = {"key": value.key, "label": value.label, "unit": value.unit, "kind": value.kind,
           "value": formats.json_value(value.value, value.decimals), "decimals": value.decimals}
    if value.items is not None:
        row["items"] = [str(item) for item in value.items]
    return row


def accept_package(session: Session, *, request_id: int, sender: Committee, package: Package,
                   idempotency_key: str, channel: str = "local", user_id: int | None = None) -> tuple[Submission, bool]:
    """Store a package exactly once per idempotency key; a new one supersedes the sender's last. -> (row, created)"""
    existing = _by_key(session, idempotency_key)
    if existing is not None:
        return _same_or_conflict(existing, sender, package), False
    request = session.get(CollectionRequest, request_id)
    if request is None:
        raise UpwardError(msg.UNKNOWN_REQUEST.format(id=request_id))
    _check_matches(session, request, sender, package)
    try:
        with session.begin_nested():
            session.execute(update(Submission).where(
                Submission.request_id == request.id, Submission.committee_id == sender.id,
                Submission.superseded.is_(False)).values(superseded=True))
            submission = _new_submission(request, sender, package, idempotency_key, channel)
            session.add(submission)
            session.flush()
    except IntegrityError:  # the same key arrived twice at once: the other one won
        existing = _by_key(session, idempotency_key)
        if existing is None:
            raise
        return _same_or_conflict(existing, sender, package), False
    audit.record(session, "upward.submit", user_id=user_id, committee_id=sender.id, object_type="submission",
                 object_id=submission.id, request=request.id, channel=channel, content_hash=submission.content_hash)
    return submission, True


def _by_key(session: Session, key: str) -> Submission | None:
    return session.scalars(select(Submission).where(Submission.idempotency_key == key)).first()


def _same_or_conflict(existing: Submission, sender: Committee, package: Package) -> Submission:
    if existing.committee_id != sender.id or existing.content_hash != package.content_hash:
        raise UpwardConflict(msg.KEY_REUSED)
    return existing


def _check_matches(session: Session, request: CollectionRequest, sender: Committee, package: Package) -> None:
    if package.committee_name != sender.name:
        raise UpwardForbidden(msg.WRONG_COMMITTEE.format(token=sender.name, sender=package.committee_name))
    if target_of(session, request.id, sender.id) is None:
        raise UpwardForbidden(msg.NOT_TARGET)
    if package.kind != request.kind:
        raise UpwardError(msg.WRONG_KIND.format(got=kind_label(package.kind),
                                                want=kind_label(request.kind)))
    wanted = Period(request.period_start, request.period_end)
    if package.period != wanted:
        raise UpwardError(msg.WRONG_PERIOD.format(got=package.period.label, want=wanted.label))


def _new_submission(request, sender, package: Package, key: str, channel: str) -> Submission:
    return Submission(
        request_id=request.id, committee_id=sender.id, idempotency_key=key, schema_version=SCHEMA_VERSION,
        title=package.title, docx=package.docx, pdf=package.pdf, pdf_note=package.pdf_note, ofd=package.ofd,
        metrics=package.metrics, content=package.content, content_hash=package.content_hash,
        source_report_id=package.source_report_id, channel=channel, submitted_by=package.submitted_by,
    )


def submission_history(session: Session, request_id: int, committee_id: int) -> list[Submission]:
    stmt = select(Submission).where(Submission.request_id == request_id, Submission.committee_id == committee_id)
    return list(session.scalars(stmt.order_by(Submission.id.desc())))
