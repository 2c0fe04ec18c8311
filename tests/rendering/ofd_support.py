"""Reading what the independent tools give back: ofd-cli's BMP pages, pdftoppm's PGM pages, pdftotext."""
import html
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path


def ofd_cli() -> str | None:
    """The ofd-cli binary (scripts/install_system_deps.sh puts it in /usr/local/bin), or $OFD_CLI."""
    return os.environ.get("OFD_CLI") or shutil.which("ofd-cli")


def run_ofd_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([ofd_cli(), *args], capture_output=True, text=True, timeout=120)


def pdf_text(pdf: Path) -> str:
    """poppler's words in reading order; -bbox keeps a line-end hyphen (0791- / 1234567) that plain
    pdftotext joins away."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(html.unescape(word) for word in re.findall(r"<word[^>]*>(.*?)</word>", out))


def squeeze(text: str) -> str:
    return re.sub(r"\s", "", text)


def read_bmp(data: bytes) -> list[list[tuple[int, int, int]]]:
    """Rows of (r, g, b), top row first, from a 24- or 32-bit BMP."""
    offset, = struct.unpack_from("<I", data, 10)
    width, height, _, bits, compression = struct.unpack_from("<iiHHI", data, 18)
    step = bits // 8
    masks = struct.unpack_from("<III", data, 54) if compression == 3 else (0xFF0000, 0xFF00, 0xFF)
    shifts = [(m & -m).bit_length() - 1 for m in masks]
    stride = (width * step + 3) // 4 * 4
    rows = []
    for r in range(abs(height)):
        base = offset + r * stride
        row = []
        for x in range(width):
            pixel = int.from_bytes(data[base + x * step: base + x * step + step], "little")
            row.append(tuple((pixel & m) >> s for m, s in zip(masks, shifts)))
        rows.append(row)
    return rows[::-1] if height > 0 else rows


def gray_of_bmp(data: bytes) -> list[list[int]]:
    return [[round(0.299 * r + 0.587 * g + 0.114 * b) for r, g, b in row] for row in read_bmp(data)]


def read_pgm(data: bytes) -> list[list[int]]:
    magic, size, _maxval, body = data.split(b"\n", 3)
    assert magic == b"P5"
    width, height = map(int, size.split())
    return [list(body[r * width:(r + 1) * width]) for r in range(height)]


def _blocks(image: list[list[int]], n: int) -> list[float]:
    rows, cols = len(image) // n, len(image[0]) // n
    return [sum(image[y * n + j][x * n + i] for j in range(n) for i in range(n)) / (n * n)
            for y in range(rows) for x in range(cols)]


def page_difference(a: list[list[int]], b: list[list[int]], block: int = 6) -> tuple[float, float]:
    """(share of blocks whose mean grey differs by more than 40, mean difference) of two page images
    cropped to their common size: block means forgive anti-aliasing and glyph rasterising."""
    height, width = min(len(a), len(b)), min(len(a[0]), len(b[0]))
    blocks_a = _blocks([row[:width] for row in a[:height]], block)
    blocks_b = _blocks([row[:width] for row in b[:height]], block)
    diffs = [abs(x - y) for x, y in zip(blocks_a, blocks_b)]
    return sum(d > 40 for d in diffs) / len(diffs), sum(diffs) / len(diffs)
