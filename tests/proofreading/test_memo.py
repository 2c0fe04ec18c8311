"""Findings remembered per text hash (the editor page re-checks only what changed) follow every change
of the text and of the administrator's terms list."""
from core.proofreading import terms
from core.proofreading.engine import proofread_role, proofread_text


def test_remembered_findings_are_the_engine_findings(tmp_path, monkeypatch):
    monkeypatch.setattr(terms, "EXTRA_TERMS_FILE", tmp_path / "terms.yaml")
    text = "完善制度,规范履职行为。"
    first = proofread_role(text, "body")
    assert first == proofread_text(text, "body") and [f.rule for f in first] == ["punct.halfwidth"]
    first.clear()  # a caller changing its list does not change what the next caller gets
    assert [f.rule for f in proofread_role(text, "body")] == ["punct.halfwidth"]
    assert proofread_role("完善制度，规范履职行为。", "body") == []


def test_a_new_terms_list_is_applied_at_once(tmp_path, monkeypatch):
    extra = tmp_path / "proofreading" / "terms.yaml"
    monkeypatch.setattr(terms, "EXTRA_TERMS_FILE", extra)
    text = "建设东湖高质量示范区。"
    assert "term.corruption" not in {f.rule for f in proofread_role(text)}
    terms.save_extra("corruptions: {东湖高质量示范区: 东湖县高质量发展示范区}")
    assert [f.suggestion for f in proofread_role(text) if f.rule == "term.corruption"] == ["东湖县高质量发展示范区"]
    extra.unlink()
    assert "term.corruption" not in {f.rule for f in proofread_role(text)}


def test_the_editor_shows_the_findings_of_the_saved_text(client, report, add):
    section = add("preamble", body="完善制度,规范履职行为。")
    client.login("donghu_drafter")
    assert "punct.halfwidth" in client.get(f"/reports/{report.id}").get_data(as_text=True)
    saved = client.post(f"/reports/{report.id}/sections/{section.id}/text", json={
        "version": section.version, "heading": "", "lead": "", "body": "完善制度，规范履职行为。"},
        headers={"X-CSRFToken": client.csrf_token()})
    assert saved.status_code == 200
    assert "punct.halfwidth" not in client.get(f"/reports/{report.id}").get_data(as_text=True)
