"""The preview's numbers open their records in place; 生成 Word offers the file; 390 px without sideways scroll."""
import shutil

import docx
import pytest

from core.metrics.definitions import seed_catalogue
from data_models import Section
from tests.metrics.conftest import Ledger
from tests.support import need

from .test_editor import SAVED, open_editor, report, sections  # noqa: F401 - report is a fixture

pytestmark = pytest.mark.browser


@pytest.fixture
def traced_report(db_session, demo, report):
    seed_catalogue(db_session)
    ledger = Ledger(db_session)
    ledger.add(demo.county_a, "social_info", "item", "2024-04-08", "关于清河沿岸绿道养护的建议", attrs={"adopted_up": True})
    ledger.add(demo.county_a, "social_info", "item", "2024-06-20", "关于东湖县夜市管理的建议", attrs={})
    first = sections(db_session, report)[0]
    first.body = "全年收集社情民意信息{{ 社情民意信息收集篇数 }}篇，被上级采纳{{ 社情民意被上级采纳篇数 }}篇。"
    db_session.commit()
    return report


def test_a_merged_number_opens_its_records(browser, live_server, traced_report):
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, traced_report)
    page.goto(f"{live_server}/reports/{traced_report.id}/preview")
    page.click("article.gongwen a.num[title^='社情民意被上级采纳篇数']")
    dialog = page.locator("#trace-dialog")
    dialog.locator("table").wait_for()
    text = dialog.inner_text()
    assert "关于清河沿岸绿道养护的建议" in text and "2024-04-08" in text and "上级采纳" in text
    assert "关于东湖县夜市管理的建议" not in text
    assert page.url.endswith("/preview")  # still on the page


def test_word_from_the_editor_saves_first_and_downloads(browser, live_server, db_session, traced_report, tmp_path):
    page = open_editor(browser.new_context(locale="zh-CN", accept_downloads=True), live_server, traced_report)
    second = sections(db_session, traced_report)[1]
    field = page.locator(f"#s-{second.id} .pm-body .ProseMirror")
    field.click()
    field.press_sequentially("生成前刚输入的文字")
    page.click(".render-bar button:has-text('生成 Word')")
    link = page.locator(".render-bar a:has-text('下载 Word')")
    with page.expect_download() as download:
        link.click()
    path = tmp_path / "out.docx"
    download.value.save_as(path)
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "生成前刚输入的文字" in text and "被上级采纳1篇" in text
    assert page.locator(SAVED).count() == 1


@pytest.mark.system
def test_pdf_from_the_editor_is_offered_once_converted(browser, live_server, traced_report):
    need(shutil.which("soffice") is not None, "需要 LibreOffice（soffice）")
    page = open_editor(browser.new_context(locale="zh-CN"), live_server, traced_report)
    page.click(".render-bar button:has-text('生成 PDF')")
    link = page.locator(".render-bar a:has-text('下载 PDF')")
    link.wait_for(timeout=120_000)  # the editor polls the version until its PDF state is no longer pending
    assert page.request.get(live_server + link.get_attribute("href")).body().startswith(b"%PDF")


def test_editor_and_preview_fit_a_phone(browser, live_server, traced_report):
    page = open_editor(browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}), live_server,
                       traced_report)
    for path in (f"/reports/{traced_report.id}", f"/reports/{traced_report.id}/preview"):
        page.goto(f"{live_server}{path}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
