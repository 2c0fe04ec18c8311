"""flask import-report: the tree as JSON, a report written (or not with --dry-run), bad input refused."""
import json
import re

from sqlalchemy import func, select

from core.drafting.document import preview_text
from data_models import Report, Section

from . import documents as docs

TEXT = """东湖县政协2023年工作总结
一、2023年工作及成效
（一）强化政治引领
扎实开展理论学习。全年召开党组会议6次、主席会议2次。
（二）深化协商议政
围绕湖区保护开展视察。
二、2024年工作要点
（一）强化理论学习
坚持第一议题制度。
政协东湖县委员会
2024年1月5日"""


def _run(runner, tmp_path, text, *args, name="总结.txt"):
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return runner.invoke(args=["import-report", str(path), "--committee", "东湖县政协", "--period", "2023", *args])


def _reports(db_session) -> int:
    return db_session.scalar(select(func.count(Report.id)))


def _keys(node: dict) -> set:
    return set(node) | set().union(*(_keys(child) for child in node["children"])) if node["children"] else set(node)


def test_json_shape_and_dry_run_writes_nothing(runner, tmp_path, donghu, db_session):
    result = _run(runner, tmp_path, TEXT, "--json", "--dry-run")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"title", "subtitle", "signature", "date", "children", "numbers", "kind"} <= set(data)
    assert (data["title"], data["signature"], data["date"]) == ("东湖县政协2023年工作总结", "政协东湖县委员会", "2024年1月5日")
    assert all(_keys(node) == {"kind", "number", "title", "lead", "text", "children"} for node in data["children"])
    part = data["children"][0]
    assert (part["kind"], part["number"], part["title"]) == ("part", "一、", "2023年工作及成效")
    item = part["children"][0]["children"][0]
    assert (item["kind"], item["lead"], item["text"]) == ("item", "扎实开展理论学习。", "全年召开党组会议6次、主席会议2次。")
    numbers = {n["text"]: n for n in data["numbers"]}
    assert numbers["6次"]["metric"] == "party_group_meetings" and numbers["2次"]["metric"] == "chair_meetings"
    assert _reports(db_session) == 0


def test_import_writes_a_report_whose_preview_is_the_imported_text(runner, tmp_path, donghu, db_session):
    result = _run(runner, tmp_path, TEXT)
    assert result.exit_code == 0, result.output
    report = db_session.scalars(select(Report)).one()
    assert report.kind == "annual_summary" and report.period_start.year == 2023
    bodies = " ".join(db_session.scalars(select(Section.body)))
    assert "{{ 党组会议次数 }}次" in bodies and "{{ 主席会议次数 }}次" in bodies
    text, _warnings = preview_text(db_session, report.id)
    assert re.sub(r"\s", "", text) == re.sub(r"\s", "", TEXT)


def test_last_years_report_into_this_year_moves_its_numbers_on(runner, tmp_path, donghu, db_session):
    last_year = TEXT.replace("党组会议6次", "党组会议5次").replace("主席会议2次", "主席会议0次")
    result = _run(runner, tmp_path, last_year)
    assert result.exit_code == 0, result.output
    text, _ = preview_text(db_session, db_session.scalars(select(Report.id)).one())
    assert "全年召开党组会议6次" in text  # bound to last year's 5, merged with this year's 6


def test_standing_committee_report_round_trips_through_the_preview(runner, tmp_path, donghu, db_session):
    result = _run(runner, tmp_path, docs.STANDING_REPORT)
    assert result.exit_code == 0, result.output
    report = db_session.scalars(select(Report)).one()
    assert report.kind == "standing_committee_report"
    assert report.settings["salutation"] == "各位委员：" and report.subtitle.startswith("——在政协东湖县")
    text, _ = preview_text(db_session, report.id)
    assert re.sub(r"\s", "", text) == re.sub(r"\s", "", docs.STANDING_REPORT)


def test_bad_file_is_refused_and_nothing_is_written(runner, tmp_path, donghu, db_session):
    result = _run(runner, tmp_path, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, name="去年.doc")
    assert result.exit_code != 0 and "另存为" in result.output
    too_long = "一、情况\n" + "很长的正文。" * 4000
    result = _run(runner, tmp_path, too_long)
    assert result.exit_code != 0 and "过长" in result.output
    assert _reports(db_session) == 0 and db_session.scalar(select(func.count(Section.id))) == 0


def test_unknown_committee(runner, tmp_path, demo):
    result = runner.invoke(args=["import-report", "-", "--committee", "不存在", "--period", "2023"], input="一、情况\n正文。")
    assert result.exit_code != 0 and "未找到委员会" in result.output


def test_import_warnings_show_in_the_editor_while_their_text_remains(runner, tmp_path, donghu, db_session):
    from core.drafting.document import assemble
    from core.drafting.sections import save_section

    masked = TEXT.replace("围绕湖区保护开展视察。", "围绕湖区保护开展视察*次，走访群众300人次。")
    assert _run(runner, tmp_path, masked).exit_code == 0
    report = db_session.scalars(select(Report)).one()
    notes = [w for w in assemble(db_session, report).warnings if w.code == "import"]
    assert sorted(w.message.split("（")[0] for w in notes) == ["数字未关联台账：“300人次”", "未填写的数字/名称：“*”"]
    section = db_session.get(Section, notes[0].section_id)
    save_section(db_session, section, seen_version=section.version, heading=section.heading, lead=section.lead,
                 body="围绕湖区保护开展视察3次。", user_id=None)
    db_session.commit()
    assert [w for w in assemble(db_session, report).warnings if w.code == "import"] == []
