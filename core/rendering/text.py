"""Text rules applied before layout: full-width punctuation (GB/T 15834), title lines, widths."""
import re

from .fonts import ASIAN_LATIN_GAP, gap_between

_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2014\u2026\u201c\u201d]")
_HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
# Characters XML 1.0 cannot carry (pasted from old Word files); they would corrupt the .docx.
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


_NEEDS_WORK = re.compile(r"[\x00-\x1f\"',;:?!()\ufffe\uffff]")


def full_width(text: str) -> str:
    """Chinese text with Chinese quotation marks and full-width punctuation next to Chinese characters."""
    if not text or not _NEEDS_WORK.search(text):
        return text or ""  # most Chinese text: nothing to change, no per-character pass
    text = _XML_INVALID.sub("", text).replace("\r", "").replace("\n", "")
    out: list[str] = []
    double_open = single_open = True
    for i, ch in enumerate(text):
        prev, nxt = (text[i - 1] if i else ""), (text[i + 1] if i + 1 < len(text) else "")
        if ch == '"':
            out.append("\u201c" if double_open else "\u201d")
            double_open = not double_open
        elif ch == "'" and (_is_cjk(prev) or _is_cjk(nxt)):
            out.append("\u2018" if single_open else "\u2019")
            single_open = not single_open
        elif ch in _HALF_TO_FULL and (_is_cjk(prev) or _is_cjk(nxt)) and not _between_digits(prev, nxt, ch):
            out.append(_HALF_TO_FULL[ch])
        else:
            out.append(ch)
    return "".join(out)


def _between_digits(prev: str, nxt: str, ch: str) -> bool:
    """1,000 and 10:30 keep their half-width separators."""
    return ch in ",:" and prev.isdigit() and nxt.isdigit()


def display_width(text: str) -> float:
    """Width in 3号 characters: Chinese characters count one, digits and Latin letters half (7.3.5)."""
    return sum(0.5 if ord(ch) < 0x2000 else 1.0 for ch in text)


def printed_width(text: str) -> float:
    """display_width plus the gap Word and LibreOffice print where Chinese meets digits (2023 年 12 月):
    the width a signature or date line really takes, so the 7.3.5 offsets hold on paper."""
    return display_width(text) + ASIAN_LATIN_GAP * sum(gap_between(a, b) for a, b in zip(text, text[1:]))
