"""Receiving a visit writes one 接待考察 ledger record, so the next summary counts the delegation."""
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core.ledger.catalogue import CATEGORIES
from data_models import Record, RecordCategory, RecordType, Visit, VisitStatus
from data_models.base import utcnow

from . import messages as msg
from .errors import VisitError

CATEGORY_KEY, TYPE_KEY = "reception", "delegation"


def external_id(visit: Visit) -> str:
    return f"visit-{visit.id}"


def reception_type(session: Session) -> RecordType:
    """The 接待考察 / 接待外地考察团 type, created from the default catalogue if not seeded yet."""
    found = session.scalars(
        select(RecordType).join(RecordCategory)
        .where(RecordCategory.key == CATEGORY_KEY, RecordType.key == TYPE_KEY)
    ).first()
    if found is not None:
        return found
    key, name, types, fields = next(c for c in CATEGORIES if c[0] == CATEGORY_KEY)
    category = session.scalars(select(RecordCategory).where(RecordCategory.key == key)).first()
    if category is None:
        category = RecordCategory(key=key, name=name, sort_order=len(CATEGORIES),
                                  fields=[{"key": k, "label": label, "type": kind} for k, label, kind in fields])
        session.add(category)
    type_name = dict(types)[TYPE_KEY]
    found = RecordType(category=category, key=TYPE_KEY, name=type_name, sort_order=0)
    session.add(found)
    session.flush()
    return found


def receive_visit(session: Session, visit: Visit, user_id: int | None = None) -> tuple[Record, bool]:
    """Mark the visit received and upsert its ledger record (external id visit-<id>); True when new."""
    if visit.status == VisitStatus.CANCELLED:
        raise VisitError([msg.CANCELLED_CANNOT_RECEIVE])
    record, created = _ledger_record(session, visit, user_id)
    record.date = visit.start_date
    record.title = visit.delegation
    record.count = 1
    record.persons = visit.size
    record.attrs = {"leader": f"{visit.leader}{visit.leader_post}", "size": visit.size}
    record.note = visit.topics
    visit.status = VisitStatus.RECEIVED
    visit.received_at = visit.received_at or utcnow()
    session.flush()
    visit.record_id = record.id
    return record, created


def _ledger_record(session: Session, visit: Visit, user_id: int | None) -> tuple[Record, bool]:
    """The visit's record, inserted when missing; a simultaneous insert (unique external id) wins."""
    lookup = select(Record).where(Record.committee_id == visit.committee_id, Record.external_id == external_id(visit))
    record = session.scalars(lookup).first()
    if record is not None:
        return record, False
    kind = reception_type(session)
    record = Record(committee_id=visit.committee_id, category_id=kind.category_id, type_id=kind.id, date=visit.start_date,
                    title=visit.delegation, external_id=external_id(visit), source="visit", created_by_id=user_id)
    try:
        with session.begin_nested():
            session.add(record)
    except IntegrityError:
        return session.scalars(lookup).one(), False
    return record, True
