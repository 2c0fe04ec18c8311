"""Where a `next` field may send the browser back to: a path on this site, never another host.

Every view that honours `next` (login, 重试, the review and proofreading buttons) goes through
`safe_next`, so an open redirect cannot come back through one view that checks a little less.
"""
from urllib.parse import urlsplit

from wtforms import StringField

from app.forms import PostedForm, QueryForm


def is_same_site_path(target: str | None) -> bool:
    """True for a relative path such as /reports/3?tab=2; false for //host, /\\host, a scheme, control
    characters (browsers drop tabs and newlines, so "/\\t/host" would become "//host")."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(c) < 32 or ord(c) == 127 for c in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, fallback: str) -> str:
    """`target` when it is a same-site path, else `fallback`."""
    return target if is_same_site_path(target) else fallback


class NextForm(PostedForm):
    """The hidden `next` field of a button that should come back to the page it was on."""

    next = StringField(default="")

    def target(self, fallback: str) -> str:
        return safe_next(self.next.data, fallback)


class NextQuery(QueryForm):
    """?next= on a page reached by a redirect (the login page)."""

    next = StringField(default="")

    def target(self, fallback: str) -> str:
        return safe_next(self.next.data, fallback)


def posted_next(fallback: str) -> str:
    """The posted `next`, if it is safe, else `fallback`."""
    return NextForm().target(fallback)
