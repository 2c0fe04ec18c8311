"""The preview's merged numbers as links to the ledger records behind them."""
from flask import current_app, url_for
from markupsafe import Markup, escape

from core.drafting import context as ctx
from core.drafting.trace import split_marked

from . import bp


def number_links(report, values: dict) -> dict[str, tuple[str, str]]:
    """Metric label → (records page, records JSON) for the preview's merged numbers."""
    period = ctx.report_period(report).as_text()
    traceable = "metrics.records" in current_app.view_functions
    return {label: (url_for("metrics.records", key=value.key, period=period) if traceable else "",
                     url_for("reports.number_records", report_id=report.id, key=value.key))
            for label, value in values.items() if value.key}


@bp.app_template_filter("traced")
def traced(text: str, links: dict) -> Markup:
    """Merged text with each number as a link to its records (plain text for report variables)."""
    out = []
    for name, shown in split_marked(text):
        link = links.get(name) if name else None
        if link:
            out.append(Markup('<a class="num" href="{0}" data-trace="{1}" title="{2}：查看依据的台账记录">{3}</a>')
                       .format(link[0] or link[1], link[1], name, shown))
        else:
            out.append(escape(shown))
    return Markup("").join(out)
