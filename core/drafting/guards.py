"""Who may change a report's text, and when: only while it is a draft or was returned."""
from data_models import Report, ReportStatus

from . import messages

class EditRefused(Exception):
    """Raised with a Chinese message when a report's text may not be changed now."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def is_editable(report: Report) -> bool:
    return report.status in ReportStatus.EDITABLE


def ensure_editable(report: Report) -> None:
    """Refuse edits while in review, approved or sent (the review workflow owns those states)."""
    if not is_editable(report):
        raise EditRefused(messages.NOT_EDITABLE.format(status=ReportStatus.label_of(report.status)))
