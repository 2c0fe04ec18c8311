"""What a PDF page draws, as plain data (pdfread fills it, writer turns it into OFD): lines of text and
painted paths, in PDF points with y upwards."""
from dataclasses import dataclass, field

Color = tuple[int, int, int]
BLACK: Color = (0, 0, 0)


@dataclass
class TextLine:
    """Characters on one baseline in one font, size and colour: one OFD TextObject."""

    font: str
    size: float
    color: Color
    y: float
    xs: list[float] = field(default_factory=list)
    text: list[str] = field(default_factory=list)
    last_advance: float = 0.0
    stroke: Color | None = None  # outlined as well as filled: LibreOffice's bold for a font without one
    stroke_width: float = 0.0


@dataclass
class Path:
    """A painted path: segments ("m"/"l"/"c"/"h", points…) in page coordinates."""

    segments: list[tuple]
    line_width: float
    stroke: Color | None
    fill: Color | None
    bbox: tuple[float, float, float, float]


@dataclass
class PageDrawing:
    width: float
    height: float
    lines: list[TextLine]
    paths: list[Path]
