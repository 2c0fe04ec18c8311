"""POST /api/v1/reports/import: the same import for other systems, dry run by default."""
import base64

from sqlalchemy import func, select

from data_models import Report
from tests.api.conftest import make_token as make_token  # noqa: F401  (fixture)

from . import documents as docs
from .test_cli import TEXT


def _count(db_session) -> int:
    db_session.expire_all()
    return db_session.scalar(select(func.count(Report.id)))


def test_dry_run_answers_the_tree_and_writes_nothing(client, make_token, donghu, db_session):
    headers = make_token(donghu, "read,write")
    response = client.post("/api/v1/reports/import", json={"period": "2023", "text": TEXT}, headers=headers)
    assert response.status_code == 200, response.get_json()
    data = response.get_json()
    assert data["children"][0]["title"] == "2023年工作及成效"
    assert {n["text"]: n["metric"] for n in data["numbers"]}["6次"] == "party_group_meetings"
    assert _count(db_session) == 0


def test_docx_import_creates_the_report(client, make_token, donghu, db_session):
    headers = make_token(donghu, "read,write")
    encoded = base64.b64encode(docs.docx_bytes(docs.ANNUAL_STYLED)).decode()
    response = client.post("/api/v1/reports/import", headers=headers,
                           json={"period": "2023", "docx_base64": encoded, "filename": "总结.docx", "dry_run": False})
    assert response.status_code == 201, response.get_json()
    report = db_session.get(Report, response.get_json()["report_id"])
    assert report.title == "东湖县政协2023年工作总结和2024年工作要点" and report.committee_id == donghu.id


def test_bad_input_is_a_chinese_problem_and_writes_nothing(client, make_token, donghu, db_session):
    headers = make_token(donghu, "read,write")
    for body in ({"period": "2023", "docx_base64": "不是base64"}, {"period": "2023", "text": "  "},
                 {"period": "2023", "docx_base64": base64.b64encode(b"PK\x03\x04broken").decode()},
                 {"period": "二〇二三", "text": TEXT}):
        response = client.post("/api/v1/reports/import", json={**body, "dry_run": False}, headers=headers)
        assert response.status_code == 422 and response.mimetype == "application/problem+json"
        assert response.get_json()["detail"]
    assert _count(db_session) == 0


def test_read_only_token_cannot_import(client, make_token, donghu):
    headers = make_token(donghu, "read")
    assert client.post("/api/v1/reports/import", json={"period": "2023", "text": TEXT}, headers=headers).status_code == 401


def test_the_api_text_limit_stays_twice_the_importers():
    """The schema's limit is written out so that start-up loads no importer; read_text refuses above MAX_CHARS."""
    from app.api.importing import TEXT_MAX
    from core.importing.source import MAX_CHARS

    assert TEXT_MAX == 2 * MAX_CHARS
