"""What a check reports: one finding at exact character offsets of one piece of text."""
import hashlib
from dataclasses import asdict, dataclass, replace
from typing import Optional

SEVERITIES = ("error", "warning")
_CONTEXT = 6  # characters either side that identify a spot across nearby edits


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    start: int
    end: int
    text: str
    message: str
    suggestion: Optional[str] = None
    source: str = ""
    category: str = ""
    section_id: Optional[int] = None
    field: str = ""
    fingerprint: str = ""
    before: str = ""  # a few characters either side, to show the spot in a list
    after: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    def placed(self, section_id: Optional[int], field: str) -> "Finding":
        return replace(self, section_id=section_id, field=field)


def fingerprint(rule: str, text: str, start: int, end: int) -> str:
    """Two halves: the flagged text with the characters before it, and with those after it. A spot
    is recognised when either half still matches, so an edit on one side does not lose it."""
    flagged = text[start:end]
    before = text[max(0, start - _CONTEXT):start]
    after = text[end:end + _CONTEXT]
    return _half(rule, before, flagged, "") + _half(rule, "", flagged, after)


def _half(rule: str, before: str, flagged: str, after: str) -> str:
    raw = "\x1f".join((rule, before, flagged, after))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:8]


def same_spot(fingerprint_a: str, fingerprint_b: str) -> bool:
    """Either half matches (see fingerprint)."""
    return fingerprint_a[:8] == fingerprint_b[:8] or fingerprint_a[8:] == fingerprint_b[8:]
