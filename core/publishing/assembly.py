"""Which assembler makes a report's document, and the content the renderer receives from it."""
from dataclasses import dataclass, field, replace

from sqlalchemy.orm import Session

from core.drafting import document as drafting
from core.metrics.formats import json_value
from core.metrics.values import MetricValue
from core.rendering.document import DocumentContent
from core.visits import packet
from data_models import Report


class RenderError(LookupError):
    """A report that cannot be rendered; the message is for the user."""


@dataclass
class Assembled:
    """One pass of an assembler: the document, the values its text quotes, the catalogue's values by key."""

    content: DocumentContent  # as the assembler made it (no kept values, no fonts): what a package carries
    values: dict[str, MetricValue] = field(default_factory=dict)  # as the text names them; kept with a version
    metrics: dict[str, MetricValue] = field(default_factory=dict)  # metric key -> value (a package's numbers)
    metrics_error: str = ""  # Chinese: why the numbers could not be computed ("" when they were)


def assemble(session: Session, report: Report, *, items: bool = False) -> Assembled:
    """A visit's packet (report.visit_id set) or the report's own sections; metrics computed once, here."""
    if report.visit_id is not None:
        made = packet.assemble(session, report.visit_id, items=items)
        return Assembled(made.content, made.values, made.values)
    made = drafting.assemble(session, report, items=items)
    error = next((w.message for w in made.warnings if w.code == "metrics_failed"), "")
    return Assembled(made.content, made.values, made.metrics, error)


def printable(report: Report, assembled: Assembled) -> DocumentContent:
    """The content as the renderer and a version take it: the values kept, the committee's fonts."""
    content = assembled.content
    return replace(content, metric_values={key: _kept(v) for key, v in assembled.values.items()},
                   fonts=content.fonts or dict((report.committee.profile or {}).get("fonts", {})))


def document_for(session: Session, report: Report) -> DocumentContent:
    """The report's document, ready for core.rendering (numbering, merged numbers, kept values, fonts)."""
    return printable(report, assemble(session, report))


def _kept(value):
    """A metric value as the version keeps it: rounded to the catalogue's decimals, as formats prints it."""
    return json_value(getattr(value, "value", value), getattr(value, "decimals", None))
