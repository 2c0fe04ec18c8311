#!/usr/bin/env bash
# Set up and start the service on the embedded default: SQLite under instance/, jobs in-process,
# demo committees, records and draft reports loaded. Usage: scripts/start.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
PORT=${1:-${PORT:-5000}}
export FLASK_APP=wsgi
echo "== 升级数据库结构"
.venv/bin/flask db upgrade
echo "== 载入演示数据"
.venv/bin/flask demo
if ! command -v soffice >/dev/null 2>&1; then
  echo "提示：本机未安装 LibreOffice，PDF 将无法生成；Word 文件不受影响。安装方法：sudo scripts/install_system_deps.sh"
fi
echo "== 政协文稿已启动：http://127.0.0.1:${PORT}/  （按 Ctrl+C 停止）"
exec .venv/bin/gunicorn --workers 1 --threads 8 --bind "127.0.0.1:${PORT}" --access-logfile - wsgi:app
