"""Text that crashes Jinja's parser is refused before it is stored, and stored text never breaks a page."""
import pytest
from sqlalchemy import select, update

from core.drafting.document import assemble
from core.rendering.docx import render_docx
from core.drafting.merge import check_text, make_environment, merge_text, storable_problem
from data_models import Report, Section

PARSER_BREAKERS = {
    "100 nested parentheses": "{{ " + "(" * 100 + "年度" + ")" * 100 + " }}",
    "100 brackets": "{{ " + "[" * 100 + " }}",
    "300 nested ifs": "{% if a %}" * 300 + "x" + "{% endif %}" * 300,
    "200 chained filters": "{{ 年度" + " | 余" * 200 + " }}",
    "4301-digit argument": "{{ 年度 | 万元(" + "9" * 4301 + ") }}",
    "float overflow": "{{ 年度 | 万元(1e400) }}",
    "500 nots": "{{ " + "not " * 500 + "年度 }}",
}


@pytest.mark.parametrize("text", PARSER_BREAKERS.values(), ids=PARSER_BREAKERS.keys())
def test_parser_breakers_are_messages_not_exceptions(filters, text):
    env = make_environment(filters)
    result = merge_text(env, text, {"年度": 2023})
    assert result.text == text and "占位符" in result.error
    assert check_text(env, text) and storable_problem(text)


def test_ordinary_placeholders_are_storable():
    for text in ("召开党组会议{{ 党组会议次数 }}次", "{{ 协商活动场次 | 余 }}", "{{ 党组会议次数 ", "{{ 未知 | 不存在 }}"):
        assert storable_problem(text) == ""  # softer problems are saved with a warning, not refused


def _first_section(db_session, client):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": "annual_summary", "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    section = db_session.scalars(select(Section).where(Section.report_id == report.id,
                                                       Section.node_type == "section")).first()
    return report, section


@pytest.mark.parametrize("text", PARSER_BREAKERS.values(), ids=PARSER_BREAKERS.keys())
def test_breaker_is_refused_before_storing_and_given_back(client, demo, db_session, text):
    report, section = _first_section(db_session, client)
    before = section.body
    response = client.post(f"/reports/{report.id}/sections/{section.id}", data={
        "version": section.version, "heading": section.heading, "lead": "", "body": text})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert "保存失败" in html and "未保存" in html and text[:50] in html.replace("&#39;", "'")
    db_session.expire_all()
    assert db_session.get(Section, section.id).body == before


def test_pages_survive_breakers_already_stored(client, demo, db_session):
    """Text stored before validation existed (or by a direct import) leaves the rest working."""
    report, section = _first_section(db_session, client)
    texts = list(PARSER_BREAKERS.values()) + ["标题\x01含控制字符\x0b"]
    sections = db_session.scalars(select(Section).where(Section.report_id == report.id)).all()
    for target, text in zip(sections, texts):
        db_session.execute(update(Section).where(Section.id == target.id).values(body=text))
    db_session.commit()
    assert client.get(f"/reports/{report.id}").status_code == 200
    preview = client.get(f"/reports/{report.id}/preview")
    assert preview.status_code == 200 and "占位符" in preview.get_data(as_text=True)
    assembly = assemble(db_session, report)
    bodies = "".join(block.text for block in assembly.content.blocks)
    assert "\x01" not in bodies and "\x0b" not in bodies
    assert any(text[:20] in bodies for text in PARSER_BREAKERS.values())  # raw text shown, not lost
    assert render_docx(assembly.content)[:2] == b"PK"  # the Word file still renders


def test_title_that_breaks_the_parser_is_refused(client, demo, db_session):
    report, _ = _first_section(db_session, client)
    title = report.title
    page = client.post(f"/reports/{report.id}/settings", data={"title": PARSER_BREAKERS["100 brackets"]},
                       follow_redirects=True).get_data(as_text=True)
    assert "嵌套过深" in page
    db_session.expire_all()
    assert db_session.get(Report, report.id).title == title


def test_over_long_body_comes_back_to_the_writer(client, demo, db_session):
    report, section = _first_section(db_session, client)
    body = "长" * 20001
    response = client.post(f"/reports/{report.id}/sections/{section.id}", data={
        "version": section.version, "heading": section.heading, "lead": "", "body": body})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "正文过长" in html and body in html


def test_saving_into_a_deleted_section_gives_the_text_back(client, demo, db_session):
    report, section = _first_section(db_session, client)
    section_id, version = section.id, section.version
    client.post(f"/reports/{report.id}/sections/{section_id}/delete", data={})
    response = client.post(f"/reports/{report.id}/sections/{section_id}", data={
        "version": version, "heading": "抓学习", "lead": "", "body": "这段文字不能丢"})
    html = response.get_data(as_text=True)
    assert response.status_code == 409 and "已被他人删除" in html and "这段文字不能丢" in html


def test_autosave_into_a_deleted_section_returns_the_text(client, demo, db_session):
    report, section = _first_section(db_session, client)
    section_id, version = section.id, section.version
    client.post(f"/reports/{report.id}/sections/{section_id}/delete", data={})
    response = client.post(f"/reports/{report.id}/sections/{section_id}/text", csrf=False,
                           json={"version": version, "heading": "抓学习", "lead": "", "body": "这段文字不能丢"},
                           headers={"X-CSRFToken": client.csrf_token()})
    assert response.status_code == 410 and "已被他人删除" in response.get_json()["error"]
    assert response.get_json()["mine"]["body"] == "这段文字不能丢"


def test_autosave_refusal_returns_the_text(client, demo, db_session):
    report, section = _first_section(db_session, client)
    body = PARSER_BREAKERS["100 brackets"]
    response = client.post(f"/reports/{report.id}/sections/{section.id}/text", csrf=False,
                           json={"version": section.version, "heading": section.heading, "lead": "", "body": body},
                           headers={"X-CSRFToken": client.csrf_token()})
    assert response.status_code == 422 and "嵌套过深" in response.get_json()["error"]
    assert response.get_json()["mine"]["body"] == body
