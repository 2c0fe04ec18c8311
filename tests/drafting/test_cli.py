def test_preview_command_prints_text_and_warnings(runner, make_report):
    report = make_report("briefing")
    result = runner.invoke(args=["preview", str(report.id)])
    assert result.exit_code == 0, result.output
    assert "东湖县政协工作情况汇报" in result.output
    assert "尊敬的各位领导，同志们：" in result.output
    assert "提示（" in result.output


def test_preview_unknown_report(runner, demo):
    result = runner.invoke(args=["preview", "999"])
    assert result.exit_code != 0 and "找不到编号为 999 的报告" in result.output
