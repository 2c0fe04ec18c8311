"""TaskState: one enum for a run's stored states, their Chinese labels and the active/finished sets."""
from pathlib import Path

from sqlalchemy import text

from core import jobs
from data_models import TaskRun, TaskState

ROOT = Path(__file__).resolve().parents[2]


def test_every_state_has_its_own_chinese_label():
    labels = [state.label for state in TaskState]
    assert all(labels) and len(set(labels)) == len(labels)
    assert TaskState.labels()["failed"] == TaskState.FAILED.label == "失败"
    assert TaskState.label_of("cancelled") == "cancelled"  # an unknown value is shown, not lost


def test_the_stored_values_stay_the_same_strings():
    """The column, the REST API and the pages' CSS classes (run-succeeded…) keep these exact values."""
    assert [state.value for state in TaskState] == ["pending", "running", "retrying", "succeeded", "failed"]


def test_active_and_finished_divide_the_states():
    active, finished = set(TaskState.ACTIVE), set(TaskState.FINISHED)
    assert active | finished == set(TaskState) and not active & finished
    assert TaskState.PENDING in active and TaskState.FAILED in finished


def test_a_run_ends_stored_as_the_plain_string(app, db_session, demo):
    run = jobs.create_run(db_session, "测试任务")
    db_session.commit()
    with jobs.run_job(run.id) as job:
        job.succeed()
    stored = db_session.execute(text("SELECT state FROM task_run WHERE id = :id"), {"id": run.id}).scalar_one()
    assert stored == "succeeded" and type(stored) is str
    db_session.expire_all()
    assert db_session.get(TaskRun, run.id).state in TaskState.FINISHED


def test_no_page_or_module_lists_the_states_by_hand():
    """The literal lists the enum replaced do not come back (templates use TaskState.ACTIVE)."""
    sources = [*(ROOT / "app" / "templates").rglob("*.html"), *(ROOT / "app").rglob("*.py"),
               *(ROOT / "core").rglob("*.py"), *(ROOT / "tasks").rglob("*.py")]
    offenders = [str(path.relative_to(ROOT)) for path in sources
                 if any(listed in path.read_text(encoding="utf-8") for listed in
                        ("'pending', 'running', 'retrying'", '"pending", "running", "retrying"', '"retrying": "'))]
    assert offenders == []
