"""OFD (GB/T 33190-2016) from the PDF LibreOffice makes: real text (one TextObject per line with each
character's DeltaX), the fonts embedded as subsets under their official names, rules and table
borders as PathObjects in their colours. See drawing (what a page draws), pdfread (reading it with
pdfminer, imported only when a PDF is read), fonts (subset files), writer (the package)."""
from .fonts import embedded_font
from .writer import DocInfo, build_ofd

__all__ = ["DocInfo", "OfdFailed", "pdf_to_ofd"]


class OfdFailed(RuntimeError):
    """The PDF could not be read; the message is for the user."""


def pdf_to_ofd(pdf: bytes, info: DocInfo | None = None) -> bytes:
    """The OFD of a PDF made by LibreOffice (any PDF with embedded or installed fonts works)."""
    from .pdfread import read_pdf

    try:
        pages = read_pdf(pdf)
    except Exception as error:  # noqa: BLE001 - pdfminer raises many kinds on a damaged file
        raise OfdFailed(f"无法读取 PDF，未能生成 OFD：{type(error).__name__}") from error
    if not pages:
        raise OfdFailed("PDF 没有页面，未能生成 OFD")
    used: dict[str, set[str]] = {}
    for page in pages:
        for line in page.lines:
            used.setdefault(line.font, set()).update("".join(line.text))
    fonts = {name: embedded_font(name, "".join(sorted(chars))) for name, chars in used.items()}
    return build_ofd(pages, fonts, info or DocInfo())
