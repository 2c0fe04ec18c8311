"""REST API v1: scoped tokens, problem+json, pagination, optimistic locking, idempotent creation, renders."""
from data_models import Report


def test_openapi_document_describes_every_operation(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.1")
    assert {"/api/v1/records", "/api/v1/reports", "/api/v1/reports/{report_id}/sections/{section_id}",
            "/api/v1/committees/{committee_id}/metrics", "/api/v1/renders/{run_id}", "/api/v1/reports/{report_id}/proofreading",
            "/api/upward/submissions", "/api/upward/requests"} <= set(spec["paths"])
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200 and "开放接口" in page.get_data(as_text=True)


def test_no_token_is_a_chinese_problem(client):
    response = client.get("/api/v1/committees")
    assert response.status_code == 401 and response.mimetype == "application/problem+json"
    assert response.json["title"] == "令牌无效、已撤销，或没有此操作的权限" and response.headers["WWW-Authenticate"]


def test_committees_are_own_and_below(client, demo, make_token):
    city = client.get("/api/v1/committees", headers=make_token(demo.city, "read")).json["items"]
    county = client.get("/api/v1/committees", headers=make_token(demo.county_a, "read")).json["items"]
    assert {c["id"] for c in city} == {demo.city.id, demo.county_a.id, demo.county_b.id}
    assert [c["id"] for c in county] == [demo.county_a.id]


def test_metrics_print_decimals_as_strings_and_stay_in_reach(client, demo, make_token):
    headers = make_token(demo.county_a, "read")
    ok = client.get(f"/api/v1/committees/{demo.county_a.id}/metrics?period=2023", headers=headers)
    assert ok.status_code == 200 and ok.json["items"]
    assert all(not isinstance(item["value"], float) for item in ok.json["items"])
    other = client.get(f"/api/v1/committees/{demo.county_b.id}/metrics?period=2023", headers=headers)
    assert other.status_code == 404
    bad = client.get(f"/api/v1/committees/{demo.county_a.id}/metrics?period=去年", headers=headers)
    assert bad.status_code == 422 and bad.json["detail"]


def test_read_token_cannot_write(client, demo, make_token, county_report):
    response = client.post("/api/v1/reports", json={"kind": "annual_summary", "period": "2023"},
                           headers=make_token(demo.county_a, "read"))
    assert response.status_code == 401


def test_create_report_is_idempotent_with_a_key(client, db_session, demo, make_token):
    headers = {**make_token(demo.county_a), "Idempotency-Key": "oa-42"}
    body = {"kind": "annual_summary", "period": "2023"}
    first = client.post("/api/v1/reports", json=body, headers=headers)
    again = client.post("/api/v1/reports", json=body, headers=headers)
    assert first.status_code == again.status_code == 201 and first.json["id"] == again.json["id"]
    assert db_session.query(Report).count() == 1
    other = client.post("/api/v1/reports", json={**body, "period": "2022"}, headers=headers)
    assert other.status_code == 409
    unknown = client.post("/api/v1/reports", json={"kind": "novel", "period": "2023"}, headers=make_token(demo.county_a))
    assert unknown.status_code == 422 and unknown.mimetype == "application/problem+json"


def test_section_update_needs_the_current_etag(client, demo, make_token, county_report):
    headers = make_token(demo.county_a)
    tree = client.get(f"/api/v1/reports/{county_report.id}", headers=headers).json
    first = tree["sections"][0]
    numbered = [n for root in tree["sections"] for n in [root, *root["children"]] if n["number"]]
    assert numbered and "children" in first
    url = f"/api/v1/reports/{county_report.id}/sections/{first['id']}"
    etag = client.get(url, headers=headers).headers["ETag"]
    body = {"heading": first["heading"], "lead": "", "body": "召开常委会会议{{ 常委会会议次数 }}次。"}
    assert client.put(url, json=body, headers=headers).status_code == 428
    assert client.put(url, json=body, headers={**headers, "If-Match": '"0-0"'}).status_code == 412
    saved = client.put(url, json=body, headers={**headers, "If-Match": etag})
    assert saved.status_code == 200 and saved.headers["ETag"] != etag
    stale = client.put(url, json={**body, "body": "别的"}, headers={**headers, "If-Match": etag})
    assert stale.status_code == 412 and "已被他人修改" in stale.json["title"]
    broken = client.put(url, json={**body, "body": "{{ 常委会会议次数 "}, headers={**headers, "If-Match": saved.headers["ETag"]})
    assert broken.status_code == 422 and broken.json["detail"]


def test_reports_page_with_links(client, db_session, demo, make_token):
    headers = make_token(demo.county_a)
    for period in ("2021", "2022", "2023"):
        client.post("/api/v1/reports", json={"kind": "annual_summary", "period": period}, headers=headers)
    page = client.get("/api/v1/reports?per_page=2", headers=headers).json
    assert page["total"] == 3 and len(page["items"]) == 2 and page["links"]["next"] and page["links"]["prev"] is None
    assert len(client.get(page["links"]["next"], headers=headers).json["items"]) == 1


def test_other_committees_token_sees_nothing(client, demo, make_token, county_report):
    headers = make_token(demo.county_b, admin="xishan_admin")
    assert client.get(f"/api/v1/reports/{county_report.id}", headers=headers).status_code == 404
    assert client.post(f"/api/v1/reports/{county_report.id}/renders", json={}, headers=headers).status_code == 404
    city = make_token(demo.city, admin="city_admin")  # the superior reads but does not write
    assert client.get(f"/api/v1/reports/{county_report.id}", headers=city).status_code == 200
    assert client.post(f"/api/v1/reports/{county_report.id}/submit", json={}, headers=city).status_code == 404


def test_submit_and_render_through_the_api(client, demo, make_token, county_report):
    headers = make_token(demo.county_a)
    submitted = client.post(f"/api/v1/reports/{county_report.id}/submit", json={"comment": "请审核"}, headers=headers)
    assert submitted.status_code == 200 and submitted.json["status"] == "in_review"
    started = client.post(f"/api/v1/reports/{county_report.id}/renders", json={"pdf": False}, headers=headers)
    assert started.status_code == 202
    run = client.get(started.headers["Location"], headers=headers).json
    assert run["state"] == "succeeded" and run["docx_url"]
    docx = client.get(run["docx_url"], headers=headers)
    assert docx.status_code == 200 and docx.data[:2] == b"PK"


def test_ofd_of_a_version_downloads_once_made(client, db_session, demo, make_token, county_report):
    from core.rendering.ofd import DocInfo
    from core.rendering.ofd.fonts import EmbeddedFont
    from core.rendering.ofd.pdfread import PageDrawing, TextLine
    from core.rendering.ofd.writer import build_ofd
    from data_models import RenderedDocument

    headers = make_token(demo.county_a)
    started = client.post(f"/api/v1/reports/{county_report.id}/renders", json={"pdf": False}, headers=headers)
    run = client.get(started.headers["Location"], headers=headers).json
    assert run["ofd_url"] is None
    missing = client.get(run["docx_url"].replace("/docx", "/ofd"), headers=headers)
    assert missing.status_code == 404 and "OFD 尚未生成" in missing.json["title"]
    document = db_session.get(RenderedDocument, run["document_id"])
    line = TextLine("F1", 16.0, (0, 0, 0), 700.0, [100.0], ["文"], 16.0)
    document.ofd, document.ofd_state = build_ofd([PageDrawing(595.3, 841.9, [line], [])],
                                                       {"F1": EmbeddedFont("宋体", None)}, DocInfo()), "done"
    db_session.commit()
    run = client.get(started.headers["Location"], headers=headers).json
    got = client.get(run["ofd_url"], headers=headers)
    assert got.status_code == 200 and got.mimetype == "application/ofd" and got.data == document.ofd


def test_proofreading_findings_of_a_report(client, db_session, demo, make_token, county_report):
    headers = make_token(demo.county_a)
    tree = client.get(f"/api/v1/reports/{county_report.id}", headers=headers).json
    section = tree["sections"][0]
    url = f"/api/v1/reports/{county_report.id}/sections/{section['id']}"
    etag = client.get(url, headers=headers).headers["ETag"]
    body = {"heading": section["heading"], "lead": "", "body": "深入深入贯彻落实,充足发挥作用。"}
    assert client.put(url, json=body, headers={**headers, "If-Match": etag}).status_code == 200
    found = client.get(f"/api/v1/reports/{county_report.id}/proofreading", headers=headers).json
    assert found["errors"] >= 1 and any(i["section_id"] == section["id"] and i["source"] for i in found["items"])


def test_tokens_are_rate_limited_with_a_chinese_problem(db_session, demo, make_token, database_url):
    from app import create_app

    limited = create_app({"TESTING": True, "RATELIMIT_ENABLED": True, "API_RATE_LIMIT": "3 per minute",
                          "SETTINGS": {"database_url": database_url, "task_mode": "eager", "secret_key": "t"}})
    headers = make_token(demo.county_a, "read")
    with limited.test_client() as other:
        codes = [other.get("/api/v1/committees", headers=headers).status_code for _ in range(4)]
        last = other.get("/api/v1/committees", headers=headers)
    assert codes[:3] == [200, 200, 200] and last.status_code == 429
    assert last.mimetype == "application/problem+json" and last.json["title"] == "请求过于频繁"
