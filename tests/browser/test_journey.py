"""The whole journey in a real browser: a newcomer logs in, adds a ledger record, sees the merged number
change in the preview, fills a section and submits; a reviewer approves; the .docx downloads and
passes the format checker. Every step leaves a screenshot in the run's tmp dir."""
import re

import pytest

from core.passwords import hash_password
from core.rendering.format_check import check_docx
from data_models import Report, User

pytestmark = pytest.mark.browser
PLACEHOLDER = "全年召开主席会议{{ 主席会议次数 }}次，研究重要事项。"
MERGED = re.compile(r"全年召开主席会议(\d+)次")


@pytest.fixture
def newcomer(db_session, demo):
    """A drafter of 东湖县 who has never logged in, with a year of demo ledger behind the committee."""
    from core.demo import ledger

    ledger.seed(db_session)
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


def merged_number(page, base: str, report_id: int) -> int:
    page.goto(f"{base}/reports/{report_id}/preview")
    match = MERGED.search(page.inner_text("article.gongwen"))
    assert match, page.inner_text("article.gongwen")[:500]
    return int(match.group(1))


def create_report(page, base: str) -> int:
    page.goto(f"{base}/reports/new")
    page.select_option("select[name=kind]", "annual_summary")
    page.fill("input[name=period]", "2024")
    page.click("button:has-text('创建')")
    page.wait_for_selector("#review-panel")
    return int(re.search(r"/reports/(\d+)", page.url).group(1))


def fill_issue_date(page, day: str) -> None:
    """The 成文日期 under the signature, in the editor's 报告信息 panel."""
    if not page.locator("input[name=date]").is_visible():
        page.click("summary:has-text('报告信息')")
    page.fill("input[name=date]", day)
    page.click("button:has-text('保存报告信息')")
    page.wait_for_selector(".flash")


def fill_section(page, heading_part: str, text: str) -> None:
    """Type into the body of the section whose heading contains `heading_part`; autosave keeps it."""
    form = page.locator(f"section.block form:has(input[name=heading][value*='{heading_part}'])").first
    page.locator(f"section.block:has(input[name=heading][value*='{heading_part}']) .pm-body .ProseMirror").first.fill(text)
    page.wait_for_selector("#save-status[data-state=saved]", timeout=10_000)


def add_chair_meeting(page, base: str) -> None:
    page.goto(f"{base}/ledger/")
    page.select_option("form[data-goto] select[name=category]", "meeting")
    page.click("form[data-goto] button:has-text('新增记录')")
    page.wait_for_url(re.compile(r"/ledger/new/meeting"))
    page.fill("input[name=date]", "2024-06-18")
    page.select_option("select[name=type]", "主席会议")
    page.fill("input[name=title]", "十届政协第12次主席会议")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=十届政协第12次主席会议")


def test_newcomer_to_approved_docx(browser, live_server, newcomer, db_session, demo, shots, tmp_path):
    page = browser.new_page(locale="zh-CN", accept_downloads=True)
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    login(page, live_server, *newcomer)
    shots.take(page, "newcomer-dashboard")
    report_id = create_report(page, live_server)
    fill_issue_date(page, "2024年12月25日")
    fill_section(page, "政治引领", PLACEHOLDER)
    shots.take(page, "section-filled")
    before = merged_number(page, live_server, report_id)
    shots.take(page, "preview-before")

    add_chair_meeting(page, live_server)
    shots.take(page, "ledger-record-added")
    assert merged_number(page, live_server, report_id) == before + 1
    shots.take(page, "preview-after")

    page.goto(f"{live_server}/reports/{report_id}")
    page.click("#review-panel button:has-text('提交审核')")
    page.wait_for_selector("text=文稿已提交审核")
    assert page.inner_text("#review-panel .status") == "待审核"
    shots.take(page, "submitted")
    logout(page)

    login(page, live_server, "donghu_reviewer", demo.password)
    page.click(f"#waiting a[href='/review/{report_id}']")  # the reviewer reads the document view
    page.click("#review-panel button:has-text('审定通过')")
    page.click("#review-approve-dialog button[type=submit]")  # confirmed in the dialog
    page.wait_for_selector("text=文稿已审定")
    assert page.inner_text("#review-panel .status") == "已审定"
    shots.take(page, "approved")

    page.goto(f"{live_server}/documents/reports/{report_id}")
    page.click("button:has-text('生成公文格式文件')")
    link = page.locator("a[href$='/docx']").first
    try:
        link.wait_for(timeout=60_000)
    finally:
        shots.take(page, "render-page")
    shots.take(page, "rendered")
    with page.expect_download() as download:
        link.click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert check_docx(path.read_bytes()) == []
    assert str(before + 1) in _docx_text(path)
    assert errors == []
    db_session.expire_all()
    assert db_session.get(Report, report_id).status == "approved"


def _docx_text(path) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
