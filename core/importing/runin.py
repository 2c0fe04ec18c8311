"""The paragraphs a report was rendered from, as the Word round trip compares them, and the run-in ones
cut back into their sections.

A paragraph several sections print into (一、heading 一是… 二是… run in, the 一是 numbering style and the
experience briefing) is matched as one piece per section: the edited paragraph is cut where each piece's
number and lead sentence now stand (or the lead alone, or the number alone after the piece before it).
"""
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Iterable, Optional

_SPACE = re.compile(r"\s+")


@dataclass
class Segment:
    """A piece of a rendered paragraph: where it came from and what it printed."""

    section_id: Optional[int]
    slot: str  # heading / lead / body:<k> / number / other
    raw: str  # the stored text (a placeholder for merged ones)
    shown: str  # what the .docx shows
    placeholder: bool = False


@dataclass
class Paragraph:
    segments: list[Segment] = field(default_factory=list)
    run_in: bool = False  # one section's piece of a paragraph several sections print into (一是… inline)
    printed: int = 0  # which paragraph of the Word file it is, or is a piece of

    @property
    def text(self) -> str:
        return "".join(s.shown for s in self.segments)


def norm(text: str) -> str:
    return _SPACE.sub("", text)


def similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def section_of(paragraph: Paragraph) -> Optional[int]:
    return next((s.section_id for s in reversed(paragraph.segments) if s.section_id), None)


_NUMBER_BEFORE = re.compile(r"(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|[■●])$")


def split_run_in(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A paragraph several sections print into (一、heading 一是… 二是… inline) as one piece per
    section, so that an edit inside it maps to the section whose text it touches."""
    out = []
    for printed, paragraph in enumerate(paragraphs):
        if len({s.section_id for s in paragraph.segments if s.section_id}) < 2:
            out.append(Paragraph(paragraph.segments, printed=printed))
            continue
        pieces: list[Paragraph] = []
        for segment in paragraph.segments:
            if not pieces or (segment.section_id and segment.section_id != section_of(pieces[-1])):
                pieces.append(Paragraph([], run_in=True, printed=printed))
            pieces[-1].segments.append(segment)
        out += pieces
    return out


def as_printed(base: list[Paragraph], indices: Iterable[int]) -> list[str]:
    """The text of pieces `indices` of `base` read as the Word file printed it: one string per printed
    paragraph, its pieces joined (…… where a piece between them is not among `indices`)."""
    groups: dict[int, list[int]] = {}
    for i in sorted(indices):
        groups.setdefault(base[i].printed, []).append(i)
    out = []
    for pieces in groups.values():
        text = base[pieces[0]].text
        for before, i in zip(pieces, pieces[1:]):
            text += ("" if i == before + 1 else "……") + base[i].text
        out.append(text)
    return out


def _anchor(piece: Paragraph) -> tuple[str, str, str]:
    """(number, lead sentence or heading, the two together) a piece of a run-in paragraph opens with."""
    number = "".join(s.shown for s in piece.segments if s.slot == "number")
    lead = "".join(s.shown for s in piece.segments if s.slot in ("lead", "heading"))
    if not lead:  # an item without a lead sentence: the opening of its text
        lead = "".join(s.shown for s in piece.segments if s.slot != "number")[:8]
    return norm(number), norm(lead), norm(number + lead)


def cut_units(base: list[Paragraph], lines: list) -> tuple[list[tuple[int, str]], dict[int, int]]:
    """The edited paragraphs as matching units: (line index, text), a paragraph carrying run-in
    pieces cut where each piece's number and lead sentence now stand; and unit -> the base piece
    whose opening it starts with (that piece, however rewritten its text)."""
    cuts: dict[int, set[int]] = {}
    found = _Anchors([norm(line.text) for line in lines]).locate(base)
    for j, position in found.values():
        cuts.setdefault(j, {0}).add(position)
    starts = {where: i for i, where in found.items()}
    units, anchored = [], {}
    for j, line in enumerate(lines):
        raw = [k for k, char in enumerate(line.text) if not char.isspace()]  # normalized -> raw position
        positions = sorted(cuts.get(j, {0}))
        bounds = [0, *(raw[c] for c in positions[1:]), len(line.text)]
        for start, a, b in zip(positions, bounds, bounds[1:]):
            if line.text[a:b].strip():
                if (j, start) in starts:
                    anchored[len(units)] = starts[(j, start)]
                units.append((j, line.text[a:b]))
    return units, anchored


class _Anchors:
    """Where each run-in piece of the report now opens in the edited paragraphs (normalized text)."""

    def __init__(self, normalized: list[str]):
        self.normalized = normalized
        self.found: dict[int, tuple[int, int]] = {}  # base index -> (line, position)
        self.taken: set[tuple[int, int]] = set()

    def occurrences(self, needle: str, low=(0, 0), high=None):
        for j, text in enumerate(self.normalized):
            start = text.find(needle) if needle else -1
            while start >= 0:
                if (j, start) >= low and (high is None or (j, start) < high) and (j, start) not in self.taken:
                    yield j, start
                start = text.find(needle, start + 1)

    def put(self, i: int, where: Optional[tuple[int, int]]) -> None:
        if where:
            self.found[i] = where
            self.taken.add(where)

    def locate(self, base: list[Paragraph]) -> dict[int, tuple[int, int]]:
        pieces = [i for i, p in enumerate(base) if p.run_in]
        cursor = (0, 0)
        for i in pieces:  # number and lead sentence, in order, or anywhere (a moved paragraph)
            both = _anchor(base[i])[2]
            self.put(i, next(self.occurrences(both, cursor), None) or next(self.occurrences(both), None))
            cursor = self.found.get(i, cursor)
        for i in pieces:  # the lead sentence alone (the number edited), between its neighbours
            if i not in self.found:
                self.put(i, self._by_lead(_anchor(base[i])[1], *_neighbours(self.found, pieces, i)))
        for i in pieces:  # the number alone (the lead sentence edited), after the piece before it
            if i not in self.found and base[i - 1].run_in and i - 1 in self.found:
                number, lead, _both = _anchor(base[i])
                expected = self.found[i - 1][1] + len(norm(base[i - 1].text))  # where it stood
                self.put(i, self._by_number(number, lead, expected, *_neighbours(self.found, pieces, i)))
        return self.found

    def _by_lead(self, lead: str, low, high) -> Optional[tuple[int, int]]:
        where = next(self.occurrences(lead, low, high), None) if len(lead) >= 4 else None
        if where is None:
            return None
        number = _NUMBER_BEFORE.search(self.normalized[where[0]][:where[1]])
        return where[0], where[1] - (len(number.group(0)) if number else 0)

    def _by_number(self, number: str, lead: str, expected: int, low, high) -> Optional[tuple[int, int]]:
        """Within the paragraph of the piece before it, the number's occurrence followed by text most
        like the old lead sentence, then nearest to where the piece stood (……排第三是…… inside an
        item's own text is not the next item's number)."""
        if high is None or high[0] != low[0]:
            high = (low[0], len(self.normalized[low[0]]))
        text = self.normalized[low[0]]

        def score(where: tuple[int, int]) -> tuple[float, int]:
            after = text[where[1] + len(number):where[1] + len(number) + len(lead)]
            return -round(similar(after, lead), 1), abs(where[1] - expected)

        found = list(self.occurrences(number, (low[0], low[1] + 1), high)) if number else []
        return min(found, key=score, default=None)


def _neighbours(found: dict, pieces: list[int], i: int) -> tuple[tuple[int, int], Optional[tuple[int, int]]]:
    """Where the nearest located pieces before and after piece i stand (when they are in order)."""
    before = [found[k] for k in pieces if k < i and k in found]
    after = [found[k] for k in pieces if k > i and k in found]
    low = before[-1] if before else (0, 0)
    high = after[0] if after and after[0] > low else None
    return low, high
