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
before it; core/importing/runin.py), so deleting one item deletes that section only and an edit changes the
section it is in.
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

from .runin import Paragraph, Segment, as_printed, cut_units, norm, section_of, similar, split_run_in
from .source import Source

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}")


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
    # Sections' text deleted in Word, one entry per paragraph of the Word file (run-in pieces joined):
    # what the confirmation counts, as the secretary sees it.
    removed_paragraphs: list[str] = field(default_factory=list)


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
    units, anchored = cut_units(base, lines)
    texts = [norm(text) for _, text in units]
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
        if norm(base[i].text) != norm(edited_text) or len(js) > 1:
            _changed(base[i], edited_text, change_for, result)
        for j in js:
            line = units[j][0]
            if line not in commented:  # a line's comments go to the first section it carries
                commented.add(line)
                _comments(base[i], lines[line], change_for, result)
    removed = [i for i in deleted if i not in moves]
    for i in removed:
        _removed(base[i], change_for, result)
    result.removed_paragraphs = as_printed(base, [i for i in removed if _slots(base[i])])
    moved_to = set(moves.values())
    for j, anchor in inserted:
        if j not in moved_to:
            _inserted(base, anchor, units[j][1], change_for, result)
    result.reorders = _reorders(base, sections, {**{i: js[0] for i, js in mapped.items()}, **moves}, result)
    result.changes = [c for c in changes.values() if c.added or c.changed or c.removed or c.comments]
    return result


def _match(base: list[Paragraph], texts: list[str],
           anchored: Optional[dict[int, int]] = None) -> tuple[dict[int, list[int]], list[int], list[tuple[int, int]]]:
    """Old paragraph -> its new paragraph(s) (two when Word split it) for those kept or changed; the
    deleted old ones; the inserted new ones, each with the old paragraph it follows."""
    mapped, deleted, inserted = {}, [], []
    matcher = SequenceMatcher(None, [norm(p.text) for p in base], texts, autojunk=False)
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
    candidates = {i: free[norm(base[i].text)].pop(0) for i in deleted if free.get(norm(base[i].text))}
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
        old = norm(base[i].text)

        def free(k: int) -> bool:
            return anchored.get(k, i) == i

        split = next((k for k in range(j, j2 - 1) if free(k) and free(k + 1) and k + 1 not in anchored
                      and similar(old, texts[k] + texts[k + 1]) >= 0.8
                      and _drawn_from(texts[k], old) and _drawn_from(texts[k + 1], old)), None)
        match = next((k for k in range(j, j2) if anchored.get(k) == i
                      or (free(k) and similar(old, texts[k]) >= 0.5)), None)
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


def _comments(paragraph: Paragraph, line, change_for, result: RoundTrip) -> None:
    if getattr(line, "comments", None):
        section_id = section_of(paragraph)
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
        if segment.slot == "number" and norm(piece) != norm(segment.shown):
            carry = piece.replace(segment.shown, "", 1) if segment.shown in piece else piece
            continue
        if segment.section_id is None:
            if norm(piece) != norm(segment.shown):
                result.unplaced.append(f"“{segment.shown}”改为“{piece}”")
            continue
        change = change_for(segment.section_id)
        if segment.slot == "number":
            continue  # numbering is generated from the tree
        pieces = change.pieces.setdefault(segment.slot, [])
        if segment.placeholder and norm(piece) != norm(segment.shown):
            item = Overtyped(segment.raw, segment.shown, piece)
            change.overtyped.append(item)
            pieces.append(item)
        elif segment.placeholder or norm(piece) == norm(segment.shown):
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


def _slots(paragraph: Paragraph) -> set[tuple[int, str]]:
    """(section, field) pairs whose stored text the paragraph prints."""
    return {(s.section_id, s.slot) for s in paragraph.segments if s.section_id and s.slot != "number"}


def _removed(paragraph: Paragraph, change_for, result: RoundTrip) -> None:
    slots = _slots(paragraph)
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
    section_id = section_of(paragraph) if paragraph else None
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
