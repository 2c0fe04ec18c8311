"""The audit log sees create, change, approve, render, download and import, made through the web."""
from sqlalchemy import select

from data_models import AuditEvent, Section
from tests.review.conftest import gen_report, user


def _actions(db_session) -> list[str]:
    db_session.expire_all()
    return db_session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()


def test_structural_section_changes_are_audited(client, demo, db_session):
    report = gen_report(db_session, demo.county_a)
    item = next(s for s in report.sections if s.node_type == "item")
    drafter = user(db_session, "donghu_drafter")
    client.login("donghu_drafter")
    client.post(f"/reports/{report.id}/sections", data={"node_type": "item", "parent_id": item.parent_id,
                                                        "heading": "新条目"})
    client.post(f"/reports/{report.id}/sections/{item.id}/move", data={"direction": "down"})
    client.post(f"/reports/{report.id}/sections/{item.id}/owner", data={"owner_id": drafter.id})
    client.post(f"/reports/{report.id}/sections/{item.id}/delete", data={})
    assert _actions(db_session) == ["section.add", "section.move", "section.owner", "section.delete"]
    owner = db_session.scalars(select(AuditEvent).where(AuditEvent.action == "section.owner")).one()
    assert owner.user_id == drafter.id and owner.detail == {"report_id": report.id, "owner_id": str(drafter.id)}
    assert db_session.get(Section, item.id) is None


def test_refused_change_is_not_audited(client, demo, db_session):
    report = gen_report(db_session, demo.county_a, status="approved")
    item = next(s for s in report.sections if s.node_type == "item")
    client.login("donghu_drafter")
    client.post(f"/reports/{report.id}/sections/{item.id}/delete", data={})
    assert _actions(db_session) == []
    assert db_session.get(Section, item.id) is not None
