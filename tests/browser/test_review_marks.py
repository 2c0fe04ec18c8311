"""In a real browser: a number the import bound on its value alone is marked 待核对 in the editor
until someone confirms it; the confirmation is saved like any edit."""
import pytest

from data_models import Section
from tests.importing.conftest import ledger as ledger  # noqa: F401  (fixture)
from tests.importing.conftest import donghu as donghu  # noqa: F401  (fixture)

from .test_journey import login

pytestmark = pytest.mark.browser

PASTED = """东湖县政协2023年工作总结
一、2023年工作及成效
（一）强化政治引领
全年召开党组会议6次，专题研究湖区治理2次。
二、2024年工作要点
（一）强化理论学习
坚持第一议题制度。"""


def test_import_marks_auto_numbers_in_the_editor_until_confirmed(live_server, browser, shots, donghu, db_session):
    from playwright.sync_api import expect  # as conftest: loaded with the browser

    page = browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    login(page, live_server, "donghu_drafter", "demo12345")
    page.goto(f"{live_server}/reports/import")
    page.fill("textarea[name=text]", PASTED)
    page.click("button:has-text('识别结构')")
    page.wait_for_selector("#import-tree")
    page.click("#accept-all")
    page.wait_for_selector("a:has-text('打开编辑')")
    assert "1 个为自动识别" in page.inner_text("body")
    page.click("a:has-text('打开编辑')")
    page.wait_for_selector("#save-status[data-state=saved]")
    marked = page.locator(".sheet .chip.chip-review")
    expect(marked).to_have_count(1)  # the editor script builds the chips after the page loads
    assert marked.locator(".chip-value").inner_text() == "2" and marked.locator(".chip-badge").inner_text() == "待核对"
    assert page.locator(".sheet .chip:not(.chip-review) .chip-value").all_inner_texts() == ["6"]
    summary = page.inner_text("#warning-list summary")
    assert "1 个自动识别的数字待核对" in summary
    link = page.locator("#warning-list li.w-auto_number a")
    assert "主席会议次数" in link.text_content() and link.get_attribute("href").startswith("#s-")
    editor_url = page.url

    reviewer = browser.new_page()  # a reviewer sees the mark and the note, read-only
    login(reviewer, live_server, "donghu_reviewer", "demo12345")
    reviewer.goto(editor_url)
    seen = reviewer.locator(".sheet .chip.chip-review")
    expect(seen).to_have_count(1)
    seen.click()
    expect(reviewer.locator(".chip-pop")).to_contain_text("导入时按数值自动识别，请核对")
    assert reviewer.locator(".chip-pop button.chip-confirm").count() == 0
    reviewer.close()

    marked.click()
    pop = page.locator(".chip-pop")
    pop.wait_for(state="visible")
    assert "导入时按数值自动识别，请核对" in pop.inner_text()
    shots.take(page, "auto-number-popover")
    pop.locator("button.chip-confirm").click()
    page.wait_for_selector("#save-status[data-state=saved]")
    expect(page.locator(".sheet .chip.chip-review")).to_have_count(0)
    expect(page.locator("#warning-list li.w-auto_number")).to_have_count(0)  # refreshed after the save
    db_session.expire_all()
    bodies = " ".join(s.body for s in db_session.query(Section))
    assert "{{ 主席会议次数 }}" in bodies and "待核对" not in bodies
    page.reload()
    page.wait_for_selector("#save-status[data-state=saved]")
    expect(page.locator(".sheet .chip .chip-value")).to_have_count(2)
    assert page.locator(".sheet .chip.chip-review").count() == 0
    assert page.locator(".sheet .chip .chip-value").all_inner_texts() == ["6", "2"]
    assert "待核对" not in page.text_content("#warning-list")
    assert errors == []
