"""A seeded catalogue, the demo committees, and a helper that writes ledger records."""
from datetime import date

import pytest
from sqlalchemy import select

from core.metrics.definitions import seed_catalogue
from data_models import Record, RecordCategory, RecordType


class Ledger:
    def __init__(self, session):
        self.session = session
        rows = session.execute(select(RecordCategory.key, RecordType.key, RecordCategory.id, RecordType.id)
                               .join(RecordType.category)).all()
        self.ids = {(c, t): (cid, tid) for c, t, cid, tid in rows}

    def add(self, committee, category, type_key, day, title="记录", **fields) -> Record:
        category_id, type_id = self.ids[(category, type_key)]
        record = Record(committee_id=committee.id, category_id=category_id, type_id=type_id,
                        date=date.fromisoformat(day) if isinstance(day, str) else day, title=title, **fields)
        self.session.add(record)
        self.session.flush()
        return record


@pytest.fixture
def ledger(db_session, demo):
    seed_catalogue(db_session)
    db_session.commit()
    return Ledger(db_session)
