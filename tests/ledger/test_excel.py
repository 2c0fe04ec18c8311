import io
from datetime import date

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from core.ledger.excel import export_workbook, import_workbook, template_workbook
from core.ledger.records import LedgerError, load_categories
from core.metrics.engine import compute_metrics
from data_models import Record


def workbook(sheets: dict) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


PROPOSAL_HEADER = ["类型", "日期", "标题", "外部编号", "审查结果", "并案", "主办单位"]


def count(db_session):
    return db_session.scalar(select(func.count(Record.id)))


def test_template_has_chinese_headers_for_the_category(db_session, catalogue):
    info = load_categories(db_session, catalogue.county_a.id)["proposal"]
    sheet = load_workbook(io.BytesIO(template_workbook(info)))["提案"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["类型", "日期", "标题"] and "审查结果" in header and "并案" in header
    lists = {v.formula1 for v in sheet.data_validations.dataValidation}
    assert '"委员提案"' in lists and '"是,否"' in lists and '"立案,转为意见建议"' in lists


def test_import_writes_rows_that_metrics_count(db_session, catalogue):
    data = workbook({"提案": [PROPOSAL_HEADER,
                              ["委员提案", date(2023, 3, 1), "关于A的提案", "P-1", "立案", "是", "教育局"],
                              ["proposal", "2023-03-02", "关于B的提案", "P-2", "立案", "否", "财政局"]],
                     "会议": [["类型", "日期", "标题"], ["党组会议", "2023/04/01", "党组会议"]]})
    assert import_workbook(db_session, catalogue.county_a.id, data) == 3
    db_session.commit()
    values = compute_metrics(db_session, catalogue.county_a.id, "2023")
    assert (values["proposals_filed"].value, values["proposals_merged"].value) == (2, 1)
    assert values["party_group_meetings"].value == 1


def test_failed_import_writes_nothing_and_names_each_bad_cell(db_session, catalogue):
    data = workbook({"提案": [PROPOSAL_HEADER,
                              ["委员提案", "2023-03-01", "好的一行", "P-1", "立案", "是", ""],
                              ["委员提案", "2023-02-30", "坏日期", "P-2", "立案", "否", ""],
                              ["不存在的类型", "2023-03-01", "", "P-1", "同意", "也许", ""]]})
    with pytest.raises(LedgerError) as error:
        import_workbook(db_session, catalogue.county_a.id, data)
    messages = [f"{row}|{column}" for row, column, _ in error.value.errors]
    assert "工作表“提案”第3行|日期" in messages
    assert {"工作表“提案”第4行|类型", "工作表“提案”第4行|标题", "工作表“提案”第4行|审查结果",
            "工作表“提案”第4行|并案", "工作表“提案”第4行|外部编号"} <= set(messages)
    db_session.rollback()
    assert count(db_session) == 0


def test_unknown_sheet_and_column_are_refused(db_session, catalogue):
    data = workbook({"杂项": [["类型"]], "会议": [["类型", "日期", "标题", "乱写的列"], ["党组会议", "2023-01-01", "x", 1]]})
    with pytest.raises(LedgerError) as error:
        import_workbook(db_session, catalogue.county_a.id, data)
    assert "杂项" in str(error.value) and any(column == "乱写的列" for _, column, _ in error.value.errors)
    with pytest.raises(LedgerError):
        import_workbook(db_session, catalogue.county_a.id, b"not a workbook")


def test_export_round_trips_through_import(db_session, catalogue):
    data = workbook({"提案": [PROPOSAL_HEADER, ["委员提案", "2023-03-01", "关于A的提案", "", "立案", "是", "教育局"]]})
    import_workbook(db_session, catalogue.county_a.id, data)
    db_session.commit()
    exported = export_workbook(db_session, catalogue.county_a.id, select(Record).where(Record.committee_id == catalogue.county_a.id))
    import_workbook(db_session, catalogue.county_b.id, exported)
    db_session.commit()
    copy = db_session.scalars(select(Record).where(Record.committee_id == catalogue.county_b.id)).one()
    assert copy.attrs == {"status": "立案", "merged": True, "lead_unit": "教育局"} and copy.title == "关于A的提案"
