"""Lines of a document → the report's section tree, read the way a secretary reads it.

Header (title lines, ——subtitle, speaker and date, salutation), then the body: part headings
(2023年工作回顾), numbered headings 一、（一）1.（1）, ■ and — in experience briefings — 一是 heading
lines, items with their lead sentence (一是…。, 第一，…, ●…, a bold first sentence), shortcomings,
the closing formula; signature and date at the end. Nothing is rewritten, dropped or reordered:
every character of the input lands in exactly one field (test_every_character_is_kept).
"""
import re
from typing import Optional

from core.drafting.numbering import chinese_number
from core.kinds import KINDS
from data_models.report import NodeType

from . import messages
from .masks import masked_warnings
from .nodes import Node, Outline, walk
from .source import Line

CN = "一二三四五六七八九十"
_L1 = re.compile(rf"^([{CN}]+\s*[、，,．.]\s*)(?=\S)")
_L2 = re.compile(rf"^([（(]\s*[{CN}]+\s*[）)]\s*[、，.．]?\s*)(?=\S)")
_L3 = re.compile(r"^(\d{1,2}\s*[.．、]\s*)(?=[^\d\s])")
_L4 = re.compile(r"^([（(]\s*\d{1,2}\s*[）)]\s*[、.．]?\s*)(?=\S)")
_NEWS_HEADING = re.compile(r"^([■◆□]\s*)(?=\S)")
_NEWS_ITEM = re.compile(r"^([●○•]\s*)(?=\S)")
_YISHI = re.compile(rf"^([{CN}]+是)(?=[^是\s])")
_DIYI = re.compile(rf"^(第[{CN}]+\s*[，,、：:]\s*)(?=\S)")
_INLINE_YISHI = re.compile(rf"(?:^|(?<=[。；！？：;]))\s*([{CN}]{{1,3}}是)(?=[^是])")
_YEAR = r"(?:\d{4}|20[XＸ*]{2}|[XＸ*]{4}|\*+)"
_PART_TITLE = re.compile(  # 2023年工作回顾, 2024年工作要点, 2023年上半年工作总结, 下半年工作谋划
    rf"^(?:{_YEAR}年度?|上半年|下半年|全年)(?:上半年|下半年)?.{{0,12}}?"
    rf"(?:总结|要点|谋划|回顾|任务|成效|打算|安排|思路|计划|情况|部署|展望|工作)$")
_DATE = re.compile(rf"^[（(]?\s*{_YEAR}\s*年\s*(?:\d{{1,2}}|[XＸ*]{{1,2}}|[{CN}]+)\s*月\s*(?:\d{{1,2}}|[XＸ*]{{1,2}}|[{CN}]+)\s*日\s*[）)]?$")
_SALUTATION = re.compile(r"^(?:尊敬的|各位|同志们|亲爱的|.{0,12}(?:领导|委员|同志)们?[，、]).{0,60}[：:]$")
_CLOSING = re.compile(r"汇报完毕|谢谢大家|谢谢！|^以上汇报|^各位委员(?:、同志们)?[，,！!].*[！!]$")
_SHORTCOMING = re.compile(r"(?:不足|差距|短板|薄弱环节)")
_SHORTCOMING_START = re.compile(r"^(?:一年来|半年来|上半年来|过去的一年|回顾.{0,12}工作|在肯定成绩的同时|我们也清醒|同时也要看到|"
                                r"工作仍存在|工作中还存在|但.{0,20}还存在|同时，|当然，)")
_SENTENCE_END = re.compile(r"[。！？!?]")
_OFFICE = re.compile(r"(?:主席|秘书长|主任|书记|委员会|常委会)")
_SIGNATURE = re.compile(r"(?:委员会|政协|办公室|秘书处|党组|机关|专委会|[县市区]委)$")
_ADDRESSEE = re.compile(r"^[^，。,；;]{2,30}(?:政协|委员会|党委|[省市县区]委|人大|政府|办公室|办公厅)[：:]$")
_SPEAKER = re.compile(r"(?:主席|秘书长|主任|书记)\s*[\u4e00-\u9fa5]{2,3}$")  # 县政协主席 林晓东
_MEETING = re.compile(r"^在.{2,40}(?:会议|大会)上$")
_PUNCT = re.compile(r"[。，；：！？、,;:!?]")
MAX_HEADING = 60
MAX_LEAD = 50


# --- kind ------------------------------------------------------------------------------------

def propose_kind(lines: list[Line]) -> str:
    """The report kind the text reads as (title words first, then structure)."""
    head = "".join(line.text for line in lines[:4])
    texts = [line.text for line in lines]
    body = "".join(texts)
    if "解读" in head or sum(bool(_NEWS_HEADING.match(t)) for t in texts) >= 2:
        return "news_interpretation"
    if re.search(r"常务委员会工作报告|常委会工作报告", head) or "向大会报告工作" in body[:3000]:
        return "standing_committee_report"
    if "经验交流" in head or sum(_is_yishi_heading(t) for t in texts) >= 2:
        return "experience_briefing"
    if re.search(r"上半年.*(?:下半年|谋划)|半年工作", head):
        return "half_year_summary"
    if "汇报" in head or "汇报完毕" in body or body.startswith("尊敬的") or re.search(r"^尊敬的", head):
        return "briefing"
    return "annual_summary"


def _is_yishi_heading(text: str) -> bool:
    """一是坚持党的领导，把牢正确政治方向 — a short line of its own, no full stop inside."""
    return bool(_YISHI.match(text)) and len(text) <= 40 and not _SENTENCE_END.search(text[:-1])


# --- header and tail -------------------------------------------------------------------------

def _numbered(text: str) -> bool:
    return any(rx.match(text) for rx in (_L1, _L2, _L3, _L4, _NEWS_HEADING, _NEWS_ITEM, _YISHI, _DIYI))


def _titleish(line: Line, docx_marks: bool) -> bool:
    text = line.text
    if line.title_style:
        return True
    if len(text) > MAX_HEADING or _numbered(text) or text.startswith("—") or _MEETING.match(text) \
            or _SALUTATION.match(text) or _DATE.match(text):
        return False
    if docx_marks:
        return line.centered
    return not re.search(r"[。；：！？:;]", text)


def _read_header(lines: list[Line], out: Outline, part_lines: set[int]) -> int:
    docx_marks = any(line.centered or line.title_style for line in lines[:3])
    i = 0
    while i < len(lines) and len(out.title_lines) < 4 and _titleish(lines[i], docx_marks):
        text = lines[i].text
        if out.title_lines and (id(lines[i]) in part_lines or _SPEAKER.search(text) or not docx_marks and (
                _PART_TITLE.match(text) or re.search(r"[，,]", text))):
            break
        out.title_lines.append(text)
        i += 1
    while i < len(lines):
        text = lines[i].text
        if (text.startswith("—") or _MEETING.match(text)) and not out.subtitle:
            out.subtitle = text
        elif _DATE.match(text) and out.title_lines and not out.header_date:
            out.header_date = text
        elif out.title_lines and not out.speaker and len(text) <= 30 and not _PUNCT.search(text) \
                and _OFFICE.search(text) and not _PART_TITLE.match(text) and not _numbered(text):
            out.speaker = text
        elif _SALUTATION.match(text) and len(text) <= 60:
            out.salutation = text
            return i + 1
        elif _ADDRESSEE.match(text) and not out.addressee:
            out.addressee = text
            return i + 1
        else:
            return i
        i += 1
    return i


def _read_tail(lines: list[Line], start: int, out: Outline) -> int:
    end = len(lines)
    if end - 1 > start and _DATE.match(lines[end - 1].text):
        out.date = lines[end - 1].text
        end -= 1
    if end - 1 > start:
        text = lines[end - 1].text
        plain = len(text) <= 40 and not _PUNCT.search(text) and not _numbered(text) and not _PART_TITLE.match(text)
        if plain and (out.date or _SIGNATURE.search(text)):
            out.signature = text
            end -= 1
    return end


# --- body ------------------------------------------------------------------------------------

def _split_first_sentence(text: str) -> tuple[str, str]:
    """(first sentence with its mark, the rest); the whole text when there is no sentence end."""
    match = _SENTENCE_END.search(text)
    if not match:
        return text, ""
    cut = match.end()
    while cut < len(text) and text[cut] in "”’」）)":  # a closing quote stays with its sentence
        cut += 1
    return text[:cut], text[cut:]


def _lead_and_body(text: str) -> tuple[Optional[str], str]:
    lead, rest = _split_first_sentence(text)
    if len(lead) > MAX_LEAD:
        return None, text
    return lead, rest


def _inline_items(text: str, first: int = 1) -> tuple[str, list[tuple[str, str]]]:
    """Text before 一是… and each (number, its text) when 一是 二是… follow in order inside a paragraph;
    `first` is the ordinal expected first (an item opening with 一是 looks for 二是 next)."""
    accepted, expected = [], first
    for match in _INLINE_YISHI.finditer(text):
        if match.group(1) == f"{chinese_number(expected)}是":
            accepted.append(match)
            expected += 1
    if not accepted or (first == 1 and len(accepted) < 2 and accepted[0].start(1) > 0):
        return text, []
    items = []
    for index, match in enumerate(accepted):
        end = accepted[index + 1].start(1) if index + 1 < len(accepted) else len(text)
        items.append((match.group(1), text[match.end(1):end]))
    return text[:accepted[0].start(1)], items


def _ordinal(number: str) -> int:
    """一是 → 1, 十二是 → 12 (0 when it is not one)."""
    digits = number[:-1] if number.endswith("是") else ""
    if not digits or any(c not in CN for c in digits):
        return 0
    if len(digits) == 1:
        return CN.index(digits) + 1
    return (CN.index(digits[0]) + 1 if digits[0] != "十" else 1) * 10 + (CN.index(digits[-1]) + 1 if digits[-1] != "十" else 0)


def _cn_value(number: str) -> int:
    """一、 → 1, 十二、 → 12 (the ordinal of a top-level Chinese number)."""
    return _ordinal(number.strip(" 、，,．.") + "是")


def _split_heading(rest: str) -> Optional[tuple[str, str]]:
    """(title, text after it) of a heading line: its first sentence, or up to a colon when the first
    sentence runs long (二、存在的问题：一是……；二是……。); None when neither is heading-sized."""
    title, body = _split_first_sentence(rest)
    if len(title) <= MAX_HEADING:
        return title, body
    colon = re.search(r"[：:]", rest[:MAX_HEADING + 1])
    return (rest[:colon.end()], rest[colon.end():]) if colon else None


def _names_part(rest: str) -> bool:
    split = _split_heading(rest)
    return bool(split) and bool(_PART_TITLE.match(split[0].rstrip("。：:")))


def sibling_ranks(lines: list[Line]) -> dict[int, int]:
    """Rank (0 part, 1 heading) of every top-level heading line, by id(line): one run of 一、 二、 三、
    (until the numbers start again at 一、) is one level, and so are unnumbered Heading 1 lines. When
    any of them names a part (一、2023年工作及成效), all of them are parts — so 二、存在的不足 between
    一、2023年工作及成效 and 三、2024年工作要点 is their sibling whatever lies between them."""
    runs: list[list[tuple[Line, bool]]] = []
    styled: list[tuple[Line, bool]] = []
    last = 0
    for line in lines:
        text = line.auto_number + line.text
        if match := _L1.match(text):
            if not _split_heading(text[match.end(1):]):
                continue
            ordinal = _cn_value(match.group(1))
            if not runs or ordinal <= last:
                runs.append([])
            runs[-1].append((line, _names_part(text[match.end(1):])))
            last = ordinal
        elif line.level == 1 and not _numbered(text) and len(line.text) <= 30 and not _SENTENCE_END.search(line.text):
            styled.append((line, bool(_PART_TITLE.match(line.text))))
    ranks: dict[int, int] = {}
    for group in runs + [styled]:
        rank = 0 if any(part for _line, part in group) else 1
        ranks.update((id(line), rank) for line, _part in group)
    return ranks


class _Builder:
    """Feeds body lines into the tree: a stack of open headings by numbering rank."""

    def __init__(self, out: Outline, kind: str, bold_leads: bool):
        self.out, self.kind = out, kind
        self.ranks: dict[int, int] = {}  # sibling_ranks() of the body's lines
        self.yishi_rank = 1  # 一是 heading lines of an experience briefing: below 一、 when it has them
        # A short first sentence reads as a lead only in kinds whose items carry no number (000)
        # and when the file has no bold to tell leads apart.
        self.unnumbered_leads = not bold_leads and KINDS[kind].numbering == "standard" if kind in KINDS else False
        self.stack: list[Node] = []
        self.closing: Optional[Node] = None
        self.seen_heading = False
        self.part_lines: set[int] = set()

    # headings
    def heading(self, line: Line) -> Optional[tuple[int, str, str]]:
        """(rank, number, rest of the line) if the line is a heading; Word's automatic number counts
        as if typed."""
        text = line.auto_number + line.text
        # ■ sits below 一、 when both are used (一、2023年工作回顾 ■…), at the top otherwise
        for rank, rx in ((1.5, _NEWS_HEADING), (1, _L1), (2, _L2), (3, _L3), (4, _L4)):
            if match := rx.match(text):
                number, rest = match.group(1).strip(), text[match.end(1):]
                ranked = rx is _L1 and id(line) in self.ranks  # one run of 一、二、三、: sibling_ranks()
                if ranked or rx is _NEWS_HEADING or len(_split_first_sentence(rest)[0]) <= MAX_HEADING:
                    if rx in (_L1, _L2) and re.search(r"[，,.．]\s*$|）\s*、", number.strip()):
                        self.out.warnings.append(messages.W_MIXED.format(number=number.strip(), where=rest[:12]))
                    return (self.ranks[id(line)] if ranked else rank), number, rest
                return None
        if self.kind == "experience_briefing" and _is_yishi_heading(text):
            number = _YISHI.match(text).group(1)
            return self.yishi_rank, number, text[len(number):]
        text = line.text
        short = len(text) <= 30 and not _SENTENCE_END.search(text)
        if short and (_PART_TITLE.match(text) or (line.centered and not line.bold_prefix) or id(line) in self.part_lines):
            return 0, "", text
        if id(line) in self.ranks:
            return self.ranks[id(line)], line.auto_number, line.text
        level = line.level or line.list_level
        if level and (short or len(_split_first_sentence(text)[0]) <= MAX_HEADING and line.list_level):
            return (0 if _PART_TITLE.match(line.text) else min(level, 4)), line.auto_number, line.text
        return None

    def open_heading(self, rank: float, number: str, rest: str) -> None:
        title, body = _split_heading(rest) or _split_first_sentence(rest)
        while self.stack and self.stack[-1].rank >= rank:
            self.stack.pop()
        parent = self.stack[-1] if self.stack else None
        kind = NodeType.PART if rank == 0 else (NodeType.SECTION if parent is None or parent.kind == NodeType.PART
                                                 else NodeType.SUBSECTION)
        node = Node(kind, number, title, rank=rank)
        self._attach(parent, node)
        self.stack.append(node)
        self.seen_heading = True
        self.closing = None
        if body:
            self.body_text(node, body)

    def _attach(self, parent: Optional[Node], node: Node) -> None:
        (parent.children if parent else self.out.nodes).append(node)

    # items and text
    def item(self, line: Line) -> Optional[tuple[str, Optional[str], str]]:
        for rx in (_YISHI, _DIYI, _NEWS_ITEM):
            if match := rx.match(line.auto_number + line.text):
                text = line.auto_number + line.text
                number = match.group(1).strip()
                lead, body = _lead_and_body(text[match.end(1):])
                return number, lead, body
        text = line.text
        if line.bold_prefix and len(line.bold_prefix) <= MAX_LEAD * 2:
            return "", line.bold_prefix, text[len(line.bold_prefix):]
        if self.unnumbered_leads and self.stack and self.stack[-1].kind != NodeType.PART:
            lead, body = _split_first_sentence(text)
            if body and len(lead) <= 25 and lead.endswith("。") and not re.search(r"[，,；;：:、]", lead):
                return "", lead, body
        return None

    def add_item(self, number: str, lead: Optional[str], body: str, run_in: bool = False) -> None:
        parent = self.stack[-1] if self.stack else None
        node = Node(NodeType.ITEM, number, "", lead, run_in=run_in)
        self._attach(parent, node)
        first = _ordinal(number) + 1 if number.endswith("是") else (1 if not number else 0)
        before, inline = _inline_items(body, first) if first else (body, [])
        node.text = before
        for inline_number, inline_text in inline:
            self.add_item(inline_number, *_lead_and_body(inline_text), run_in=True)

    def body_text(self, container: Node, text: str) -> None:
        """Text of a heading's own paragraph after its title, or a paragraph below it."""
        before, inline = _inline_items(text) if container.kind != NodeType.PART else (text, [])
        if before:
            container.add_text(before)
        for number, item_text in inline:
            self.add_item(number, *_lead_and_body(item_text), run_in=True)

    def plain(self, text: str) -> None:
        if self.closing is not None:
            self.closing.add_text(text)
            return
        top = self.stack[-1] if self.stack else None
        siblings = top.children if top else self.out.nodes
        last = siblings[-1] if siblings else None
        if last is not None and last.kind in (NodeType.ITEM, NodeType.PREAMBLE, NodeType.SHORTCOMINGS, NodeType.CLOSING):
            last.add_text(text)
        elif top is None or top.kind == NodeType.PART:
            self._attach(top, Node(NodeType.PREAMBLE, text=text))
        else:
            self.body_text(top, text)

    def shortcomings(self, text: str) -> bool:
        if not (self.seen_heading and _SHORTCOMING_START.match(text) and _SHORTCOMING.search(text[:120])):
            return False
        while self.stack and self.stack[-1].kind != NodeType.PART:
            self.stack.pop()
        self._attach(self.stack[-1] if self.stack else None, Node(NodeType.SHORTCOMINGS, text=text))
        return True

    def add(self, line: Line) -> None:
        text = line.text
        if self.seen_heading and _CLOSING.search(text) and not _numbered(text):
            self.stack = []
            self.closing = Node(NodeType.CLOSING, text=text)
            self.out.nodes.append(self.closing)
            return
        if heading := self.heading(line):
            self.open_heading(*heading)
            return
        if self.closing is None and (item := self.item(line)):
            self.add_item(*item)
            return
        if self.closing is None and self.shortcomings(text):
            return
        self.plain(line.auto_number + text)


def _parts_above_squares(nodes: list[Node]) -> None:
    """A heading holding ■ headings is a part (一、回顾 / 二、任务 of an interpretation), and so are
    its sibling headings: one level of the document stays one level."""
    if not any(node.kind == NodeType.SECTION and any(c.number == "■" for c in node.children) for node in nodes):
        return
    for node in nodes:
        if node.kind == NodeType.SECTION:
            node.kind = NodeType.PART
            for child in node.children:
                if child.kind == NodeType.SUBSECTION:
                    child.kind = NodeType.SECTION


def _part_lines(lines: list[Line]) -> set[int]:
    """Short unpunctuated lines each followed by a ■ or 一、 heading (回眸2023 / 展望2024), when there
    are at least two of them: part headings of their own words."""
    found = {id(line) for line, after in zip(lines, lines[1:])
             if len(line.text) <= 24 and not _PUNCT.search(line.text) and not _numbered(line.text)
             and (_NEWS_HEADING.match(after.text) or _L1.match(after.text))}
    return found if len(found) >= 2 else set()


def parse(lines: list[Line], kind: Optional[str] = None) -> Outline:
    """The outline of a document's lines; `kind` is proposed from the text when not given."""
    lines = [line for line in lines if line.text.strip()]
    out = Outline(kind or propose_kind(lines))
    part_lines = _part_lines(lines)
    start = _read_header(lines, out, part_lines)
    end = _read_tail(lines, start, out)
    builder = _Builder(out, out.kind, any(line.bold_prefix for line in lines))
    builder.part_lines = part_lines
    builder.ranks = sibling_ranks(lines[start:end])
    if any(_L1.match(line.auto_number + line.text) for line in lines[start:end]):
        builder.yishi_rank = 2.5
    for line in lines[start:end]:
        builder.add(line)
    _parts_above_squares(out.nodes)
    if not any(node.kind in NodeType.HEADINGS or node.lead for node, _ in walk(out.nodes)):
        out.warnings.append(messages.W_NO_HEADINGS)
    out.warnings += masked_warnings(out)
    return out


def number_rank(number: str) -> Optional[float]:
    """The rank a heading's number reads as (1 一、, 1.5 ■, 2 （一）, 3 1., 4 （1）), None when it is none of them."""
    for rank, rx in ((1.5, _NEWS_HEADING), (1, _L1), (2, _L2), (3, _L3), (4, _L4)):
        if rx.match(f"{number.strip()}题"):
            return rank
    return None


def parse_fragment(lines: list[Line], kind: str) -> list[Node]:
    """The body nodes of a passage pasted into a report of `kind`: no title, salutation or signature is
    looked for; text before the first heading or item comes first as a preamble node."""
    lines = [line for line in lines if line.text.strip()]
    out = Outline(kind)
    builder = _Builder(out, kind, any(line.bold_prefix for line in lines))
    builder.part_lines = _part_lines(lines)
    for line in lines:
        builder.add(line)
    _parts_above_squares(out.nodes)
    return out.nodes
