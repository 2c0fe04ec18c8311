"""Objects of another committee (西山县 and the city above) for the URL-walk tests to aim at."""
import hashlib
from datetime import date

import pytest
from sqlalchemy import select

from core.audit import record
from data_models import (ApiToken, AuditEvent, Base, CollectionRequest, OutboxMessage, ProofreadIgnore, Record, RecordCategory,
                         RenderedDocument, ReviewEvent, SectionVersion, Submission, TaskRun, User, Visit)
from tests.review.conftest import gen_report


def _category(session) -> RecordCategory:
    category = session.scalars(select(RecordCategory)).first()
    if category is None:
        category = RecordCategory(key="meeting", name="会议")
        session.add(category)
        session.flush()
    return category


def gen_foreign_objects(session, committee, superior) -> dict[str, int]:
    """One object of every kind, owned by `committee` (requests issued by `superior`); table → id."""
    user = session.scalars(select(User).where(User.committee_id == committee.id)).first()
    report = gen_report(session, committee, owner=user, title=f"{committee.short_name}机密总结")
    section = report.sections[-1]
    objects = {
        "record": Record(committee_id=committee.id, category_id=_category(session).id, date=date(2024, 3, 1),
                         title=f"{committee.short_name}机密会议"),
        "rendered_document": RenderedDocument(report_id=report.id, version=1, filename="机密.docx", docx=b"PK",
                                              content_hash="0" * 64),
        "task_run": TaskRun(committee_id=committee.id, name="render", state="succeeded"),
        "api_token": ApiToken(committee_id=committee.id, name="提案系统", prefix="zzzz",
                              token_hash=hashlib.sha256(committee.name.encode()).hexdigest()),
        "collection_request": CollectionRequest(committee_id=superior.id, title="报送通知", kind="annual_summary",
                                                period_start=date(2024, 1, 1), period_end=date(2024, 12, 31),
                                                deadline=date(2025, 1, 10), target_ids=[committee.id]),
        "review_event": ReviewEvent(report_id=report.id, action="submitted"),
        "section_version": SectionVersion(section_id=section.id, version=1, heading=section.heading),
        "proofread_ignore": ProofreadIgnore(report_id=report.id, rule="word.qita", fingerprint=""),
        "outbox_message": OutboxMessage(committee_id=committee.id, destination="http://127.0.0.1:9/api/upward/submissions",
                                        idempotency_key=f"o{committee.id}", payload=b"{}"),
        "audit_event": record(session, "report.create", user_id=user.id, committee_id=committee.id),
        "visit": Visit(committee_id=committee.id, delegation=f"{committee.short_name}机密考察团", size=5,
                       start_date=date(2024, 5, 20), end_date=date(2024, 5, 20), period_start=date(2023, 1, 1),
                       period_end=date(2023, 12, 31), section_ids=[]),
    }
    session.add_all(objects.values())
    session.flush()
    objects["submission"] = Submission(request_id=objects["collection_request"].id, committee_id=committee.id,
                                       idempotency_key=f"k{committee.id}", docx=b"PK", content_hash="0" * 64)
    session.add(objects["submission"])
    session.commit()
    ids = {name: obj.id for name, obj in objects.items()}
    ids.update(report=report.id, section=section.id, committee=committee.id, user_account=user.id, user=user.id)
    return ids


@pytest.fixture
def foreign(db_session, demo):
    """Ids of 西山县's objects; a 东湖县 user must not see or touch any of them."""
    return gen_foreign_objects(db_session, demo.county_b, demo.city)


@pytest.fixture
def own_objects(db_session, demo):
    """Ids of 东湖县's own objects (for the CSRF walk: a valid target, only the token missing)."""
    return gen_foreign_objects(db_session, demo.county_a, demo.city)


def snapshot(session) -> str:
    """Every row of every table except the audit log, as text, to prove a request wrote nothing."""
    session.expire_all()
    rows = []
    for table in Base.metadata.sorted_tables:
        if table.name == AuditEvent.__tablename__:
            continue
        rows.append(f"{table.name}: {sorted(map(repr, session.execute(select(table)).all()))}")
    return "\n".join(rows)
