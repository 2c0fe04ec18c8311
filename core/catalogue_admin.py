"""Extending the catalogue as data: new categories, types (the ledger) and metric definitions (the metrics),
checked in Chinese. It sits above both packages, so neither needs the other to be administered."""
import re
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.committees import ancestor_ids
from core.metrics.catalogue import ALLOWED_RULES, ROLLUP_RULES
from core.metrics.formula import FormulaError, formula_names
from data_models import MetricDefinition, RecordCategory, RecordType
from data_models.metric import METRIC_KINDS

from core.ledger.ownership import category_name_taken, type_name_taken, visible_to, visible_types

NAME_TAKEN = "名称“{name}”已被使用（平台默认目录、上级或下级政协已有同名的类别或类型），请换一个名称。"
KEY_RE = re.compile(r"^[a-z][a-z0-9_]{1,39}$")
LABEL_RE = re.compile(r"^[\u4e00-\u9fff0-9_]{2,60}$")
BASES = ("period", "cumulative", "since_meeting")


def add_category(session: Session, key: str, name: str, owner_id: Optional[int]) -> list[str]:
    """A new category: a platform default (owner None) or the owner committee's own."""
    errors = _key_errors(session, RecordCategory, key) + _name_errors(name, 40)
    if not errors and category_name_taken(session, owner_id, key, name.strip()):
        errors.append(NAME_TAKEN.format(name=name.strip()))
    if not errors:
        order = (session.scalar(select(func.max(RecordCategory.sort_order))) or 0) + 10
        session.add(RecordCategory(key=key, name=name.strip(), sort_order=order, fields=[], committee_id=owner_id))
    return errors


def add_type(session: Session, category_id: int, key: str, name: str, owner_id: Optional[int]) -> list[str]:
    """A new type in a category the owner sees; owned like add_category's."""
    category = session.get(RecordCategory, category_id)
    if category is None or (owner_id is not None and category.committee_id not in (None, *ancestor_ids(session, owner_id))):
        return ["未找到该台账类别。"]
    errors = _name_errors(name, 60)
    if not KEY_RE.match(key or ""):
        errors.append("类型代码须以小写字母开头，只含小写字母、数字和下划线（2至40位）。")
    elif any(t.key == key for t in category.types):
        errors.append(f"类型代码“{key}”已存在。")
    elif type_name_taken(session, category, owner_id, key, name.strip()):
        errors.append(NAME_TAKEN.format(name=name.strip()))
    if not errors:
        session.add(RecordType(category_id=category.id, key=key, name=name.strip(), committee_id=owner_id,
                               sort_order=len(category.types) * 10 + 10))
    return errors


def add_metric(session: Session, committee_id: int, data: dict) -> list[str]:
    """A committee's own metric; data holds key, label, unit, kind, category, types, field, formula, basis,
    and how it rolls up (rollup: a ROLLUP_RULES key, "" for the kind's rule) and prints (decimals)."""
    key, label, kind = data.get("key", "").strip(), data.get("label", "").strip(), data.get("kind", "")
    errors = _key_errors(session, MetricDefinition, key)
    if not LABEL_RE.match(label):
        errors.append("指标名称只能包含汉字、数字和下划线（2至60字），以便在文稿中引用。")
    elif session.scalar(select(MetricDefinition.id).where(MetricDefinition.label == label)):
        errors.append(f"指标名称“{label}”已存在。")
    if kind not in METRIC_KINDS:
        errors.append("请选择统计方式。")
    if data.get("basis", "period") not in BASES:
        errors.append("请选择统计口径。")
    errors += _source_errors(session, kind, data, committee_id) + _rollup_errors(kind, data)
    if not errors:
        session.add(MetricDefinition(
            key=key, label=label, unit=data.get("unit", "").strip()[:10], kind=kind, committee_id=committee_id,
            category_key=data.get("category", "") if kind != "formula" else "", type_keys=_types(data),
            field=data.get("field", "") or "count", formula=data.get("formula", "").strip(),
            period_basis=data.get("basis", "period"), group=data.get("group", "").strip()[:40] or "自定义", sort_order=100000,
            rollup=data.get("rollup", ""), decimals=int(data["decimals"]) if str(data.get("decimals", "")).strip() else None))
    return errors


def _rollup_errors(kind: str, data: dict) -> list[str]:
    errors, rule = [], data.get("rollup", "")
    if rule and rule not in ALLOWED_RULES.get(kind, ()):
        errors.append(f"合计方式“{ROLLUP_RULES.get(rule, rule)}”不适用于该统计方式：比率等公式指标须重新计算，去重计数不能直接相加。")
    decimals = str(data.get("decimals", "")).strip()
    if decimals and not (decimals.isdigit() and int(decimals) <= 4):
        errors.append("小数位数须为0至4之间的整数，或留空（按统计方式默认）。")
    return errors


def _types(data: dict) -> list[str]:
    return [t.strip() for t in re.split(r"[,，、\s]+", data.get("types", "")) if t.strip()]


def _source_errors(session: Session, kind: str, data: dict, committee_id: int) -> list[str]:
    if kind == "formula":
        try:
            names = formula_names(data.get("formula", ""))
        except FormulaError as error:
            return [str(error)]
        known = set(session.scalars(select(MetricDefinition.key)))
        missing = [n for n in names if n not in known]
        return [f"公式引用了不存在的指标：{'、'.join(missing)}"] if missing else []
    owners = ancestor_ids(session, committee_id)
    category = session.scalar(select(RecordCategory).where(RecordCategory.key == data.get("category", ""),
                                                           visible_to(RecordCategory, owners)))
    if category is None:
        return ["请选择台账类别。"]
    unknown = [t for t in _types(data) if t not in {x.key for x in visible_types(category, owners)}]
    errors = [f"类别“{category.name}”没有类型：{'、'.join(unknown)}"] if unknown else []
    field = data.get("field", "") or "count"
    allowed = {"count", "persons", "amount", "title"} | {f"attrs.{f['key']}" for f in category.fields or []}
    if kind != "count" and field not in allowed:
        errors.append(f"统计字段应为以下之一：{'、'.join(sorted(allowed))}")
    return errors


def _key_errors(session: Session, model, key: str) -> list[str]:
    if not KEY_RE.match(key or ""):
        return ["代码须以小写字母开头，只含小写字母、数字和下划线（2至40位）。"]
    if session.scalar(select(model.id).where(model.key == key)):
        return [f"代码“{key}”已存在。"]
    return []


def _name_errors(name: str, limit: int) -> list[str]:
    name = (name or "").strip()
    return [] if 0 < len(name) <= limit else [f"名称不能为空，且不超过{limit}字。"]
