"""Political and institutional terms: known corruptions, near-misses by one same-sound character
(pypinyin, offline) and fixed orders. Shipped data in data/terms.yaml; an administrator adds
terms in instance/proofreading/terms.yaml (same keys), reloaded when that file changes."""
import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import yaml

from core.config import INSTANCE_DIR

from .rules import Hit, Rule, data_doc

logger = logging.getLogger(__name__)
EXTRA_TERMS_FILE = INSTANCE_DIR / "proofreading" / "terms.yaml"
_MIN_NEAR_MISS = 4  # shorter terms collide with ordinary words too often


@dataclass(frozen=True, eq=False)  # hashed by identity: one object per version of the data
class TermData:
    terms: tuple[str, ...]
    corruptions: dict
    orders: dict


def _merge(base: dict, extra: dict) -> dict:
    return {"terms": list(base.get("terms", [])) + list(extra.get("terms") or []),
            "corruptions": {**base.get("corruptions", {}), **(extra.get("corruptions") or {})},
            "orders": {**base.get("orders", {}), **(extra.get("orders") or {})}}


class TermsFileError(ValueError):
    """The administrator's terms file cannot be used; the message says why, in Chinese."""


def parse_extra(text: str) -> dict:
    """The administrator's additions: terms (list), corruptions (wrong: right), orders (name: [items])."""
    try:
        doc = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        raise TermsFileError(f"规范表述补充内容格式有误：{error}") from None
    shapes = {"terms": list, "corruptions": dict, "orders": dict}
    if not isinstance(doc, dict) or any(not isinstance(doc.get(k) or shape(), shape) for k, shape in shapes.items()):
        raise TermsFileError("规范表述补充内容应包含 terms（列表）、corruptions（错误写法: 正确写法）、orders（名称: [各项]）。")
    if not all(isinstance(t, str) and t.strip() for t in doc.get("terms") or []):
        raise TermsFileError("terms 中每一项都应是一条规范表述（文字）。")
    return doc


def read_extra(path: Path) -> dict:
    try:
        return parse_extra(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise TermsFileError(f"规范表述补充文件 {path} 不是 UTF-8 编码。") from None
    except TermsFileError as error:
        raise TermsFileError(f"{path}：{error}") from None


def save_extra(text: str) -> None:
    """Check, then replace the administrator's file in one step; every process sees it next time."""
    parse_extra(text)
    EXTRA_TERMS_FILE.parent.mkdir(parents=True, exist_ok=True)
    partial = EXTRA_TERMS_FILE.with_suffix(".tmp")
    partial.write_text(text, encoding="utf-8")
    partial.replace(EXTRA_TERMS_FILE)


def extra_text() -> str:
    return EXTRA_TERMS_FILE.read_text(encoding="utf-8") if EXTRA_TERMS_FILE.exists() else ""


def _version() -> tuple[int, int]:
    """Changes whenever the administrator's file does, so every process reloads it."""
    try:
        stat = EXTRA_TERMS_FILE.stat()
    except OSError:
        return (0, 0)
    return (stat.st_mtime_ns, stat.st_size)


def version() -> tuple[str, int, int]:
    """The terms list's version: what was checked against an older one is checked again."""
    return (str(EXTRA_TERMS_FILE), *_version())


def term_data() -> TermData:
    return _term_data(str(EXTRA_TERMS_FILE), _version())


@lru_cache(maxsize=2)
def _term_data(_path: str, _version: tuple) -> TermData:
    """Shipped terms plus the administrator's file; a broken file is left out (see flask proofread-terms)."""
    doc = data_doc("terms.yaml")
    if EXTRA_TERMS_FILE.exists():
        try:
            doc = _merge(doc, read_extra(EXTRA_TERMS_FILE))
        except TermsFileError as error:
            logger.warning("%s", error)
    return TermData(tuple(dict.fromkeys(doc["terms"])), dict(doc["corruptions"]), dict(doc["orders"]))


def _corruption_pattern() -> re.Pattern:
    return _compiled_corruptions(term_data())


@lru_cache(maxsize=2)
def _compiled_corruptions(data: "TermData") -> re.Pattern:
    wrong = sorted(data.corruptions, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, wrong)))


def corruptions(text: str, rule: Rule) -> Iterator[Hit]:
    table = term_data().corruptions
    for match in _corruption_pattern().finditer(text):
        right = table[match.group()]
        if not _inside(text, right, match.start(), match.end()):
            yield Hit(match.start(), match.end(), right)


def _inside(text: str, word: str, start: int, end: int) -> bool:
    """True when an occurrence of `word` covers [start, end)."""
    found = text.find(word, max(0, end - len(word)))
    return found != -1 and found <= start and found + len(word) >= end


@lru_cache(maxsize=None)
def _sounds(char: str) -> frozenset[str]:
    from pypinyin import Style, pinyin

    return frozenset(pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")[0] or ())


def _bigram_index() -> dict[str, list[tuple[str, int]]]:
    return _bigrams(term_data())


@lru_cache(maxsize=2)
def _bigrams(data: "TermData") -> dict[str, list[tuple[str, int]]]:
    """Every two-character window of every term → (term, offset): one lookup per text position."""
    index: dict[str, list[tuple[str, int]]] = {}
    for term in data.terms:
        if len(term) >= _MIN_NEAR_MISS:
            for offset in range(len(term) - 1):
                index.setdefault(term[offset:offset + 2], []).append((term, offset))
    return index


def near_miss(text: str, rule: Rule) -> Iterator[Hit]:
    index, reported = _bigram_index(), set()
    for at in range(len(text) - 1):
        for term, offset in index.get(text[at:at + 2], ()):
            start = at - offset
            if start < 0 or (start, term) in reported:
                continue
            candidate = text[start:start + len(term)]
            if candidate != term and len(candidate) == len(term) and _one_same_sound(candidate, term):
                reported.add((start, term))
                yield Hit(start, start + len(term), term)


def _one_same_sound(candidate: str, term: str) -> bool:
    diff = None
    for index, (a, b) in enumerate(zip(candidate, term)):
        if a != b:
            if diff is not None:
                return False
            diff = index
    return diff is not None and bool(_sounds(candidate[diff]) & _sounds(term[diff]))


def order(text: str, rule: Rule) -> Iterator[Hit]:
    """Items of a fixed order listed together (joined by 、 和 与) out of that order."""
    for name, items in term_data().orders.items():
        for match in _order_pattern(tuple(items)).finditer(text):
            found = re.findall("|".join(map(re.escape, items)), match.group())
            ranks = [items.index(item) for item in found]
            if ranks != sorted(ranks):
                suggestion = "、".join(items) if len(set(found)) == len(items) else None
                yield Hit(match.start(), match.end(), suggestion, {"detail": name, "order": "、".join(items)})


@lru_cache(maxsize=None)
def _order_pattern(items: tuple[str, ...]) -> re.Pattern:
    item = "(?:" + "|".join(map(re.escape, items)) + ")"
    return re.compile(f"{item}(?:[、和与及]{item})+")
