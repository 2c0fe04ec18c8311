"""In a real browser: upload the demo briefing's Word file with one item of a run-in paragraph
(一、… 一是… 二是… 三是… in one paragraph) deleted; only that item is proposed, and it is deleted
only once 确认删除 is ticked."""
import io

import pytest
from docx import Document
from sqlalchemy import select

from core.drafting.document import preview_text
from data_models import Report, Section
from tests.importing.test_roundtrip_run_in import _replace, _saved

from .test_journey import login

pytestmark = pytest.mark.browser


def test_deleting_one_run_in_item_in_word_deletes_only_that_section(live_server, browser, shots, db_session, demo,
                                                                     tmp_path):
    from core.demo import load_demo
    from core.publishing import publish

    load_demo(db_session)
    db_session.commit()
    report = db_session.scalars(select(Report).where(Report.kind == "briefing")).one()
    document, _ = publish(db_session, report.id)
    db_session.commit()
    word = Document(io.BytesIO(document.docx))
    paragraph = next(p for p in word.paragraphs if "上下联动形成合力。" in p.text)
    text = paragraph.text
    _replace(paragraph, text[text.index("二是上下联动"):text.index("三是统战功能")])
    path = tmp_path / "修改稿.docx"
    path.write_bytes(_saved(word))
    item = db_session.scalars(select(Section).where(Section.report_id == report.id,
                                                    Section.lead == "上下联动形成合力。")).one()

    page = browser.new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    login(page, live_server, "donghu_drafter", "demo12345")
    page.goto(f"{live_server}/reports/documents/{document.id}/revise")
    page.set_input_files("input[name=file]", str(path))
    page.click("button:has-text('比对')")
    page.wait_for_selector("#confirm-removals")
    shots.take(page, "roundtrip-diff")
    assert page.locator(".roundtrip-section").count() == 1
    assert page.locator(f"#change-{item.id}").count() == 1
    assert "上下联动形成合力" in page.inner_text(f"#change-{item.id} del")
    page.check("#confirm-removals")
    page.click("#accept-all-changes")
    page.wait_for_selector("text=已采纳 1 节的修改")
    shots.take(page, "roundtrip-applied")
    db_session.expire_all()
    text, _ = preview_text(db_session, report.id)
    assert "上下联动形成合力" not in text and "议题紧扣县委部署。" in text and "统战功能有效发挥。" in text
    assert errors == []
