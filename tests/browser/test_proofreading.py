"""The editor's proofreading panel in chromium: marks shown, 采纳 changes the text, no CSP error."""
import pytest

from core.drafting import sections as sec
from core.drafting.reports import create_report
from core.metrics.periods import Period

pytestmark = pytest.mark.browser


def test_adopt_from_the_editor_panel(browser, live_server, db_session, demo, shots):
    report = create_report(db_session, demo.county_a, "briefing", Period.year(2024), "")
    section = sec.add_section(db_session, report, "closing", body="截止目前,共收到提案。")
    db_session.commit()
    page = browser.new_page(locale="zh-CN")
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=username]", "donghu_drafter")
    page.fill("input[name=password]", demo.password)
    page.click("button[type=submit]")
    page.goto(f"{live_server}/reports/{report.id}")
    item = page.locator(f"#s-{section.id} li.pf-error", has_text="截至")
    assert item.locator("mark").first.inner_text() == "截止"
    shots.take(page, "proofread-editor")
    item.locator("button", has_text="采纳").click()
    page.wait_for_selector("text=已采纳修改建议")
    assert page.locator(f"#s-{section.id} textarea[name=body]").input_value() == "截至目前,共收到提案。"
    assert errors == []


def test_findings_are_marked_at_their_characters_inside_the_editor(browser, live_server, db_session, demo):
    report = create_report(db_session, demo.county_a, "briefing", Period.year(2024), "")
    section = sec.add_section(db_session, report, "closing", body="我们要充足发挥委员作用。")
    db_session.commit()
    page = browser.new_page(locale="zh-CN")
    page.goto(f"{live_server}/auth/login")
    page.fill("input[name=username]", "donghu_drafter")
    page.fill("input[name=password]", demo.password)
    page.click("button[type=submit]")
    page.goto(f"{live_server}/reports/{report.id}")
    mark = page.locator(f"#s-{section.id} .ProseMirror .mark-error").first
    mark.wait_for()
    assert mark.inner_text() == "充足发挥" and "充分发挥" in mark.get_attribute("title")
