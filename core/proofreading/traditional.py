"""Traditional characters in simplified text, found with OpenCC's t2s tables (shipped in the
wheel, no download). Only characters t2s would change are looked at, each in its phrase context."""
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
def _candidates() -> frozenset[str]:
    """Every character that t2s converts on its own (TSCharacters)."""
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    keys = {line.split("\t", 1)[0] for line in table.read_text(encoding="utf-8").splitlines() if "\t" in line}
    converter = _converter()
    return frozenset(c for c in keys if len(c) == 1 and converter.convert(c) != c)


def traditional(text: str, rule: Rule) -> Iterator[Hit]:
    candidates = _candidates()
    if candidates.isdisjoint(text):  # the usual case, checked in C
        return
    converter = _converter()
    for at in (i for i, char in enumerate(text) if char in candidates):
        lo, hi = max(0, at - _WINDOW), min(len(text), at + 1 + _WINDOW)
        window = text[lo:hi]
        converted = converter.convert(window)
        if len(converted) == len(window) and converted[at - lo] != text[at]:
            yield Hit(at, at + 1, converted[at - lo])
