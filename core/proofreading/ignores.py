"""忽略此处 and 本文忽略此规则, stored per report; the caller owns the session and commits."""
from typing import Optional

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from data_models import ProofreadIgnore, Report

from . import messages
from .rules import rules_by_id


def ignored_pairs(session: Session, report_id: int) -> set[tuple[str, str]]:
    """(rule, fingerprint) pairs ignored in this report; an empty fingerprint ignores the rule."""
    rows = session.execute(select(ProofreadIgnore.rule, ProofreadIgnore.fingerprint)
                           .where(ProofreadIgnore.report_id == report_id))
    return {(rule, fingerprint) for rule, fingerprint in rows}


def ignore(session: Session, report: Report, rule: str, fingerprint: str = "", text: str = "",
           user_id: Optional[int] = None) -> ProofreadIgnore:
    """Remember an ignore (idempotent): fingerprint "" means the whole rule in this report."""
    if rule not in rules_by_id():
        raise ValueError(messages.UNKNOWN_RULE)
    existing = session.scalar(select(ProofreadIgnore).where(
        ProofreadIgnore.report_id == report.id, ProofreadIgnore.rule == rule,
        ProofreadIgnore.fingerprint == fingerprint))
    if existing:
        return existing
    row = ProofreadIgnore(report_id=report.id, rule=rule, fingerprint=fingerprint[:32], text=text[:200],
                          created_by_id=user_id)
    session.add(row)
    session.flush()
    return row


def unignore(session: Session, report: Report, ignore_id: int) -> None:
    session.execute(delete(ProofreadIgnore).where(ProofreadIgnore.id == ignore_id,
                                                  ProofreadIgnore.report_id == report.id))


def listed(session: Session, report_id: int) -> list[ProofreadIgnore]:
    return list(session.scalars(select(ProofreadIgnore).where(ProofreadIgnore.report_id == report_id)
                                .order_by(ProofreadIgnore.id)))


def copy_ignores(session: Session, from_report_id: int, to_report_id: int) -> None:
    """A new revision keeps what staff chose to ignore in the one it was made from."""
    for row in listed(session, from_report_id):
        session.add(ProofreadIgnore(report_id=to_report_id, rule=row.rule, fingerprint=row.fingerprint,
                                    text=row.text, created_by_id=row.created_by_id))
