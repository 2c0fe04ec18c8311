"""导入已有文稿 in the browser's terms: upload or paste, preview, adjust, confirm; bad input never a 500."""
import html
import io
import re

import pytest
from sqlalchemy import func, select

from data_models import NodeType, Report, Section
from tests.security import uploads as hostile

from . import documents as docs
from .test_cli import TEXT


def _count(db_session, model=Report) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count(model.id)))


def _state(page: str) -> str:
    return html.unescape(re.search(r'name="state" value="([^"]*)"', page).group(1))


def _source_text(page: str) -> str:
    return html.unescape(re.search(r'name="source_text" value="([^"]*)"', page).group(1))


def _preview(client, text=TEXT):
    client.login("donghu_drafter")
    response = client.post("/reports/import", data={"text": text, "period": "2023", "kind": ""})
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_reports_page_offers_import(client, donghu):
    client.login("donghu_drafter")
    assert "导入已有文稿" in client.get("/reports/").get_data(as_text=True)


def test_preview_shows_tree_and_numbers_and_writes_nothing(client, donghu, db_session):
    page = _preview(client)
    assert f'<span class="badge">{NodeType.PART.label}</span>' in page and "2023年工作及成效" in page and "扎实开展理论学习。" in page
    assert "党组会议次数" in page and "已关联" in page
    assert _count(db_session) == 0


def test_accept_all_creates_the_report_with_bound_numbers(client, donghu, db_session):
    page = _preview(client)
    done = client.post("/reports/import/confirm", data={"state": _state(page), "period": "2023",
                                                        "kind": "annual_summary", "accept_all": "1"},
                       follow_redirects=True)
    assert done.status_code == 200 and "已导入" in done.get_data(as_text=True)
    report = db_session.scalars(select(Report)).one()
    bodies = " ".join(db_session.scalars(select(Section.body).where(Section.report_id == report.id)))
    assert "{{ 党组会议次数 }}次" in bodies
    preview = re.sub(r"<[^>]+>", "", client.get(f"/reports/{report.id}/preview").get_data(as_text=True))
    assert "全年召开党组会议6次" in preview


def test_a_number_can_be_kept_literal(client, donghu, db_session):
    page = _preview(client)
    index = re.findall(r'name="number-(\d+)"', page)[0]  # 6次, the first number
    client.post("/reports/import/confirm", data={"state": _state(page), "period": "2023", "kind": "annual_summary",
                                                 f"number-{index}": ""})
    bodies = " ".join(db_session.scalars(select(Section.body)))
    assert "党组会议6次" in bodies and "{{ 主席会议次数 }}" in bodies
    report = db_session.scalars(select(Report)).one()
    assert any("数字未关联台账：“6次”" in w for w in report.settings["import"]["warnings"])


def test_demote_and_kind_change_before_confirming(client, donghu, db_session):
    page = _preview(client)
    # node 3 is （二）深化协商议政: one level down it sits below （一）
    page = client.post("/reports/import/adjust", data={"state": _state(page), "period": "2023",
                                                       "kind": "annual_summary", "action": "demote:3"}).get_data(as_text=True)
    assert re.search(r'depth-2" data-kind="subsection" id="node-3"', page)
    page = client.post("/reports/import/adjust", data={"state": _state(page), "period": "2023", "kind": "annual_summary",
                                                       "action": "kind:3", "node-kind-3": "item"}).get_data(as_text=True)
    assert re.search(r'data-kind="item" id="node-3"', page)
    assert _count(db_session) == 0
    client.post("/reports/import/confirm", data={"state": _state(page), "period": "2023", "kind": "annual_summary",
                                                 "accept_all": "1"})
    item = db_session.scalars(select(Section).where(Section.node_type == "item", Section.body.like("%深化协商议政%"))).one()
    assert item.heading == ""  # the former heading text kept as body, nothing dropped


def _upload(client, data: bytes, name: str):
    client.login("donghu_drafter")
    return client.post("/reports/import", data={"period": "2023", "kind": "", "file": (io.BytesIO(data), name)},
                       content_type="multipart/form-data")


@pytest.mark.parametrize("data, name, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "去年总结.doc", "另存为"),
    (b"plain bytes", "去年总结.wps", "另存为"),
    (b"not a zip at all", "总结.docx", "不是Word 文档"),
    (hostile.docx_bomb(), "炸弹.docx", "压缩炸弹"),
    (docs.encrypted_docx(), "加密.docx", "已加密"),
    (docs.images_only_docx(), "图片.docx", "只有图片"),
])
def test_bad_uploads_get_a_chinese_message_and_write_nothing(client, donghu, db_session, data, name, message):
    response = _upload(client, data, name)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert _count(db_session) == 0


def test_pasted_text_with_control_characters_imports_with_a_warning(client, donghu, db_session):
    # \x07 and the like never pass the door (core.cleaning); DEL and zero-width spaces reach the import
    page = _preview(client, TEXT.replace("全年召开", "全年\x7f召开"))
    assert "已删除 1 个不可见的控制字符" in page and "全年召开党组会议" in page


def test_failed_import_writes_nothing(client, donghu, db_session):
    page = _preview(client)
    state = _state(page).replace("围绕湖区保护开展视察。", "很长。" * 8000)
    response = client.post("/reports/import/confirm", data={"state": state, "period": "2023", "kind": "annual_summary",
                                                            "accept_all": "1"}, follow_redirects=True)
    assert "过长" in response.get_data(as_text=True)
    assert _count(db_session) == 0 and _count(db_session, Section) == 0


def test_a_refused_confirm_keeps_the_text_on_the_first_step(client, donghu, db_session):
    page = _preview(client)
    state = _state(page).replace("围绕湖区保护开展视察。", "很长。" * 8000)
    response = client.post("/reports/import/confirm", data={"state": state, "period": "2023", "kind": "annual_summary",
                                                            "source_text": _source_text(page)})
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "过长" in body
    assert html.escape("围绕湖区保护开展视察。") in body.split('name="text"')[1]


def test_tampered_state_is_refused_without_error(client, donghu, db_session):
    client.login("donghu_drafter")
    response = client.post("/reports/import/confirm", data={"state": "{not json", "period": "2023"},
                           follow_redirects=True)
    assert response.status_code == 400 and "已过期" in response.get_data(as_text=True)
    assert _count(db_session) == 0


def test_reviewers_cannot_import(client, donghu):
    client.login("donghu_reviewer")
    assert client.get("/reports/import").status_code == 403


def test_period_left_empty_is_read_from_the_title(client, donghu, db_session):
    client.login("donghu_drafter")
    page = client.post("/reports/import", data={"text": TEXT, "period": "", "kind": ""}).get_data(as_text=True)
    assert re.search(r'id="import-period">2023<', page) and 'name="period" value="2023"' in page
    half = client.post("/reports/import", data={"text": "东湖县政协2024年上半年工作总结\n一、工作成效\n正文。", "period": ""})
    assert half.status_code == 200 and 'name="period" value="2024H1"' in half.get_data(as_text=True)
    untitled = client.post("/reports/import", data={"text": "一、工作成效\n正文。", "period": ""})
    assert untitled.status_code == 400 and "标题中没有年份" in untitled.get_data(as_text=True)
    assert "正文。" in untitled.get_data(as_text=True)  # the pasted text is kept in the form
    assert _count(db_session) == 0


def test_a_choice_is_kept_whichever_confirm_button_is_pressed(client, donghu, db_session):
    page = _preview(client)
    index = re.findall(r'name="number-(\d+)"', page)[0]  # 6次, the first number
    client.post("/reports/import/confirm", data={"state": _state(page), "period": "2023", "kind": "annual_summary",
                                                 "accept_all": "1", f"number-{index}": ""})
    bodies = " ".join(db_session.scalars(select(Section.body)))
    assert "党组会议6次" in bodies and "{{ 主席会议次数 }}" in bodies


def test_a_number_only_one_metric_prints_is_shown_as_auto(client, donghu, db_session):
    page = _preview(client, "东湖县政协2023年工作总结\n一、学习\n全年组织集会6次，研讨2次。")
    rows = re.findall(r'<tr class="status-(\w+)">\s*<td>([^<]+)</td>', page)
    assert ("auto", "6次") in rows and "自动识别（请核对）" in page and 'id="auto-note"' in page
    assert re.search(r'<option value="party_group_meetings" selected>', page)
    done = client.post("/reports/import/confirm", data={"state": _state(page), "period": "2023",
                                                        "kind": "annual_summary", "source_text": _source_text(page)},
                       follow_redirects=True).get_data(as_text=True)
    assert "（其中 2 个为自动识别" in done  # 6次 and 2次


def test_back_from_the_preview_keeps_the_pasted_text(client, donghu, db_session):
    page = _preview(client)
    assert 'id="import-back"' in page
    back = client.post("/reports/import/back", data={"source_text": _source_text(page), "period": "2023",
                                                     "kind": "annual_summary", "state": _state(page)})
    body = back.get_data(as_text=True)
    assert back.status_code == 200 and "已把上一步的文字放回" in body
    assert html.unescape(re.search(r'<textarea name="text"[^>]*>([^<]*)</textarea>', body).group(1)) == TEXT
    assert 'value="2023"' in body and _count(db_session) == 0


def test_back_from_a_word_file_puts_its_paragraphs_in_the_text_box(client, donghu, db_session):
    page = _upload(client, docs.auto_numbered_docx(), "西山县政协工作情况汇报.docx").get_data(as_text=True)
    text = _source_text(page)
    assert text.splitlines()[:3] == ["西山县政协工作情况汇报", "近年来，西山县政协认真履职，现将有关情况汇报如下：", "一、坚持党的领导"]


def test_empty_paste_says_what_to_do(client, donghu, db_session):
    client.login("donghu_drafter")
    response = client.post("/reports/import", data={"text": "  \n ", "period": "", "kind": ""})
    assert response.status_code == 400 and "请把整篇文稿粘贴到" in response.get_data(as_text=True)


def test_a_word_file_that_is_not_a_report_says_so_and_keeps_its_text(client, donghu, db_session):
    client.login("donghu_drafter")
    data = docs.docx_bytes([docs.P("会议通知"), docs.P("请于3月5日上午9时到县政协二楼会议室参加会议。")])
    response = client.post("/reports/import", data={"period": "", "kind": "", "file": (io.BytesIO(data), "通知.docx")},
                           content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "可能不是工作报告" in body
    assert "请于3月5日上午9时到县政协二楼会议室参加会议。" in body  # nothing lost: the text is in the box
    with_period = _upload(client, data, "通知.docx").get_data(as_text=True)
    assert "没有识别出任何标题" in with_period


def test_a_file_and_pasted_text_together_are_not_guessed_between(client, donghu, db_session):
    client.login("donghu_drafter")
    data = docs.docx_bytes(docs.ANNUAL_STYLED)
    response = client.post("/reports/import", data={"period": "2023", "kind": "", "text": TEXT,
                                                    "file": (io.BytesIO(data), "总结.docx")},
                           content_type="multipart/form-data")
    body = response.get_data(as_text=True)
    assert response.status_code == 400 and "同时选择了文件又粘贴了文字" in body
    assert html.escape("围绕湖区保护开展视察。") in body  # the pasted text stays in the box


def test_bad_period_keeps_the_pasted_text_and_choices(client, donghu, db_session):
    client.login("donghu_drafter")
    response = client.post("/reports/import", data={"text": TEXT, "period": "2023H3", "kind": "annual_summary"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "统计期间" in page
    assert 'value="2023H3"' in page and html.escape(TEXT.splitlines()[0]) in page
    assert 'value="annual_summary" selected' in page
    assert _count(db_session) == 0


def test_adjust_buttons_without_a_row_number_change_nothing(client, donghu, db_session):
    page = _preview(client)
    for action in ("demote:-1", "promote:", "kind:x"):
        response = client.post("/reports/import/adjust", data={"state": _state(page), "period": "2023", "action": action})
        assert response.status_code == 200 and _state(response.get_data(as_text=True)) == _state(page), action
    expired = client.post("/reports/import/adjust", data={"state": _state(page), "period": "明年"}, follow_redirects=True)
    assert "已过期" in expired.get_data(as_text=True)
