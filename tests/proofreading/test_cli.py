"""flask proofread REPORT_ID | FILE.docx | FILE.txt [--json]."""
import json

import docx


def test_text_file_one_finding_per_line_and_exit_status_1(runner, tmp_path):
    path = tmp_path / "总结.txt"
    path.write_text("一、强化政治引领\n完善制度,规范履职行为。\n截止目前，共收到提案。\n", encoding="utf-8")
    result = runner.invoke(args=["proofread", str(path)])
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert any("punct.halfwidth" in line and "第2段" in line for line in lines)
    assert any("word.jiezhi" in line and "截至" in line for line in lines)
    assert "2 处错误" in lines[-1]


def test_docx_as_json(runner, tmp_path):
    document = docx.Document()
    document.add_paragraph("全年收到提案1－2件，深入深入贯彻落实。")
    path = tmp_path / "总结.docx"
    document.save(path)
    result = runner.invoke(args=["proofread", str(path), "--json"])
    assert result.exit_code == 1
    rows = json.loads(result.output)
    assert {r["rule"] for r in rows} == {"num.quantity_range", "word.doubled_word"}
    quantity = next(r for r in rows if r["rule"] == "num.quantity_range")
    assert (quantity["text"], quantity["suggestion"], quantity["severity"]) == ("1－2", "1～2", "error")
    assert set(quantity) >= {"rule", "severity", "start", "end", "text", "message", "suggestion"}


def test_clean_file_exits_0(runner, tmp_path):
    path = tmp_path / "ok.txt"
    path.write_text("全年召开党组会议12次。\n", encoding="utf-8")
    result = runner.invoke(args=["proofread", str(path)])
    assert result.exit_code == 0 and "未发现问题" in result.output


def test_bad_files_get_a_chinese_message(runner, tmp_path):
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    result = runner.invoke(args=["proofread", str(broken)])
    assert result.exit_code != 0 and "无法打开该 Word 文件" in result.output
    result = runner.invoke(args=["proofread", str(tmp_path / "没有.txt")])
    assert result.exit_code != 0 and "找不到文件" in result.output
    result = runner.invoke(args=["proofread", "999"])
    assert result.exit_code != 0 and "找不到编号为 999 的报告" in result.output


def test_report_by_id(runner, db_session, report, add):
    section = add("preamble", body="完善制度,规范履职行为。")
    result = runner.invoke(args=["proofread", str(report.id), "--json"])
    assert result.exit_code == 1, result.output
    rows = json.loads(result.output)
    assert [(r["rule"], r["section_id"], r["field"]) for r in rows] == [("punct.halfwidth", section.id, "body")]


def test_administrator_terms_file_extends_the_list(runner, tmp_path, monkeypatch):
    from core.proofreading import terms
    from core.proofreading.engine import proofread_text

    extra = tmp_path / "terms.yaml"
    extra.write_text("terms: [清河市高质量发展示范区]\ncorruptions: {清河高质量示范区: 清河市高质量发展示范区}\n",
                     encoding="utf-8")
    monkeypatch.setattr(terms, "EXTRA_TERMS_FILE", extra)  # a new path: the data reloads
    found = {f.rule: f.suggestion for f in proofread_text("建设清河高质量示范区，建设清河市高质量发展示范曲。")}
    assert found == {"term.corruption": "清河市高质量发展示范区", "term.near_miss": "清河市高质量发展示范区"}
    result = runner.invoke(args=["proofread-terms"])
    assert result.exit_code == 0 and "格式正确" in result.output and "清河市高质量发展示范区" in result.output
    extra.write_text("terms: 不是列表\n", encoding="utf-8")
    result = runner.invoke(args=["proofread-terms"])
    assert result.exit_code != 0 and "应包含 terms（列表）" in result.output


def test_render_prints_the_summary_and_still_renders(runner, report, add, tmp_path):
    add("preamble", body="完善制度,规范履职行为。")
    out = tmp_path / "总结.docx"
    result = runner.invoke(args=["render", str(report.id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "校对：1 处错误，0 处提示。" in result.output and out.stat().st_size > 0


def test_report_findings_name_their_section(runner, report, add):
    part = add("part", heading="2024年工作回顾")
    add("section", part, heading="强化政治引领", body="完善制度,规范履职行为。")
    result = runner.invoke(args=["proofread", str(report.id)])
    assert result.exit_code == 1
    assert "[（一）强化政治引领·正文 4-5]" in result.output
