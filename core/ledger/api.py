"""Bulk record creation for other systems (提案系统, 履职系统): all-or-nothing, idempotent on external_id."""
from sqlalchemy import select
from sqlalchemy.orm import Session

from data_models import Record

from .records import existing_external_ids, load_categories, validate_row, write_rows

MAX_RECORDS = 5000
TOKEN_SCOPE = "records"


def ingest(session: Session, committee_id: int, payload) -> tuple[dict, list[dict]]:
    """({"created", "updated", "unchanged"}, []) after writing, or ({}, errors) having written nothing."""
    items = payload.get("records") if isinstance(payload, dict) else None
    if not isinstance(items, list) or not items:
        return {}, [{"error": "请求体应为 {\"records\": [...]}，且至少包含一条记录"}]
    if len(items) > MAX_RECORDS:
        return {}, [{"error": f"每次最多提交 {MAX_RECORDS} 条记录，本次 {len(items)} 条"}]
    rows, errors = _validate(session, committee_id, items)
    if errors:
        return {}, errors
    existing = existing_external_ids(session, committee_id, [r["external_id"] for r in rows])
    new = [r for r in rows if r["external_id"] not in existing]
    updated, unchanged = _update(session, committee_id, [r for r in rows if r["external_id"] in existing], existing)
    write_rows(session, committee_id, new, source="api")
    return {"created": len(new), "updated": updated, "unchanged": unchanged}, []


def _validate(session: Session, committee_id: int, items: list) -> tuple[list[dict], list[dict]]:
    categories = load_categories(session, committee_id)
    rows, errors, seen = [], [], set()
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            errors.append({"index": index, "error": "每条记录应为 JSON 对象"})
            continue
        info = categories.get(str(item.get("category", "")))
        if info is None:
            errors.append({"index": index, "field": "category", "error": f"未知的台账类别“{item.get('category', '')}”"})
            continue
        attrs = item.get("attrs") or {}
        if not isinstance(attrs, dict):
            errors.append({"index": index, "field": "attrs", "error": "attrs 应为 JSON 对象，例如 {\"承办单位\": \"…\"}"})
            continue
        flat = {**attrs, **{k: v for k, v in item.items() if k not in ("attrs", "category")}}
        clean, problems = validate_row(info, flat)
        errors.extend({"index": index, "field": column, "error": message} for column, message in problems)
        external = clean.get("external_id")
        if not external:
            errors.append({"index": index, "field": "external_id", "error": "接口提交的记录必须带外部编号"})
        elif external in seen:
            errors.append({"index": index, "field": "external_id", "error": f"外部编号“{external}”在本次提交中重复"})
        seen.add(external)
        rows.append(clean)
    return rows, errors


def _update(session: Session, committee_id: int, rows: list[dict], existing: dict) -> tuple[int, int]:
    """Rewrite records whose content changed; identical resubmissions touch nothing."""
    if not rows:
        return 0, 0
    records = {r.external_id: r for r in session.scalars(
        select(Record).where(Record.committee_id == committee_id, Record.id.in_([existing[r["external_id"]] for r in rows])))}
    updated = 0
    for row in rows:
        record = records[row["external_id"]]
        changes = {k: v for k, v in row.items() if getattr(record, k) != v}
        if changes:
            for key, value in changes.items():
                setattr(record, key, value)
            updated += 1
    session.flush()
    return updated, len(rows) - updated
