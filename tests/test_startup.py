"""Starting the app, a `flask` command or a worker loads no document or migration library (issue 16).

Which modules are imported, not how long it takes: the time is measured by benchmarks/startup.py.
Each check runs in a fresh interpreter, since this test process has long imported everything.
"""
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Loaded by the first render, import, export, PDF read or `flask db` command, never at start-up.
HEAVY = ("alembic", "flask_migrate", "openpyxl", "docx", "docxtpl", "lxml", "pdfminer", "fontTools",
         "jieba", "opencc", "pypinyin")
# Loaded by the first job a process enqueues (or the worker), never by the app or a command that enqueues nothing.
JOBS = ("celery", "kombu", "billiard", "tasks.celery_app", "tasks.rendering", "tasks.ledger", "tasks.upward",
        "tasks.system")
# Loaded by the first import, paste split or uploaded revision (its outline patterns take a while to compile).
IMPORTER = ("core.importing",)


def loaded_after(code: str, tmp_path: Path, watched: tuple[str, ...] = HEAVY) -> list[str]:
    """The watched modules (packages with their submodules) loaded once `code` has run in a fresh interpreter."""
    script = (f"{code}\nimport json, sys\nwatched = {watched!r}\n"
              "print(json.dumps(sorted(m for m in sys.modules if any(m == w or m.startswith(w + '.') for w in watched))))")
    env = {**os.environ, "WENGAO_INSTANCE_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/s.sqlite3"}
    env.pop("CELERY_BROKER_URL", None)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_creating_the_app_loads_no_document_library(tmp_path):
    assert loaded_after("import wsgi", tmp_path) == []


def flask_command(*args: str) -> str:
    return (f"import sys\nfrom flask.cli import main\nsys.argv = ['flask', '--app', 'wsgi', *{args!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass")


def test_flask_help_loads_no_document_library(tmp_path):
    assert loaded_after(flask_command("--help"), tmp_path) == []


def test_worker_start_loads_no_document_library(tmp_path):
    """The worker imports its job modules as it starts (tasks.celery_app.TASK_MODULES)."""
    code = "import importlib, tasks.worker\nfrom tasks.celery_app import TASK_MODULES\n" \
           "for name in TASK_MODULES:\n    importlib.import_module(name)"
    assert loaded_after(code, tmp_path) == []


def test_creating_the_app_loads_no_job_machinery(tmp_path):
    assert loaded_after("import wsgi", tmp_path, JOBS) == []


def test_flask_help_loads_no_job_machinery(tmp_path):
    assert loaded_after(flask_command("--help"), tmp_path, JOBS) == []


def test_the_worker_loads_celery_and_every_job_module(tmp_path):
    code = "import importlib, tasks.worker\nfrom tasks.celery_app import TASK_MODULES\n" \
           "for name in TASK_MODULES:\n    importlib.import_module(name)"
    assert set(JOBS) <= set(loaded_after(code, tmp_path, JOBS))


def test_a_job_module_imported_first_enqueues_on_our_app(tmp_path):
    """A view imports its job module where it enqueues: its jobs must not fall back to Celery's default app."""
    jobs = {"tasks.rendering": "render_report", "tasks.ledger": "import_records", "tasks.upward": "submit",
            "tasks.system": "ping"}
    for module, job in jobs.items():
        code = (f"import {module}\nbound = {module}.{job}.app\nfrom tasks.celery_app import celery_app\n"
                "assert bound is celery_app, bound")
        assert "tasks.celery_app" in loaded_after(code, tmp_path, JOBS)


def test_creating_the_app_loads_no_importer(tmp_path):
    assert loaded_after("import wsgi", tmp_path, IMPORTER) == []


def test_flask_help_loads_no_importer(tmp_path):
    assert loaded_after(flask_command("--help"), tmp_path, IMPORTER) == []


def test_the_import_command_loads_the_importer_when_it_runs(tmp_path):
    """A missing file is refused (找不到文件) once the command has loaded the reader."""
    code = flask_command("import-report", str(tmp_path / "无此文件.docx"), "--committee", "东湖县政协", "--period", "2023")
    assert "core.importing.source" in loaded_after(code, tmp_path, IMPORTER)


def test_flask_db_loads_the_migration_tooling_when_it_runs(tmp_path):
    assert {"alembic", "flask_migrate"} <= set(loaded_after(flask_command("db", "--help"), tmp_path))
