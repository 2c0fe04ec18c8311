"""Receiving a visit writes exactly one 接待考察 ledger record, however often it is pressed."""
import pytest
from sqlalchemy import func, select

from core.visits.reception import receive_visit
from core.visits.service import VisitError
from data_models import Record


def _records(db_session):
    return db_session.scalars(select(Record)).all()


def test_receiving_records_one_ledger_record(db_session, visit):
    record, created = receive_visit(db_session, visit)
    db_session.commit()
    assert created and visit.status == "received" and visit.record_id == record.id
    assert (record.category.key, record.type.key) == ("reception", "delegation")
    assert (record.committee_id, record.title, record.date.isoformat()) == (visit.committee_id, "政协东湖县委员会考察团", "2024-05-20")
    assert (record.external_id, record.persons, record.attrs["leader"]) == (f"visit-{visit.id}", 12, "李明主席")


def test_receiving_twice_keeps_one_record(db_session, visit):
    receive_visit(db_session, visit)
    db_session.commit()
    visit.delegation = "政协东湖县委员会学习考察团"
    _, created = receive_visit(db_session, visit)
    db_session.commit()
    assert not created
    assert [r.title for r in _records(db_session)] == ["政协东湖县委员会学习考察团"]


def test_cancelled_visit_cannot_be_received(db_session, visit):
    visit.status = "cancelled"
    with pytest.raises(VisitError):
        receive_visit(db_session, visit)
    assert db_session.scalar(select(func.count()).select_from(Record)) == 0


def test_editing_a_received_visit_updates_its_record(db_session, visit):
    from core.visits.service import save_visit

    from .conftest import visit_input

    receive_visit(db_session, visit)
    save_visit(db_session, visit.committee_id, visit_input(size=15), visit=visit)
    db_session.commit()
    assert [(r.persons, r.attrs["size"]) for r in _records(db_session)] == [(15, 15)]


def test_simultaneous_receive_keeps_one_record(db_session, visit, monkeypatch):
    """Another request inserted the record after our lookup: the unique external id decides, we update it."""
    from core.visits import reception

    receive_visit(db_session, visit)
    db_session.commit()
    real_scalars, calls = db_session.scalars, []

    def first_lookup_misses(statement, *args, **kwargs):
        calls.append(statement)
        result = real_scalars(statement, *args, **kwargs)
        if len(calls) == 1:
            result.first = lambda: None
        return result

    monkeypatch.setattr(db_session, "scalars", first_lookup_misses)
    record, created = reception.receive_visit(db_session, visit)
    db_session.commit()
    monkeypatch.undo()
    assert len(calls) == 3  # lookup, record type, lookup again after the refused insert
    assert not created and record.external_id == f"visit-{visit.id}"
    assert db_session.scalar(select(func.count()).select_from(Record)) == 1


def test_received_visit_counts_in_next_summary(db_session, visit):
    from core.metrics.engine import compute_metrics
    from core.metrics.periods import Period

    keys = ["delegations_received", "delegation_names"]
    receive_visit(db_session, visit)
    db_session.commit()
    values = compute_metrics(db_session, visit.committee_id, Period.year(2024), keys=keys)
    assert values["delegations_received"].value == 1
    assert values["delegation_names"].value == ["政协东湖县委员会考察团"]
