"""Word round trip: a rendered report edited in Word/WPS comes back as proposed section changes.

The report is assembled again (the paragraphs the .docx was rendered from, each made of segments:
generated number, literal text, merged placeholder, tagged with its section and field) and the
uploaded file's final text (tracked changes accepted) is matched against it paragraph by paragraph,
then character by character inside a changed paragraph. Literal text takes the edit; a placeholder
whose merged value is still there keeps its binding; an overtyped one is flagged (keep the binding
or make the typed number literal); numbering is generated and never taken back.

A paragraph several sections print into (一、heading 一是… 二是… run in, the 一是 numbering style and
the experience briefing) is matched as one piece per section: the edited paragraph is cut where each
piece's number and lead sentence now stand (or the lead alone, or the number alone after the piece
before it), so deleting one item deletes that section only and an edit changes the section it is in.
"""
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.drafting import context as ctx
from core.drafting.document import assemble
from core.drafting.merge import make_environment, merge_text
from core.drafting.guards import ensure_editable
from core.drafting.sections import delete_section, save_section
from core.drafting.tree import load_sections
from core.rendering.text import full_width
from data_models import Report, Section

from .source import Source

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")
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

    @property
    def text(self) -> str:
        return "".join(s.shown for s in self.segments)


@dataclass
class Overtyped:
    placeholder: str
    shown: str  # the ledger's value as merged
    typed: str  # what Word now has
    keep: bool = True  # keep the binding (default) or make the typed number literal


@dataclass
class SectionChange:
    section_id: int
    where: str
    old: tuple[str, str, str]  # heading, lead, body
    pieces: dict = field(default_factory=dict)  # slot -> list of (raw or Overtyped)
    added: list[str] = field(default_factory=list)
    changed: list[tuple[str, str]] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    overtyped: list[Overtyped] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    new_body: dict = field(default_factory=dict)  # body paragraph index -> list of new paragraphs

    def proposed(self) -> tuple[str, str, str]:
        """The section's new heading, lead and body with the overtyped decisions applied."""
        heading, lead, body = self.old
        fields = {"heading": heading, "lead": lead}
        for slot in ("heading", "lead"):
            if slot in self.pieces:
                fields[slot] = _join(self.pieces[slot]).replace("\n", "")  # one line each
        paragraphs = [p for p in body.splitlines() if p.strip()]
        out = []
        for index in range(-1, len(paragraphs)):
            if index >= 0:
                key = f"body:{index}"
                if key in self.pieces:
                    text = _join(self.pieces[key])
                    if text.strip():
                        out.append(text)
                else:
                    out.append(paragraphs[index])
            out += self.new_body.get(index, [])
        return fields["heading"], fields["lead"], "\n".join(out)


def _join(pieces: list) -> str:
    return "".join((p.placeholder if p.keep else p.typed) if isinstance(p, Overtyped) else p for p in pieces)


@dataclass
class RoundTrip:
    changes: list[SectionChange]
    unplaced: list[str] = field(default_factory=list)  # edits outside any section (title, signature)
    reorders: list = field(default_factory=list)  # Reorder: sections moved among their siblings


# --- the paragraphs the report renders to ------------------------------------------------------

def _segments(env, names: dict, section_id: Optional[int], slot: str, raw: str) -> list[Segment]:
    """Literal and placeholder pieces of one stored text, each with what it merges to."""
    out, position = [], 0
    for match in _PLACEHOLDER.finditer(raw):
        if match.start() > position:
            literal = raw[position:match.start()]
            out.append(Segment(section_id, slot, literal, full_width(literal)))
        merged = merge_text(env, match.group(0), names).text
        out.append(Segment(section_id, slot, match.group(0), full_width(merged), placeholder=True))
        position = match.end()
    if position < len(raw):
        out.append(Segment(section_id, slot, raw[position:], full_width(raw[position:])))
    return out


def rendered_paragraphs(session: Session, report: Report) -> list[Paragraph]:
    """The report's paragraphs as the .docx shows them, run-in items joined to the one before."""
    sections = {s.id: s for s in load_sections(session, report.id)}
    assembly = assemble(session, report)
    env = make_environment(ctx.number_filters())
    names = ctx.merge_context(assembly.values, ctx.report_variables(report))
    content = assembly.content
    paragraphs = [Paragraph([Segment(None, "other", line, full_width(line))])
                  for line in [content.title, *content.subtitle_lines] if line]
    seen: dict[int, int] = {}
    for block in content.blocks:
        section = sections.get(block.section_id)
        segments = [Segment(block.section_id, "number", block.number, full_width(block.number))] if block.number else []
        if section is None:
            segments.append(Segment(None, "other", block.text, full_width(block.text)))
        elif block.kind == "item":
            segments += _segments(env, names, section.id, "lead", section.lead)
            seen[section.id] = 0
            segments += _body_segments(env, names, section, 0)
        elif block.kind == "paragraph":
            index = seen[section.id] = seen.get(section.id, -1) + 1
            segments += _body_segments(env, names, section, index)
        else:
            segments += _segments(env, names, section.id, "heading", section.heading)
        if block.run_in and paragraphs:
            paragraphs[-1].segments += segments
        else:
            paragraphs.append(Paragraph(segments))
    paragraphs += [Paragraph([Segment(None, "other", line, full_width(line))])
                   for line in (content.signature, content.date) if line]
    return paragraphs


def _body_segments(env, names, section: Section, index: int) -> list[Segment]:
    body = [p.strip() for p in (section.body or "").splitlines() if p.strip()]
    return _segments(env, names, section.id, f"body:{index}", body[index]) if index < len(body) else []


# --- matching the edited document ----------------------------------------------------------------

def _norm(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class Reorder:
    """Sections moved among their siblings in Word: the new order of the siblings."""

    parent_id: Optional[int]
    order: list[int]
    moved: list[str]  # headings of the sections that moved


def compare(session: Session, report: Report, edited: Source) -> RoundTrip:
    """Proposed changes per section between the report as rendered and the edited .docx."""
    base = split_run_in(rendered_paragraphs(session, report))
    lines = [line for line in edited.lines if line.text.strip()]
    units, anchored = _units(base, lines)
    texts = [_norm(text) for _, text in units]
    result = RoundTrip([])
    changes: dict[int, SectionChange] = {}
    sections = {s.id: s for s in load_sections(session, report.id)}

    def change_for(section_id: int) -> SectionChange:
        if section_id not in changes:
            s = sections[section_id]
            changes[section_id] = SectionChange(section_id, (s.heading or s.lead or s.body)[:20],
                                                (s.heading, s.lead, s.body))
        return changes[section_id]

    mapped, deleted, inserted = _match(base, texts, anchored)
    moves = _moves(base, texts, sections, deleted, inserted)
    commented: set[int] = set()
    for i, js in sorted(mapped.items()):
        edited_text = "\n".join(units[j][1].strip() for j in js)
        if _norm(base[i].text) != _norm(edited_text) or len(js) > 1:
            _changed(base[i], edited_text, change_for, result)
        for j in js:
            line = units[j][0]
            if line not in commented:  # a line's comments go to the first section it carries
                commented.add(line)
                _comments(base[i], lines[line], change_for, result)
    for i in deleted:
        if i not in moves:
            _removed(base[i], change_for, result)
    moved_to = set(moves.values())
    for j, anchor in inserted:
        if j not in moved_to:
            _inserted(base, anchor, units[j][1], change_for, result)
    result.reorders = _reorders(base, sections, {**{i: js[0] for i, js in mapped.items()}, **moves}, result)
    result.changes = [c for c in changes.values() if c.added or c.changed or c.removed or c.comments]
    return result


# --- run-in paragraphs: one piece per section --------------------------------------------------

_NUMBER_BEFORE = re.compile(r"(?:[一二三四五六七八九十]+是|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|[■●])$")


def split_run_in(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """A paragraph several sections print into (一、heading 一是… 二是… inline) as one piece per
    section, so that an edit inside it maps to the section whose text it touches."""
    out = []
    for paragraph in paragraphs:
        if len({s.section_id for s in paragraph.segments if s.section_id}) < 2:
            out.append(paragraph)
            continue
        pieces: list[Paragraph] = []
        for segment in paragraph.segments:
            if not pieces or (segment.section_id and segment.section_id != _section_of(pieces[-1])):
                pieces.append(Paragraph([], run_in=True))
            pieces[-1].segments.append(segment)
        out += pieces
    return out


def _anchor(piece: Paragraph) -> tuple[str, str, str]:
    """(number, lead sentence or heading, the two together) a piece of a run-in paragraph opens with."""
    number = "".join(s.shown for s in piece.segments if s.slot == "number")
    lead = "".join(s.shown for s in piece.segments if s.slot in ("lead", "heading"))
    if not lead:  # an item without a lead sentence: the opening of its text
        lead = "".join(s.shown for s in piece.segments if s.slot != "number")[:8]
    return _norm(number), _norm(lead), _norm(number + lead)


def _units(base: list[Paragraph], lines: list) -> tuple[list[tuple[int, str]], dict[int, int]]:
    """The edited paragraphs as matching units: (line index, text), a paragraph carrying run-in
    pieces cut where each piece's number and lead sentence now stand; and unit -> the base piece
    whose opening it starts with (that piece, however rewritten its text)."""
    cuts: dict[int, set[int]] = {}
    found = _Anchors([_norm(line.text) for line in lines]).locate(base)
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
                expected = self.found[i - 1][1] + len(_norm(base[i - 1].text))  # where it stood
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
            return -round(_similar(after, lead), 1), abs(where[1] - expected)

        found = list(self.occurrences(number, (low[0], low[1] + 1), high)) if number else []
        return min(found, key=score, default=None)


def _neighbours(found: dict, pieces: list[int], i: int) -> tuple[tuple[int, int], Optional[tuple[int, int]]]:
    """Where the nearest located pieces before and after piece i stand (when they are in order)."""
    before = [found[k] for k in pieces if k < i and k in found]
    after = [found[k] for k in pieces if k > i and k in found]
    low = before[-1] if before else (0, 0)
    high = after[0] if after and after[0] > low else None
    return low, high


def _match(base: list[Paragraph], texts: list[str],
           anchored: Optional[dict[int, int]] = None) -> tuple[dict[int, list[int]], list[int], list[tuple[int, int]]]:
    """Old paragraph -> its new paragraph(s) (two when Word split it) for those kept or changed; the
    deleted old ones; the inserted new ones, each with the old paragraph it follows."""
    mapped, deleted, inserted = {}, [], []
    matcher = SequenceMatcher(None, [_norm(p.text) for p in base], texts, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            mapped.update({i1 + k: [j1 + k] for k in range(i2 - i1)})
            continue
        pairs, new, gone = _pair(base, texts, i1, i2, j1, j2, anchored or {})
        mapped.update(dict(pairs))
        deleted += gone
        inserted += [(j, max([i for i, js in pairs if js[0] < j], default=i1 - 1)) for j in new]
    return mapped, deleted, inserted


def _moves(base, texts, sections, deleted, inserted) -> dict[int, int]:
    """Deleted paragraphs found again word for word elsewhere, when they belong to a section whose
    first paragraph moved too (a moved section): old index -> new index."""
    free = {}
    for j, _anchor in inserted:
        free.setdefault(texts[j], []).append(j)
    candidates = {i: free[_norm(base[i].text)].pop(0) for i in deleted if free.get(_norm(base[i].text))}
    first = _first_paragraphs(base)
    moved_sections = {sid for sid, i in first.items() if i in candidates}

    def inside(section_id: Optional[int]) -> bool:
        while section_id is not None:
            if section_id in moved_sections:
                return True
            section_id = sections[section_id].parent_id if section_id in sections else None
        return False

    return {i: j for i, j in candidates.items()
            if all(inside(s.section_id) for s in base[i].segments if s.section_id)}


def _first_paragraphs(base: list[Paragraph]) -> dict[int, int]:
    first: dict[int, int] = {}
    for index, paragraph in enumerate(base):
        for segment in paragraph.segments:
            if segment.section_id and segment.slot != "number":
                first.setdefault(segment.section_id, index)
    return first


def _reorders(base, sections, mapped: dict[int, int], result: RoundTrip) -> list[Reorder]:
    """Sibling groups whose order in the edited file differs from the report's."""
    first = _first_paragraphs(base)
    where = {sid: mapped[i] for sid, i in first.items() if i in mapped}
    groups: dict[Optional[int], list[Section]] = {}
    for section in sorted(sections.values(), key=lambda s: (s.position, s.id)):
        groups.setdefault(section.parent_id, []).append(section)
    out = []
    for parent_id, siblings in groups.items():
        if len(siblings) < 2 or any(s.id not in where for s in siblings):
            continue
        order = [s.id for s in sorted(siblings, key=lambda s: where[s.id])]
        if order != [s.id for s in siblings]:
            moved = [s for s, new in zip(siblings, order) if s.id != new]
            out.append(Reorder(parent_id, order, [(s.heading or s.lead or s.body)[:20] for s in moved]))
    return out


def _similar(a: str, b: str) -> float:
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _drawn_from(part: str, old: str) -> bool:
    """Most of `part` is text of `old` (one half of a split paragraph, not a new paragraph)."""
    blocks = SequenceMatcher(None, part, old, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks) >= 0.8 * len(part)


def _pair(base, texts, i1, i2, j1, j2, anchored) -> tuple[list[tuple[int, list[int]]], list[int], list[int]]:
    """Within a changed run: each old paragraph paired with the next similar new one, in order, or
    with two new ones when Word split it in two (Enter pressed inside it). A new unit that opens with
    a run-in piece's number and lead sentence pairs with that piece only, however rewritten."""
    pairs, deleted, j = [], [], j1
    for i in range(i1, i2):
        old = _norm(base[i].text)

        def free(k: int) -> bool:
            return anchored.get(k, i) == i

        split = next((k for k in range(j, j2 - 1) if free(k) and free(k + 1) and k + 1 not in anchored
                      and _similar(old, texts[k] + texts[k + 1]) >= 0.8
                      and _drawn_from(texts[k], old) and _drawn_from(texts[k + 1], old)), None)
        match = next((k for k in range(j, j2) if anchored.get(k) == i
                      or (free(k) and _similar(old, texts[k]) >= 0.5)), None)
        if split is not None and (match is None or split <= match):
            pairs.append((i, [split, split + 1]))
            j = split + 2
        elif match is not None:
            pairs.append((i, [match]))
            j = match + 1
        else:
            deleted.append(i)
    paired = {jj for _, js in pairs for jj in js}
    return pairs, [k for k in range(j1, j2) if k not in paired], deleted


def _section_of(paragraph: Paragraph) -> Optional[int]:
    return next((s.section_id for s in reversed(paragraph.segments) if s.section_id), None)


def _comments(paragraph: Paragraph, line, change_for, result: RoundTrip) -> None:
    if getattr(line, "comments", None):
        section_id = _section_of(paragraph)
        if section_id:
            change_for(section_id).comments += line.comments
        else:
            result.unplaced += [f"批注：{c}" for c in line.comments]


def _changed(paragraph: Paragraph, edited: str, change_for, result: RoundTrip) -> None:
    """Split the edited paragraph along the old one's segments and take each piece back."""
    old = paragraph.text
    edited = edited.strip()
    spans = _map_segments(paragraph, old, edited)
    touched: set[int] = set()
    carry = ""  # text typed into a generated number: it belongs to what follows
    for segment, (start, end) in zip(paragraph.segments, spans):
        piece = carry + edited[start:end]
        carry = ""
        if segment.slot == "number" and _norm(piece) != _norm(segment.shown):
            carry = piece.replace(segment.shown, "", 1) if segment.shown in piece else piece
            continue
        if segment.section_id is None:
            if _norm(piece) != _norm(segment.shown):
                result.unplaced.append(f"“{segment.shown}”改为“{piece}”")
            continue
        change = change_for(segment.section_id)
        if segment.slot == "number":
            continue  # numbering is generated from the tree
        pieces = change.pieces.setdefault(segment.slot, [])
        if segment.placeholder and _norm(piece) != _norm(segment.shown):
            item = Overtyped(segment.raw, segment.shown, piece)
            change.overtyped.append(item)
            pieces.append(item)
        elif segment.placeholder or _norm(piece) == _norm(segment.shown):
            pieces.append(_with_breaks(segment.raw, piece) if segment.slot.startswith("body:") else segment.raw)
        else:
            pieces.append(piece)
        touched.add(segment.section_id)
    for section_id in touched:
        change_for(section_id).changed.append((old, edited))


def _with_breaks(raw: str, piece: str) -> str:
    """The stored text with a paragraph break Word added inside it (a split paragraph) kept."""
    if "\n" not in piece:
        return raw
    if piece.strip(" ").startswith("\n"):
        return "\n" + raw
    if piece.strip(" ").endswith("\n"):
        return raw + "\n"
    return piece  # a break inside unchanged literal text: the edited text is the same text, split


def _map_segments(paragraph: Paragraph, old: str, edited: str) -> list[tuple[int, int]]:
    """Where each segment of `old` lies in `edited`; text inserted at a boundary joins the segment before."""
    opcodes = SequenceMatcher(None, old, edited, autojunk=False).get_opcodes()

    def where(position: int) -> int:
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal" and i1 <= position < i2:
                return j1 + position - i1
            if tag != "equal" and i1 < position < i2:
                return j1 + round((position - i1) * (j2 - j1) / (i2 - i1))
            if i1 == position and tag != "equal":
                return j2 if tag == "insert" else j1
        return len(edited)

    spans, position = [], 0
    bounds = []
    for segment in paragraph.segments:
        bounds.append(position)
        position += len(segment.shown)
    mapped = [0] + [where(b) for b in bounds[1:]] + [len(edited)]
    for index in range(len(paragraph.segments)):
        spans.append((mapped[index], max(mapped[index], mapped[index + 1])))
    return spans


def _removed(paragraph: Paragraph, change_for, result: RoundTrip) -> None:
    slots = {(s.section_id, s.slot) for s in paragraph.segments if s.section_id and s.slot != "number"}
    if not slots:
        result.unplaced.append(f"删除了“{paragraph.text}”")
        return
    for section_id, slot in slots:
        change = change_for(section_id)
        change.pieces[slot] = []
    for section_id in {s for s, _ in slots}:
        change_for(section_id).removed.append(paragraph.text)


def _inserted(base: list[Paragraph], anchor: int, text: str, change_for, result: RoundTrip) -> None:
    """A new paragraph after base paragraph `anchor`: a body paragraph of that paragraph's section."""
    paragraph = base[anchor] if anchor >= 0 else None
    section_id = _section_of(paragraph) if paragraph else None
    if section_id is None:
        result.unplaced.append(f"新增“{text}”")
        return
    last = [s.slot for s in paragraph.segments if s.section_id == section_id and s.slot.startswith("body:")]
    index = int(last[-1].split(":")[1]) if last else -1
    change = change_for(section_id)
    change.new_body.setdefault(index, []).append(text.strip())
    change.added.append(text.strip())


def apply(session: Session, report: Report, roundtrip: RoundTrip, accepted: set[int],
          user_id: Optional[int] = None, reorder: bool = False) -> list[Section]:
    """Save the accepted sections' proposed text as new versions (history keeps the old text); a
    section emptied entirely (and holding no others) is deleted, its text kept in the audit log. With
    `reorder`, moved sections take their new places."""
    saved = []
    for move in roundtrip.reorders if reorder else []:
        for position, section_id in enumerate(move.order):
            section = session.get(Section, section_id)
            ensure_editable(section.report)
            section.position = position
        session.flush()
    for change in roundtrip.changes:
        if change.section_id not in accepted:
            continue
        section = session.get(Section, change.section_id)
        heading, lead, body = change.proposed()
        if not (heading or lead or body) and _is_leaf(session, section):
            # Every word of it was deleted in Word: the section goes, or it would print a bare number
            # (二是 with nothing after it). The audit log keeps its text, as for a delete in the editor.
            delete_section(session, section, user_id)
            saved.append(section)
        elif (heading, lead, body) != (section.heading, section.lead, section.body):
            save_section(session, section, seen_version=section.version, heading=heading, lead=lead,
                         body=body, user_id=user_id)
            saved.append(section)
    if saved or (reorder and roundtrip.reorders):
        audit.record(session, "report.word_edits", user_id=user_id, committee_id=report.committee_id,
                     object_type="report", object_id=report.id, sections=[s.id for s in saved],
                     reordered=bool(reorder and roundtrip.reorders))
    return saved


def _is_leaf(session: Session, section: Section) -> bool:
    return session.scalar(select(Section.id).where(Section.parent_id == section.id).limit(1)) is None
