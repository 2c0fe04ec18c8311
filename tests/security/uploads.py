"""Builders of hostile and genuine Office files for the upload tests."""
import io
import zipfile

import openpyxl


def xlsx_bytes(rows: int = 3) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["日期", "类型", "标题"])
    for i in range(rows):
        sheet.append(["2024-03-01", "会议", f"第{i}次会议"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """A copy of an Office zip with some parts replaced or added."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, (replace or {}).get(item.filename, source.read(item.filename)))
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def xlsm_renamed() -> bytes:
    """A macro-enabled workbook (vbaProject.bin, macroEnabled content type), to be named .xlsx."""
    data = xlsx_bytes()
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    return rezip(data, replace={"[Content_Types].xml": types}, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\0" * 512})


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("政协工作报告")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docm_bytes() -> bytes:
    data = docx_bytes()
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").replace(
        b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml")
    return rezip(data, replace={"[Content_Types].xml": types}, add={"word/vbaProject.bin": b"\0" * 512})


def zip_bomb(unpacked_mb: int = 120) -> bytes:
    """A zip whose one member inflates from ~100 KB to `unpacked_mb` MB of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        with archive.open("xl/workbook.xml", "w") as member:
            block = b"\0" * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(block)
    return out.getvalue()


def xlsx_with_bombed_sheet() -> bytes:
    """A genuine workbook whose sheet is one highly compressible 60 MB part."""
    sheet = b'<?xml version="1.0"?><worksheet><sheetData>' + b" " * (60 * 1024 * 1024) + b"</sheetData></worksheet>"
    return rezip(xlsx_bytes(), replace={"xl/worksheets/sheet1.xml": sheet})


def huge_xlsx(rows: int = 60_000) -> bytes:
    """A genuine workbook with `rows` rows (a small file that would take the importer minutes)."""
    body = b"".join(b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x%d</t></is></c></row>' % (i, i, i)
                    for i in range(1, rows + 1))
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData>' + body + b"</sheetData></worksheet>")
    return rezip(xlsx_bytes(), replace={"xl/worksheets/sheet1.xml": sheet})


def docx_bomb() -> bytes:
    """A genuine document carrying one part that inflates to 120 MB."""
    return rezip(docx_bytes(), add={"word/media/image1.png": b"\0" * (120 * 1024 * 1024)})
