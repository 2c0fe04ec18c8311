"""Usable on a phone (390 px) and by keyboard: no sideways scroll, a menu button, a skip link,
every control labelled, focus visible."""
import pytest
from sqlalchemy import select

from core.demo import ledger
from core.review import workflow
from data_models import User

from .test_editor import report  # noqa: F401 - report is a fixture

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea')]
  .filter((c) => c.type !== 'hidden' && c.offsetParent !== null)
  .filter((c) => !(c.labels && c.labels.length) && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby') && !c.title)
  .map((c) => c.outerHTML.slice(0, 120))"""


def login(context, base, username, password="demo12345"):
    page = context.new_page()
    page.goto(f"{base}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_selector("text=登录成功")
    return page


@pytest.fixture
def seeded(db_session, demo, report):
    ledger.seed(db_session)
    drafter = db_session.scalars(select(User).where(User.username == "donghu_drafter")).one()
    workflow.submit(db_session, report, drafter)
    db_session.commit()
    return report


def _pages(report):
    return ["/", "/reports/", f"/reports/{report.id}/preview", f"/review/{report.id}", "/ledger/", "/audit/"]


def test_pages_fit_a_phone_without_sideways_scroll(browser, live_server, seeded):
    page = login(browser.new_context(locale="zh-CN", viewport=PHONE), live_server, "donghu_admin")
    for path in _pages(seeded):
        page.goto(f"{live_server}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path


def test_the_menu_folds_into_a_button_on_a_phone(browser, live_server, seeded):
    page = login(browser.new_context(locale="zh-CN", viewport=PHONE), live_server, "donghu_admin")
    toggle = page.locator("button.menu-toggle")
    ledger_link = page.locator(".topbar nav a[href='/ledger/']")
    assert toggle.is_visible() and not ledger_link.is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.click()
    assert ledger_link.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    ledger_link.click()
    page.wait_for_url(f"{live_server}/ledger/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_desktop_shows_the_menu_without_a_button(browser, live_server, seeded):
    page = login(browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 800}), live_server,
                 "donghu_admin")
    assert not page.locator("button.menu-toggle").is_visible()
    assert page.locator(".topbar nav a[href='/ledger/']").is_visible()


def test_skip_link_comes_first_and_focus_is_visible(browser, live_server, seeded):
    page = login(browser.new_context(locale="zh-CN"), live_server, "donghu_admin")
    page.goto(f"{live_server}/ledger/")
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.textContent.trim(), document.activeElement.getAttribute('href')]")
    assert focused == ["跳到正文", "#main"]
    assert page.locator(".skip-link").is_visible()
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_every_control_has_a_label(browser, live_server, seeded):
    page = login(browser.new_context(locale="zh-CN"), live_server, "donghu_admin")
    for path in _pages(seeded):
        page.goto(f"{live_server}{path}")
        assert page.evaluate(UNLABELLED) == [], path
