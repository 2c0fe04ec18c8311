#!/usr/bin/env python
"""Regenerate templates_docx/<kind>.docx (one per report kind) from core/rendering/template_builder.py.

Usage: .venv/bin/python scripts/build_docx_templates.py
A committee that restyled a template in Word keeps its file: commit it instead of re-running this.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from core.rendering.template_builder import build_all  # noqa: E402

if __name__ == "__main__":
    for path in build_all():
        print(path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path)
