"""Import a document into a new report: plan (parse + bind numbers, nothing written), adjust, create.

The plan travels as JSON (the CLI prints it, the web preview carries it between requests), so
nothing is stored before the user confirms; create_report_from_plan then writes the whole report
in the caller's transaction, or raises before writing anything.
"""
from dataclasses import dataclass, field
from typing import Optional

from sqlalchemy.orm import Session

from core import audit
from core.drafting.reports import default_title
from core.drafting.sections import LIMITS
from core.drafting.tree import record_version
from core.kinds import KINDS, kind_spec
from core.metrics.engine import compute_metrics
from core.metrics.periods import Period
from data_models import Committee, Report, ReportStatus, Section
from data_models.report import NodeType

from . import messages
from .numbers import FoundNumber, apply_bindings, bind_numbers, choose
from .masks import masks_in, where_of
from .nodes import Node, Outline, walk
from .outline import parse
from .source import ImportRefused, Source


@dataclass
class ImportPlan:
    outline: Outline
    numbers: list[FoundNumber] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # reading the file (control characters, revisions)
    comments: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        data = self.outline.as_json()
        data["numbers"] = [number.as_json() for number in self.numbers]
        data["warnings"] = self.warnings + self.outline.warnings + literal_warnings(self)
        data["comments"] = self.comments
        return data


def literal_warnings(plan: ImportPlan) -> list[str]:
    return [messages.W_LITERAL.format(text=n.text, where=n.context) for n in plan.numbers
            if n.status != "bound" and not n.masked]  # an unbound * is flagged as 未填写的数字 already


def metric_values(session: Session, committee_id: int, period: Period) -> tuple[dict, dict]:
    """The committee's values for the period and for the same period a year earlier, by key."""
    return (compute_metrics(session, committee_id, period),
            compute_metrics(session, committee_id, period.shifted_years(-1)))


def plan_import(session: Session, committee_id: int, period: Period, source: Source,
                kind: Optional[str] = None) -> ImportPlan:
    if kind and kind not in KINDS:
        raise ImportRefused(messages.UNKNOWN_KIND.format(kind=kind))
    outline = parse(source.lines, kind or None)
    values, previous = metric_values(session, committee_id, period)
    return ImportPlan(outline, bind_numbers(outline, values, previous), list(source.warnings), list(source.comments))


# --- the plan as JSON and back (the web preview) -----------------------------------------------

def outline_state(outline: Outline) -> dict:
    """Everything the outline holds (the CLI JSON plus run-in marks and the header date), for the
    web preview to carry between requests."""
    data = outline.as_json()
    data.update(title_lines=outline.title_lines, header_date=outline.header_date, date=outline.date)

    def mark(json_nodes: list[dict], nodes: list[Node]) -> None:
        for json_node, node in zip(json_nodes, nodes):
            json_node["run_in"] = node.run_in
            mark(json_node["children"], node.children)

    mark(data["children"], outline.nodes)
    return data


def _node_from_state(data: dict) -> Node:
    kind = data.get("kind") if NodeType.known(data.get("kind")) else NodeType.SECTION
    return Node(kind, str(data.get("number") or ""), str(data.get("title") or ""),
                str(data["lead"]) if data.get("lead") else None, str(data.get("text") or ""),
                [_node_from_state(child) for child in data.get("children") or [] if isinstance(child, dict)],
                run_in=bool(data.get("run_in")))


def outline_from_state(data: dict) -> Outline:
    """The outline back from outline_state(); unknown kinds fall back to safe ones, text is kept."""
    def text(key: str) -> str:
        return str(data.get(key) or "")

    kind = data.get("kind") if data.get("kind") in KINDS else "annual_summary"
    lines = [str(line) for line in data.get("title_lines") or [] if line]
    return Outline(kind, lines, subtitle=text("subtitle"), speaker=text("speaker"), header_date=text("header_date"),
                   salutation=text("salutation"), addressee=text("addressee"), signature=text("signature"),
                   date=text("date"),
                   nodes=[_node_from_state(n) for n in data.get("children") or [] if isinstance(n, dict)])


def rebind(session: Session, committee_id: int, period: Period, outline: Outline,
           decisions: dict[int, Optional[str]]) -> list[FoundNumber]:
    """Numbers found again in an adjusted outline (text unchanged), with the user's choices applied."""
    values, previous = metric_values(session, committee_id, period)
    numbers = bind_numbers(outline, values, previous)
    for index, metric in decisions.items():
        if 0 <= index < len(numbers):
            choose(numbers[index], metric, {**previous, **values})
    return numbers


# --- adjusting the tree before import (升一级 / 降一级 / kind) -----------------------------------

def _locate(outline: Outline, index: int) -> tuple[list[Node], int, Optional[Node]]:
    """(the list holding node `index` in reading order, its position there, its parent)."""
    counter = -1

    def search(siblings: list[Node], parent: Optional[Node]):
        nonlocal counter
        for position, node in enumerate(siblings):
            counter += 1
            if counter == index:
                return siblings, position, parent
            found = search(node.children, node)
            if found:
                return found
        return None

    found = search(outline.nodes, None)
    if found is None:
        raise IndexError(index)
    return found


def demote(outline: Outline, index: int) -> None:
    """降一级: the node becomes the last child of the node before it (reading order unchanged)."""
    siblings, position, _parent = _locate(outline, index)
    if position == 0:
        return
    node = siblings.pop(position)
    siblings[position - 1].children.append(node)
    _retype(outline.nodes, None)


def promote(outline: Outline, index: int) -> None:
    """升一级: the node moves up beside its parent; the siblings after it become its children."""
    siblings, position, parent = _locate(outline, index)
    if parent is None:
        return
    node = siblings[position]
    node.children.extend(siblings[position + 1:])
    del siblings[position:]
    outer, outer_position, _ = _locate_node(outline, parent)
    outer.insert(outer_position + 1, node)
    _retype(outline.nodes, None)


def _locate_node(outline: Outline, target: Node) -> tuple[list[Node], int, Optional[Node]]:
    for index, (node, _depth) in enumerate(walk(outline.nodes)):
        if node is target:
            return _locate(outline, index)
    raise IndexError("node")


def set_kind(outline: Outline, index: int, kind: str) -> None:
    if not NodeType.known(kind):
        return
    siblings, position, _parent = _locate(outline, index)
    node = siblings[position]
    if kind not in NodeType.HEADINGS and node.title:
        node.text = node.title + ("\n" + node.text if node.text else "")  # nothing is dropped
        node.title = ""
    elif kind in NodeType.HEADINGS and not node.title and node.kind not in NodeType.HEADINGS:
        node.title, node.lead = (node.lead or ""), None
    node.kind = kind
    _retype(outline.nodes, None)


def _retype(nodes: list[Node], parent: Optional[Node]) -> None:
    """Headings take their level from the tree: below the root or a part a section, else a subsection."""
    for node in nodes:
        if node.kind in (NodeType.SECTION, NodeType.SUBSECTION):
            node.kind = NodeType.SECTION if parent is None or parent.kind == NodeType.PART else NodeType.SUBSECTION
        _retype(node.children, node)


# --- writing the report ------------------------------------------------------------------------

def _check_sizes(outline: Outline) -> None:
    for node, _ in walk(outline.nodes):
        for name, value in (("heading", node.title), ("lead", node.lead or ""), ("body", node.text)):
            if len(value) > LIMITS[name]:
                label = {"heading": "标题", "lead": "引导句", "body": "正文"}[name]
                where = (node.title or node.lead or node.text)[:16]
                raise ImportRefused(f"“{where}”的{label}过长（{len(value)} 字，最多 {LIMITS[name]} 字），请拆分后再导入。")


def numbering_style(outline: Outline) -> tuple[str, bool]:
    """The numbering style the document itself uses (so the generated numbers are the typed ones)
    and whether its parts carry numbers (一、2023年工作回顾) or stand alone (2023年上半年工作总结)."""
    nodes = [node for node, _ in walk(outline.nodes)]
    parts_numbered = any(n.kind == NodeType.PART and n.number for n in nodes) or not any(n.kind == NodeType.PART for n in nodes)
    items = [n for n in nodes if n.kind == NodeType.ITEM]
    yishi = [n for n in items if n.number.endswith("是")]
    if any(n.number in ("■", "●") for n in nodes):
        return "news", parts_numbered
    if any(n.kind in NodeType.HEADINGS and n.number.endswith("是") for n in nodes):
        return "experience", parts_numbered
    if yishi and not any(n.lead and not n.number for n in items):
        run_in = sum(1 for n in yishi if n.run_in)
        return ("inline_yishi" if run_in * 2 > len(yishi) else "yishi"), parts_numbered
    return "standard", parts_numbered


_GENERATED_ITEM = {"standard": lambda n: n == "", "news": lambda n: n == "●"}


def fold_items(nodes: list[Node], style: str, parent: Optional[Node] = None,
               hosts: Optional[dict] = None) -> dict[int, Node]:
    """Items whose typed number the style will not generate (一是 in a standard report, 第一，…) go
    back into the text they came from, number included, so nothing is lost or added. Returns
    id(folded item) -> the node now holding its text."""
    hosts = {} if hosts is None else hosts
    keeps = _GENERATED_ITEM.get(style, lambda number: number.endswith("是"))
    kept: list[Node] = []
    for node in nodes:
        fold_items(node.children, style, node, hosts)
        if node.kind != NodeType.ITEM or keeps(node.number):
            kept.append(node)
            continue
        words = node.number + (node.lead or "") + node.text
        if kept and kept[-1].kind not in NodeType.HEADINGS:
            host = kept[-1]
        elif not kept and parent is not None:
            host = parent  # before any child: the parent's own text comes right before it
        else:
            host = Node(NodeType.PREAMBLE)  # a plain paragraph, numbered by no style
            kept.append(host)
        joiner = "" if node.run_in or not host.text else "\n"
        host.text += joiner + words  # run in: continues the paragraph before it, as in the source
        kept.extend(node.children)
        hosts[id(node)] = host
    nodes[:] = kept
    return hosts


def _settings(outline: Outline, plan: ImportPlan) -> dict:
    """The kind's settings with the document's own lines (an empty one stays empty: nothing is added)."""
    spec = kind_spec(outline.kind)
    style, parts_numbered = numbering_style(outline)
    settings = {**spec.settings, "salutation": outline.salutation, "speaker": outline.speaker,
                "numbering": style, "parts_numbered": parts_numbered}
    if outline.header_date:
        settings["subtitle_lines"] = [outline.header_date]
    if outline.signature:
        settings.update(signature=True, signature_text=outline.signature)
    if outline.date:
        settings["date"] = outline.date
    if outline.addressee:
        settings["addressee"] = outline.addressee.rstrip("：:")
    settings["import"] = {"warnings": plan.warnings + outline.warnings + literal_warnings(plan),
                          "comments": plan.comments}
    return settings


def create_report_from_plan(session: Session, committee: Committee, period: Period, plan: ImportPlan,
                            user_id: Optional[int] = None) -> Report:
    """Write the planned report (placeholders for bound numbers); raises before writing on bad input."""
    outline = plan.outline
    _check_sizes(outline)
    title = (outline.title or default_title(outline.kind, committee, period))
    if len(title) > 200:
        raise ImportRefused(f"标题过长（{len(title)} 字，最多 200 字）。")
    apply_bindings(outline, plan.numbers)
    style, _parts = numbering_style(outline)
    found_in = [node for node, _ in walk(outline.nodes)]  # what FoundNumber.node indexes
    hosts = fold_items(outline.nodes, style)
    _check_sizes(outline)  # placeholders are longer than the numbers they replace
    if len(outline.subtitle) > 200:
        raise ImportRefused(f"副标题过长（{len(outline.subtitle)} 字，最多 200 字）。")
    report = Report(committee_id=committee.id, committee=committee, kind=outline.kind, title=title,
                    subtitle=outline.subtitle, period_start=period.start, period_end=period.end,
                    status=ReportStatus.DRAFT, settings=_settings(outline, plan), created_by_id=user_id)
    session.add(report)
    session.flush()
    ids: dict[int, int] = {}
    _write(session, report, outline.nodes, None, user_id, ids)
    section_of = {index: ids[id(_host(node, hosts))] for index, node in enumerate(found_in)}
    report.settings = {**report.settings, "import": {**report.settings["import"], "notes": _notes(plan, section_of, ids)}}
    audit.record(session, "report.import", user_id=user_id, committee_id=committee.id, object_type="report",
                 object_id=report.id, kind=outline.kind,
                 bound=sum(1 for n in plan.numbers if n.status == "bound"))
    return report


def _host(node: Node, hosts: dict) -> Node:
    while id(node) in hosts:
        node = hosts[id(node)]
    return node


def _notes(plan: ImportPlan, section_of: dict[int, int], ids: dict[int, int]) -> list[dict]:
    """Warnings tied to the section they concern, for the editor (shown while the text remains)."""
    notes = [{"section_id": section_of[n.node], "text": n.text,
              "message": messages.W_LITERAL.format(text=n.text, where=n.context)}
             for n in plan.numbers
            if n.status != "bound" and not n.masked]  # an unbound * is flagged as 未填写的数字 already
    for node, _ in walk(plan.outline.nodes):
        for mark in dict.fromkeys(masks_in(node.title + (node.lead or "") + node.text)):
            notes.append({"section_id": ids[id(node)], "text": mark,
                          "message": messages.W_MASKED.format(mark=mark, count="", where=where_of(node))})
    return notes


def _write(session: Session, report: Report, nodes: list[Node], parent: Optional[Section],
           user_id: Optional[int], ids: dict[int, int]) -> None:
    """Sections in reading order; `ids` maps id(node) to its section's id."""
    for position, node in enumerate(nodes):
        section = Section(report_id=report.id, parent_id=parent.id if parent else None, position=position,
                          node_type=node.kind, heading=node.title, lead=node.lead or "", body=node.text,
                          owner_id=user_id, updated_by_id=user_id)
        session.add(section)
        session.flush()
        ids[id(node)] = section.id
        record_version(session, section, user_id)
        _write(session, report, node.children, section, user_id, ids)
