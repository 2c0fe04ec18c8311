"""The reviewer's document view: merged text, changes since the last submission, section comments."""
from sqlalchemy import select

from core.drafting import sections as sec
from core.drafting.tree import record_version
from core.review import workflow
from data_models import AuditEvent, Report, SectionComment

from .conftest import user


def _item(report):
    return next(s for s in report.sections if s.node_type == "item")


def _in_review(db_session, report):
    for section in report.sections:
        record_version(db_session, section, None)
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()


def test_reviewer_reads_the_document_not_codes(client, report, db_session):
    _in_review(db_session, report)
    client.login("donghu_reviewer")
    page = client.get(f"/review/{report.id}").get_data(as_text=True)
    assert "坚持在强化政治引领上持续用力" in page and "不断强化理论武装。" in page
    assert "{{" not in page.split('class="gongwen')[1]
    assert "这是首次提交" in page


def test_changes_since_last_submission_show_as_track_changes(client, report, db_session):
    _in_review(db_session, report)
    workflow.return_for_changes(db_session, report, user(db_session, "donghu_reviewer"), "请补充")
    db_session.commit()
    item = _item(report)
    sec.save_section(db_session, item, seen_version=item.version, heading="", lead=item.lead,
                     body="全年开展学习{{ 学习次数 }}次，另有专题研讨。", user_id=None)
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()
    client.login("donghu_reviewer")
    page = client.get(f"/review/{report.id}").get_data(as_text=True)
    assert "修改了 1 个章节" in page
    assert "<ins>，另有专题研讨</ins>" in page
    assert f'href="#s-{item.id}"' in page


def test_reviewer_comments_and_drafter_sees_it_at_the_section(client, report, db_session):
    _in_review(db_session, report)
    item = _item(report)
    client.login("donghu_reviewer")
    page = client.post(f"/review/{report.id}/sections/{item.id}/comments", data={"body": "请核实学习次数"},
                       follow_redirects=True).get_data(as_text=True)
    assert "意见已保存" in page and "请核实学习次数" in page
    assert db_session.scalars(select(AuditEvent.action).where(AuditEvent.action == "report.comment")).all()
    client.post(f"/review/{report.id}/return", data={"comment": "见章节意见"})
    client.logout()
    client.login("donghu_drafter")
    editor = client.get(f"/reports/{report.id}").get_data(as_text=True)
    block = editor.split(f'id="s-{item.id}"')[1].split("</section>")[0]
    assert "请核实学习次数" in block


def test_a_refused_comment_keeps_its_text(client, report, db_session):
    _in_review(db_session, report)
    item = _item(report)
    client.login("donghu_reviewer")
    long_text = "很长的意见" * 500
    response = client.post(f"/review/{report.id}/sections/{item.id}/comments", data={"body": long_text})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "意见过长" in page and long_text in page
    assert db_session.scalars(select(SectionComment)).all() == []


def test_drafter_cannot_comment_and_other_committee_gets_404(client, report, db_session):
    _in_review(db_session, report)
    item = _item(report)
    client.login("donghu_drafter")
    assert client.post(f"/review/{report.id}/sections/{item.id}/comments", data={"body": "x"}).status_code == 403
    client.logout()
    client.login("xishan_reviewer")
    assert client.post(f"/review/{report.id}/sections/{item.id}/comments", data={"body": "x"}).status_code == 404
    assert db_session.scalars(select(SectionComment)).all() == []


def test_comment_on_a_section_of_another_report_is_refused(client, report, db_session):
    _in_review(db_session, report)
    from .conftest import gen_report

    other = gen_report(db_session, report.committee, title="另一份文稿")
    client.login("donghu_reviewer")
    page = client.post(f"/review/{report.id}/sections/{other.sections[0].id}/comments", data={"body": "x"},
                       follow_redirects=True).get_data(as_text=True)
    assert "该章节不存在" in page
    assert db_session.scalars(select(SectionComment)).all() == []


def test_approve_and_return_are_confirmed_in_dialogs(client, report, db_session):
    _in_review(db_session, report)
    client.login("donghu_reviewer")
    page = client.get(f"/review/{report.id}").get_data(as_text=True)
    assert 'data-dialog="review-approve-dialog"' in page and '<dialog id="review-approve-dialog"' in page
    assert 'data-dialog="review-return-dialog"' in page and "<script>" not in page


def test_reviewer_links_lead_to_the_document_view(client, report, db_session):
    _in_review(db_session, report)
    client.login("donghu_reviewer")
    page = client.get("/").get_data(as_text=True)
    assert f'href="/review/{report.id}"' in page
    db_session.expire_all()
    assert db_session.get(Report, report.id).status == "in_review"


def test_a_section_deleted_since_the_last_submission_is_listed(client, report, db_session):
    _in_review(db_session, report)
    workflow.return_for_changes(db_session, report, user(db_session, "donghu_reviewer"), "删去这一条")
    db_session.commit()
    sec.delete_section(db_session, _item(report))
    workflow.submit(db_session, report, user(db_session, "donghu_drafter"))
    db_session.commit()
    client.login("donghu_reviewer")
    page = client.get(f"/review/{report.id}").get_data(as_text=True)
    assert "删除的章节（1）" in page and "<del>不断强化理论武装。" in page
    assert "{{" not in page.split('class="rv-removed"')[1].split("</ul>")[0]
