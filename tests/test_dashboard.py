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
