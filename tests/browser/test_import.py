"""In a real browser: import a .docx from the reports page, confirm the tree and the numbers, preview
the merged report. Screenshots of each step are kept in the run's tmp dir."""
import re

import pytest

from data_models import Report, Section
from tests.importing import documents as docs
from tests.importing.conftest import ledger as ledger  # noqa: F401  (fixture)
from tests.importing.conftest import donghu as donghu  # noqa: F401  (fixture)

from .test_journey import login

pytestmark = pytest.mark.browser

PARAGRAPHS = [
    docs.P("东湖县政协2023年工作总结", center=True),
    docs.P("2023年，县政协紧扣中心工作履职尽责。"),
    docs.P("一、2023年工作及成效", style="Heading 1"),
    docs.P("（一）强化政治引领", style="Heading 2"),
    docs.P("全年召开党组会议6次、主席会议2次。", bold="扎实开展理论学习。"),
    docs.P("二、2024年工作要点", style="Heading 1"),
    docs.P("（一）强化理论学习", style="Heading 2"),
    docs.P("坚持第一议题制度。"),
]


def test_import_docx_confirm_tree_and_numbers_then_preview(live_server, browser, shots, donghu, db_session, tmp_path):
    path = tmp_path / "东湖县政协2023年工作总结.docx"
    path.write_bytes(docs.docx_bytes(PARAGRAPHS))
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    login(page, live_server, "donghu_drafter", "demo12345")
    page.goto(f"{live_server}/reports/")
    page.click("#import-link")
    page.set_input_files("input[name=file]", str(path))
    page.fill("input[name=period]", "2023")
    page.click("button:has-text('识别结构')")
    page.wait_for_selector("#import-tree")
    shots.take(page, "import-preview")
    tree = page.inner_text("#import-tree")
    assert "2023年工作及成效" in tree and "扎实开展理论学习。" in tree
    assert page.locator(".import-node[data-kind=part]").count() == 2
    page.click("#bound-numbers summary")  # numbers bound by their names are folded away, the rest shown first
    numbers = page.inner_text("#import-numbers")
    assert "党组会议次数" in numbers and "主席会议次数" in numbers
    assert db_session.query(Report).count() == 0  # nothing written before confirming
    page.click("#accept-all")
    page.wait_for_selector("#preview-link")
    shots.take(page, "import-done")
    page.click("#preview-link")
    page.wait_for_selector("article.gongwen")
    shots.take(page, "merged-preview")
    text = page.inner_text("article.gongwen")
    assert re.search(r"全年召开党组会议6次、主席会议2次。", text)
    assert "坚持第一议题制度。" in text
    db_session.expire_all()
    bodies = " ".join(s.body for s in db_session.query(Section))
    assert "{{ 党组会议次数 }}" in bodies
    assert errors == []


PASTED = """东湖县政协2023年工作总结
2023年，县政协围绕全县中心工作履职尽责。
一、2023年工作及成效
（一）强化政治引领
全年召开党组会议6次、主席会议2次，带动委员在学思践悟中凝聚共识。
（二）深化协商议政
围绕湖区生态保护开展专题协商，形成一批协商成果。
二、2024年工作要点
（一）强化理论学习
坚持第一议题制度。"""


def test_paste_from_the_dashboard_then_create_and_edit(live_server, browser, shots, donghu, db_session):
    page = browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    login(page, live_server, "donghu_drafter", "demo12345")
    page.goto(f"{live_server}/")
    page.click("a:has-text('导入已有文稿')")
    page.fill("textarea[name=text]", PASTED)  # 统计期间 left empty: the title says 2023
    page.click("button:has-text('识别结构')")
    page.wait_for_selector("#import-tree")
    shots.take(page, "paste-preview")
    assert page.inner_text("#import-period") == "2023"
    assert "强化政治引领" in page.inner_text("#import-tree")
    page.click("#accept-all")
    page.click("a:has-text('打开编辑')")
    page.wait_for_selector("#save-status[data-state=saved]")
    shots.take(page, "pasted-in-editor")
    sheet = page.locator(".sheet")
    headings = sheet.locator("input[name=heading]").evaluate_all("(fields) => fields.map((f) => f.value)")
    assert "强化政治引领" in headings and "2024年工作要点" in headings
    chips = page.locator(".sheet .chip .chip-value").all_inner_texts()
    assert chips[:2] == ["6", "2"]  # the typed numbers became chips bound to the ledger
    assert "坚持第一议题制度。" in sheet.inner_text()
    db_session.expire_all()
    report = db_session.query(Report).one()
    assert (report.period_start.isoformat(), report.period_end.isoformat()) == ("2023-01-01", "2023-12-31")
    bodies = " ".join(s.body for s in db_session.query(Section).filter(Section.report_id == report.id))
    assert "{{ 党组会议次数 }}" in bodies and "{{ 主席会议次数 }}" in bodies
    assert errors == []


def test_back_from_the_preview_keeps_the_text_and_phone_width_fits(live_server, browser, shots, donghu, db_session):
    page = browser.new_page(viewport={"width": 390, "height": 800})
    login(page, live_server, "donghu_drafter", "demo12345")
    page.goto(f"{live_server}/reports/import")
    page.click("button:has-text('识别结构')")  # nothing pasted
    assert "请把整篇文稿粘贴到" in page.inner_text("#import-error")
    page.fill("textarea[name=text]", PASTED)
    page.click("button:has-text('识别结构')")
    page.wait_for_selector("#import-tree")
    shots.take(page, "phone-preview")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.click("#import-back")
    page.wait_for_selector("#import-notice")
    assert page.input_value("textarea[name=text]") == PASTED
    assert db_session.query(Report).count() == 0


def test_a_file_over_the_limit_is_refused_before_it_is_sent(live_server, browser, donghu):
    page = browser.new_page()
    login(page, live_server, "donghu_drafter", "demo12345")
    page.goto(f"{live_server}/reports/import")
    page.eval_on_selector("input[name=file]", "(input) => { input.dataset.maxBytes = '10'; }")  # the limit, shrunk
    page.set_input_files("input[name=file]", files=[{"name": "总结.txt", "mimeType": "text/plain",
                                                     "buffer": "东湖县政协2023年工作总结".encode() * 4}])
    message = page.eval_on_selector("input[name=file]", "(input) => input.validationMessage")
    assert message.startswith("文件超过 20 MB")
    page.click("button:has-text('识别结构')")
    assert page.url.endswith("/reports/import") and not page.locator("#import-tree").count()
