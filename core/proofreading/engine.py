"""Proofread one piece of text: mask what is not prose, run every rule for its role, keep offsets."""
import hashlib
import re
from typing import Iterable, Optional

from core.memo import Memo

from . import terms
from .checks import CHECKS
from .findings import Finding, fingerprint
from .rules import MACROS, Hit, Rule, rules_for

MASK = MACROS["{MASK}"]
_SHOWN = 12
# Placeholders, template tags and URLs are not prose: masked with one character of the same length.
_NOT_PROSE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|(?:https?|ftp)://[^\s，。；、）》”]+|www\.[^\s，。；、）》”]+"
                        r"|[\w.+-]+@[\w-]+\.[\w.-]+", re.S)


def mask(text: str) -> str:
    return _NOT_PROSE.sub(lambda m: MASK * len(m.group()), text)


def proofread_text(text: str, role: str = "body", rules: Optional[Iterable[Rule]] = None) -> list[Finding]:
    """Findings for `text` as a heading, lead sentence or body, ordered by position."""
    masked = mask(text or "")
    findings = []
    for rule in rules if rules is not None else rules_for(role):
        for hit in (rule.hits(masked) if rule.pattern is not None else CHECKS[rule.check](masked, rule)):
            if hit.suggestion is None or MASK not in masked[hit.start:hit.end]:  # never rewrite a placeholder
                findings.append(make_finding(rule, text, hit))
    return sorted(_without_duplicates(findings), key=lambda f: (f.start, f.end, f.rule))


_findings = Memo(8192)


def proofread_role(text: str, role: str = "body") -> list[Finding]:
    """proofread_text with the role's rules, remembered per text hash, role and terms list: a page that
    shows a report's findings re-checks only the texts that changed. Findings are frozen, so shared."""
    key = (role, terms.version(), hashlib.blake2b((text or "").encode("utf-8"), digest_size=16).digest())
    return list(_findings.get(key, lambda: tuple(proofread_text(text, role))))


def make_finding(rule: Rule, text: str, hit: Hit) -> Finding:
    flagged = text[hit.start:hit.end]
    details = {"detail": "", **hit.detail}
    message = rule.message.format(text=flagged, suggestion=hit.suggestion or "", **details)
    return Finding(rule.id, rule.severity, hit.start, hit.end, flagged, message, hit.suggestion, rule.source,
                   rule.category, fingerprint=fingerprint(rule.id, text, hit.start, hit.end),
                   before=text[max(0, hit.start - _SHOWN):hit.start], after=text[hit.end:hit.end + _SHOWN])


def _without_duplicates(findings: list[Finding]) -> list[Finding]:
    """One finding per span: when two rules flag the same characters, the first listed wins."""
    seen, kept = set(), []
    for finding in findings:
        if (finding.start, finding.end) not in seen:
            seen.add((finding.start, finding.end))
            kept.append(finding)
    return kept
