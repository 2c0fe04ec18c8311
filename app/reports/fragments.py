"""The editor page's repeated parts rendered once and remembered: each block and the number picker.

A 60-block report was 60 block templates rendered on every GET (a third of the page's CPU). Each
fragment is kept under a key made of everything it shows: the section's text, version, place and
number, its owner, its warnings, proofreading findings and reviewers' comments, and who looks at it
(role, editable). A save, a new ledger value, a finding or a comment changes the key, so a stale
fragment is never served and no write has to invalidate anything. The CSRF token is not in a
fragment: a marker stands for it and is replaced per request.
"""
import hashlib
from typing import Any, Callable, Hashable

from flask import current_app
from markupsafe import Markup

from core.memo import Memo

TOKEN_MARKER = "\x01csrf\x01"  # no text can hold it: control characters are cleaned from every input
_blocks = Memo(4096)  # about 60 per report, per role
_pickers = Memo(256)
FINDING_FIELDS = ("severity", "section_id", "field", "start", "end", "before", "text", "after", "message",
                  "rule", "source", "suggestion", "fingerprint")


def text_digest(*texts: str | None) -> bytes:
    joined = "\x00".join(text or "" for text in texts)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).digest()


class Fragments:
    """Renders fragments of one page with the page's template context (token replaced by the marker)."""

    def __init__(self, context: dict[str, Any], token: str):
        self.context = {**context, "token": TOKEN_MARKER, "csrf_token": lambda: TOKEN_MARKER}
        current_app.update_template_context(self.context)  # the page's own values win over the processors'
        self.token = token

    def render(self, memo: Memo | None, key: Hashable, name: str, **values) -> Markup:
        """Template `name` with `values`, remembered under `key` (memo None: not remembered)."""
        def compute() -> str:
            return current_app.jinja_env.get_template(name).render({**self.context, **values})
        html = compute() if memo is None else memo.get(key, compute)
        return Markup(html.replace(TOKEN_MARKER, self.token))


def block_key(page: tuple, row, extras: Callable[[Any], tuple]) -> tuple:
    """What one block shows: `page` (report, path, role, editable), the section and its place, `extras(section)`."""
    s = row.section
    return (page, s.id, s.version, s.node_type, s.owner_id, row.depth, row.number,
            text_digest(s.heading, s.lead, s.body), extras(s))


def blocks_html(fragments: Fragments, page: tuple, rows, extras: Callable[[Any], tuple],
                fresh: set[int]) -> Markup:
    """Every block, joined; the sections in `fresh` (a conflict or refused text shown) are rendered anew."""
    parts = [fragments.render(None if row.section.id in fresh else _blocks, block_key(page, row, extras),
                              "reports/_block.html", row=row) for row in rows]
    return Markup("\n").join(parts)


def picker_html(fragments: Fragments, picker: list[tuple[str, list]]) -> Markup:
    key = tuple((group, tuple(metrics)) for group, metrics in picker)
    return fragments.render(_pickers, key, "reports/_picker.html", picker=picker)


def finding_key(findings) -> tuple:
    return tuple(tuple(getattr(f, name) for name in FINDING_FIELDS) for f in findings)


def comment_key(comments, names: dict) -> tuple:
    return tuple((c.id, c.user_id, names.get(c.user_id), c.created_at, c.body) for c in comments)


def clear() -> None:
    _blocks.clear()
    _pickers.clear()
