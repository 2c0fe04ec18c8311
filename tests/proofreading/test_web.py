"""The editor's findings JSON, panels on the edit, preview and document pages, and the buttons."""
from data_models import Section


def test_findings_json_per_section(client, db_session, report, add):
    section = add("preamble", body="完善制度,规范履职行为。")
    client.login("donghu_drafter")
    data = client.get(f"/proofread/reports/{report.id}.json").get_json()
    assert data["errors"] == 1
    finding = data["sections"][str(section.id)][0]
    assert {k: finding[k] for k in ("section_id", "field", "start", "end", "severity", "rule", "suggestion")} == {
        "section_id": section.id, "field": "body", "start": 4, "end": 5, "severity": "error",
        "rule": "punct.halfwidth", "suggestion": "，"}
    assert finding["source"].startswith("GB/T 15834") and finding["message"]


def test_remembered_findings_follow_every_change(client, db_session, report, add, app):
    """The JSON is remembered under the report and its stamp: a save, an ignore or a new section is seen at once,
    and a remembered answer costs the user and the report with its stamp."""
    from sqlalchemy import event

    from app.extensions import db

    section = add("preamble", body="完善制度,规范履职行为。")
    client.login("donghu_drafter")
    url = f"/proofread/reports/{report.id}.json"
    assert client.get(url).get_json()["errors"] == 1
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        assert client.get(url).get_json()["errors"] == 1
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    assert len(statements) <= 2 and not [s for s in statements if "section.body" in s], statements
    section.body = "完善制度，规范履职行为。"
    db_session.commit()
    assert client.get(url).get_json()["errors"] == 0
    add("closing", body="加强学习,提高本领。")
    data = client.get(url).get_json()
    assert data["errors"] == 1 and data["findings"][0]["rule"] == "punct.halfwidth"
    from data_models import ProofreadIgnore

    db_session.add(ProofreadIgnore(report_id=report.id, rule="punct.halfwidth", fingerprint=""))
    db_session.commit()
    data = client.get(url).get_json()
    assert data["errors"] == 0 and data["ignored"] == 1


def test_other_committee_cannot_read_findings(client, report):
    client.login("xishan_drafter")
    assert client.get(f"/proofread/reports/{report.id}.json").status_code == 404


def test_panels_on_editor_preview_and_documents(client, report, add):
    add("preamble", body="完善制度,规范履职行为。")
    client.login("donghu_drafter")
    editor = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "校对</strong>：1 处错误" in editor and "采纳" in editor and "本文忽略此规则" in editor
    assert "1 处错误" in client.get(f"/reports/{report.id}/preview").get_data(as_text=True)
    documents = client.get(f"/documents/reports/{report.id}").get_data(as_text=True)
    assert "校对：1 处错误，0 处提示" in documents and "生成公文格式文件" in documents  # never blocked


def test_submit_with_errors_asks_for_confirmation(client, report, add):
    add("preamble", body="完善制度,规范履职行为。")
    client.login("donghu_drafter")
    editor = client.get(f"/reports/{report.id}").get_data(as_text=True)
    assert "校对发现 1 处错误，仍要提交审核吗？" in editor


def test_adopt_and_ignore_buttons(client, db_session, report, add):
    section = add("preamble", body="截止目前,共收到提案。")
    client.login("donghu_drafter")
    rows = client.get(f"/proofread/reports/{report.id}.json").get_json()["findings"]
    jiezhi = next(r for r in rows if r["rule"] == "word.jiezhi")
    page = client.post(f"/proofread/reports/{report.id}/adopt", follow_redirects=True, data={
        "section_id": section.id, "field": "body", "rule": jiezhi["rule"], "fingerprint": jiezhi["fingerprint"]})
    assert "已采纳修改建议" in page.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Section, section.id).body == "截至目前,共收到提案。"
    rows = client.get(f"/proofread/reports/{report.id}.json").get_json()["findings"]
    comma = next(r for r in rows if r["rule"] == "punct.halfwidth")
    answer = client.post(f"/proofread/reports/{report.id}/ignore", headers={"Accept": "application/json"},
                         data={"rule": comma["rule"], "fingerprint": comma["fingerprint"], "text": ","})
    assert answer.get_json()["ok"]
    assert client.get(f"/proofread/reports/{report.id}.json").get_json()["findings"] == []


def test_stale_adopt_gets_a_message_not_an_error_page(client, report, add):
    section = add("preamble", body="截止目前，共收到提案。")
    client.login("donghu_drafter")
    page = client.post(f"/proofread/reports/{report.id}/adopt", follow_redirects=True, data={
        "section_id": section.id, "field": "body", "rule": "word.jiezhi", "fingerprint": "gone"})
    assert page.status_code == 200 and "该处文字已经改变" in page.get_data(as_text=True)


def test_autofix_lists_changes_and_undo_restores(client, db_session, report, add):
    section = add("preamble", body="完善制度,规范履职...")
    client.login("donghu_drafter")
    page = client.post(f"/proofread/reports/{report.id}/autofix", data={}).get_data(as_text=True)
    assert "自动修正的内容（2 处）" in page and "撤销这次自动修正" in page
    db_session.expire_all()
    assert db_session.get(Section, section.id).body == "完善制度，规范履职……"
    version_ids = [v for v in page.split('name="version_id" value="')[1:]]
    undo = client.post(f"/proofread/reports/{report.id}/undo", follow_redirects=True,
                       data={"version_id": [v.split('"')[0] for v in version_ids]})
    assert "已撤销自动修正" in undo.get_data(as_text=True)
    db_session.expire_all()
    assert db_session.get(Section, section.id).body == "完善制度,规范履职..."


def test_reviewer_cannot_change_text(client, report, add):
    add("preamble", body="完善制度,规范履职。")
    client.login("donghu_reviewer")
    assert client.post(f"/proofread/reports/{report.id}/autofix", data={}).status_code == 403


def test_administrator_extends_the_terms_list(client, demo, tmp_path, monkeypatch):
    from core.proofreading import terms
    from core.proofreading.engine import proofread_text

    monkeypatch.setattr(terms, "EXTRA_TERMS_FILE", tmp_path / "proofreading" / "terms.yaml")
    client.login("donghu_admin")
    bad = client.post("/proofread/terms", data={"content": "terms: 不是列表"})
    assert bad.status_code == 400 and "应包含 terms（列表）" in bad.get_data(as_text=True)
    assert "terms: 不是列表" in bad.get_data(as_text=True)  # what was typed is kept
    saved = client.post("/proofread/terms", follow_redirects=True,
                        data={"content": "corruptions: {东湖高质量示范区: 东湖县高质量发展示范区}"})
    assert "已保存" in saved.get_data(as_text=True)
    assert [f.suggestion for f in proofread_text("建设东湖高质量示范区。") if f.rule == "term.corruption"] == [
        "东湖县高质量发展示范区"]


def test_only_administrators_edit_the_terms(client, demo):
    client.login("donghu_drafter")
    assert client.get("/proofread/terms").status_code == 403


def test_unsaved_text_is_checked_for_the_editor(client, demo):
    client.login("donghu_drafter")
    answer = client.post("/proofread/check", json={"text": "完善制度,规范履职行为。", "role": "body"},
                         headers={"X-CSRFToken": client.csrf_token()})
    rows = answer.get_json()["findings"]
    assert [(r["rule"], r["start"], r["end"], r["suggestion"]) for r in rows] == [("punct.halfwidth", 4, 5, "，")]
    refused = client.post("/proofread/check", json={"text": 5}, headers={"X-CSRFToken": client.csrf_token()})
    assert refused.status_code == 400 and "要校对的文字" in refused.get_json()["error"]


def test_bad_terms_show_the_error_under_the_field_and_keep_the_text(client, demo, tmp_path, monkeypatch):
    from core.proofreading import terms

    monkeypatch.setattr(terms, "EXTRA_TERMS_FILE", tmp_path / "terms.yaml")
    client.login("donghu_admin")
    typed = "corruptions: [清河高质量示范区\r\n"
    response = client.post("/proofread/terms", data={"content": typed})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert '<p class="field-error">规范表述补充内容格式有误' in page
    assert "corruptions: [清河高质量示范区\n</textarea>" in page
    assert not (tmp_path / "terms.yaml").exists()


def test_check_refuses_a_bad_role_or_too_long_text_in_chinese(client, demo):
    client.login("donghu_drafter")
    headers = {"X-CSRFToken": client.csrf_token()}
    for body in ({"text": "东湖县政协", "role": "title"}, {"text": "好" * 20001}, ["东湖县政协"], {"role": "body"}):
        refused = client.post("/proofread/check", json=body, headers=headers)
        assert refused.status_code == 400 and "要校对的文字" in refused.get_json()["error"], body
    assert client.post("/proofread/check", json={"text": ""}, headers=headers).get_json() == {"findings": []}


def test_buttons_never_go_back_to_another_site(client, report, add):
    add("preamble", body="完善制度,规范履职。")
    client.login("donghu_drafter")
    for target in ("//evil.com", "https://evil.com", "/\\evil.com", "javascript:alert(1)"):
        response = client.post(f"/proofread/reports/{report.id}/ignore", data={"rule": "punct.halfwidth", "next": target})
        assert response.headers["Location"] == f"/reports/{report.id}", target


def test_undo_ignores_version_ids_that_are_not_numbers(client, report, add):
    add("preamble", body="完善制度,规范履职。")
    client.login("donghu_drafter")
    page = client.post(f"/proofread/reports/{report.id}/undo", follow_redirects=True,
                       data={"version_id": ["abc", "-1", "１２"]}).get_data(as_text=True)
    assert "服务器出现错误" not in page
