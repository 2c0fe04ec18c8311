from core.rendering.docx import render_docx
from core.rendering.format_check import check_docx
from core.rendering.samples import sample_content


def test_check_format_passes_a_rendered_file(runner, tmp_path):
    path = tmp_path / "ok.docx"
    path.write_bytes(render_docx(sample_content("annual_summary")))
    result = runner.invoke(args=["check-format", str(path)])
    assert result.exit_code == 0 and "格式检查通过" in result.output


def test_check_format_fails_on_a_plain_word_file(runner, tmp_path):
    from docx import Document

    path = tmp_path / "plain.docx"
    doc = Document()
    doc.add_paragraph('他说"你好"')
    doc.save(path)
    result = runner.invoke(args=["check-format", str(path)])
    assert result.exit_code == 1
    assert "左边距" in result.output and "引号应为中文全角引号" in result.output


def test_render_command_writes_a_checked_file(runner, demo_reports, tmp_path):
    report = demo_reports[("清河市政协", "half_year_summary")]
    out = tmp_path / "r.docx"
    result = runner.invoke(args=["render", str(report.id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "第1版" in result.output and check_docx(out.read_bytes()) == []


def test_render_command_unknown_report(runner, db_session, tmp_path):
    result = runner.invoke(args=["render", "999", "-o", str(tmp_path / "x.docx")])
    assert result.exit_code != 0 and "不存在" in result.output
