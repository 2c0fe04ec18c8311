"""Advance widths of the fonts that will draw a document: the official name resolved through the shipped
fontconfig file (fonts/fonts.conf, as LibreOffice resolves it) and read with fontTools.

Loaded once per process and font. Without fontconfig or the font, a conservative estimate stands in
(Chinese characters one em, every other character 0.6 em), so a Word-only server still breaks lines.
"""
import os
import shutil
import subprocess
from functools import lru_cache

from core.config import PROJECT_ROOT

FONTCONFIG_FILE = PROJECT_ROOT / "fonts" / "fonts.conf"
ASIAN_LATIN_GAP = 0.2  # em LibreOffice (and Word's autoSpaceDE/DN) adds where Chinese meets Latin or digits


class FontMetrics:
    """Advance widths in em of one font, by character."""

    def __init__(self, advances: dict[int, float] | None = None, name: str = ""):
        self.advances = advances or {}
        self.name = name

    def advance(self, ch: str) -> float:
        width = self.advances.get(ord(ch))
        if width is not None:
            return width
        return 1.0 if is_wide(ch) else 0.6

    def all_one_em(self, text: str) -> bool:
        """Every character is a one-em Chinese character or mark (no Latin gaps to add)."""
        advances = self.advances
        return all(advances.get(ord(ch), 1.0 if is_wide(ch) else 0.6) == 1.0 and is_wide(ch) for ch in text)

    def width(self, text: str) -> float:
        """Width of `text` in em, with the gaps inserted between Chinese and Latin runs."""
        total, was_wide, was_alnum, advances = 0.0, None, False, self.advances
        for ch in text:
            advance = advances.get(ord(ch))
            total += self.advance(ch) if advance is None else advance
            wide, alnum = is_wide(ch), ch.isalnum()
            if was_wide is not None and wide != was_wide and (alnum or was_alnum) and not ch.isspace():
                total += ASIAN_LATIN_GAP  # gap_between, inlined: this runs for every character measured
            was_wide, was_alnum = (None if ch.isspace() else wide), alnum
        return total


def is_wide(ch: str) -> bool:
    """Chinese characters and full-width punctuation (one em)."""
    code = ord(ch)
    return 0x2e80 <= code <= 0x9fff or 0xf900 <= code <= 0xfaff or 0xff00 <= code <= 0xff60 or \
        code in (0x2014, 0x2026, 0x201c, 0x201d, 0x2018, 0x2019, 0x3000)


def gap_between(a: str, b: str) -> bool:
    """Word and LibreOffice space Chinese apart from Latin letters and digits next to it."""
    if a.isspace() or b.isspace():
        return False
    wide_a, wide_b = is_wide(a), is_wide(b)
    return wide_a != wide_b and (a.isalnum() or b.isalnum())


@lru_cache(maxsize=32)
def metrics_for(family: str, bold: bool = False) -> FontMetrics:
    """The metrics of the font fontconfig substitutes for `family` (the estimate when it cannot be read)."""
    found = _match(family, bold)
    if found is None:
        return FontMetrics(name="")
    path, index = found
    try:
        from fontTools.ttLib import TTFont

        font = TTFont(path, fontNumber=index, lazy=True)
        scale = 1.0 / font["head"].unitsPerEm
        hmtx = font["hmtx"]
        advances = {code: hmtx[glyph][0] * scale for code, glyph in font.getBestCmap().items()}
        font.close()
    except Exception:  # noqa: BLE001 - an unreadable font file falls back to the estimate
        return FontMetrics(name="")
    return FontMetrics(advances, name=path)


def _match(family: str, bold: bool) -> tuple[str, int] | None:
    if shutil.which("fc-match") is None:
        return None
    pattern = family + (":bold" if bold else "")
    env = {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG_FILE)}
    try:
        done = subprocess.run(["fc-match", "-f", "%{file}|%{index}", pattern], capture_output=True, text=True,
                              env=env, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return None
    path, _, index = done.stdout.partition("|")
    return (path, int(index or 0)) if done.returncode == 0 and path else None
