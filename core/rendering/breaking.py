"""Where lines of a title or heading break (GB/T 9704 7.3.1): between words, found by the jieba segmenter
(loaded once per process), measured with the metrics of the font that draws them (core.rendering.fonts).
"""
import itertools
import logging
import re
from functools import lru_cache

from . import layout
from . import fonts
from .fonts import metrics_for
from .text import full_width

TEXT_WIDTH_PT = (layout.PAGE_WIDTH_MM - layout.MARGINS_MM["left"] - layout.MARGINS_MM["right"]) * 72 / 25.4
TITLE_PT = layout.TITLE_HALF_POINTS / 2
_NO_BREAK_BEFORE = "，。、；：？！）》〉”’…—"
_NO_BREAK_AFTER = "（《〈“‘"
_UNITS = "年月日号届次期件个名人"
_JOINERS = "和与及或暨并"
_ADMIN_SUFFIX = "省市县区镇乡村"
# Names kept on one line: 政协东湖县委员会 (常务委员会), 东湖县政协.
_NAMES = re.compile(r"政协[\u4e00-\u9fff]{1,8}?[省市县区]委员会(?:常务委员会)?")
# Words the general dictionary lacks, kept whole on a title line.
_WORDS = ("政协", "委员会", "常务委员会", "常委会", "工作要点", "工作总结", "工作谋划", "工作报告", "新时代",
          "协商议事室", "履职", "社情民意", "高质量发展")


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word in _WORDS:
        tokenizer.add_word(word, freq=10 ** 6)
    return tokenizer


def words(text: str) -> list[str]:
    """The text cut into words; digits stay with their unit (2024年), places with their suffix (东湖县) and
    committee names whole (政协东湖县委员会)."""
    names = [m.span() for m in _NAMES.finditer(text)]
    out: list[str] = []
    position = 0
    for token in _tokenizer().cut(text, HMM=False):  # dictionary words only: fast, and no guessed names
        inside_name = any(a < position < b for a, b in names)
        if out and (inside_name or _joined(out[-1], token)):
            out[-1] += token
        else:
            out.append(token)
        position += len(token)
    return out


def _joined(left: str, right: str) -> bool:
    if len(right) == 1 and right in _ADMIN_SUFFIX and not left.isspace():
        return True
    if right == "政协" and left[-1] in _ADMIN_SUFFIX and len(left) <= 4:
        return True  # 东湖县政协
    return (left[-1].isdigit() and (right[0].isdigit() or right[0] in _UNITS or right[0] in ".%")) or \
        right[0] in _NO_BREAK_BEFORE or left[-1] in _NO_BREAK_AFTER


def title_line_fits(line: str, font: str = layout.FONTS["title"]) -> bool:
    """A title line in 2号 `font` fits the 156 mm 版心."""
    return metrics_for(font).width(line) * TITLE_PT <= TEXT_WIDTH_PT


def splits_a_word(before: str, after: str) -> bool:
    """A line break between `before` and `after` falls inside a word (or a 2024年, 加强和改进)."""
    tokens = words(before + after)
    ends = set(itertools.accumulate(len(t) for t in tokens))
    if len(before) not in ends:
        return True
    i = [n for n, end in enumerate(itertools.accumulate(len(t) for t in tokens)) if end == len(before)][0] + 1
    return _break_cost(tokens, i) >= 30


@lru_cache(maxsize=1024)
def _title_lines(title: str, font: str) -> tuple[str, ...]:
    return tuple(_break_title(title, font))


def break_title(title: str, font: str = layout.FONTS["title"]) -> list[str]:
    """Title lines that each fit the 版心 in the title font, broken between words (cached per process)."""
    return list(_title_lines(title, font))


def _break_title(title: str, font: str) -> list[str]:
    """Title lines that each fit the 版心 in the title font, broken between words, shaped as a trapezoid
    or diamond (7.3.1)."""
    title = full_width(title).strip()
    metrics = metrics_for(font)
    fits = lambda line: title_line_fits(line, font)  # noqa: E731
    if fits(title):
        return [title]
    tokens = words(title)
    span = lru_cache(maxsize=None)(lambda a, b: metrics.width("".join(tokens[a:b]).strip(" \u3000")))
    limit = TEXT_WIDTH_PT / TITLE_PT
    cuts = list(range(1, len(tokens)))
    for lines in range(2, len(tokens) + 1):
        fitting = (c for c in itertools.combinations(cuts, lines - 1)
                   if all(span(a, b) <= limit for a, b in _spans(c, len(tokens))))
        best = min(fitting, key=lambda c: _cost(tokens, c, span), default=None)
        if best is not None:
            return _lines(tokens, best)
    return _by_characters(title, fits)


def _spans(cuts: tuple[int, ...], count: int) -> list[tuple[int, int]]:
    bounds = (0, *cuts, count)
    return list(zip(bounds, bounds[1:]))


def _lines(tokens: list[str], cuts: tuple[int, ...]) -> list[str]:
    bounds = (0, *cuts, len(tokens))
    return ["".join(tokens[a:b]).strip(" \u3000") for a, b in zip(bounds, bounds[1:])]


def _by_characters(title: str, fits) -> list[str]:
    """A title with a word wider than a line: fill lines character by character."""
    lines, line = [], ""
    for ch in title:
        if line and not fits(line + ch):
            lines.append(line)
            line = ""
        line += ch
    return lines + [line]


def _cost(tokens: list[str], cuts: tuple[int, ...], span) -> float:
    widths = [span(a, b) for a, b in _spans(cuts, len(tokens))]
    return _shape_cost(widths) + sum(_break_cost(tokens, i) for i in cuts)


def _shape_cost(widths: list[float]) -> float:
    """Lines of unequal length: an upright trapezoid (each line longer than the one above) or, for three
    or more lines, a diamond (longest in the middle); a rectangle is what 7.3.1 asks to avoid."""
    steps = [b - a for a, b in zip(widths, widths[1:])]
    trapezoid = min(sum(abs(step - 2) for step in steps), 1 + sum(abs(step + 2) for step in steps))
    if len(widths) >= 3:
        middle = max(widths[1:-1])
        diamond = sum(abs(middle - w - 2) for w in (widths[0], widths[-1]))
        trapezoid = min(trapezoid, diamond)
    return trapezoid + (40 if any(abs(step) < 0.5 for step in steps) else 0)


def _break_cost(tokens: list[str], i: int) -> float:
    """How bad a break between tokens[i-1] and tokens[i] reads."""
    left, right = tokens[i - 1], tokens[i]
    if left.isspace() or right.isspace():
        return -8  # the drafter's own space between two phrases
    cost = 0.0
    if right in _JOINERS or left in _JOINERS:
        phrase = tokens[i - 2:i + 1] if left in _JOINERS else tokens[i - 1:i + 2]
        if all(len(t) <= 2 for t in phrase):
            cost += 30  # 加强和改进 is one phrase
        elif right in _JOINERS:
            cost -= 3  # …工作总结 / 和…工作要点: between the two things the title names
    if left == "的" or right == "的" or right.startswith("的"):
        cost += 12  # …的报告 / 的意见 stay with what they close
    if left == "关于":
        cost += 12
    if _inside_book_title(tokens, i):
        cost += 10
    return cost


def _inside_book_title(tokens: list[str], i: int) -> bool:
    before = "".join(tokens[:i])
    return before.count("《") > before.count("》")


BODY_PT = layout.BODY_HALF_POINTS / 2
CHARS_PER_LINE = 28  # 5.2.3
CHAR_SPACING_PT = layout.CHAR_SPACING / 20


def line_ends(text: str, font: str, indent_chars: float = 2) -> list[int]:
    """Where LibreOffice ends each line of a 3号 paragraph in `font` (−0.25 pt spacing, 28 a line): the
    index after each line's last character. Latin and digit runs do not break; a mark that may not start a
    line takes the character before it along (w:overflowPunct)."""
    reach = _prefix_widths(text, metrics_for(font))  # reach[i]: width of text[:i] in points, gaps included
    ends, start, offset = [], 0, indent_chars * BODY_PT
    for a, b in _units(text):
        if reach[b] - reach[start] + offset > TEXT_WIDTH_PT + 0.01 and a > start:
            cut = a - 1 if text[a] in _NO_BREAK_BEFORE and a - 1 > start else a
            ends.append(cut)
            start, offset = cut, -_gap_pt(text, cut)  # the gap before a line's first character is not drawn
    return ends + [len(text)] if text else ends


def _prefix_widths(text: str, metrics) -> list[float]:
    step = BODY_PT + CHAR_SPACING_PT
    if metrics.all_one_em(text):  # plain Chinese text: every character one em, no gaps
        return [i * step for i in range(len(text) + 1)]
    reach, total, was_wide, was_alnum = [0.0], 0.0, None, False
    gap, advances = fonts.ASIAN_LATIN_GAP * BODY_PT, metrics.advances
    for ch in text:
        advance = advances.get(ord(ch))
        total += (metrics.advance(ch) if advance is None else advance) * BODY_PT + CHAR_SPACING_PT
        wide, alnum = fonts.is_wide(ch), ch.isalnum()
        if was_wide is not None and wide != was_wide and (alnum or was_alnum) and not ch.isspace():
            total += gap  # fonts.gap_between, inlined: this runs for every character of every heading
        reach.append(total)
        was_wide, was_alnum = (None if ch.isspace() else wide), alnum
    return reach


def _gap_pt(text: str, i: int) -> float:
    return fonts.ASIAN_LATIN_GAP * BODY_PT if i and fonts.gap_between(text[i - 1], text[i]) else 0.0


def _units(text: str) -> list[tuple[int, int]]:
    """Unbreakable pieces: a Chinese character or mark, or a run of Latin letters and digits."""
    units, i = [], 0
    while i < len(text):
        j = i + 1
        if text[i].isascii() and text[i].isalnum():
            while j < len(text) and text[j].isascii() and (text[j].isalnum() or text[j] in ".%"):
                j += 1
        units.append((i, j))
        i = j
    return units


@lru_cache(maxsize=4096)
def heading_break(text: str, font: str, indent_chars: float = 2) -> int | None:
    """Where to break a heading by hand so that its last line is not one lone character (夯 / 实):
    before its last word, or None when it needs no help."""
    if (len(text) * 1.25 + indent_chars) * BODY_PT <= TEXT_WIDTH_PT:
        return None  # one line even if every character were wide and spaced
    cells = len(text) + indent_chars  # all Chinese: 28 a line, a carried mark moves one character at most
    if cells <= 2 * CHARS_PER_LINE and cells - CHARS_PER_LINE >= 3 and all(fonts.is_wide(ch) for ch in text):
        return None
    ends = line_ends(text, font, indent_chars)
    if len(ends) < 2 or len((text[ends[-2]:]).rstrip("。；：，")) > 1:
        return None
    last = words(text[-8:])[-1]  # the tail is enough to find the last word
    return len(text) - (len(last) if 2 <= len(last) <= 6 else 2)
