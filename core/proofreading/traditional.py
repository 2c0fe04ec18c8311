"""Traditional characters in simplified text, found with OpenCC's t2s tables (shipped in the
wheel, no download). Only characters t2s would change are looked at, each in its phrase context."""
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from .rules import Hit, Rule

_WINDOW = 3  # characters either side, so phrase entries (乾坤, 著名) keep their form


@lru_cache(maxsize=1)
def _converter():
    from opencc import OpenCC

    return OpenCC("t2s")


@lru_cache(maxsize=1)
def _candidates() -> re.Pattern:
    """A character class of every character that t2s converts on its own (TSCharacters)."""
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    keys = {line.split("\t", 1)[0] for line in table.read_text(encoding="utf-8").splitlines() if "\t" in line}
    converter = _converter()
    changed = sorted(c for c in keys if len(c) == 1 and converter.convert(c) != c)
    return re.compile("[" + "".join(re.escape(c) for c in changed) + "]")


def traditional(text: str, rule: Rule) -> Iterator[Hit]:
    converter = _converter()
    for match in _candidates().finditer(text):
        at = match.start()
        lo, hi = max(0, at - _WINDOW), min(len(text), at + 1 + _WINDOW)
        window = text[lo:hi]
        converted = converter.convert(window)
        if len(converted) == len(window) and converted[at - lo] != text[at]:
            yield Hit(at, at + 1, converted[at - lo])
