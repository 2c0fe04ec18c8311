"""VisitStatus: the visit's stored values and their Chinese labels, as the pages show them."""
from sqlalchemy import text

from core.visits.reception import receive_visit
from core.visits.service import cancel_visit
from data_models import VisitStatus


def test_every_visit_status_has_its_own_chinese_label():
    labels = [status.label for status in VisitStatus]
    assert all(labels) and len(set(labels)) == len(labels)
    assert VisitStatus.label_of("received") == VisitStatus.RECEIVED.label
    assert VisitStatus.label_of("postponed") == "postponed"


def test_a_received_visit_is_stored_and_shown_as_received(client, db_session, visit):
    receive_visit(db_session, visit)
    db_session.commit()
    stored = db_session.execute(text("SELECT status FROM visit WHERE id = :id"), {"id": visit.id}).scalar_one()
    assert stored == "received"
    client.login("xishan_drafter")
    assert VisitStatus.RECEIVED.label in client.get(f"/visits/{visit.id}").get_data(as_text=True)


def test_a_cancelled_visit_is_stored_as_cancelled(db_session, visit):
    cancel_visit(db_session, visit)
    db_session.commit()
    stored = db_session.execute(text("SELECT status FROM visit WHERE id = :id"), {"id": visit.id}).scalar_one()
    assert stored == "cancelled"
