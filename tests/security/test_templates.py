"""The CSP allows no inline script: templates carry none (but nonce'd blocks) and no on* handlers."""
import re
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "app" / "templates"
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
SCRIPT = re.compile(r"<script(?![^>]*\b(src|nonce)=)[^>]*>", re.I)


def test_templates_have_no_inline_handlers_or_unnonced_scripts():
    offenders = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in HANDLER.finditer(text)]
        offenders += [f"{path.relative_to(TEMPLATES)}: {m.group(0)}" for m in SCRIPT.finditer(text)]
        offenders += [f"{path.relative_to(TEMPLATES)}: javascript: URL" for _ in re.finditer("javascript:", text)]
    assert offenders == []
