"""Checks on uploaded Office files before anything parses them: size, real type, macros, zip bombs.

The type is judged by content, not by the name: an .xlsx must be a zip holding a workbook whose
content types are the macro-free ones; a renamed .docm/.xlsm, an old binary .xls, a zip bomb or a
sheet too large to import is refused with a Chinese message, before openpyxl sees it.
"""
import io
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

MB = 1024 * 1024
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls/.doc (binary Office, may carry macros)
MACRO_MARKERS = ("vbaproject.bin", "vbadata.xml", "macroenabled", "activex")


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * MB  # the upload itself: MAX_UPLOAD_MB (core.config), 20 when unset
    max_unpacked: int = 100 * MB  # all members decompressed
    max_ratio: int = 200  # decompressed / compressed per member
    max_members: int = 2000
    max_rows: int = 50_000  # rows over all worksheets


def upload_limits(max_upload_bytes: int) -> Limits:
    """The limits of one deployment: its MAX_UPLOAD_MB for the file, the fixed caps inside it."""
    return Limits(max_bytes=max_upload_bytes)


@dataclass(frozen=True)
class Kind:
    label: str
    extensions: tuple[str, ...]
    main_part: str  # a part every genuine file of this kind has
    content_type: str  # its macro-free main content type


XLSX = Kind("Excel 工作簿（.xlsx）", (".xlsx",), "xl/workbook.xml",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")
DOCX = Kind("Word 文档（.docx）", (".docx",), "word/document.xml",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")


class UploadRefused(ValueError):
    """The file is refused; str(error) is the Chinese message for the user."""


def check_upload(stream: BinaryIO | bytes, filename: str, kind: Kind = XLSX, limits: Limits = Limits()) -> bytes:
    """The file's bytes if it is a genuine, macro-free, reasonably sized file of `kind`; else UploadRefused."""
    name = (filename or "").strip()
    if not name.lower().endswith(kind.extensions):
        raise UploadRefused(f"只接受{kind.label}文件，“{name or '未命名文件'}”的类型不符。")
    data = stream if isinstance(stream, bytes) else stream.read(limits.max_bytes + 1)
    if not data:
        raise UploadRefused("上传的文件是空的。")
    if len(data) > limits.max_bytes:
        raise UploadRefused(f"文件过大：上限为 {_mb(limits.max_bytes)} MB。")
    if data.startswith(OLE_MAGIC):
        raise UploadRefused(f"该文件是旧版二进制 Office 格式（可能含宏），请另存为{kind.label}后再上传。")
    if not data.startswith(ZIP_MAGIC):
        raise UploadRefused(f"文件内容不是{kind.label}，可能是改了扩展名的其他文件。")
    _check_package(data, kind, limits)
    return data


def _check_package(data: bytes, kind: Kind, limits: Limits) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        raise UploadRefused(f"文件已损坏，无法作为{kind.label}读取。") from None
    names = {m.filename.lower() for m in members}
    if len(members) > limits.max_members:
        raise UploadRefused("文件内部结构异常（条目过多），已拒绝。")
    if "[content_types].xml" not in names or kind.main_part not in names:
        raise UploadRefused(f"文件内容不是{kind.label}，可能是改了扩展名的其他文件。")
    with archive:
        _check_sizes(archive, members, limits)
        types = _read(archive, archive.getinfo("[Content_Types].xml"), limits).decode("utf-8", "replace").lower()
    if any(marker in name for name in names for marker in MACRO_MARKERS) or "macroenabled" in types:
        raise UploadRefused("文件包含宏或控件（如 .xlsm/.docm），出于安全原因不予接受，请另存为不含宏的文件。")
    if kind.content_type not in types:
        raise UploadRefused(f"文件内容不是{kind.label}，可能是改了扩展名的其他文件。")


def _check_sizes(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo], limits: Limits) -> None:
    """Decompress every member with caps (declared sizes can lie); count worksheet rows."""
    total = rows = 0
    for member in members:
        if member.file_size > limits.max_unpacked or \
                member.file_size > max(member.compress_size, 1) * limits.max_ratio + 64 * 1024:
            raise UploadRefused(_TOO_BIG)
        content = _read(archive, member, limits, budget=limits.max_unpacked - total)
        total += len(content)
        if member.filename.startswith("xl/worksheets/"):
            rows += content.count(b"<row ") + content.count(b"<row>")
            if rows > limits.max_rows:
                raise UploadRefused(f"工作表行数过多（上限 {limits.max_rows} 行），请拆分后分批导入。")


def _mb(size: int) -> str:
    return f"{size / MB:g}"


_TOO_BIG = "文件解压后体积异常（疑似压缩炸弹）或过大，已拒绝。"


def _read(archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits, budget: int | None = None) -> bytes:
    budget = limits.max_unpacked if budget is None else budget
    chunks, size = [], 0
    try:
        with archive.open(member) as handle:
            while chunk := handle.read(1024 * 1024):
                size += len(chunk)
                if size > budget or size > max(member.compress_size, 1) * limits.max_ratio + 64 * 1024:
                    raise UploadRefused(_TOO_BIG)
                chunks.append(chunk)
    except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, OSError):
        raise UploadRefused("文件已损坏或已加密，无法读取。") from None
    return b"".join(chunks)
