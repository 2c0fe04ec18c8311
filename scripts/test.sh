#!/usr/bin/env bash
# Set up and run the whole test suite. As root, system programs the tests need (LibreOffice,
# fonts, chromium) are installed first; otherwise the tests that need them are skipped with a reason.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
if [ "$(id -u)" = 0 ] && [ -x scripts/install_system_deps.sh ]; then
  scripts/install_system_deps.sh
fi
exec .venv/bin/python -m pytest "$@"
