"""The editor's JSON autosave: version check per block, both texts on a conflict, Chinese refusals."""
import pytest
from sqlalchemy import select

from data_models import Report, Section


def _report_with_sections(client, db_session, kind="annual_summary"):
    client.login("donghu_drafter")
    client.post("/reports/new", data={"kind": kind, "period": "2023"})
    report = db_session.scalars(select(Report)).one()
    sections = db_session.scalars(select(Section).where(Section.report_id == report.id, Section.node_type == "section")
                                  .order_by(Section.id)).all()
    return report, sections


def _save(client, report, section, version, body, heading=None):
    return client.post(f"/reports/{report.id}/sections/{section.id}/text",
                       json={"version": version, "heading": section.heading if heading is None else heading,
                             "lead": "", "body": body},
                       headers={"X-CSRFToken": client.csrf_token()})


def test_autosave_returns_the_new_version(client, demo, db_session):
    report, (section, *_) = _report_with_sections(client, db_session)
    response = _save(client, report, section, section.version, "召开党组会议{{ 党组会议次数 }}次。")
    assert response.status_code == 200
    db_session.expire_all()
    assert response.get_json()["version"] == section.version
    assert section.body == "召开党组会议{{ 党组会议次数 }}次。"


def test_stale_autosave_returns_both_texts(client, demo, db_session):
    report, (section, *_) = _report_with_sections(client, db_session)
    seen = section.version
    assert _save(client, report, section, seen, "甲的正文").status_code == 200
    response = _save(client, report, section, seen, "乙的正文")
    data = response.get_json()
    assert response.status_code == 409
    assert data["theirs"]["body"] == "甲的正文" and data["mine"]["body"] == "乙的正文"
    assert "保存失败" in data["error"]
    db_session.expire_all()
    assert db_session.get(Section, section.id).body == "甲的正文"


def test_different_blocks_never_conflict(client, demo, db_session):
    report, (first, second, *_) = _report_with_sections(client, db_session)
    seen_first, seen_second = first.version, second.version
    assert _save(client, report, first, seen_first, "第一节").status_code == 200
    assert _save(client, report, second, seen_second, "第二节").status_code == 200
    db_session.expire_all()
    assert (first.body, second.body) == ("第一节", "第二节")


def test_save_after_a_move_is_not_a_conflict(client, demo, db_session):
    report, (first, second, *_) = _report_with_sections(client, db_session)
    seen = second.version
    client.post(f"/reports/{report.id}/sections/{second.id}/move", data={"direction": "up"})
    assert _save(client, report, second, seen, "移动后输入").status_code == 200


def test_bad_request_is_a_chinese_message(client, demo, db_session):
    report, (section, *_) = _report_with_sections(client, db_session)
    response = client.post(f"/reports/{report.id}/sections/{section.id}/text", json={"body": 3},
                           headers={"X-CSRFToken": client.csrf_token()})
    assert response.status_code == 400 and "保存请求无效" in response.get_json()["error"]


@pytest.mark.parametrize("body", [{"version": "1", "body": "东湖县"}, {"version": True, "body": "东湖县"},
                                  {"version": 1, "body": None}, {"version": 1, "lead": ["东湖县"]}, ["东湖县"], "东湖县"])
def test_autosave_refuses_wrong_json_types_and_saves_nothing(client, demo, db_session, body):
    report, (section, *_) = _report_with_sections(client, db_session)
    if isinstance(body, dict) and type(body.get("version")) is int:
        body = {**body, "version": section.version}
    response = client.post(f"/reports/{report.id}/sections/{section.id}/text", json=body,
                           headers={"X-CSRFToken": client.csrf_token()})
    assert response.status_code == 400 and "保存请求无效" in response.get_json()["error"]
    db_session.expire_all()
    assert db_session.get(Section, section.id).body == ""


def test_locked_report_refuses_with_the_reason(client, demo, db_session):
    report, (section, *_) = _report_with_sections(client, db_session)
    report.status = "approved"
    db_session.commit()
    response = _save(client, report, section, section.version, "改")
    assert response.status_code == 422 and "不能修改" in response.get_json()["error"]


def test_reviewer_and_other_committee_cannot_autosave(client, demo, db_session):
    report, (section, *_) = _report_with_sections(client, db_session)
    client.logout()
    client.login("donghu_reviewer")
    assert _save(client, report, section, section.version, "改").status_code == 403
    client.logout()
    client.login("xishan_drafter")
    assert _save(client, report, section, section.version, "改").status_code == 404
    db_session.expire_all()
    assert db_session.get(Section, section.id).body == ""


def test_without_csrf_token_nothing_is_saved(client, demo, db_session):
    report, (section, *_) = _report_with_sections(client, db_session)
    response = client.post(f"/reports/{report.id}/sections/{section.id}/text",
                           json={"version": section.version, "heading": "", "lead": "", "body": "x"})
    assert response.status_code == 400
    db_session.expire_all()
    assert db_session.get(Section, section.id).body == ""


def test_warnings_json_lists_each_block(client, demo, db_session):
    report, (section, *_) = _report_with_sections(client, db_session)
    _save(client, report, section, section.version, "召开{{ 不存在的指标 }}次，共 XX 场。")
    warnings = client.get(f"/reports/{report.id}/warnings.json").get_json()["warnings"]
    codes = {w["code"] for w in warnings if w["section_id"] == section.id}
    assert {"unknown", "leftover"} <= codes


def test_warnings_json_merges_each_chip_again(client, demo, db_session):
    report, (section, *_) = _report_with_sections(client, db_session)
    _save(client, report, section, section.version, "召开{{ 不存在的指标 }}次，{{ 年度 }}年。")
    chips = client.get(f"/reports/{report.id}/warnings.json").get_json()["chips"]
    assert "未知" in chips["{{ 不存在的指标 }}"]["warning"]
    assert chips["{{ 年度 }}"] == {"name": "年度", "shown": "2023", "warning": ""}
