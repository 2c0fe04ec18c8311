"""What a kept version is called and says about itself: download names, OFD state and document information."""
import re

from sqlalchemy.orm import Session

from core.kinds import layout_for
from core.metrics.periods import Period
from data_models import OfdState, RenderedDocument, Report


def download_name(report: Report, extension: str = "docx") -> str:
    """政协XX县委员会2023年工作总结.docx, 政协XX市委员会2023年上半年工作总结.pdf"""
    name = report.committee.name + Period(report.period_start, report.period_end).label + layout_for(report.kind).label
    return re.sub(r'[\\/:*?"<>|\s]+', "", name) + f".{extension}"


def request_ofd(document: RenderedDocument) -> bool:
    """Mark a version's OFD as wanted; False when it is already made or on its way (nothing to start)."""
    if document.ofd_state not in OfdState.REQUESTABLE:
        return False
    document.ofd_state, document.ofd_error = OfdState.PENDING, ""
    return True


def ofd_info(session: Session, document: RenderedDocument):
    """The OFD's document information: title, the committee as author, the render date, the kind."""
    from core.rendering.ofd import DocInfo  # pdfminer and fonts load only when an OFD is made

    report = session.get(Report, document.report_id)
    created = document.created_at.date() if document.created_at else None
    return DocInfo(title=report.title, author=report.committee.name, created=created,
                   keywords=[layout_for(report.kind).label])
