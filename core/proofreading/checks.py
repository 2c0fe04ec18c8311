"""Coded checks: rules that a single regular expression cannot state (pairs, lists, word lists).

Each takes the masked text and its Rule and yields Hits; data comes from the rule's options and
the data files, loaded once per process.
"""
import re
from functools import lru_cache
from typing import Callable, Iterator

from . import numbering, terms, traditional
from .rules import MACROS, Hit, Rule, data_doc, data_table

HAN = MACROS["{HAN}"]
_OPENERS = {"“": "”", "‘": "’", "《": "》", "〈": "〉", "（": "）", "〔": "〕", "【": "】"}
_CLOSERS = {close: open_ for open_, close in _OPENERS.items()}
_PAIRS = re.compile("[" + re.escape("".join(_OPENERS) + "".join(_CLOSERS)) + "]")


def _lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.split("\n"):
        yield offset, line
        offset += len(line) + 1


def paired_marks(text: str, rule: Rule) -> Iterator[Hit]:
    """Every opening mark closed by its partner within the same paragraph, properly nested."""
    for offset, line in _lines(text):
        stack: list[tuple[str, int]] = []
        for match in _PAIRS.finditer(line):
            mark, at = match.group(), offset + match.start()
            if mark in _OPENERS:
                stack.append((mark, at))
            elif stack and stack[-1][0] == _CLOSERS[mark]:
                stack.pop()
            elif any(opened == _CLOSERS[mark] for opened, _ in stack):
                opened, where = stack.pop()  # the inner mark was never closed
                yield Hit(where, where + 1, None, {"detail": f"“{opened}”没有对应的“{_OPENERS[opened]}”"})
                while stack and stack[-1][0] != _CLOSERS[mark]:
                    stack.pop()
                stack.pop()
            else:
                yield Hit(at, at + 1, None, {"detail": f"“{mark}”前没有对应的“{_CLOSERS[mark]}”"})
        for opened, where in stack:
            yield Hit(where, where + 1, None, {"detail": f"“{opened}”没有对应的“{_OPENERS[opened]}”"})


def quote_nesting(text: str, rule: Rule) -> Iterator[Hit]:
    """A “ opened inside an open “ (double inside double)."""
    for offset, line in _lines(text):
        depth = 0
        for match in re.finditer("[“”]", line):
            if match.group() == "“":
                if depth:
                    yield Hit(offset + match.start(), offset + match.start() + 1)
                depth += 1
            else:
                depth = max(0, depth - 1)


@lru_cache(maxsize=1)
def _word_splits() -> dict[str, list[tuple[str, str]]]:
    """Words a stray 、 may split (terms list and the stray-dun vocabulary), indexed by the
    part left of the split: left → [(right, word)]."""
    doc = data_doc("terms.yaml")
    words = set(doc["terms"]) | set(data_doc("punctuation.yaml").get("words", []))
    for item_list in doc["orders"].values():
        words |= set(item_list)
    splits: dict[str, list[tuple[str, str]]] = {}
    for word in (w for w in words if len(w) >= 2):
        for cut in range(1, len(word)):
            splits.setdefault(word[:cut], []).append((word[cut:], word))
    return splits


def stray_dun(text: str, rule: Rule) -> Iterator[Hit]:
    """A 、 between two characters that together belong to one known word (政协委、员)."""
    splits = _word_splits()
    longest = max(map(len, splits))
    for match in re.finditer("、", text):
        at = match.start()
        word = next((word for size in range(1, min(at, longest) + 1)
                     for right, word in splits.get(text[at - size:at], ())
                     if text.startswith(right, at + 1)
                     and not (_item_boundary(text, at - size) and _item_end(text, at + 1 + len(right)))), None)
        if word:  # whole list items on both sides (党、政) are not a split word
            yield Hit(at, at + 1, "", {"detail": word})


def _item_boundary(text: str, index: int) -> bool:
    return index <= 0 or not re.match(f"[{HAN}]", text[index - 1])


def _item_end(text: str, index: int) -> bool:
    return index >= len(text) or not re.match(f"[{HAN}]", text[index])


@lru_cache(maxsize=None)
def _wordlist_pattern(name: str) -> tuple[re.Pattern, dict[str, str]]:
    pairs = {row[0]: row[1] for row in data_table(name)}
    alternatives = sorted(pairs, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, alternatives))), pairs


def wordlist(text: str, rule: Rule) -> Iterator[Hit]:
    pattern, pairs = _wordlist_pattern(rule.options["file"])
    for match in pattern.finditer(text):
        yield Hit(match.start(), match.end(), pairs[match.group()])


@lru_cache(maxsize=1)
def _allowed() -> tuple[str, ...]:
    return tuple(data_doc("words.yaml")["allow"])


def _allowed_at(text: str, start: int, end: int) -> bool:
    """True when the span lies inside a whitelisted reduplication or false boundary."""
    for word in _allowed():
        lo = max(0, start - len(word) + 1)
        found = text.find(word, lo, end + len(word) - 1)
        while found != -1 and found < end:
            if found < end and found + len(word) > start:
                return True
            found = text.find(word, found + 1, end + len(word) - 1)
    return False


def doubled_chars(text: str, rule: Rule) -> Iterator[Hit]:
    chars = rule.options["chars"]
    for match in re.finditer(f"([{chars}])\\1", text):
        if not _allowed_at(text, match.start(), match.end()):
            yield Hit(match.start(), match.end(), match.group(1), {"detail": match.group(1)})


_NUMERALS = "一二三四五六七八九十两几每"


def doubled_words(text: str, rule: Rule) -> Iterator[Hit]:
    """ABAB: a word of two to four characters written twice in a row (深入深入)."""
    for match in re.finditer(f"([{HAN}]{{2,4}})\\1", text):
        word = match.group(1)
        if word[0] in _NUMERALS or len(set(word)) == 1 or _allowed_at(text, match.start(), match.end()):
            continue
        yield Hit(match.start(), match.end(), word, {"detail": word})


_LIST = re.compile("[^，。；：！？、\n“”《》（）]+(?:、[^，。；：！？、\n“”《》（）]+)+")


def doubled_items(text: str, rule: Rule) -> Iterator[Hit]:
    """The same item twice in one 、-separated list (调研、调研); items are compared whole, the
    last one without a closing 等, so 调研、调研报告 passes."""
    for match in _LIST.finditer(text):
        items, seen, position = match.group().split("、"), set(), match.start()
        for index, item in enumerate(items):
            key = item[:-1] if index == len(items) - 1 and item.endswith("等") else item
            if len(key) >= 2 and key in seen:
                yield Hit(position - 1, position + len(item), "", {"detail": key})
            seen.add(key)
            position += len(item) + 1


_MARKS = [
    (re.compile(r"^(\s*)(\d{1,2})、(?!\d)"), r"\1\2."),
    (re.compile(r"^(\s*)([一二三四五六七八九十]{1,3})[.．](?!\d)"), r"\1\2、"),
]
_PAREN_MARK = re.compile(r"（([一二三四五六七八九十]{1,3}|\d{1,2})）[、，.．]")


def wrong_marks(text: str, rule: Rule) -> Iterator[Hit]:
    """1、 as a numbering mark, （一）、 and 一. — GB/T 9704 7.3.3 uses 一、（一）1.（1）."""
    for offset, line in _lines(text):
        for pattern, template in _MARKS:
            match = pattern.match(line)
            if match:
                yield Hit(offset + match.start(2), offset + match.end(), match.expand(template).strip())
        for match in _PAREN_MARK.finditer(line):
            yield Hit(offset + match.start(), offset + match.end(), f"（{match.group(1)}）")


_CLOSING = "。！？…”’」』）)；：" + MACROS["{MASK}"]


def line_end(text: str, rule: Rule) -> Iterator[Hit]:
    for offset, line in _lines(text):
        stripped = line.rstrip()
        if stripped and stripped[-1] not in _CLOSING:
            yield Hit(offset + len(stripped) - 1, offset + len(stripped))


CHECKS: dict[str, Callable[[str, Rule], Iterator[Hit]]] = {
    "paired_marks": paired_marks, "quote_nesting": quote_nesting, "stray_dun": stray_dun,
    "wordlist": wordlist, "doubled_chars": doubled_chars, "doubled_words": doubled_words,
    "doubled_items": doubled_items, "wrong_marks": wrong_marks, "line_end": line_end,
    "numbering_sequence": numbering.sequence_hits, "traditional": traditional.traditional,
    "term_corruptions": terms.corruptions, "term_near_miss": terms.near_miss, "term_order": terms.order,
}
