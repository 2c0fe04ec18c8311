"""Page numbers of a table of contents taken from the laid-out PDF, for a LibreOffice that cannot update the
TOC field itself (the cold, one-shot conversion in core/rendering/pdf.py; the kept one updates it over UNO)."""
import io
import re
import zipfile

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from .pdf_check import PdfToolMissing, pdf_pages
from .sections import TOC_STYLE_ID

_PRINTED_NUMBER = re.compile(r"—\s*(\d+)\s*—")


def has_toc(docx: bytes) -> bool:
    """The document body holds a TOC field."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as package:
            return b"TOC \\o" in package.read("word/document.xml")
    except (zipfile.BadZipFile, KeyError):
        return False


def fill_toc_pages(docx: bytes, pdf: bytes) -> bytes | None:
    """The .docx with each TOC entry's page number as printed on the page its document starts, or None."""
    try:
        pages = [re.sub(r"\s", "", page) for page in pdf_pages(pdf)]
    except (PdfToolMissing, ValueError):
        return None
    document = Document(io.BytesIO(docx))
    entries = [p for p in document.element.body.iter(qn("w:p"))
               if p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}[@{qn('w:val')}='{TOC_STYLE_ID}']") is not None]
    filled = 0
    for entry in entries:
        title = re.sub(r"\s", "", "".join(t.text or "" for t in entry.iter(qn("w:t"))))
        number = next((m.group(1) for page in pages[1:] if title and page.startswith(title)
                       for m in [_PRINTED_NUMBER.search(page)] if m), None)
        if number is not None:
            _append_number(entry, number)
            filled += 1
    if not filled:
        return None
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _append_number(entry, number: str) -> None:
    tab = next(iter(entry.iter(qn("w:tab"))), None)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = number
    run.append(text)
    if tab is not None:
        tab.getparent().addnext(run)
    else:
        entry.append(run)
