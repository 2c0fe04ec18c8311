"""The whole journey in a real browser: log in, ledger, preview, section, submit, approve, download."""
import pytest

from core.passwords import hash_password
from data_models import User
from tests.review.conftest import gen_report

pytestmark = pytest.mark.browser


@pytest.fixture
def newcomer(db_session, demo):
    """A drafter of 东湖县 who has never logged in."""
    db_session.add(User(username="donghu_li", display_name="李明", role="drafter", committee_id=demo.county_a.id,
                        password_hash=hash_password("Li-2024-pass")))
    db_session.commit()
    return "donghu_li", "Li-2024-pass"


def login(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_selector("text=登录成功")


def logout(page) -> None:
    page.click("button:has-text('退出')")
    page.wait_for_selector("text=您已退出登录")


def test_journey_submit_and_approve(browser, live_server, newcomer, db_session, demo, shots):
    report = gen_report(db_session, demo.county_a, title="东湖县政协2024年工作总结")
    page = browser.new_page(locale="zh-CN")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    login(page, live_server, *newcomer)
    shots.take(page, "dashboard-newcomer")
    page.goto(f"{live_server}/review/{report.id}")
    page.click("button:has-text('提交审核')")
    page.wait_for_selector("text=文稿已提交审核")
    assert page.inner_text(".review-panel .status") == "待审核"
    shots.take(page, "submitted")
    logout(page)

    login(page, live_server, "donghu_reviewer", demo.password)
    page.click(f"#waiting a:has-text('{report.title}')")
    page.click("button:has-text('审定通过')")
    page.wait_for_selector("text=文稿已审定")
    assert page.inner_text(".review-panel .status") == "已审定"
    shots.take(page, "approved")
    assert errors == []
    db_session.expire_all()
    assert db_session.get(type(report), report.id).status == "approved"
