"""Fonts for the OFD: the font file each PDF font came from, cut to the characters used, and the
official name it stands for (fonts/fonts.conf read backwards).

Subsetting goes through HarfBuzz's hb-subset (libharfbuzz-subset, installed with LibreOffice) over
ctypes: fontTools' subsetter needs about 2 s for the 600 characters of a CJK report, hb-subset a few
milliseconds. Without the library or the font file a font is referenced by name only.
"""
import ctypes
import ctypes.util
import logging
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from functools import lru_cache

from core.rendering.pdf import FONTCONFIG_FILE, office_env

logger = logging.getLogger(__name__)
# Tables a positioned text layer never reads: layout, vertical metrics, colour, hinting programmes.
_DROPPED_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "vhea", "vmtx", "VORG", "DSIG", "FFTM")
_SETS_DROP_TABLE_TAG = 3  # hb_subset_sets_t
_FLAGS_NO_HINTING = 0x1  # hb_subset_flags_t


@dataclass(frozen=True)
class FontFace:
    """One face of an installed font file."""

    path: str
    index: int
    postscript: str
    family: str
    style: str


@dataclass(frozen=True)
class EmbeddedFont:
    """What the OFD writes for one PDF font: its official name and, when found, a subset file."""

    name: str
    data: bytes | None
    extension: str = "otf"


def base_name(pdf_font_name: str) -> str:
    """ABCDEF+FandolFang-Regular → FandolFang-Regular (the subset tag off)."""
    head, sep, tail = pdf_font_name.partition("+")
    return tail if sep and len(head) == 6 and head.isupper() else pdf_font_name


@lru_cache(maxsize=1)
def installed_faces() -> dict[str, list[FontFace]]:
    """Installed faces by PostScript name, as LibreOffice's fontconfig sees them."""
    try:
        out = subprocess.run(["fc-list", "-f", "%{file}|%{index}|%{postscriptname}|%{family[0]}|%{style[0]}\n"],
                             capture_output=True, text=True, timeout=30, env=office_env()).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    faces: dict[str, list[FontFace]] = {}
    for line in out.splitlines():
        parts = line.split("|")
        if len(parts) == 5 and parts[1].isdigit():
            face = FontFace(parts[0], int(parts[1]), parts[2], parts[3], parts[4])
            faces.setdefault(face.postscript, []).append(face)
    return faces


def face_for(pdf_font_name: str) -> FontFace | None:
    """The installed face a PDF font was cut from.

    LibreOffice names an OpenType-CFF font after its CFF table (NotoSerifCJKjp-Bold-VKana); in a
    CJK collection every face shares that table, and fonts.conf asks for the SC face, whose cmap
    is the one LibreOffice used: so a collection's SC sibling wins.
    """
    faces = installed_faces()
    name = base_name(pdf_font_name)
    while name and name not in faces:
        name = name.rpartition("-")[0] if "-" in name else ""
    if not name:
        return None
    face = faces[name][0]
    siblings = [f for group in faces.values() for f in group
                if f.path == face.path and f.style == face.style and f.family.endswith(" SC")]
    return siblings[0] if siblings else face


@lru_cache(maxsize=1)
def official_names() -> dict[tuple[str, bool], str]:
    """(free family, bold) → the first official name fonts.conf maps to it (FandolFang → 仿宋_GB2312)."""
    names: dict[tuple[str, bool], str] = {}
    try:
        root = ET.parse(FONTCONFIG_FILE).getroot()
    except (OSError, ET.ParseError):
        return names
    for match in root.iter("match"):
        official = match.findtext("test/string")
        target = match.findtext("edit[@name='family']/string")
        bold = match.find("edit[@name='weight']") is not None
        if official and target:
            names.setdefault((target, bold), official)
    return names


def official_name(face: FontFace | None, pdf_font_name: str) -> str:
    """The name the .docx asked for, where fonts.conf tells; else the font's own family."""
    if face is None:
        return base_name(pdf_font_name)
    bold = "bold" in face.style.lower()
    return official_names().get((face.family, bold)) or face.family


def embedded_font(pdf_font_name: str, text: str) -> EmbeddedFont:
    """The subset font file for `text` in the face the PDF used, under its official name."""
    face = face_for(pdf_font_name)
    name = official_name(face, pdf_font_name)
    if face is None:
        logger.warning("OFD: no installed font for %s; referenced by name only", pdf_font_name)
        return EmbeddedFont(name, None)
    data = subset(face.path, face.index, {ord(c) for c in text})
    extension = "otf" if data and data[:4] == b"OTTO" else "ttf"
    return EmbeddedFont(name, data, extension)


class _HarfBuzz:
    """The few hb-subset calls we need, typed for ctypes."""

    def __init__(self):
        hb = ctypes.CDLL(ctypes.util.find_library("harfbuzz") or "libharfbuzz.so.0")
        sub = ctypes.CDLL(ctypes.util.find_library("harfbuzz-subset") or "libharfbuzz-subset.so.0")
        p, u = ctypes.c_void_p, ctypes.c_uint
        for lib, name, res, args in [
            (hb, "hb_blob_create_from_file", p, [ctypes.c_char_p]), (hb, "hb_face_create", p, [p, u]),
            (hb, "hb_face_reference_blob", p, [p]), (hb, "hb_blob_get_data", p, [p, ctypes.POINTER(u)]),
            (hb, "hb_blob_destroy", None, [p]), (hb, "hb_face_destroy", None, [p]), (hb, "hb_set_add", None, [p, u]),
            (sub, "hb_subset_input_create_or_fail", p, []), (sub, "hb_subset_input_unicode_set", p, [p]),
            (sub, "hb_subset_input_set", p, [p, ctypes.c_int]), (sub, "hb_subset_input_set_flags", None, [p, u]),
            (sub, "hb_subset_or_fail", p, [p, p]), (sub, "hb_subset_input_destroy", None, [p]),
        ]:
            function = getattr(lib, name)
            function.restype, function.argtypes = res, args
            setattr(self, name, function)


@lru_cache(maxsize=1)
def harfbuzz() -> _HarfBuzz | None:
    try:
        return _HarfBuzz()
    except (OSError, AttributeError) as error:
        logger.warning("OFD: hb-subset unavailable (%s); fonts referenced by name only", error)
        return None


@lru_cache(maxsize=16)
def _face(path: str, index: int) -> int:
    """An hb_face for the process (the blob is memory-mapped, so this is cheap and shared)."""
    hb = harfbuzz()
    blob = hb.hb_blob_create_from_file(path.encode())
    face = hb.hb_face_create(blob, index)
    hb.hb_blob_destroy(blob)  # the face holds its own reference
    return face


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


def subset(path: str, index: int, codepoints: set[int]) -> bytes | None:
    """The face cut to `codepoints` (plus .notdef), without layout tables or hinting."""
    hb = harfbuzz()
    if hb is None:
        return None
    plan = hb.hb_subset_input_create_or_fail()
    try:
        unicodes = hb.hb_subset_input_unicode_set(plan)
        for codepoint in sorted(codepoints):
            hb.hb_set_add(unicodes, codepoint)
        drop = hb.hb_subset_input_set(plan, _SETS_DROP_TABLE_TAG)
        for table in _DROPPED_TABLES:
            hb.hb_set_add(drop, _tag(table))
        hb.hb_subset_input_set_flags(plan, _FLAGS_NO_HINTING)
        result = hb.hb_subset_or_fail(_face(path, index), plan)
        if not result:
            return None
        blob = hb.hb_face_reference_blob(result)
        length = ctypes.c_uint()
        data = ctypes.string_at(hb.hb_blob_get_data(blob, ctypes.byref(length)), length.value)
        hb.hb_blob_destroy(blob)
        hb.hb_face_destroy(result)
        return data or None
    finally:
        hb.hb_subset_input_destroy(plan)
