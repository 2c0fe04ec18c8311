"""Text at the door: characters that XML (Word, Excel) cannot hold are removed from every input.

A title with \\x01 or \\x0b, a NUL, or a lone surrogate from a JSON body would otherwise be stored
and later break every render and export of the committee ("All strings must be XML compatible",
openpyxl's IllegalCharacterError, PostgreSQL's refusal of NUL). Tab, newline and CR are kept.
"""
import re
from typing import Any

# XML 1.0 Char production, negated: C0 controls except \t \n \r, surrogates, U+FFFE/U+FFFF.
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(value: str) -> str:
    """The text without characters an XML document cannot contain."""
    return XML_INVALID.sub("", value)


def clean_data(value: Any) -> Any:
    """clean_text applied to every string (keys too) in a JSON-like structure."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {clean_data(k): clean_data(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_data(v) for v in value]
    return value
