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
    """The rule, the flagged text and a few characters around it: survives edits elsewhere."""
    before = text[max(0, start - _CONTEXT):start]
    after = text[end:end + _CONTEXT]
    raw = "\x1f".join((rule, before, text[start:end], after))
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]
