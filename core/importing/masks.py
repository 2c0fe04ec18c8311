"""Marks a secretary has not filled in yet (*, **, XX, 20XX, X月), as import warnings."""
import re

from data_models.report import NodeType

from . import messages
from .nodes import Node, Outline, walk

_MASK = re.compile(r"\*+|20[XＸ]{2}|[XＸ]{2,4}|[XＸ](?=[月日届次])")


def masks_in(text: str) -> list[str]:
    """Every masked or unfinished mark in a text, in order: *, **, XX, 20XX, X月."""
    return [match.group(0) for match in _MASK.finditer(text or "")]


def masked_warnings(outline: Outline) -> list[str]:
    """未填写的数字/名称: *, **, XX, XXX, 20XX, X月 left in the text, one warning per place and mark."""
    fields = [("标题", outline.title), ("副标题", outline.subtitle), ("称谓", outline.salutation),
              ("署名", outline.signature), ("日期", outline.date or outline.header_date)]
    fields += [(where_of(node), node.title + (node.lead or "") + node.text) for node, _ in walk(outline.nodes)]
    warnings = []
    for where, text in fields:
        counts: dict[str, int] = {}
        for match in _MASK.finditer(text or ""):
            counts[match.group(0)] = counts.get(match.group(0), 0) + 1
        warnings += [messages.W_MASKED.format(mark=mark, count=f"共{n}处" if n > 1 else "", where=where)
                     for mark, n in counts.items()]
    return warnings


def where_of(node: Node) -> str:
    label = node.title or node.lead or node.text
    return f"{node.number}{label[:16]}" if label else NodeType.label_of(node.kind)
