"""汇编: one official-format .docx from every current submission to a request.

Cover and table of contents, then each submitted report exactly as sent (in committee order),
then the 数据汇总 tables. Cover and tables are DocumentContents rendered by the project's
renderer; the reports' own .docx bodies are appended after them, styles taken from the cover's
template so the whole book reads as one document. python-docx is imported where a book is built.
"""
import copy
import io
from datetime import date

from sqlalchemy.orm import Session

from core.kinds import period_kind_label
from core.metrics.formats import cn_date
from core.rendering.document import Block, DocumentContent
from core.times import beijing_today
from data_models import CollectionRequest

from . import UpwardError
from . import messages as msg
from .requests import period_of, target_statuses
from .rollup import KEY_METRICS, request_rollup, source_rows, summary_rows, total_notes

FRAME_KIND = "annual_summary"  # the neutral, signed template the cover and the tables use
COLUMNS_PER_TABLE = 4


def compile_request(session: Session, request_id: int, today: date | None = None) -> bytes:
    """The 汇编 .docx of a request; refused while nothing has been submitted."""
    from core.rendering.docx import render_docx

    request = session.get(CollectionRequest, request_id)
    entries = [(s.committee, s.submission) for s in target_statuses(session, request) if s.submission]
    if not entries:
        raise UpwardError(msg.NO_SUBMISSIONS)
    today = today or beijing_today()
    summary = summary_content(session, request, today)
    front = render_docx(cover_content(request, entries, today, summary.title))
    back = render_docx(summary)
    return merge_docx(front, [s.docx for _, s in entries] + [back])


def compilation_title(request: CollectionRequest) -> str:
    kind = period_kind_label(period_of(request).label, request.kind)
    return f"{request.committee.short_name.removesuffix('政协')}政协系统{kind}汇编"


def cover_content(request: CollectionRequest, entries: list, today: date, summary_title: str = "") -> DocumentContent:
    """Cover (title, issuer, date: an unnumbered first page) and the table of contents, whose page numbers
    the PDF conversion fills in (a TOC field over each document's title)."""
    titles = [[submission.title] for _, submission in entries] + ([[summary_title]] if summary_title else [])
    return DocumentContent(
        kind=FRAME_KIND, title=compilation_title(request), committee_name=request.committee.name,
        subtitle_lines=[f"{request.committee.name}办公室编", cn_date(today)],
        blocks=[Block("page_break"), Block("heading1", text="目录", align="center"), Block("toc", rows=titles)],
    )


def summary_content(session: Session, request: CollectionRequest, today: date) -> DocumentContent:
    """The 数据汇总: where each unit's figures came from, then key metrics per unit with the 合计 row."""
    rollup = request_rollup(session, request)
    header, rows, total = summary_rows(rollup, KEY_METRICS)
    blocks = [Block("paragraph", text=f"下表汇总{period_of(request).label}主要工作数据。{msg.ROLLUP_RULE}"),
              Block("table", rows=source_rows(rollup))]
    for start in range(1, len(header), COLUMNS_PER_TABLE):
        columns = [0, *range(start, min(start + COLUMNS_PER_TABLE, len(header)))]
        blocks.append(Block("paragraph"))  # a blank line, or adjacent tables read as one
        blocks.append(Block("table", rows=[[row[c] for c in columns] for row in [header, *rows, total]]))
    blocks += [Block("paragraph", text=note) for note in total_notes(rollup, KEY_METRICS)]
    return DocumentContent(kind=FRAME_KIND, title=f"{period_of(request).label}主要工作数据汇总",
                           committee_name=request.committee.name, blocks=blocks,
                           signature=f"{request.committee.name}办公室", date=cn_date(today))


def merge_docx(first: bytes, others: list[bytes]) -> bytes:
    """Append the bodies of `others` to `first`, each from a new page; page setup and footers stay `first`'s."""
    from docx import Document
    from docx.oxml.ns import qn

    from core.rendering.rules import page_breaks_before

    target = Document(io.BytesIO(first))
    body = target.element.body
    final_sect = body.find(qn("w:sectPr"))
    for data in others:
        source = Document(io.BytesIO(data))
        _copy_missing_styles(source, target)
        final_sect.addprevious(_page_break())
        for element in list(source.element.body):
            if element.tag == qn("w:sectPr"):
                continue
            element = copy.deepcopy(element)
            for inner in element.findall(f".//{qn('w:sectPr')}"):  # section breaks point at the source's footers
                inner.getparent().remove(inner)
            _drop_relationship_refs(element)
            final_sect.addprevious(element)
    page_breaks_before(body)
    out = io.BytesIO()
    target.save(out)
    return out.getvalue()


def _drop_relationship_refs(element) -> None:
    """Pictures and links point at parts of the source file that the 汇编 lacks: keep links' text, drop pictures."""
    from docx.oxml.ns import qn

    r_ns = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
    for node in list(element.iter()):
        refs = [name for name in node.attrib if name.startswith(r_ns)]
        if not refs:
            continue
        if node.tag == qn("w:hyperlink"):
            for name in refs:
                del node.attrib[name]
            continue
        run = next((a for a in node.iterancestors(qn("w:r"))), None)
        victim = run if run is not None else node
        if victim.getparent() is not None:
            victim.getparent().remove(victim)


def _page_break():
    from docx.oxml import parse_xml

    return parse_xml('<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                     '<w:r><w:br w:type="page"/></w:r></w:p>')


def _copy_missing_styles(source, target) -> None:
    """A style the appended report uses but the cover's template lacks is copied over."""
    from docx.oxml.ns import qn

    have = {s.get(qn("w:styleId")) for s in target.styles.element.findall(qn("w:style"))}
    for style in source.styles.element.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in have:
            target.styles.element.append(copy.deepcopy(style))



COMPILE_RUN = "生成汇编"


def run_compilation(job) -> None:
    """The compile job's body: the 汇编 is kept on its run (TaskRun.output) for the page to offer."""
    try:
        job.run.output = compile_request(job.session, job.run.request_id)
    except UpwardError as error:
        job.fail(str(error))
        return
    job.succeed({"bytes": len(job.run.output)}, msg.COMPILED)
