"""The committed editor bundle (app/static/editor/editor.js) is exactly what frontend/ builds."""
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support import need

FRONTEND = Path(__file__).resolve().parent.parent / "frontend"
BUNDLE = FRONTEND.parent / "app" / "static" / "editor" / "editor.js"

pytestmark = pytest.mark.system


def _install() -> bool:
    if (FRONTEND / "node_modules" / "esbuild").exists():
        return True
    result = subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=FRONTEND, capture_output=True, timeout=300)
    return result.returncode == 0


def test_committed_bundle_matches_its_sources(tmp_path):
    need(bool(shutil.which("node") and shutil.which("npm")), "需要 Node.js 与 npm 才能重建编辑器脚本")
    need(_install(), "npm ci 失败（无法取得 frontend/ 的依赖），无法重建编辑器脚本")
    rebuilt = tmp_path / "editor.js"
    subprocess.run(["node", "build.mjs", str(rebuilt)], cwd=FRONTEND, check=True, timeout=120)
    assert rebuilt.read_bytes() == BUNDLE.read_bytes(), "app/static/editor/editor.js 与源码不一致：请在 frontend/ 运行 npm run build 并提交"
