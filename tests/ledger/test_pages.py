import io

from openpyxl import load_workbook
from sqlalchemy import func, select

from core.demo import ledger as demo_ledger
from data_models import Record, TaskRun
from tests.ledger.test_excel import workbook


def records(db_session, committee):
    return db_session.scalar(select(func.count(Record.id)).where(Record.committee_id == committee.id))


def test_list_filters_and_shows_only_own_records(client, db_session, catalogue):
    demo_ledger.seed(db_session)
    db_session.commit()
    client.login("donghu_drafter")
    page = client.get("/ledger/?q=党组会议&start=2023-01-01&end=2023-12-31").get_data(as_text=True)
    assert "东湖县政协党组会议" in page and "西山县" not in page
    assert "共 18 条" in page
    assert "无效" in client.get("/ledger/?start=2023-13-01", follow_redirects=True).get_data(as_text=True)


def test_add_record_validates_in_chinese_and_saves(client, db_session, catalogue):
    client.login("donghu_drafter")
    page = client.post("/ledger/new/meeting", data={"type": "", "date": "2023-02-30", "title": ""}).get_data(as_text=True)
    assert "必须填写类型" in page and "日期“2023-02-30”无效" in page and "必须填写标题" in page
    assert 'value="2023-02-30"' in page  # what was typed is shown again
    assert records(db_session, catalogue.county_a) == 0
    client.post("/ledger/new/meeting", data={"type": "党组会议", "date": "2023-02-28", "title": "党组会议"})
    assert records(db_session, catalogue.county_a) == 1


def test_edit_and_delete_own_record_but_not_anothers(client, db_session, catalogue):
    demo_ledger.seed(db_session)
    db_session.commit()
    own = db_session.scalars(select(Record).where(Record.committee_id == catalogue.county_a.id)).first()
    other = db_session.scalars(select(Record).where(Record.committee_id == catalogue.county_b.id)).first()
    client.login("donghu_drafter")
    assert client.get(f"/ledger/{other.id}/edit").status_code == 404
    assert client.post(f"/ledger/{other.id}/delete", data={}).status_code == 404
    response = client.post(f"/ledger/{own.id}/edit", data={"type": own.type.name, "date": "2023-05-05", "title": "改过的标题"})
    assert response.status_code == 302
    db_session.expire_all()
    assert db_session.get(Record, own.id).title == "改过的标题"
    client.post(f"/ledger/{own.id}/delete", data={})
    db_session.expire_all()
    assert db_session.get(Record, own.id) is None


def test_template_export_and_import_pages(client, db_session, catalogue):
    client.login("donghu_drafter")
    template = client.get("/ledger/template/proposal.xlsx")
    assert "提案" in load_workbook(io.BytesIO(template.data)).sheetnames
    bad = workbook({"会议": [["类型", "日期", "标题"], ["党组会议", "2023-01-01", ""]]})
    page = client.post("/ledger/import", data={"file": (io.BytesIO(bad), "bad.xlsx")},
                       content_type="multipart/form-data").get_data(as_text=True)
    assert "第2行“标题”列：必须填写标题" in page and records(db_session, catalogue.county_a) == 0
    good = workbook({"会议": [["类型", "日期", "标题"], ["党组会议", "2023-01-01", "党组会议"]]})
    client.post("/ledger/import", data={"file": (io.BytesIO(good), "good.xlsx")}, content_type="multipart/form-data")
    assert records(db_session, catalogue.county_a) == 1
    exported = load_workbook(io.BytesIO(client.get("/ledger/export.xlsx?q=党组").data))
    assert exported["会议"]["C2"].value == "党组会议"


def test_import_without_a_file_says_so(client, db_session, catalogue):
    client.login("donghu_drafter")
    for data in ({}, {"file": (io.BytesIO(b""), "")}):
        page = client.post("/ledger/import", data=data, content_type="multipart/form-data").get_data(as_text=True)
        assert "请选择要导入的 Excel 文件" in page
    assert records(db_session, catalogue.county_a) == 0


def test_big_import_runs_as_background_job_with_progress(app, client, db_session, catalogue):
    app.config["LEDGER_BACKGROUND_BYTES"] = 0
    rows = [["类型", "日期", "标题"]] + [["党组会议", "2023-01-01", f"会议{i}"] for i in range(300)]
    client.login("donghu_drafter")
    response = client.post("/ledger/import", data={"file": (io.BytesIO(workbook({"会议": rows})), "big.xlsx")},
                           content_type="multipart/form-data")
    assert "/ledger/imports/" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    run = db_session.scalars(select(TaskRun)).one()
    assert run.state == "succeeded" and "已完成" in page and "已导入 300 条" in page
    assert records(db_session, catalogue.county_a) == 300


def test_failed_background_import_writes_nothing(app, client, db_session, catalogue):
    app.config["LEDGER_BACKGROUND_BYTES"] = 0
    rows = [["类型", "日期", "标题"], ["党组会议", "2023-01-01", "好"], ["党组会议", "昨天", "坏"]]
    client.login("donghu_drafter")
    response = client.post("/ledger/import", data={"file": (io.BytesIO(workbook({"会议": rows})), "bad.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[-1500:]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "失败" in page and "第3行“日期”列" in page
    assert records(db_session, catalogue.county_a) == 0


def test_fresh_installation_gets_the_default_catalogue(client, db_session, demo, runner):
    client.login("donghu_drafter")
    assert "提案" in client.get("/ledger/").get_data(as_text=True)
    assert "新增类型 0 个、指标 0 个" in runner.invoke(args=["seed-catalogue"]).output


def test_reviewer_reads_the_ledger_but_does_not_write_it(client, db_session, catalogue):
    demo_ledger.seed(db_session)
    db_session.commit()
    record = db_session.scalars(select(Record).where(Record.committee_id == catalogue.county_a.id)).first()
    before = records(db_session, catalogue.county_a)
    client.login("donghu_reviewer")
    listing = client.get("/ledger/").get_data(as_text=True)
    assert "新增记录" not in listing and "从 Excel 导入" not in listing and "由起草员办理" in listing
    page = client.get(f"/ledger/{record.id}/edit").get_data(as_text=True)
    assert "查看" in page and "<fieldset class=\"fields\" disabled>" in page and ">保存<" not in page
    assert client.post(f"/ledger/{record.id}/edit", data={"type": record.type.name, "date": "2023-05-05",
                                                          "title": "审核员改的"}).status_code == 403
    assert client.get("/ledger/new/meeting").status_code == 403
    good = workbook({"会议": [["类型", "日期", "标题"], ["党组会议", "2023-01-01", "党组会议"]]})
    assert client.post("/ledger/import", data={"file": (io.BytesIO(good), "good.xlsx")},
                       content_type="multipart/form-data").status_code == 403
    db_session.expire_all()
    assert db_session.get(Record, record.id).title != "审核员改的"
    assert records(db_session, catalogue.county_a) == before
