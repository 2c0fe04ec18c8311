"""The editor page of a report: rendered from remembered fragments, and remembered whole.

A GET of the editor renders the page once per (report as stored, viewer): the report row, a stamp of
everything else the page shows (core/drafting/stamp.py, read with the report in one statement) and who
looks at it make the key, so the next GET of the same page costs two small queries (the user; the report
with its stamp) and one join of the remembered bytes. Whatever differs per response (the CSRF token, the
CSP nonce) is a marker in the remembered page, put in by unmark(). Pages with a flashed message, a refused or conflicting text, or of a
committee with subordinates (roll-ups the stamp does not cover) are rendered anew every time.
"""
import datetime
import re
from types import SimpleNamespace
from urllib.parse import quote

from flask import current_app, render_template, request, session, url_for
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from app.extensions import db
from app.proofreading.routes import proofread_of
from app.scoping import get_own_row_or_404, own
from app.security import csp_nonce
from core.drafting import context as ctx
from core.drafting.chips import chips, metric_shown, placeholder_codes
from core.drafting.document import checked_outline, state_key
from core.drafting.guards import is_editable
from core.drafting.merge import make_environment, merge_text, plain
from core.drafting.reports import SETTING_FIELDS
from core.drafting.stamp import metrics_state, report_row, report_with_stamp, stamp_of
from core.drafting.tree import load_sections
from core.kinds import kind_choices
from core.memo import Memo
from core.metrics import formats
from core.metrics.cache import catalogue_of
from core.metrics.definitions import cached_specs
from core.proofreading import terms
from core.review.comments import comments_by_section
from data_models import Report, Section, User
from data_models.report import NodeType

from . import fragments

NONCE_MARKER = "\x01nonce\x01"  # like fragments.TOKEN_MARKER: no stored text can hold it
_pages = Memo(128)  # whole pages, marked, in UTF-8: 60–200 KB each


def editor_response(report_id: int) -> bytes:
    """The editor page of a report for the signed-in user, remembered while nothing it shows changes.
    The report, its committee and the page's stamp are read in one statement."""
    report, *parts = get_own_row_or_404(Report, report_id, report_with_stamp())
    stamp = stamp_of(tuple(parts))
    key = _page_key(report, stamp)
    render = lambda: cut(editor_html(report, stamp=stamp))  # noqa: E731
    return unmark(render() if key is None else _pages.get(key, render))


def _page_key(report: Report, stamp: tuple | None) -> tuple | None:
    """Everything the page is made of, or None when it is not to be remembered."""
    if stamp is None or session.get("_flashes"):
        return None
    user = current_user
    return (str(db.engine.url), request.full_path, stamp, terms.version(), datetime.date.today(), report_row(report),
            (user.id, user.role, user.username, user.display_name, user.platform_admin))


_MARKERS = re.compile(b"(%s|%s)" % (re.escape(fragments.TOKEN_MARKER.encode()), re.escape(NONCE_MARKER.encode())))


def cut(html: str) -> tuple[bytes, ...]:
    """A marked page in UTF-8, cut at its markers: text, marker, text, … (a 60-block page holds ~75)."""
    return tuple(_MARKERS.split(html.encode("utf-8")))


def unmark(pieces: tuple[bytes, ...]) -> bytes:
    """The response's bytes: cut() pieces joined, this response's CSRF token and CSP nonce for the markers."""
    fill = {fragments.TOKEN_MARKER.encode(): generate_csrf().encode(), NONCE_MARKER.encode(): csp_nonce().encode()}
    joined = list(pieces)
    joined[1::2] = [fill[marker] for marker in pieces[1::2]]
    return b"".join(joined)


def clear() -> None:
    _pages.clear()


def editor_html(report: Report, conflict=None, refused=None, stamp: tuple | None = None) -> str:
    """The page, marked (unmark() it): `conflict` or `refused` a text shown back to its writer, `stamp`
    the report's stamp when the caller has read it."""
    sections = load_sections(db.session, report.id)  # once for the outline, the warnings and proofreading
    metrics = ctx.metrics_state(db.session, report) if stamp is None else metrics_state(stamp)
    values, _error = ctx.safe_metric_values(db.session, report, state=metrics)
    state = state_key(report, values, sections)  # what the numbering, warnings and chips are computed from
    rows, warnings_list = checked_outline(db.session, report, values, sections, state)  # one tree for both
    warnings: dict = {}
    for warning in warnings_list:
        warnings.setdefault(warning.section_id, []).append(warning.message)
    users = db.session.scalars(own(User).order_by(User.id)).all()
    editor_json, headings = _editor_data(report, rows, values, state)
    editable = is_editable(report) and current_user.has_role("drafter")
    proofread = proofread_of(report, sections)
    page = dict(report=report, rows=rows, users=users, conflict=conflict, editable=editable,
                node_types=NodeType, node_names=NodeType.labels(), kinds=dict(kind_choices()),
                setting_fields=SETTING_FIELDS, warnings=warnings, warnings_list=warnings_list,
                owner_names={u.id: u.display_name or u.username for u in users},
                view_functions=current_app.view_functions, editor_json=editor_json, headings=headings,
                refused=refused, section_comments=comments_by_section(db.session, report.id),
                proofread_sections={f.section_id for f in proofread.findings},
                section_urls=_section_urls(report), menu_urls=_urls(report, MENU_URLS),
                marker=SECTION_MARKER, user_id=current_user.id, heading_types=NodeType.HEADINGS,
                readonly="" if editable else " readonly")
    pieces = fragments.Fragments(page)
    outline_html, move_targets_html = fragments.outline_html(pieces, page)
    return render_template("reports/edit.html", **page, blocks_html=_blocks_html(pieces, page, proofread),
                           csrf_token=fragments.token_marker, csp_nonce=lambda: NONCE_MARKER,
                           picker_html=_picker_html(pieces, report, values, state[-1], catalogue_of(metrics)),
                           outline_html=outline_html, move_targets_html=move_targets_html,
                           warnings_html=fragments.warnings_html(pieces, warnings_list))


def _blocks_html(pieces: "fragments.Fragments", page: dict, proofread):
    """The blocks, each remembered under what it shows (app/reports/fragments.py)."""
    names, comments, warnings = page["owner_names"], page["section_comments"], page["warnings"]
    viewer = (page["report"].id, request.path, current_user.role, page["editable"])

    def extras(section: Section) -> tuple:
        sid, owner = section.id, section.owner_id
        return (owner == page["user_id"], names.get(owner), tuple(warnings.get(sid, ())),
                fragments.finding_key(proofread.for_section(sid)) if sid in page["proofread_sections"] else (),
                fragments.comment_key(comments.get(sid, ()), names))

    fresh = {shown["section_id"] for shown in (page["conflict"], page["refused"]) if shown}
    return fragments.blocks_html(pieces, viewer, page["rows"], extras, fresh)


# A section id no report has: url_for builds each section URL once with it, then it is replaced per
# section (60 blocks, 5 links each, were 300 url_for calls per page) or, in the menu template, by the bundle.
SECTION_MARKER = "2147483647"
SECTION_URLS = {"text": "reports.save_text", "save": "reports.save_section", "history": "reports.history",
                "place": "reports.place_section"}
MENU_URLS = {"move": "reports.move_section", "place": "reports.place_section", "kind": "reports.set_kind",
             "owner": "reports.set_owner", "delete": "reports.delete_section"}


def _urls(report: Report, endpoints: dict) -> dict[str, str]:
    return {name: url_for(endpoint, report_id=report.id, section_id=int(SECTION_MARKER))
            for name, endpoint in endpoints.items()}


class _SectionUrls(dict):
    """Each block's links by section id, made when a fragment is rendered (a remembered block needs none)."""

    def __init__(self, patterns: dict[str, str]):
        super().__init__()
        self.patterns = patterns

    def __missing__(self, section_id: int) -> SimpleNamespace:
        self[section_id] = SimpleNamespace(**{name: url.replace(SECTION_MARKER, str(section_id))
                                              for name, url in self.patterns.items()})
        return self[section_id]


def _section_urls(report: Report) -> _SectionUrls:
    """Each block's links, from one url_for per kind of link."""
    return _SectionUrls(_urls(report, SECTION_URLS))


_editor_json = Memo(256)


def _editor_data(report: Report, rows, values: dict, state: tuple) -> tuple[Markup, dict[int, str]]:
    """What the editor script needs to show numbers as chips: each placeholder merged, each metric's value
    (as the page's JSON), and each heading merged; remembered under the report's `state` (state_key)."""
    def compute() -> tuple[str, dict]:
        env = make_environment(ctx.number_filters())
        context = ctx.merge_context(values, ctx.report_variables(report))
        codes = placeholder_codes(text for row in rows for text in (row.section.heading, row.section.lead, row.section.body))
        headings = {row.section.id: merge_text(env, row.section.heading, context).text for row in rows if row.section.heading}
        data = {"chips": chips(env, context, codes), "metrics": metric_shown(values), "headings": headings,
                "variables": {name: plain(value) for name, value in ctx.report_variables(report).items()}}
        policies = current_app.jinja_env.policies  # as the template's |tojson would write it
        return str(htmlsafe_json_dumps(data, policies["json.dumps_function"], **policies["json.dumps_kwargs"])), headings

    text, headings = _editor_json.get((report.id, state), compute)
    return Markup(text), dict(headings)


KEY_MARKER = "metric-key-marker"


def _picker_html(pieces: "fragments.Fragments", report: Report, values: dict, names: bytes, catalogue: tuple) -> Markup:
    """Every metric the committee defines, by group, with its current value and a link to the
    records behind it (the insert-number picker); remembered per `catalogue` version and values (`names`)."""
    period = ctx.report_period(report).as_text()
    traceable = "metrics.records" in current_app.view_functions
    link_of = url_for("metrics.records", key=KEY_MARKER, period=period) if traceable else ""  # one url_for
    key = (str(db.engine.url), report.committee_id, link_of, catalogue, names)
    return fragments.picker_html(pieces, key, lambda: _picker(report, values, link_of, catalogue))


def _picker(report: Report, values: dict, link_of: str, catalogue: tuple) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for spec in cached_specs(db.session, report.committee_id, catalogue):
        value = values.get(spec.label)
        link = link_of.replace(KEY_MARKER, quote(spec.key, safe="")) if link_of and value is not None else ""
        shown = formats.cell(value, with_unit=True) if value is not None else formats.MISSING_CELL
        groups.setdefault(spec.group or "其他", []).append((spec.label, spec.unit, shown, spec.kind, link))
    return list(groups.items())


