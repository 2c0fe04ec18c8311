"""The editor page's repeated parts rendered once and remembered: each block, the outline and the
block menus' move targets, the warning list and the number picker.

A 60-block report was 60 block templates rendered on every GET (about a third of the page's CPU).
Each fragment is kept under a key made of everything it shows: for a block the section's text,
version, place and number, its owner, its warnings, proofreading findings and reviewers' comments,
and who looks at it (role, editable, page path). A save, a new ledger value, a finding or a comment
changes the key, so a stale fragment is never served and no write has to invalidate anything. The
CSRF token is not in a fragment: a marker stands for it and is replaced per request.
"""
import hashlib
from typing import Any, Callable, Hashable

from flask import current_app
from markupsafe import Markup

from core.memo import Memo

TOKEN_MARKER = "\x01csrf\x01"  # no text can hold it: control characters are cleaned from every input
_blocks = Memo(4096)  # about 60 per report, per role
_pickers = Memo(256)
_outlines = Memo(512)  # outline, move targets and warning list of a report
FINDING_FIELDS = ("severity", "section_id", "field", "start", "end", "before", "text", "after", "message",
                  "rule", "source", "suggestion", "fingerprint")


def text_digest(*texts: str | None) -> bytes:
    joined = "\x00".join(text or "" for text in texts)
    return hashlib.blake2b(joined.encode("utf-8"), digest_size=16).digest()


def token_marker() -> str:
    """csrf_token() in a page or fragment to be remembered."""
    return TOKEN_MARKER


class Fragments:
    """Renders fragments of one page with the page's template context (the CSRF token a marker: the page
    is finished by app/reports/page.py unmark())."""

    def __init__(self, context: dict[str, Any]):
        self.context = {**context, "token": TOKEN_MARKER, "csrf_token": token_marker}
        current_app.update_template_context(self.context)  # the page's own values win over the processors'

    def raw(self, memo: Memo | None, key: Hashable, name: str, **values) -> str:
        """Template `name` with `values`, remembered under `key` (memo None: not remembered), marker kept."""
        def compute() -> str:
            return current_app.jinja_env.get_template(name).render({**self.context, **values})
        return compute() if memo is None else memo.get(key, compute)

    def finish(self, html: str) -> Markup:
        """Rendered fragments, safe to put into the page as they are (marker kept)."""
        return Markup(html)


def block_key(page: tuple, row, extras: Callable[[Any], tuple]) -> tuple:
    """What one block shows: `page` (report, path, role, editable), the section and its place, `extras(section)`."""
    s = row.section
    return (page, s.id, s.version, s.node_type, s.owner_id, row.depth, row.number,
            text_digest(s.heading, s.lead, s.body), extras(s))


def blocks_html(fragments: Fragments, page: tuple, rows, extras: Callable[[Any], tuple],
                fresh: set[int]) -> Markup:
    """Every block, joined; the sections in `fresh` (a conflict or refused text shown) are rendered anew."""
    parts = [fragments.raw(None if row.section.id in fresh else _blocks, block_key(page, row, extras),
                           "reports/_block.html", row=row) for row in rows]
    return fragments.finish("\n".join(parts))


def picker_html(fragments: Fragments, key: Hashable, picker: Callable[[], list[tuple[str, list]]]) -> Markup:
    """The picker's groups, `picker()` rendered once per `key` (all it is computed from)."""
    return fragments.finish(_pickers.get(key, lambda: fragments.raw(None, None, "reports/_picker.html", picker=picker())))


def outline_html(fragments: Fragments, page: dict) -> tuple[Markup, Markup]:
    """The outline's headings and the block menus' move targets: both show the heading rows only."""
    rows, headings = page["rows"], page["headings"]
    key = (page["report"].id, page["editable"],
           tuple((r.section.id, r.section.parent_id, r.section.node_type, r.depth, r.number, headings.get(r.section.id))
                 for r in rows))
    return (fragments.finish(fragments.raw(_outlines, ("outline", key), "reports/_outline.html")),
            fragments.finish(fragments.raw(_outlines, ("targets", key), "reports/_move_targets.html")))


def warnings_html(fragments: Fragments, warnings: list) -> Markup:
    key = tuple((w.section_id, w.code, w.message) for w in warnings)
    return fragments.finish(fragments.raw(_outlines, ("warnings", key), "reports/_warnings.html"))


def finding_key(findings) -> tuple:
    return tuple(tuple(getattr(f, name) for name in FINDING_FIELDS) for f in findings)


def comment_key(comments, names: dict) -> tuple:
    return tuple((c.id, c.user_id, names.get(c.user_id), c.created_at, c.body) for c in comments)
