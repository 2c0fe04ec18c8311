"""Where a merged number comes from: the ledger records behind it and what made each one count."""
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.ledger.catalogue import CATEGORIES
from core.metrics.catalogue import MetricSpec
from core.metrics.definitions import load_specs
from core.metrics.engine import records_behind
from core.metrics.periods import Period
from data_models import Record

_ATTR_NAMES = {key: name for _c, _n, _t, fields in CATEGORIES for key, name, _kind in fields}
_FIELD_NAMES = {"count": "数量", "persons": "人次", "amount": "金额（元）", "title": "标题"}


class UnknownNumber(LookupError):
    """The placeholder names no metric of the committee's catalogue."""


@dataclass
class TracedRecord:
    date: str
    title: str
    type: str
    counted: str  # the field (and condition) that made this record count, e.g. 上级采纳；数量 1


@dataclass
class Trace:
    label: str
    total: int
    why: str
    records: list[TracedRecord] = field(default_factory=list)


def _field_name(name: str) -> str:
    return _ATTR_NAMES.get(name.removeprefix("attrs."), name.removeprefix("attrs.")) if name.startswith("attrs.") \
        else _FIELD_NAMES.get(name, name)


def _value_of(record: Record, name: str) -> Any:
    return (record.attrs or {}).get(name[6:]) if name.startswith("attrs.") else getattr(record, name, "")


def _conditions(spec: MetricSpec) -> str:
    return "、".join(_field_name(name) + ("" if value is True else f"为{value}") for name, value in spec.filters.items())


def _why(spec: MetricSpec) -> str:
    if spec.kind == "formula":
        return f"按公式计算：{spec.formula}"
    parts = [f"计入：{_field_name(spec.field)}" if spec.kind in ("sum", "distinct", "list") else "按条数计"]
    if spec.filters:
        parts.insert(0, f"条件：{_conditions(spec)}")
    return "；".join(parts)


def _counted(spec: MetricSpec, record: Record) -> str:
    pieces = [_conditions(spec)] if spec.filters else []
    if spec.kind in ("sum", "distinct", "list"):
        pieces.append(f"{_field_name(spec.field)} {_value_of(record, spec.field)}")
    elif spec.kind == "count":
        pieces.append(record.type.name if record.type else record.category.name)
    return "；".join(p for p in pieces if p)


def trace_number(session: Session, committee_id: int, period: Period, key: str, limit: int = 50) -> Trace:
    specs = {spec.key: spec for spec in load_specs(session, committee_id)}
    spec = specs.get(key)
    if spec is None:
        raise UnknownNumber(key)
    stmt = records_behind(session, committee_id, period, key)
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    records = [TracedRecord(r.date.isoformat(), r.title, r.type.name if r.type else r.category.name, _counted(spec, r))
               for r in session.scalars(stmt.limit(limit))]
    return Trace(spec.label, total, _why(spec), records)


def as_dict(trace: Trace) -> dict:
    return asdict(trace)


# Merged text of the preview carries each number between markers, so the page can link it.
_OPEN, _MID, _CLOSE = "\ue000", "\ue001", "\ue002"


def mark_placeholders(text: str) -> str:
    """Wrap each {{ placeholder }} in private-use markers naming what it reads."""
    from .chips import CODE, placeholder_name

    return CODE.sub(lambda m: f"{_OPEN}{placeholder_name(m.group(0))}{_MID}{m.group(0)}{_CLOSE}", text or "")


def split_marked(text: str) -> list[tuple[str, str]]:
    """[(name, merged number) or ("", plain text)…] of a marked, merged text."""
    out: list[tuple[str, str]] = []
    rest = text or ""
    while _OPEN in rest:
        before, _, rest = rest.partition(_OPEN)
        name, _, rest = rest.partition(_MID)
        shown, _, rest = rest.partition(_CLOSE)
        out += [("", before)] if before else []
        out.append((name, shown))
    return out + ([("", rest)] if rest else [])


def unmarked(text: str) -> str:
    return "".join(shown for _name, shown in split_marked(text))
