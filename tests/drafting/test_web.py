import re

from sqlalchemy import select

from data_models import Report, Section


def test_editor_happy_path(client, demo, db_session):
    client.login("donghu_drafter")
    page = client.post("/reports/new", data={"kind": "annual_summary", "period": "2023", "title": ""},
                       follow_redirects=True)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "东湖县政协2023年工作总结和2024年工作要点" in html and "插入数字" in html
    report = db_session.scalars(select(Report)).one()
    section = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "section")).first()
    saved = client.post(f"/reports/{report.id}/sections/{section.id}", follow_redirects=True, data={
        "version": section.version, "heading": "抓学习，强根基", "lead": "", "body": "召开党组会议{{ 党组会议次数 }}次。"})
    assert "已保存" in saved.get_data(as_text=True)
    added = client.post(f"/reports/{report.id}/sections", data={"node_type": "item", "parent_id": section.id},
                        follow_redirects=True)
    assert "已添加" in added.get_data(as_text=True)
    preview = client.get(f"/reports/{report.id}/preview").get_data(as_text=True)
    assert "（一）抓学习，强根基" in preview
    assert f"#s-{section.id}" in preview  # warnings link to their section
    editor = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "还没有内容" in editor  # warnings shown next to their sections in the editor too
    history = client.get(f"/reports/{report.id}/sections/{section.id}/history").get_data(as_text=True)
    assert "第2版" in history and "恢复此版本" in history


def test_stale_save_shows_both_versions(client, demo, db_session):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "briefing", "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    section = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "section")).first()
    seen = section.version
    client.post(f"/reports/{report.id}/sections/{section.id}", data={"version": seen, "heading": "甲", "lead": "", "body": "甲的正文"})
    response = client.post(f"/reports/{report.id}/sections/{section.id}", data={
        "version": seen, "heading": "乙", "lead": "", "body": "乙的正文"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "保存失败" in html and "甲的正文" in html and "乙的正文" in html


def test_other_committee_gets_404(client, demo, db_session):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    section_id = db_session.scalars(select(Section.id).where(Section.report_id == report.id)).first()
    client.logout()
    client.login("xishan_drafter")
    assert client.get(f"/reports/{report.id}").status_code == 404
    assert client.get(f"/reports/{report.id}/preview").status_code == 404
    assert client.post(f"/reports/{report.id}/sections/{section_id}", data={"version": 1, "body": "x"}).status_code == 404
    assert client.post(f"/reports/{report.id}/sections/{section_id}/delete", data={}).status_code == 404
    assert report.title not in client.get("/reports/").get_data(as_text=True)


def test_bad_period_is_a_chinese_message(client, demo, db_session):
    client.login("donghu_drafter")
    html = client.post("/reports/new", data={"kind": "annual_summary", "period": "去年"}).get_data(as_text=True)
    assert "无法识别的统计期间" in html
    assert db_session.scalars(select(Report)).first() is None


def test_reviewer_cannot_edit_and_approved_report_is_locked(client, demo, db_session):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    report.status = "approved"
    db_session.commit()
    section = db_session.scalars(select(Section).where(Section.report_id == report.id)).first()
    html = client.post(f"/reports/{report.id}/sections/{section.id}", follow_redirects=True,
                       data={"version": section.version, "heading": "", "lead": "", "body": "改"}).get_data(as_text=True)
    assert "不能修改" in html
    client.logout()
    client.login("donghu_reviewer")
    assert client.get(f"/reports/{report.id}").status_code == 200
    assert client.post("/reports/new", data={"kind": "annual_summary", "period": "2024"}).status_code == 403


def test_carry_forward_button(client, demo, db_session):
    client.login("donghu_drafter")
    assert "还没有同类报告" in client.post("/reports/carry", data={"kind": "annual_summary"},
                                          follow_redirects=True).get_data(as_text=True)
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023"})
    html = client.post("/reports/carry", data={"kind": "annual_summary"}, follow_redirects=True).get_data(as_text=True)
    assert "东湖县政协2024年工作总结和2025年工作要点" in html
    assert re.search(r"已根据《.*2023年.*》生成新报告", html)


def test_report_settings_change_title_date_and_salutation(client, demo, db_session):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "briefing", "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    html = client.post(f"/reports/{report.id}/settings", follow_redirects=True, data={
        "title": "东湖县政协工作汇报", "salutation": "尊敬的王主席，各位领导：", "date": "2024年1月5日"}).get_data(as_text=True)
    assert "报告信息已保存" in html
    preview = client.get(f"/reports/{report.id}/preview").get_data(as_text=True)
    assert "东湖县政协工作汇报" in preview and "尊敬的王主席，各位领导：" in preview
    assert "请填写报告标题" in client.post(f"/reports/{report.id}/settings", data={"title": " "},
                                          follow_redirects=True).get_data(as_text=True)


def test_saving_a_sandbox_escape_keeps_the_text_and_says_why(client, demo, db_session):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    section = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "section")).first()
    html = client.post(f"/reports/{report.id}/sections/{section.id}", follow_redirects=True, data={
        "version": section.version, "heading": section.heading, "lead": "",
        "body": "{{ config.__class__.__init__.__globals__ }}"}).get_data(as_text=True)
    assert "占位符有问题" in html and "属性访问" in html
    preview = client.get(f"/reports/{report.id}/preview")
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "不能使用属性访问" in page and "SECRET_KEY" not in page and "test-secret" not in page


def test_number_picker_lists_current_values(client, db_session):
    from core.demo import load_demo
    from core.drafting.context import metric_values
    from core.drafting.merge import plain

    load_demo(db_session)
    db_session.commit()
    report = db_session.scalars(select(Report).where(Report.kind == "annual_summary", Report.status == "draft")).one()
    value = metric_values(db_session, report)["协商活动场次"]
    client.login("donghu_drafter")
    html = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "{{ 协商活动场次 }}" in html
    assert f"{plain(value)}场次" in html


def test_move_buttons_renumber(client, demo, db_session):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    sections = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "section")
                                  .order_by(Section.id)).all()
    client.post(f"/reports/{report.id}/sections/{sections[1].id}/move", data={"direction": "up"})
    preview = client.get(f"/reports/{report.id}/preview").get_data(as_text=True)
    assert preview.index("（一）" + sections[1].heading) < preview.index("（二）" + sections[0].heading)
    assert client.post(f"/reports/{report.id}/sections/{sections[1].id}/move", data={"direction": "sideways"}).status_code == 400
