"""An audit event's detail as the log shows it: Chinese labels, Chinese values, no code names."""
from typing import Any

from core.kinds import kind_label
from data_models import NodeType, ReportStatus

from . import messages

TEXT_LIMIT = 60  # long texts (a deleted section's body) are cut to this many characters


def _value(key: str, value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if key in ("status_from", "status_to"):
        return ReportStatus.label_of(value)
    if key == "kind":
        return kind_label(value)
    if key == "node_type":
        return NodeType.label_of(value)
    if key == "format":
        return messages.FORMAT_NAMES.get(value, str(value))
    if isinstance(value, (list, tuple)):
        return "、".join(str(item) for item in value) if len(value) <= 10 else f"{len(value)}项"
    if isinstance(value, dict):
        return "；".join(f"{messages.DETAIL_NAMES.get(k, k)}：{_value(k, v)}" for k, v in value.items())
    text = str(value)
    return text if len(text) <= TEXT_LIMIT else text[:TEXT_LIMIT] + "…"


def audit_detail(detail: dict | None) -> list[tuple[str, str]]:
    """{{ event.detail|audit_detail }}: (label, value) pairs, technical keys left out."""
    return [(messages.DETAIL_NAMES.get(key, key), _value(key, value)) for key, value in (detail or {}).items()
            if key not in messages.HIDDEN_DETAILS and value not in (None, "")]


def object_name(object_type: str) -> str:
    """{{ event.object_type|audit_object }}: 文稿, 章节, 台账记录…"""
    return messages.OBJECT_NAMES.get(object_type, object_type)
