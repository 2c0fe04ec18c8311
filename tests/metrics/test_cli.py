import json

from core.demo import ledger as demo_ledger


def test_metrics_command_prints_values_and_json(db_session, demo, runner):
    demo_ledger.seed(db_session)
    db_session.commit()
    result = runner.invoke(args=["metrics", "--committee", "东湖县政协", "--period", "2023H1"])
    assert result.exit_code == 0, result.output
    assert "2023年上半年" in result.output and "党组会议次数：9次" in result.output
    result = runner.invoke(args=["metrics", "--committee", "清河市政协", "--period", "2023", "--rollup", "--json"])
    data = json.loads(result.output)
    assert data["proposals_received"]["value"] == sum(data["proposals_received"]["breakdown"].values())


def test_metrics_command_refuses_bad_input_in_chinese(db_session, demo, runner):
    assert "未找到委员会" in runner.invoke(args=["metrics", "--committee", "不存在", "--period", "2023"]).output
    assert "无法识别的统计期间" in runner.invoke(args=["metrics", "--committee", "东湖县政协", "--period", "23"]).output


def test_import_records_command(db_session, demo, runner, tmp_path):
    from tests.ledger.test_excel import workbook
    from core.metrics.definitions import seed_catalogue

    seed_catalogue(db_session)
    db_session.commit()
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook({"会议": [["类型", "日期", "标题"], ["党组会议", "2023-04-01", "党组会议"]]}))
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook({"会议": [["类型", "日期", "标题"], ["党组会议", "2023-13-01", "党组会议"]]}))
    assert "已导入 1 条" in runner.invoke(args=["import-records", str(good), "--committee", "东湖县政协"]).output
    result = runner.invoke(args=["import-records", str(bad), "--committee", "东湖县政协"])
    assert result.exit_code != 0 and "第2行“日期”列" in result.output
