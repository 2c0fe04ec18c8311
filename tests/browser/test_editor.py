"""The editor never loses text: autosave without clicking, two blocks kept, the leave-page prompt
and the draft offered back, and two browsers on one block seeing both texts."""
import pytest
from sqlalchemy import select

from core.drafting.document import outline
from core.drafting.reports import create_report
from core.metrics.definitions import seed_catalogue
from core.metrics.periods import parse_period
from core.passwords import hash_password
from data_models import Section, User
from tests.metrics.conftest import Ledger

pytestmark = pytest.mark.browser
SAVED = "#save-status[data-state=saved]"


@pytest.fixture
def report(db_session, demo):
    """An annual summary of 东湖县 and a second drafter beside donghu_drafter."""
    db_session.add(User(username="donghu_wang", display_name="王芳", role="drafter", committee_id=demo.county_a.id,
                        password_hash=hash_password("Wang-2024-pass")))
    drafter = db_session.scalars(select(User).where(User.username == "donghu_drafter")).one()
    report = create_report(db_session, demo.county_a, "annual_summary", parse_period("2024"), user_id=drafter.id)
    db_session.commit()
    return report


def sections(db_session, report):
    db_session.expire_all()
    return db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "section")
                              .order_by(Section.position, Section.id)).all()


def open_editor(context, base, report, username="donghu_drafter", password="demo12345", ready=SAVED):
    page = context.new_page()
    page.goto(f"{base}/auth/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_selector("text=登录成功")
    page.goto(f"{base}/reports/{report.id}")
    page.wait_for_selector(ready)
    return page


def body(page, section):
    return page.locator(f"#s-{section.id} textarea[name=body]")


def view(page, section):
    return page.locator(f"#s-{section.id} .pm-body .ProseMirror")


def type_into(page, section, text):
    field = view(page, section)
    field.click()
    field.press("Control+End")
    field.press_sequentially(text)


def test_autosave_without_clicking(browser, live_server, db_session, report):
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    first = sections(db_session, report)[0]
    type_into(page, first, "召开党组会议{{ 党组会议次数 }}次。")
    assert page.inner_text("#save-status") in ("未保存", "保存中…")
    page.wait_for_selector(SAVED, timeout=10_000)
    assert sections(db_session, report)[0].body == "召开党组会议{{ 党组会议次数 }}次。"
    assert page.locator("button:visible:has-text('保存')").count() == 0  # no wall of 保存 buttons


def test_typing_in_two_blocks_then_acting_on_a_third_keeps_both(browser, live_server, db_session, report):
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    first, second, third, *_ = sections(db_session, report)
    type_into(page, first, "第一节的文字")
    type_into(page, second, "第二节的文字")
    page.click(f"#s-{third.id} .block-menu summary")  # before either autosave fires
    with page.expect_navigation():
        page.click(f"#s-{third.id} button:has-text('上移')")
    page.wait_for_selector(SAVED)
    db_session.expire_all()
    first, second = (db_session.get(Section, s.id) for s in (first, second))
    assert (first.body, second.body) == ("第一节的文字", "第二节的文字")
    assert body(page, first).input_value() == "第一节的文字"
    assert body(page, second).input_value() == "第二节的文字"


def test_leaving_with_unsaved_text_prompts_and_offers_it_back(browser, live_server, db_session, report):
    context = browser.new_context(locale="zh-CN")
    page = open_editor(context, live_server, report)
    first = sections(db_session, report)[0]
    context.set_offline(True)  # the network is gone
    type_into(page, first, "断网时输入的文字")
    page.wait_for_selector("#save-status[data-state=offline]", timeout=10_000)
    assert page.inner_text("#save-status") == "未保存（离线）"
    dialogs = []

    def leave(dialog):
        dialogs.append(dialog.type)
        dialog.accept()

    page.on("dialog", leave)
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert dialogs == ["beforeunload"]
    assert sections(db_session, report)[0].body == ""

    context.set_offline(False)
    back = context.new_page()
    back.goto(f"{live_server}/reports/{report.id}")
    from playwright.sync_api import expect  # as conftest: loaded with the browser

    offer = back.locator(f"#s-{first.id} .draft-offer")
    expect(offer).to_contain_text("断网时输入的文字")  # the editor script offers it once it has loaded
    expect(back.locator("#drafts-found")).to_be_visible()
    offer.locator("button:has-text('恢复我的修改')").click()
    back.wait_for_selector(SAVED, timeout=10_000)
    assert sections(db_session, report)[0].body == "断网时输入的文字"


def test_two_browsers_on_one_block_see_both_texts(browser, live_server, db_session, report):
    first, second, third, *_ = sections(db_session, report)
    mine = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    theirs = open_editor(browser.new_context(locale="zh-CN"), live_server, report, "donghu_wang", "Wang-2024-pass")
    type_into(theirs, first, "王芳写的第一节")
    type_into(theirs, third, "王芳写的第三节")
    theirs.wait_for_selector(SAVED, timeout=10_000)
    type_into(mine, first, "我写的第一节")
    panel = mine.locator(f"#s-{first.id} .conflict-panel")
    panel.wait_for(timeout=10_000)
    assert "王芳写的第一节" in panel.locator(".theirs").inner_text()
    assert "我写的第一节" in panel.locator(".mine").inner_text()
    assert body(mine, first).input_value() == "我写的第一节"
    assert mine.inner_text("#save-status").startswith("保存冲突")
    type_into(mine, second, "我写的第二节")  # a block the other browser did not touch: no conflict
    mine.wait_for_selector(f"#s-{second.id}:not(.is-dirty)", timeout=10_000)
    assert mine.locator(f"#s-{second.id} .conflict-panel").count() == 0
    assert sections(db_session, report)[0].body == "王芳写的第一节"

    view(mine, first).fill("我写的第一节；王芳写的第一节")  # merged by hand
    panel.locator("button:has-text('以编辑框内容保存')").click()
    mine.wait_for_selector(SAVED, timeout=10_000)
    assert [s.body for s in sections(db_session, report)[:3]] == [
        "我写的第一节；王芳写的第一节", "我写的第二节", "王芳写的第三节"]


def test_warnings_follow_the_text_as_it_is_saved(browser, live_server, db_session, report):
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    first = sections(db_session, report)[0]
    type_into(page, first, "共开展调研XX次。")
    block_warnings = page.locator(f"#s-{first.id} ul.node-warnings")
    block_warnings.filter(has_text="XX").wait_for(timeout=10_000)
    assert page.locator(f"#warning-list a[href='#s-{first.id}']").filter(has_text="XX").count() == 1
    field = page.locator(f"#s-{first.id} .pm-body .ProseMirror")
    field.press("Control+End")
    for _ in range(len("XX次。")):
        field.press("Backspace")
    field.press_sequentially("多次。")
    page.wait_for_selector(SAVED, timeout=10_000)
    block_warnings.filter(has_text="XX").wait_for(state="detached", timeout=10_000)


def test_delete_can_be_undone_and_otherwise_happens(browser, live_server, db_session, report):
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    first, second, *_ = sections(db_session, report)
    first_id, second_id = first.id, second.id
    page.click(f"#s-{first.id} .block-menu summary")
    page.click(f"#s-{first.id} button:has-text('删除本节')")
    assert page.locator(f"#s-{first.id}").is_hidden()
    page.click(".undo-toast button:has-text('撤销')")
    assert page.locator(f"#s-{first.id}").is_visible()
    page.click(f"#s-{second.id} .block-menu summary")
    with page.expect_navigation(timeout=20_000):  # the page reloads once the undo window has passed
        page.click(f"#s-{second.id} button:has-text('删除本节')")
    remaining = [s.id for s in sections(db_session, report)]
    assert remaining[0] == first_id and second_id not in remaining


def test_dragging_a_heading_in_the_outline_moves_it_under_another(browser, live_server, db_session, report):
    tall = {"width": 1280, "height": 1600}  # the whole outline on screen: Playwright drags without scrolling
    page = open_editor(browser.new_context(locale="zh-CN", viewport=tall), live_server, report)
    first, *_ = sections(db_session, report)
    parts = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "part")
                               .order_by(Section.position)).all()
    target = page.locator(f"nav.outline li[data-section='{parts[1].id}']")
    box = target.bounding_box()
    with page.expect_navigation():
        page.locator(f"nav.outline li[data-section='{first.id}']").drag_to(
            target, target_position={"x": 10, "y": box["height"] - 3})
    db_session.expire_all()
    assert db_session.get(Section, first.id).parent_id == parts[1].id


def test_ctrl_enter_adds_the_next_block_after_saving(browser, live_server, db_session, report):
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    first, second, *_ = sections(db_session, report)
    type_into(page, first, "本节写完")
    with page.expect_navigation():
        view(page, first).press("Control+Enter")
    page.wait_for_selector(SAVED)
    db_session.expire_all()
    rows = [row.section for row in outline(db_session, report) if row.section.node_type == "section"]
    assert rows[0].body == "本节写完" and rows[1].id not in (first.id, second.id) and rows[2].id == second.id


def test_reviewer_reads_the_document_with_numbers_not_codes(browser, live_server, db_session, report):
    first = sections(db_session, report)[0]
    first.body = "{{ 年度 }}年召开主席会议{{ 主席会议次数 }}次。"
    db_session.commit()
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report, "donghu_reviewer", ready=".pm-body")
    text = view(page, first).inner_text()
    assert "2024年召开主席会议" in text and "{{" not in text
    assert view(page, first).get_attribute("contenteditable") == "false"
    assert page.locator(".picker button.insert:visible").count() == 0
    assert page.locator("#s-%d .block-menu button" % first.id).count() == 0


def test_a_number_style_that_prints_oddly_warns_on_its_chip(browser, live_server, db_session, demo):
    seed_catalogue(db_session)
    ledger = Ledger(db_session)
    for day in ("2023-03-02", "2023-05-10"):
        ledger.add(demo.county_a, "social_info", "item", day, "关于农村养老服务的建议")
    report = create_report(db_session, demo.county_a, "annual_summary", parse_period("2023"))
    db_session.commit()
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    first = sections(db_session, report)[0]
    type_into(page, first, "共收集社情民意信息{{ 社情民意信息收集篇数 | 余 }}篇。")
    page.wait_for_selector(SAVED, timeout=10_000)
    chip = page.locator(f"#s-{first.id} .chip-warn")
    chip.wait_for(timeout=10_000)  # merged again after the save: 2 is exact, 余 cannot print
    assert chip.inner_text() == "2" and "“余”不会印出" in chip.get_attribute("title")
    assert "“余”不会印出" in page.inner_text(f"#s-{first.id} ul.node-warnings")
    assert "社情民意信息收集篇数" in page.text_content("#warning-list ul")  # the folded list, each linked


def test_a_draft_is_offered_back_in_beijing_time(browser, live_server, db_session, report):
    context = browser.new_context(locale="zh-CN", timezone_id="America/New_York")
    page = open_editor(context, live_server, report)
    first = sections(db_session, report)[0]
    page.evaluate("""([key, version]) => localStorage.setItem(key, JSON.stringify({
        heading: '', lead: '', body: '纽约时间写下的文字', version, at: Date.UTC(2026, 0, 5, 16, 7) }))""",
                  [f"wengao.draft.{report.id}.{first.id}", first.version])
    page.reload()
    offer = page.locator(f"#s-{first.id} .draft-offer")
    text = offer.inner_text()
    assert "2026-01-06 00:07（北京时间）" in text and "纽约时间写下的文字" in text
    assert page.evaluate("new Date(Date.UTC(2026, 0, 5, 16, 7)).getHours()") == 11  # the browser is in New York


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_the_document_starts_on_the_first_screen(browser, live_server, db_session, report, width, height):
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
    page = open_editor(context, live_server, report)
    top = page.evaluate("document.querySelector('.sheet section.block .ProseMirror').getBoundingClientRect().top")
    assert top < height  # the first text box is on screen: the review panel and folded cards above stay compact
    assert page.evaluate("document.documentElement.scrollWidth") <= width
