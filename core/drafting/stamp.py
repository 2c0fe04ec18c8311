"""Whether anything the editor page of a report shows has changed: one cheap statement.

The editor page shows the report's sections, the committee's ledger values through its metric catalogue,
reviewers' comments, the review history, proofreading ignores, the committee's users (as owners) and the
committee itself (report variables, self-approval), and whether a newer revision exists. The stamp reads,
in one statement, a few aggregates of each of those rows. Any write through the ORM changes one of them:

- a section's `version` is the mapper's version counter, raised by every UPDATE (text, place, type,
  owner), so `sum(version)` grows; an insert or delete changes the count, and an insert that reuses a
  deleted id (SQLite) still brings a newer `updated_at`;
- rows that are only added or deleted (comments, review events, ignores) carry count, newest id and time;
- users, the committee and the ledger records carry `updated_at`, set on every UPDATE (TimestampMixin);
- the catalogue is read as core.metrics.cache.fingerprint reads it.

A page remembered under (report row, stamp, viewer) is therefore the page that would be rendered now.
A committee with subordinates gets no stamp (None): its roll-up numbers read the subordinates' ledgers
and submissions, which the stamp does not cover, so its page is always rendered anew.
"""
import functools

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session, aliased, joinedload

from core.metrics.definitions import catalogue_columns
from data_models import Committee, ProofreadIgnore, Record, Report, ReviewEvent, Section, SectionComment, User

METRICS_PARTS = 2 + len(catalogue_columns())  # the first items: core.metrics.cache.fingerprint's tuple


def page_stamp(session: Session, report: Report) -> tuple | None:
    """The stamp of `report`'s page (None: not to be remembered); read inside the caller's transaction,
    so the caller's own uncommitted writes count too."""
    return stamp_of(tuple(session.execute(report_with_stamp(), {"id": report.id}).one())[1:])


@functools.cache
def report_with_stamp() -> Select:
    """The report (id bound as `id`) with its committee and, in the same row, its stamp's parts:
    session.execute(…).first() gives (report, *parts); stamp_of(parts) makes the stamp."""
    return select(Report, *stamp_columns()).options(joinedload(Report.committee)).where(Report.id == bindparam("id"))


def stamp_of(parts: tuple) -> tuple | None:
    """The stamp from its parts as read (None for a committee with subordinates)."""
    subordinates = parts[-1]
    return None if subordinates else parts[:-1]


def report_row(report: Report) -> tuple:
    """The report's own columns as stored (settings as text): with the stamp, all a remembered page reads of it."""
    return tuple(repr(value) if isinstance(value, dict) else value
                 for value in (getattr(report, column.key) for column in Report.__table__.columns))


def metrics_state(stamp: tuple) -> tuple:
    """The ledger and catalogue part of a stamp: what ctx.metrics_state() would read at the same time."""
    return stamp[:METRICS_PARTS]


def stamp_columns() -> list:
    """The stamp's parts as scalar subqueries of a statement over Report (correlated with its row)."""
    report, committee = Report.id, Report.committee_id
    newer = aliased(Report)
    ledger = Record.committee_id == committee
    parts = [
        select(func.count(Record.id)).where(ledger), select(func.max(Record.updated_at)).where(ledger),
        *(select(column) for column in catalogue_columns()),
        *_aggregates(Section.report_id == report, sums=(Section.version, Section.id), maxima=(Section.updated_at,)),
        *_aggregates(SectionComment.report_id == report, maxima=(SectionComment.id, SectionComment.created_at)),
        *_aggregates(ReviewEvent.report_id == report, maxima=(ReviewEvent.id, ReviewEvent.created_at)),
        *_aggregates(ProofreadIgnore.report_id == report, maxima=(ProofreadIgnore.id, ProofreadIgnore.created_at)),
        *_aggregates(User.committee_id == committee, maxima=(User.id, User.updated_at)),
        *_aggregates(newer.previous_id == report, maxima=(newer.id,)),  # a newer revision made from it
        select(Committee.updated_at).where(Committee.id == committee),
        select(func.count(Committee.id)).where(Committee.superior_id == committee),  # last: subordinates
    ]
    return [part.scalar_subquery() for part in parts]


def _aggregates(where, sums=(), maxima=()) -> list[Select]:
    """The rows' count, the sum of each of `sums`, the largest of each of `maxima`."""
    return [select(func.count()).select_from(where.left.table).where(where),
            *(select(func.sum(c)).where(where) for c in sums), *(select(func.max(c)).where(where) for c in maxima)]
