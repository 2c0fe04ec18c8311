#!/usr/bin/env bash
# Set up and run the whole test suite. As root, system programs the tests need (LibreOffice,
# fonts, chromium) are installed first; otherwise the tests that need them are skipped with a reason.
# Tests run in parallel (pytest-xdist, one process per CPU; each test has its own database, and
# the tests on a real Celery worker stay together on one process). Extra arguments go to pytest
# (`-n 0` runs them in one process).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
if [ "$(id -u)" = 0 ] && [ -x scripts/install_system_deps.sh ]; then
  scripts/install_system_deps.sh
fi
exec .venv/bin/python -m pytest -n auto --dist loadgroup "$@"
