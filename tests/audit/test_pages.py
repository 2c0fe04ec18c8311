from datetime import datetime, timezone

from core.audit import record
from data_models import AuditEvent
from tests.review.conftest import user


def _events(db_session, demo):
    admin, drafter = user(db_session, "donghu_admin"), user(db_session, "donghu_drafter")
    for i in range(60):
        record(db_session, "record.create", user_id=drafter.id, committee_id=demo.county_a.id,
               object_type="record", object_id=i + 1, title=f"记录{i}")
    record(db_session, "report.approved", user_id=admin.id, committee_id=demo.county_a.id,
           object_type="report", object_id=5, title="东湖总结")
    old = record(db_session, "ledger.import", user_id=admin.id, committee_id=demo.county_a.id, rows=12)
    old.created_at = datetime(2024, 3, 1, 8, tzinfo=timezone.utc)
    record(db_session, "report.approved", user_id=None, committee_id=demo.county_b.id, title="西山总结")
    db_session.commit()
    return admin, drafter


def _rows(page: str) -> str:
    return page.split('id="audit-events"')[1].split("</table>")[0]


def test_admin_reads_own_committee_log_paginated(client, demo, db_session):
    _events(db_session, demo)
    client.login("donghu_admin")
    page = client.get("/audit/").get_data(as_text=True)
    assert "共 62 条记录，第 1/2 页" in page
    assert _rows(page).count("<tr>") == 51  # header + 50
    assert "西山总结" not in page and "下一页" in page
    second = client.get("/audit/?page=2").get_data(as_text=True)
    assert _rows(second).count("<tr>") == 13 and "导入台账" in second


def test_filters_by_user_action_and_date(client, demo, db_session):
    admin, drafter = _events(db_session, demo)
    client.login("donghu_admin")
    page = client.get(f"/audit/?user={admin.id}").get_data(as_text=True)
    assert "共 2 条记录" in page
    page = client.get("/audit/?action=report.approved").get_data(as_text=True)
    assert "共 1 条记录" in page and "审定文稿" in page and "东湖总结" in page
    page = client.get("/audit/?from=2024-01-01&to=2024-03-01").get_data(as_text=True)
    assert "共 1 条记录" in page and "行数：12" in page and "rows=12" not in page
    page = client.get("/audit/?from=2024-03-02").get_data(as_text=True)
    assert "共 61 条记录" in page


def test_bad_date_is_ignored_with_chinese_message(client, demo, db_session):
    _events(db_session, demo)
    client.login("donghu_admin")
    page = client.get("/audit/?from=昨天").get_data(as_text=True)
    assert "日期格式应为" in page and "共 62 条记录" in page


def test_non_admins_cannot_read_the_log(client, demo, db_session):
    _events(db_session, demo)
    for name in ("donghu_drafter", "donghu_reviewer"):
        client.login(name)
        assert client.get("/audit/").status_code == 403
        client.logout()
    assert db_session.query(AuditEvent).count() == 63


def test_details_and_times_read_in_chinese(client, demo, db_session):
    admin = user(db_session, "donghu_admin")
    event = record(db_session, "report.approved", user_id=admin.id, committee_id=demo.county_a.id,
                   object_type="report", object_id=7, title="东湖县工作总结", status_from="in_review",
                   status_to="approved", content_hash="ab" * 32)
    event.created_at = datetime(2026, 6, 30, 20, 15, 3, tzinfo=timezone.utc)
    db_session.commit()
    client.login("donghu_admin")
    row = _rows(client.get("/audit/").get_data(as_text=True))
    assert "原状态：待审核" in row and "新状态：已审定" in row and "文稿 #7" in row
    assert "2026-07-01 04:15:03" in row
    assert "status_from" not in row and "approved" not in row and "content_hash" not in row


def test_date_filters_are_beijing_days(client, demo, db_session):
    admin = user(db_session, "donghu_admin")
    late = record(db_session, "ledger.import", user_id=admin.id, committee_id=demo.county_a.id, rows=3)
    late.created_at = datetime(2026, 6, 30, 17, 0, tzinfo=timezone.utc)  # 1 July, 01:00 in Beijing
    db_session.commit()
    client.login("donghu_admin")
    assert "共 1 条记录" in client.get("/audit/?from=2026-07-01&to=2026-07-01").get_data(as_text=True)
    assert "共 0 条记录" in client.get("/audit/?from=2026-06-30&to=2026-06-30").get_data(as_text=True)
