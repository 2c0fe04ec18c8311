"""The reviewer's journey: the document with what changed, a comment on a section, 审定通过 in a dialog,
and the drafter seeing the comment at the section."""
import pytest
from sqlalchemy import select

from core.drafting import sections as sec
from core.review import workflow
from core.review.comments import add_comment
from data_models import Report, User

from .test_editor import report, sections  # noqa: F401 - report is a fixture

pytestmark = pytest.mark.browser


def _user(db_session, username):
    return db_session.scalars(select(User).where(User.username == username)).one()


def login(context, base, username):
    page = context.new_page()
    page.goto(f"{base}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "demo12345")
    page.click("button[type=submit]")
    page.wait_for_selector("text=登录成功")
    return page


@pytest.fixture
def resubmitted(db_session, report):
    """Submitted, returned, one section's text changed, submitted again."""
    drafter, reviewer = _user(db_session, "donghu_drafter"), _user(db_session, "donghu_reviewer")
    workflow.submit(db_session, report, drafter)
    workflow.return_for_changes(db_session, report, reviewer, "请补充协商工作")
    db_session.commit()
    second = sections(db_session, report)[1]
    sec.save_section(db_session, second, seen_version=second.version, heading=second.heading, lead=second.lead,
                     body="围绕清河流域治理开展专题协商，形成建议12条。", user_id=drafter.id)
    workflow.submit(db_session, report, drafter)
    db_session.commit()
    return report


def test_reviewer_sees_changes_comments_and_approves_in_a_dialog(browser, live_server, db_session, resubmitted):
    second = sections(db_session, resubmitted)[1]
    page = login(browser.new_context(locale="zh-CN"), live_server, "donghu_reviewer")
    page.goto(f"{live_server}/review/{resubmitted.id}")
    assert "修改了 1 个章节" in page.inner_text(".rv-summary")
    assert "形成建议12条" in page.inner_text(f"#s-{second.id} .rv-diff ins")
    page.click(f"#s-{second.id} .rv-comment-form summary")
    page.fill(f"#comment-{second.id}", "建议数量请与台账核对")
    page.click(f"#s-{second.id} .rv-comment-form button[type=submit]")
    page.wait_for_selector("text=意见已保存")
    assert "建议数量请与台账核对" in page.inner_text(f"#s-{second.id} .rv-comments")

    dialog = page.locator("#review-approve-dialog")
    assert not dialog.is_visible()
    page.click("button[data-dialog=review-approve-dialog]")
    assert dialog.is_visible()
    dialog.locator("button[data-close-dialog]").click()  # 取消 changes nothing
    assert not dialog.is_visible()
    page.click("button[data-dialog=review-approve-dialog]")
    dialog.locator("button[type=submit]").click()
    page.wait_for_selector("text=文稿已审定")
    db_session.expire_all()
    assert db_session.get(Report, resubmitted.id).status == "approved"


def test_drafter_sees_the_comment_at_the_section(browser, live_server, db_session, resubmitted):
    second = sections(db_session, resubmitted)[1]
    reviewer = _user(db_session, "donghu_reviewer")
    add_comment(db_session, resubmitted, second.id, reviewer, "请补充协商成果的采纳情况")
    workflow.return_for_changes(db_session, resubmitted, reviewer, "见章节意见")
    db_session.commit()
    page = login(browser.new_context(locale="zh-CN"), live_server, "donghu_drafter")
    page.goto(f"{live_server}/reports/{resubmitted.id}")
    assert "请补充协商成果的采纳情况" in page.inner_text(f"#s-{second.id} .rv-comments")


def test_review_page_fits_a_phone(browser, live_server, resubmitted):
    page = login(browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}), live_server,
                 "donghu_reviewer")
    page.goto(f"{live_server}/review/{resubmitted.id}")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
