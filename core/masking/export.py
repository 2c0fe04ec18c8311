"""A report's masked copy (导出脱敏版): numbers as *, places and people as **, structure kept.

The report is assembled as for rendering (numbers merged), every text of it masked, and written as
.docx or plain text. Nothing of the original travels: document properties are rewritten, and the
masked content carries no metric values.
"""
import io
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.drafting.document import as_text
from core.rendering.document import DocumentContent
from core.publishing import document_for
from data_models import Committee, Report, User, Visit, VisitContact

from .finder import Mask, MaskOptions, apply_masks, find_masks
from .gazetteer import Place, builtin_places, local_places


@dataclass
class MaskedReport:
    """The masked content and every stretch that was hidden, for the user to review."""

    content: DocumentContent
    masks: list[Mask] = field(default_factory=list)

    def summary(self) -> list[tuple[str, str, str, int]]:
        """(kind, original, replacement, count) per distinct masked text, most frequent first."""
        counts: dict[tuple[str, str, str], int] = {}
        for mask in self.masks:
            key = (mask.kind, mask.text, mask.replacement)
            counts[key] = counts.get(key, 0) + 1
        return sorted(((*key, n) for key, n in counts.items()), key=lambda row: (-row[3], row[1]))


def committee_places(committee: Committee) -> list[str]:
    """The committee's own area and every area below it."""
    names, stack = [], [committee]
    while stack:
        current = stack.pop()
        names += [current.place, current.short_name.removesuffix("政协")]
        stack += list(current.subordinates)
    return names


def known_people(session: Session, committee_id: int) -> list[str]:
    """Names the service holds for this committee: its users and the people of its visits."""
    users = session.scalars(select(User.display_name).where(User.committee_id == committee_id))
    visits = session.scalars(select(Visit).where(Visit.committee_id == committee_id)).all()
    contacts = session.scalars(select(VisitContact.name).where(VisitContact.visit_id.in_([v.id for v in visits])))
    leaders = [name for v in visits for name in (v.leader, v.host_leader)]
    return sorted({name.strip() for name in [*users, *contacts, *leaders] if name and len(name.strip()) >= 2})


def mask_report(session: Session, report: Report, options: MaskOptions) -> MaskedReport:
    """The report as rendering would see it, every text masked."""
    places = {**builtin_places(), **local_places(committee_places(report.committee))}
    options = replace(options, people=options.people or known_people(session, report.committee_id))
    masker = _Masker(places, options)
    content = document_for(session, report)
    masked = replace(
        content, title=masker(content.title), committee_name=masker(content.committee_name),
        subtitle_lines=[masker(line) for line in content.subtitle_lines], addressee=masker(content.addressee),
        blocks=[replace(b, text=masker(b.text), lead=masker(b.lead), number=b.number,
                        rows=[[masker(cell) for cell in row] for row in b.rows], section_id=None) for b in content.blocks],
        signature=masker(content.signature), date=masker(content.date), attachments=[masker(a) for a in content.attachments],
        copy_to=masker(content.copy_to), printed_by=masker(content.printed_by), printed_date=masker(content.printed_date),
        header=None, metric_values={},
    )
    return MaskedReport(masked, masker.masks)


class _Masker:
    """Masks one text at a time and remembers what it hid."""

    def __init__(self, places: dict[str, Place], options: MaskOptions):
        self.places, self.options, self.masks = places, options, []

    def __call__(self, text: str) -> str:
        if not text:
            return text
        found = find_masks(text, self.places, self.options)
        self.masks += found
        return apply_masks(text, found)


def masked_docx(masked: MaskedReport) -> bytes:
    """The masked .docx with document properties that name no one."""
    from docx import Document  # python-docx and the renderer: loaded by the first masked .docx

    from core.rendering.docx import render_docx

    document = Document(io.BytesIO(render_docx(masked.content)))
    props = document.core_properties
    props.title, props.author, props.last_modified_by = masked.content.title, "", ""
    props.subject = props.keywords = props.comments = props.identifier = props.content_status = ""
    props.category = masked.content.kind
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def masked_text(masked: MaskedReport) -> str:
    return as_text(masked.content) + "\n"
