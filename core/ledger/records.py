"""Ledger records in and out: one validation for the web form, Excel import and the API.

Rows arrive as dicts keyed by field key (or Chinese header); validate_row returns clean column
values or a list of (column label, Chinese message). Writers check every row before writing any.
"""
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from core.cleaning import clean_text
from core.committees import ancestor_ids
from data_models import Record

from .ownership import visible_categories, visible_types

# Base columns: (key, Chinese label, kind); category fields follow them.
BASE_FIELDS = [
    ("type", "类型", "type"), ("date", "日期", "date"), ("title", "标题", "title"),
    ("count", "数量", "int"), ("persons", "人次", "int"), ("amount", "金额（元）", "money"),
    ("note", "备注", "text"), ("external_id", "外部编号", "text"),
]
BASE_KEYS = {key for key, _, _ in BASE_FIELDS}
# The columns' own limits (data_models.ledger) are the validation limits, so what passes here is
# stored on PostgreSQL as on SQLite: int4 counts, Numeric(16, 2) amounts, String(300/100) texts.
MAX_INT = 2_147_483_647
MAX_AMOUNT = Decimal("99999999999999.99")
TEXT_LIMITS = {"title": 300, "external_id": 100}
MAX_TEXT = 1000  # note and a category's own text fields
DATE_TEXT = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
FIRST_YEAR = 1949  # dates before the founding of the CPPCC are typing errors
TRUE_WORDS = {"是", "true", "1", "yes", "y", "√", "✓"}
FALSE_WORDS = {"否", "false", "0", "no", "n"}


class LedgerError(ValueError):
    """Rows that cannot be written: errors as (row number or None, column label, message)."""

    def __init__(self, errors: list[tuple]):
        super().__init__("；".join(format_error(e) for e in errors[:5]))
        self.errors = errors


def format_error(error: tuple) -> str:
    row, column, message = error
    where = f"第{row}行" if isinstance(row, int) else (row or "")
    return f"{where}“{column}”列：{message}" if column else f"{where}{message}"


@dataclass
class CategoryInfo:
    """A category with its types and fields, read once for a whole import."""

    id: int
    key: str
    name: str
    types: dict  # type key or name -> type id
    type_names: dict  # type id -> name
    fields: list = field(default_factory=list)  # [{"key", "label", "type"}]

    def columns(self) -> list[tuple[str, str, str]]:
        return BASE_FIELDS + [(f["key"], f["label"], f["type"]) for f in self.fields]


def load_categories(session: Session, committee_id: int) -> dict[str, CategoryInfo]:
    """The categories a committee sees (core.ledger.ownership), by key and by Chinese name."""
    out = {}
    owners = ancestor_ids(session, committee_id)
    for category in session.scalars(visible_categories(session, committee_id)):
        kinds = visible_types(category, owners)
        types = {t.key: t.id for t in kinds} | {t.name: t.id for t in kinds}
        info = CategoryInfo(category.id, category.key, category.name, types,
                            {t.id: t.name for t in kinds}, list(category.fields or []))
        out[category.key] = out[category.name] = info
    return out


def validate_row(info: CategoryInfo, data: dict) -> tuple[dict, list[tuple[str, str]]]:
    """Clean Record columns from `data` (keys or labels), or the (column, message) errors."""
    clean, attrs, errors = {"category_id": info.id}, {}, []
    for key, label, kind in info.columns():
        raw = data.get(key, data.get(label))
        try:
            value = _convert(info, kind, raw, key)
        except ValueError as error:
            errors.append((label, str(error)))
            continue
        if key in BASE_KEYS:
            if value is not None:
                clean["type_id" if key == "type" else key] = value
        elif value not in (None, ""):
            attrs[key] = value
    clean["attrs"] = attrs
    clean["external_id"] = clean.get("external_id") or None
    return clean, errors


def _convert(info: CategoryInfo, kind: str, raw, key: str = ""):
    if isinstance(raw, (dict, list, tuple, set)):
        raise ValueError("应为文字或数字，不能是列表或对象")
    text = "" if raw is None else clean_text(str(raw)).strip()
    if kind == "type":
        return _type(info, text)
    if kind == "date":
        return _date(raw, text)
    if kind == "title":
        return _title(text)
    if kind in ("int", "money"):
        return _number(text, kind)
    if kind == "bool":
        return _bool(raw, text)
    if kind.startswith("choice:"):
        return _choice(kind[len("choice:"):].split("|"), text)
    limit = TEXT_LIMITS.get(key, MAX_TEXT)
    if len(text) > limit:
        raise ValueError(f"内容过长（最多{limit}字）")
    return text


def _type(info: CategoryInfo, text: str):
    if not text:
        raise ValueError("必须填写类型")
    if text not in info.types:
        raise ValueError(f"“{text}”不是“{info.name}”的类型，可选：{'、'.join(info.type_names.values())}")
    return info.types[text]


def _title(text: str) -> str:
    if not text:
        raise ValueError("必须填写标题")
    if len(text) > TEXT_LIMITS["title"]:
        raise ValueError(f"标题不能超过{TEXT_LIMITS['title']}字")
    return text


def _choice(options: list[str], text: str) -> str:
    if text and text not in options:
        raise ValueError(f"应为以下之一：{'、'.join(options)}")
    return text


def _date(raw, text: str):
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        return _in_range(raw, raw.isoformat())
    if not text:
        raise ValueError("必须填写日期")
    match = DATE_TEXT.fullmatch(text.replace("/", "-").replace(".", "-"))
    try:
        day = date(*(int(part) for part in match.groups())) if match else None
    except ValueError:  # 2023-02-30
        day = None
    if day is None:
        raise ValueError(f"日期“{_shown(text)}”无效，应写作 2023-03-01")
    return _in_range(day, text)


def _shown(text: str) -> str:
    """The start of a value quoted back in a message."""
    return text if len(text) <= 30 else text[:30] + "…"


def _in_range(day: date, text: str) -> date:
    last = date.today().year + 1
    if not FIRST_YEAR <= day.year <= last:
        raise ValueError(f"日期“{text}”超出范围，应在{FIRST_YEAR}年至{last}年之间")
    return day


def _number(text: str, kind: str):
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"“{_shown(text)}”不是数字") from None
    if not number.is_finite():
        raise ValueError(f"“{_shown(text)}”不是有效的数字")
    if number < 0:
        raise ValueError("不能为负数")
    if number > (MAX_INT if kind == "int" else MAX_AMOUNT):
        limit = MAX_INT if kind == "int" else "99999999999999.99"
        raise ValueError(f"“{_shown(text)}”过大（最大{limit}）")
    if kind == "int":
        if number != number.to_integral_value():
            raise ValueError(f"“{text}”应为整数")
        return int(number)
    return number.quantize(Decimal("0.01"))


def _bool(raw, text: str):
    if isinstance(raw, bool):
        return raw
    if not text:
        return None
    if text.lower() in TRUE_WORDS:
        return True
    if text.lower() in FALSE_WORDS:
        return False
    raise ValueError(f"“{text}”应填写“是”或“否”")


def write_rows(session: Session, committee_id: int, rows: list[dict], *, source: str, user_id=None,
               chunk: int = 5000, progress=None) -> int:
    """Insert clean rows in chunks (bulk); the caller validated all of them and owns the transaction."""
    for start in range(0, len(rows), chunk):
        batch = [{"committee_id": committee_id, "source": source, "created_by_id": user_id, "note": "",
                  "count": 1, "persons": 0, "amount": 0, **row} for row in rows[start:start + chunk]]
        session.execute(insert(Record), batch)
        if progress:
            progress(min(start + chunk, len(rows)))
    return len(rows)


def existing_external_ids(session: Session, committee_id: int, external_ids: list[str]) -> dict[str, int]:
    """external id -> record id for ids already in the committee's ledger."""
    found = {}
    wanted = [e for e in external_ids if e]
    for start in range(0, len(wanted), 1000):
        stmt = select(Record.external_id, Record.id).where(Record.committee_id == committee_id,
                                                           Record.external_id.in_(wanted[start:start + 1000]))
        found.update(dict(session.execute(stmt).all()))
    return found
