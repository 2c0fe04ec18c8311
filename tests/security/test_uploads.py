import io

import pytest

from core.uploads import DOCX, MB, XLSX, Limits, UploadRefused, check_upload

from . import uploads


def test_genuine_xlsx_and_docx_pass():
    data = uploads.xlsx_bytes()
    assert check_upload(io.BytesIO(data), "台账.xlsx") == data
    assert check_upload(uploads.docx_bytes(), "报告.docx", DOCX)


@pytest.mark.parametrize("make, name, kind, message", [
    (uploads.xlsm_renamed, "台账.xlsx", XLSX, "包含宏"),
    (uploads.docm_bytes, "报告.docx", DOCX, "包含宏"),
    (uploads.docm_bytes, "报告.docm", DOCX, "只接受Word 文档"),
    (uploads.xlsx_bytes, "台账.xlsm", XLSX, "只接受Excel 工作簿"),
    (uploads.docx_bytes, "台账.xlsx", XLSX, "不是Excel 工作簿"),
    (uploads.zip_bomb, "台账.xlsx", XLSX, "压缩炸弹"),
    (uploads.xlsx_with_bombed_sheet, "台账.xlsx", XLSX, "压缩炸弹"),
    (uploads.huge_xlsx, "台账.xlsx", XLSX, "行数过多"),
    (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "台账.xlsx", XLSX, "旧版二进制"),
    (lambda: b"<html>not excel</html>", "台账.xlsx", XLSX, "改了扩展名"),
    (lambda: b"PK\x03\x04garbage", "台账.xlsx", XLSX, "已损坏"),
    (lambda: b"", "台账.xlsx", XLSX, "空的"),
])
def test_hostile_files_are_refused_in_chinese(make, name, kind, message):
    with pytest.raises(UploadRefused, match=message):
        check_upload(make(), name, kind)


def test_size_limit_is_checked_before_parsing():
    data = b"PK\x03\x04" + b"\0" * (2 * MB)
    with pytest.raises(UploadRefused, match="上限为 1 MB"):
        check_upload(io.BytesIO(data), "台账.xlsx", XLSX, Limits(max_bytes=MB))


def test_row_limit_is_configurable():
    with pytest.raises(UploadRefused, match="上限 10 行"):
        check_upload(uploads.xlsx_bytes(rows=20), "台账.xlsx", XLSX, Limits(max_rows=10))
    assert check_upload(uploads.xlsx_bytes(rows=5), "台账.xlsx", XLSX, Limits(max_rows=10))


@pytest.mark.parametrize("make, name, message", [
    (uploads.xlsm_renamed, "台账.xlsx", "包含宏"),
    (uploads.docm_bytes, "台账.docm", "只接受Excel 工作簿"),
    (uploads.zip_bomb, "台账.xlsx", "压缩炸弹"),
    (uploads.huge_xlsx, "台账.xlsx", "行数过多"),
])
def test_ledger_import_refuses_hostile_files_and_writes_nothing(client, demo, db_session, make, name, message):
    from data_models import Record, TaskRun

    client.login("donghu_drafter")
    response = client.post("/ledger/import", data={"file": (io.BytesIO(make()), name)},
                           content_type="multipart/form-data", follow_redirects=True)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert db_session.query(Record).count() == 0 and db_session.query(TaskRun).count() == 0


def test_upload_over_the_request_limit_gets_chinese_413(client, demo, app):
    app.config["MAX_CONTENT_LENGTH"] = 1024 * 1024
    client.login("donghu_drafter")
    response = client.post("/ledger/import", data={"file": (io.BytesIO(b"PK" + b"\0" * 2 * MB), "台账.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 413
    assert "上传的文件过大" in response.get_data(as_text=True)


@pytest.mark.parametrize("make, message", [(uploads.docm_bytes, "包含宏"), (uploads.docx_bomb, "压缩炸弹"),
                                           (uploads.zip_bomb, "不是Word 文档")])
def test_upward_package_with_hostile_docx_is_refused(demo, make, message):
    import dataclasses

    from core.upward import UpwardError
    from core.upward.package import Package
    from tests.upward.conftest import make_package

    hostile = dataclasses.replace(make_package(demo.county_a), docx=make())
    with pytest.raises(UpwardError, match=message):
        Package.from_payload(hostile.to_payload(7, "key"))
