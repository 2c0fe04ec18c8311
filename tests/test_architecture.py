"""The import graph keeps its direction (.importlinter): app → tasks → core → data_models, no cycles."""
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_core_never_enqueues_or_commits_for_jobs():
    """Jobs at the edge: only core/db.py (session_scope) and core/jobs.py (run_job) commit."""
    offenders = [str(path.relative_to(ROOT)) for path in (ROOT / "core").rglob("*.py")
                 if path.name not in ("db.py", "jobs.py")
                 and any(token in path.read_text() for token in (".commit()", ".delay(", ".apply_async("))]
    assert offenders == []
