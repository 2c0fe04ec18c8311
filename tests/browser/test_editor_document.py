"""The editor behaves like one document: the arrow keys cross from block to block, Backspace in an
empty block deletes it (with 撤销), pasted passages split into blocks by their numbering, and a number
chip explains its warning on click or tap, without hover."""
import pytest
from sqlalchemy import select

from core.drafting import sections as sec
from core.drafting.document import outline
from core.drafting.reports import create_report
from core.metrics.definitions import seed_catalogue
from core.metrics.periods import parse_period
from data_models import Section, User
from tests.browser.test_editor import SAVED, open_editor, sections, view
from tests.importing.documents import PASSAGE
from tests.metrics.conftest import Ledger

pytestmark = pytest.mark.browser

FOCUSED_BLOCK = "() => document.activeElement.closest('section.block')?.id || ''"
CARET = "() => { const s = getSelection(); return [s.anchorNode.textContent, s.anchorOffset]; }"


@pytest.fixture
def report(db_session, demo):
    drafter = db_session.scalars(select(User).where(User.username == "donghu_drafter")).one()
    report = create_report(db_session, demo.county_a, "annual_summary", parse_period("2024"), user_id=drafter.id)
    first, second, *_ = sections(db_session, report)
    first.body, second.body = "第一节第一段。\n第一节末段。", "第二节正文。"
    db_session.commit()
    return report


def focused(page):
    return page.evaluate(FOCUSED_BLOCK)


def test_arrow_keys_cross_from_block_to_block(browser, live_server, db_session, report):
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    first, second, *_ = sections(db_session, report)
    body = view(page, first)
    body.click()
    body.press("Control+End")
    body.press("ArrowRight")  # at the end of a block: the next block's start (its heading)
    assert focused(page) == f"s-{second.id}"
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')").endswith("标题")
    page.keyboard.press("ArrowLeft")  # at a block's start: back to the end of the previous one
    assert focused(page) == f"s-{first.id}"
    assert page.evaluate(CARET) == ["第一节末段。", len("第一节末段。")]
    page.keyboard.press("ArrowUp")  # within a block the arrows move as usual
    assert focused(page) == f"s-{first.id}"
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # on the last line: down into the next block
    assert focused(page) == f"s-{second.id}"
    page.keyboard.press("End")  # a long heading wraps: its last line first
    page.keyboard.press("ArrowDown")  # from the heading down into the body of the same block
    assert page.evaluate("() => document.activeElement.getAttribute('aria-label')").endswith("正文")
    for _ in range(4):  # up through the heading's lines and out of the block, to the end of the one above
        page.keyboard.press("ArrowUp")
        if focused(page) == f"s-{first.id}":
            break
    assert focused(page) == f"s-{first.id}"
    page.keyboard.type("续写")
    page.wait_for_selector(SAVED, timeout=10_000)
    assert sections(db_session, report)[0].body == "第一节第一段。\n第一节末段。续写"


def test_backspace_in_an_empty_block_deletes_it_with_undo(browser, live_server, db_session, report):
    first, second, *_ = sections(db_session, report)
    empty = sec.add_section(db_session, report, "item", parent_id=first.id)
    db_session.commit()
    empty_id = empty.id
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    lead = page.locator(f"#s-{empty_id} .pm-line .ProseMirror")
    lead.click()
    page.keyboard.press("Backspace")
    assert page.locator(f"#s-{empty_id}").is_hidden()
    assert focused(page) == f"s-{first.id}"  # the caret went back to the end of the block above
    assert page.evaluate(CARET) == ["第一节末段。", len("第一节末段。")]
    page.click(".undo-toast button:has-text('撤销')")
    assert page.locator(f"#s-{empty_id}").is_visible()
    lead.click()
    with page.expect_navigation(timeout=20_000):  # the deletion is sent once the undo window has passed
        page.keyboard.press("Backspace")
    page.wait_for_selector(SAVED)
    page.wait_for_function(f"() => document.activeElement.closest('#s-{first.id}')")
    assert page.evaluate(CARET) == ["第一节末段。", len("第一节末段。")]  # the reload kept the caret
    db_session.expire_all()
    assert db_session.get(Section, empty_id) is None
    assert [row.section.id for row in outline(db_session, report)].count(first.id) == 1


def test_backspace_in_a_block_with_text_deletes_nothing(browser, live_server, db_session, report):
    first, second, *_ = sections(db_session, report)
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    body = view(page, second)
    body.click()
    body.press("Control+Home")
    body.press("Backspace")
    assert page.locator(f"#s-{second.id}").is_visible() and page.locator(".undo-toast").is_hidden()
    assert view(page, second).inner_text() == "第二节正文。"


def test_a_chip_explains_its_warning_on_click_and_links_to_the_metric(browser, live_server, db_session, demo):
    seed_catalogue(db_session)
    ledger = Ledger(db_session)
    for day in ("2023-03-02", "2023-05-10"):
        ledger.add(demo.county_a, "social_info", "item", day, "关于农村养老服务的建议")
    report = create_report(db_session, demo.county_a, "annual_summary", parse_period("2023"))
    first = sections(db_session, report)[0]
    first.body = "共收集社情民意信息{{ 社情民意信息收集篇数 | 余 }}篇，召开主席会议{{ 主席会议次数 }}次。"
    db_session.commit()
    phone = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = open_editor(phone, live_server, report)
    popover = page.locator(".chip-pop")
    assert popover.is_hidden()
    page.locator(f"#s-{first.id} .chip-warn").first.tap()  # a phone: no hover, a tap
    popover.wait_for()
    text = popover.inner_text()
    assert "社情民意信息收集篇数" in text and "“余”不会印出" in text
    link = popover.locator("a")
    assert "/metrics/" in link.get_attribute("href")
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # fits the phone's width
    page.keyboard.press("Escape")
    assert popover.is_hidden()
    warning_list = page.inner_text(f"#s-{first.id} ul.node-warnings")
    assert "“余”不会印出" in warning_list  # the block's warning says the same as the popover
    page.locator(f"#s-{first.id} .chip-warn").nth(1).tap()
    assert "主席会议次数" in popover.inner_text() and "数值为 0" in popover.inner_text()
    assert "“主席会议次数”为 0，请勿写成" in page.inner_text(f"#s-{first.id} ul.node-warnings")
    assert "为 0，请勿写成" in popover.inner_text()
    page.click(f"#s-{first.id} .block-menu summary")  # a click elsewhere closes it
    assert popover.is_hidden()


def test_a_chip_selected_with_the_keyboard_opens_its_popover(browser, live_server, db_session, report):
    first = sections(db_session, report)[0]
    first.body = "召开主席会议{{ 主席会议次数 }}次"
    db_session.commit()
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    body = view(page, first)
    body.click()
    body.press("Control+End")
    body.press("ArrowLeft")
    body.press("ArrowLeft")  # onto the chip before the caret: it is selected
    popover = page.locator(".chip-pop")
    popover.wait_for()
    assert "主席会议次数" in popover.inner_text() and "数值为 0" in popover.inner_text()
    body.press("ArrowRight")
    assert popover.is_hidden()


PASTE = """([selector, text]) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.querySelector(selector).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}"""


def paste_into(page, section, text):
    body = view(page, section)
    body.click()
    body.press("Control+End")
    with page.expect_response(lambda r: r.url.endswith(f"/sections/{section.id}/split")):
        page.evaluate(PASTE, [f"#s-{section.id} .pm-body .ProseMirror", text])


def test_a_pasted_passage_splits_into_blocks_by_its_numbering_and_one_undo_restores_it(
        browser, live_server, db_session, report):
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    first, second, *_ = sections(db_session, report)
    before = [row.section.id for row in outline(db_session, report)]
    paste_into(page, first, PASSAGE)
    offer = page.locator(f"#s-{first.id} .paste-offer")
    assert "3 个标题或条目" in offer.inner_text() and "“聚焦乡村振兴建言献策”" in offer.inner_text()
    with page.expect_navigation(timeout=20_000):
        offer.locator("button:has-text('拆分为 3 节')").click()
    page.wait_for_selector(SAVED)
    db_session.expire_all()
    rows = [(row.number, row.section.heading, row.section.body) for row in outline(db_session, report)]
    at = [r[1] for r in rows].index(first.heading)
    assert rows[at][2] == "第一节第一段。\n第一节末段。全年围绕中心工作履职尽责。"
    assert rows[at + 1] == ("1.", "聚焦乡村振兴建言献策", "组织委员深入东湖县各乡镇开展专题调研。")
    assert rows[at + 2][:2] == ("2.", "聚焦民生实事协商议政")
    assert rows[at + 3] == ("（二）", "加强自身建设", "开展委员履职培训。")
    assert rows[at + 4][1] == second.heading
    new = page.locator("section.block", has_text="加强自身建设")
    assert "（二）" in new.inner_text()  # numbered by the editor, not typed
    page.locator(".split-toast").filter(has_text="已按序号拆出 3 节").wait_for()
    with page.expect_navigation(timeout=20_000):
        page.click(".split-toast button:has-text('撤销')")
    page.wait_for_selector(SAVED)
    db_session.expire_all()
    assert [row.section.id for row in outline(db_session, report)] == before
    db_session.expire_all()
    assert db_session.get(Section, first.id).body == "第一节第一段。\n第一节末段。" + PASSAGE


def test_pasting_plain_paragraphs_keeps_them_in_the_block_without_an_offer(browser, live_server, db_session, report):
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    first = sections(db_session, report)[0]
    paste_into(page, first, "西山县委员走访企业。\n东湖县委员开展视察。")
    page.wait_for_selector(SAVED, timeout=10_000)
    assert page.locator(".paste-offer").count() == 0
    assert sections(db_session, report)[0].body == "第一节第一段。\n第一节末段。西山县委员走访企业。\n东湖县委员开展视察。"


def test_lines_pasted_into_a_heading_fill_the_heading_and_open_the_body(browser, live_server, db_session, report):
    first = sections(db_session, report)[0]
    fresh = sec.add_section(db_session, report, "section", parent_id=first.parent_id)
    db_session.commit()
    fresh_id = fresh.id
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, report)
    page.locator(f"#s-{fresh_id} .pm-line .ProseMirror").click()
    with page.expect_response(lambda r: r.url.endswith(f"/sections/{fresh_id}/split")):
        page.evaluate(PASTE, [f"#s-{fresh_id} .pm-line .ProseMirror",
                              "加强自身建设\n开展委员履职培训。\n1.组织专题培训\n邀请专家授课。"])
    assert "1 个标题或条目" in page.inner_text(f"#s-{fresh_id} .paste-offer")
    page.wait_for_selector(SAVED, timeout=10_000)
    db_session.expire_all()
    saved = db_session.get(Section, fresh_id)
    assert (saved.heading, saved.body) == ("加强自身建设", "开展委员履职培训。\n1.组织专题培训\n邀请专家授课。")
