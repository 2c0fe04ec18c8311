from datetime import datetime, timezone

from core import jobs
from core.review import workflow
from tests.review.conftest import gen_report, user


def test_dashboard_counts_reports_by_status(client, demo, db_session):
    gen_report(db_session, demo.county_a)
    gen_report(db_session, demo.county_a, status="approved", title="已审定的")
    gen_report(db_session, demo.county_b, status="approved", title="别县的")
    client.login("donghu_drafter")
    page = client.get("/").get_data(as_text=True)
    counts = page.split('id="status-counts"')[1].split("</section>")[0]
    assert '<span class="count">1</span> 起草中' in counts
    assert '<span class="count">1</span> 已审定' in counts
    assert "别县的" not in page


def test_dashboard_lists_my_sections(client, demo, db_session):
    drafter = user(db_session, "donghu_drafter")
    gen_report(db_session, demo.county_a, owner=drafter)
    client.login("donghu_drafter")
    mine = client.get("/").get_data(as_text=True).split('id="my-sections"')[1].split("</section>")[0]
    assert "坚持在强化政治引领上持续用力" in mine
    client.logout()
    client.login("donghu_reviewer")
    mine = client.get("/").get_data(as_text=True).split('id="my-sections"')[1].split("</section>")[0]
    assert "暂无分配给您的章节" in mine


def test_waiting_for_reviewer_and_for_drafter(client, demo, db_session):
    report = gen_report(db_session, demo.county_a, title="待审的总结")
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()
    client.login("donghu_reviewer")
    assert "待审的总结" in client.get("/").get_data(as_text=True).split('id="waiting"')[1].split("</section>")[0]
    client.logout()
    client.login("donghu_drafter")
    assert "暂无待处理的文稿" in client.get("/").get_data(as_text=True)
    workflow.return_for_changes(db_session, report, user(db_session, "donghu_reviewer"), "请补充数字")
    db_session.commit()
    waiting = client.get("/").get_data(as_text=True).split('id="waiting"')[1].split("</section>")[0]
    assert "待审的总结" in waiting and "请补充数字" in waiting
    client.logout()
    client.login("xishan_reviewer")
    assert "待审的总结" not in client.get("/").get_data(as_text=True)


def _part(page: str, anchor: str) -> str:
    return page.split(f'id="{anchor}"')[1].split("</section>")[0]


def test_waiting_comes_first_with_new_and_import_as_next_steps(client, demo, db_session):
    client.login("donghu_drafter")
    page = client.get("/").get_data(as_text=True)
    assert page.index('id="waiting"') < page.index('id="status-counts"') < page.index('id="my-sections"')
    steps = _part(page, "waiting")
    assert 'href="/reports/new"' in steps and "新建报告" in steps
    assert 'href="/reports/import"' in steps and "导入已有文稿" in steps


def test_status_tiles_link_to_the_reports_in_that_status(client, demo, db_session):
    gen_report(db_session, demo.county_a, title="起草中的总结")
    gen_report(db_session, demo.county_a, status="approved", title="已审定的总结")
    client.login("donghu_drafter")
    tiles = _part(client.get("/").get_data(as_text=True), "status-counts")
    assert 'href="/reports/?status=approved"' in tiles
    listed = client.get("/reports/?status=approved").get_data(as_text=True)
    assert "已审定的总结" in listed and "起草中的总结" not in listed
    everything = client.get("/reports/?status=nonsense").get_data(as_text=True)
    assert "已审定的总结" in everything and "起草中的总结" in everything


def test_my_sections_are_grouped_by_report(client, demo, db_session):
    drafter = user(db_session, "donghu_drafter")
    first = gen_report(db_session, demo.county_a, owner=drafter, title="东湖县甲报告")
    second = gen_report(db_session, demo.county_a, owner=drafter, title="东湖县乙报告")
    client.login("donghu_drafter")
    mine = _part(client.get("/").get_data(as_text=True), "my-sections")
    assert mine.count('class="my-report"') == 2
    for report in (first, second):
        group = mine.split(report.title)[1].split('class="my-report"')[0]
        owned = next(s for s in report.sections if s.owner_id == drafter.id)
        assert f"#s-{owned.id}" in group and owned.heading in group


def test_background_tasks_read_in_chinese_with_beijing_time(client, demo, db_session):
    run = jobs.create_run(db_session, "render_report", committee_id=demo.county_a.id)
    run.created_at = datetime(2026, 3, 1, 17, 30, tzinfo=timezone.utc)
    db_session.commit()
    client.login("donghu_admin")
    page = client.get("/").get_data(as_text=True)
    assert "render_report" not in page
    assert "生成文档" in page and "2026-03-02 01:30" in page
