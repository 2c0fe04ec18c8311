"""Times in Beijing time and background-task names in Chinese, as every page shows them."""
from datetime import date, datetime, timezone

from app.labels import task_name
from app.times import beijing


def test_utc_times_are_shown_in_beijing_time():
    assert beijing(datetime(2026, 11, 27, 16, 5, tzinfo=timezone.utc)) == "2026-11-28 00:05"
    assert beijing(datetime(2026, 11, 27, 16, 5, 9, tzinfo=timezone.utc), "second") == "2026-11-28 00:05:09"


def test_naive_stored_times_are_taken_as_utc():
    assert beijing(datetime(2026, 1, 1, 0, 0)) == "2026-01-01 08:00"


def test_dates_and_missing_times():
    assert beijing(date(2026, 5, 4)) == "2026-05-04"
    assert beijing(None) == ""


def test_task_names_read_in_chinese():
    assert task_name("render_report") == "生成文档"
    assert task_name("batch12:render") == "批量生成文档（单份）"
    assert task_name("导入台账") == "导入台账"
    assert task_name("some_new_job") == "后台任务"
