"""What changed in a report since its last submission: a track-changes diff per section.

A section's text at a moment is its last SectionVersion saved by then; the moment is the
submission before the one under review (or the last one, while the drafter is still editing).
Texts are compared after merging numbers, so the reviewer reads values, not placeholder codes.
"""
from dataclasses import dataclass, field
from datetime import datetime, timezone
from difflib import SequenceMatcher
from typing import Callable, Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from data_models import AuditEvent, Report, ReportStatus, ReviewEvent, Section, SectionVersion

Merge = Callable[[str], str]


@dataclass
class SectionChange:
    """One section's diff: pieces of ("same" | "added" | "removed", text) in reading order."""

    section_id: int
    state: str  # "added" (new since then), "changed", "same"
    pieces: list[tuple[str, str]] = field(default_factory=list)


def baseline_time(session: Session, report: Report) -> Optional[datetime]:
    """When the submission we compare against was made; None before any earlier submission."""
    times = list(session.scalars(select(ReviewEvent.created_at).where(
        ReviewEvent.report_id == report.id, ReviewEvent.action == "submitted").order_by(ReviewEvent.id.desc())))
    under_review = 1 if report.status in ReportStatus.FROZEN else 0
    return times[under_review] if len(times) > under_review else None


def texts_at(session: Session, report_id: int, moment: datetime) -> dict[int, SectionVersion]:
    """Each section's last saved version at `moment`, by section id."""
    rows = session.scalars(select(SectionVersion).join(Section, Section.id == SectionVersion.section_id)
                           .where(Section.report_id == report_id, SectionVersion.saved_at <= moment)
                           .order_by(SectionVersion.version, SectionVersion.id))
    return {version.section_id: version for version in rows}


def section_text(item: Section | SectionVersion, merge: Merge = str) -> str:
    """Heading, lead and body of a section as one merged text, a line each."""
    return "\n".join(merge(part) for part in (item.heading, item.lead, item.body) if part)


def diff_pieces(old: str, new: str) -> list[tuple[str, str]]:
    """Character diff of two texts (Chinese has no spaces between words), as track-changes pieces."""
    pieces: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("same", old[a1:a2]))
            continue
        if a2 > a1:
            pieces.append(("removed", old[a1:a2]))
        if b2 > b1:
            pieces.append(("added", new[b1:b2]))
    return pieces


def changes_since_submission(session: Session, report: Report, merge: Merge = str) -> Optional[dict[int, SectionChange]]:
    """Per section id, what changed since the baseline submission; None when there is none to compare."""
    moment = baseline_time(session, report)
    if moment is None:
        return None
    before = texts_at(session, report.id, moment)
    changes = {}
    for section in report.sections:
        new = section_text(section, merge)
        if section.id not in before:
            changes[section.id] = SectionChange(section.id, "added", [("added", new)] if new else [])
            continue
        old = section_text(before[section.id], merge)
        state = "same" if old == new else "changed"
        changes[section.id] = SectionChange(section.id, state, diff_pieces(old, new) if state == "changed" else [])
    return changes


def number_merger(report: Report, values: dict) -> Merge:
    """Merge placeholders the way the document does, for comparing texts as the reader sees them."""
    from core.drafting import context as ctx
    from core.drafting.merge import make_environment, merge_text

    env = make_environment(ctx.number_filters())
    names = ctx.merge_context(values, ctx.report_variables(report))
    return lambda text: merge_text(env, text, names).text


@dataclass
class RemovedSection:
    """A section the last submission had and the report no longer has (kept in the audit log)."""

    heading: str
    lead: str
    body: str


def removed_since_submission(session: Session, report: Report, merge: Merge = str) -> list[RemovedSection]:
    """Sections deleted after the baseline submission that existed at it, in deletion order."""
    moment = baseline_time(session, report)
    if moment is None:
        return []
    events = session.scalars(select(AuditEvent).where(
        AuditEvent.committee_id == report.committee_id, AuditEvent.action == "section.delete",
        AuditEvent.object_type == "section", AuditEvent.created_at > moment).order_by(AuditEvent.id))
    return [RemovedSection(*(merge(e.detail.get(part) or "") for part in ("heading", "lead", "body")))
            for e in events if e.detail.get("report_id") == report.id and _existed_at(e.detail.get("created"), moment)]


def _existed_at(created: Optional[str], moment: datetime) -> bool:
    if not created:
        return False
    return _utc(datetime.fromisoformat(created)) <= _utc(moment)


def _utc(moment: datetime) -> datetime:
    """Aware UTC; SQLite hands back naive times that are UTC."""
    return moment.replace(tzinfo=timezone.utc) if moment.tzinfo is None else moment.astimezone(timezone.utc)
