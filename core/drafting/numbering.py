"""Numbering generated from the section tree and the kind's style (SPEC §4); staff never type it.

Styles: standard (一、（一）1.（1）), yishi (一、 then 一是… lead sentences, reference 001),
inline_yishi (一、 with 一是… run into the heading's paragraph, reference 003), experience
(一、 heading lines, 一是… inline below, restarting per part: issue 13 — real briefings that number
their parts 一是 too are not the form to copy) and news (■ headings, ● leads).
"""
from dataclasses import dataclass
from typing import Protocol, Sequence

from data_models.report import NodeType

STYLES = ("standard", "yishi", "inline_yishi", "experience", "news")
_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (enough for any outline)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")
    return str(n)


def ordinal_yishi(n: int) -> str:
    """一是, 二是, … 十是."""
    return f"{chinese_number(n)}是"


# Standard heading levels (GB/T 9704 §7.3.3): number format and block kind.
_STANDARD = (
    (lambda n: f"{chinese_number(n)}、", "heading1"),
    (lambda n: f"（{chinese_number(n)}）", "heading2"),
    (lambda n: f"{n}.", "heading3"),
    (lambda n: f"（{n}）", "heading4"),
)


@dataclass(frozen=True)
class Label:
    """How one node is numbered and which block kind it becomes."""

    number: str
    block_kind: str
    run_in: bool = False  # continues the previous paragraph (一是… inline)
    align: str = ""  # "center" for unnumbered part headings


class TreeNode(Protocol):
    node_type: str
    children: Sequence["TreeNode"]


def heading_label(style: str, depth: int, n: int) -> Label:
    if style == "news":
        return Label("■", "news_heading")
    fmt, kind = _STANDARD[min(depth, len(_STANDARD) - 1)]
    return Label(fmt(n), kind)


def item_label(style: str, n: int) -> Label:
    if style == "news":
        return Label("●", "item")
    if style == "yishi":
        return Label(ordinal_yishi(n), "item")
    if style == "inline_yishi":
        return Label(ordinal_yishi(n), "item", run_in=True)
    if style == "experience":
        return Label(ordinal_yishi(n), "item", run_in=n > 1)
    return Label("", "item")  # standard: lead sentence without a number (reference 000)


def number_tree(roots: Sequence[TreeNode], style: str, parts_numbered: bool = True) -> dict[int, Label]:
    """Label for every node, keyed by id(node); counters restart under each parent."""
    if style not in STYLES:
        raise ValueError(style)
    labels: dict[int, Label] = {}

    def walk(children: Sequence[TreeNode], depth: int) -> None:
        headings = items = 0
        for node in children:
            if node.node_type == NodeType.PART and not parts_numbered:
                labels[id(node)] = Label("", "heading1", align="center")
                walk(node.children, depth)
            elif node.node_type in NodeType.HEADINGS:
                headings += 1
                labels[id(node)] = heading_label(style, depth, headings)
                walk(node.children, depth + 1)
            elif node.node_type == NodeType.ITEM:
                items += 1
                labels[id(node)] = item_label(style, items)
                walk(node.children, depth)
            else:  # preamble, shortcomings, closing: plain paragraphs
                labels[id(node)] = Label("", "paragraph")
                walk(node.children, depth)

    walk(roots, 0)
    return labels
