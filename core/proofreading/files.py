"""Proofread a finished text outside the editor: a .txt or .docx file, paragraph by paragraph.
Without a section tree, a paragraph is a heading when it looks like one (GB/T 9704 7.3.3)."""
import re
from dataclasses import replace
from pathlib import Path

from .engine import proofread_text
from .findings import Finding
from .numbering import leading_mark
from .rules import rules_by_id, rules_for

_SEQUENCE = "struct.sequence"
_SHORT = 40


class UnreadableFile(ValueError):
    """The file is neither UTF-8 text nor a Word document we can open."""


def read_paragraphs(path: Path) -> list[str]:
    if path.suffix.lower() == ".docx":
        return _docx_paragraphs(path)
    if path.suffix.lower() in (".txt", ".text", ""):
        try:
            return path.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError:
            raise UnreadableFile("文本文件不是 UTF-8 编码，请另存为 UTF-8 后再试。") from None
    raise UnreadableFile("只能校对 .docx 或 .txt 文件。")


def _docx_paragraphs(path: Path) -> list[str]:
    import docx  # python-docx: loaded by the first Word file, not by every command's start
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, OSError):
        raise UnreadableFile("无法打开该 Word 文件（应为 .docx 格式）。") from None
    return [paragraph.text for paragraph in document.paragraphs]


def paragraph_role(line: str) -> str:
    """heading for 一、/（一） lines with no sentence inside and for short lines without closing marks."""
    text = line.strip()
    found = leading_mark(text)
    if found and found[0] <= 1 and len(text) <= _SHORT * 1.5 and "。" not in text.rstrip("。"):
        return "heading"
    if not found and len(text) <= _SHORT and not re.search(r"[。！？；：…”]$", text):
        return "heading"
    return "body"


def proofread_paragraphs(paragraphs: list[str]) -> list[Finding]:
    """Findings with offsets into the paragraphs joined by newlines."""
    findings, offset, segment, segment_start = [], 0, [], 0
    body_rules = {role: tuple(r for r in rules_for(role) if r.id != _SEQUENCE) for role in ("heading", "body")}
    for line in paragraphs:
        role = paragraph_role(line) if line.strip() else "body"
        findings += [_shift(f, offset) for f in proofread_text(line, role, body_rules[role])]
        if role == "heading" and not leading_mark(line.strip()):  # an unnumbered part restarts numbering
            findings += _sequence(segment, segment_start)
            segment, segment_start = [], offset + len(line) + 1
        else:
            segment.append(line)
        offset += len(line) + 1
    return sorted(findings + _sequence(segment, segment_start), key=lambda f: (f.start, f.end))


def _sequence(lines: list[str], start: int) -> list[Finding]:
    text = "\n".join(lines)
    return [_shift(f, start) for f in proofread_text(text, "body", [rules_by_id()[_SEQUENCE]])]


def _shift(finding: Finding, offset: int) -> Finding:
    return replace(finding, start=finding.start + offset, end=finding.end + offset)
