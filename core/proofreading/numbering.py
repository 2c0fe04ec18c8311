"""Numbering marks typed in text: which level a mark belongs to, and whether a run of marks goes
1, 2, 3 without gaps or repeats (GB/T 9704-2012 7.3.3: 一、（一）1.（1）; 一是、二是 inline)."""
import re
from dataclasses import dataclass
from typing import Iterator, Optional

from core.drafting.numbering import chinese_number

from .rules import Hit, Rule

_HAN_DIGITS = "一二三四五六七八九十"
LEVEL_MARKS = ("一、", "（一）", "1.", "（1）")
_LEADING = (
    (0, re.compile(r"^\s*([一二三四五六七八九十]{1,3})、")),
    (1, re.compile(r"^\s*（([一二三四五六七八九十]{1,3})）")),
    (2, re.compile(r"^\s*(\d{1,2})[.．](?!\d)")),
    (3, re.compile(r"^\s*（(\d{1,2})）")),
)
_YISHI = re.compile(r"(?:^|(?<=[。；：，\s]))([一二三四五六七八九十]{1,2})是(?![否非])")


def han_value(numeral: str) -> int:
    """一 → 1 … 十九 → 19, 二十 → 20 (headings never go further)."""
    if numeral.isdigit():
        return int(numeral)
    if "十" not in numeral:
        return _HAN_DIGITS.index(numeral) + 1
    tens, _, ones = numeral.partition("十")
    return (han_value(tens) if tens else 1) * 10 + (han_value(ones) if ones else 0)


def mark_text(level: int, n: int) -> str:
    return (f"{chinese_number(n)}、", f"（{chinese_number(n)}）", f"{n}.", f"（{n}）")[level]


@dataclass(frozen=True)
class Mark:
    level: int  # 0..3 for 一、（一）1.（1）; 4 for 一是
    value: int
    start: int
    end: int


def leading_mark(line: str) -> Optional[tuple[int, re.Match]]:
    for level, pattern in _LEADING:
        match = pattern.match(line)
        if match:
            return level, match
    return None


def marks(text: str) -> Iterator[Mark]:
    """Paragraph-leading marks and inline 一是… in reading order."""
    offset = 0
    for line in text.split("\n"):
        found = leading_mark(line)
        if found:
            level, match = found
            start = offset + len(line) - len(line.lstrip())
            yield Mark(level, han_value(match.group(1)), start, offset + match.end())
        for match in _YISHI.finditer(line):
            yield Mark(4, han_value(match.group(1)), offset + match.start(), offset + match.end())
        offset += len(line) + 1


def sequence_problems(found: list[Mark]) -> Iterator[tuple[Mark, str, str]]:
    """(mark, expected mark, detail) for each gap or repeat; a higher level restarts the lower."""
    last: dict[int, int] = {}
    for mark in found:
        if mark.level < 4:
            for lower in [lvl for lvl in last if mark.level < lvl < 4]:
                del last[lower]
        previous = last.get(mark.level, 0)
        if mark.level == 4 and mark.value == 1:
            previous = 0  # a new 一是 series
        if mark.value != previous + 1:
            expected = _label(mark.level, previous + 1)
            detail = f"“{_label(mark.level, previous)}”之后应为“{expected}”" if previous else f"应从“{expected}”开始"
            yield mark, expected, detail
        last[mark.level] = mark.value


def _label(level: int, n: int) -> str:
    return f"{chinese_number(n)}是" if level == 4 else mark_text(level, n)


def sequence_hits(text: str, rule: Rule) -> Iterator[Hit]:
    for mark, _expected, detail in sequence_problems(list(marks(text))):
        yield Hit(mark.start, mark.end, None, {"detail": detail})
