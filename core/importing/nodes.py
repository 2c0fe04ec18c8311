"""The imported tree: nodes in the JSON shape of `flask import-report --json`, and the outline holding them."""
from dataclasses import dataclass, field
from typing import Iterator, Optional


@dataclass
class Node:
    """One node of the imported tree, in the JSON shape of `flask import-report --json`."""

    kind: str
    number: str = ""
    title: str = ""
    lead: Optional[str] = None
    text: str = ""
    children: list["Node"] = field(default_factory=list)
    run_in: bool = False  # continues the paragraph before it (一是… inline)
    rank: float = 0  # numbering rank while building: 0 part, 1 一、, 1.5 ■, 2 （一）, 3 1., 4 （1）

    def add_text(self, text: str) -> None:
        self.text = f"{self.text}\n{text}" if self.text else text

    def as_json(self) -> dict:
        return {"kind": self.kind, "number": self.number, "title": self.title, "lead": self.lead,
                "text": self.text, "children": [child.as_json() for child in self.children]}


@dataclass
class Outline:
    kind: str
    title_lines: list[str] = field(default_factory=list)
    subtitle: str = ""
    speaker: str = ""
    header_date: str = ""
    salutation: str = ""
    nodes: list[Node] = field(default_factory=list)
    addressee: str = ""  # 主送机关 of a document sent upward: 市政协：
    signature: str = ""
    date: str = ""
    warnings: list[str] = field(default_factory=list)

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    def as_json(self) -> dict:
        return {"kind": self.kind, "title": self.title, "subtitle": self.subtitle, "speaker": self.speaker,
                "addressee": self.addressee, "salutation": self.salutation, "signature": self.signature, "date": self.date or self.header_date,
                "children": [node.as_json() for node in self.nodes]}


def walk(nodes: list[Node], depth: int = 0) -> Iterator[tuple[Node, int]]:
    for node in nodes:
        yield node, depth
        yield from walk(node.children, depth + 1)


def all_text(outline: Outline) -> str:
    """Every character the outline holds, in reading order (what the import keeps)."""
    parts = [outline.title, outline.subtitle, outline.speaker, outline.header_date, outline.addressee,
             outline.salutation]
    parts += [node.number + node.title + (node.lead or "") + node.text for node, _ in walk(outline.nodes)]
    return "".join(parts + [outline.signature, outline.date])
