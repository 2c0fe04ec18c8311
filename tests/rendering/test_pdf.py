import re
import shutil
import subprocess
from pathlib import Path

import pytest

from core.rendering import pdf
from core.rendering.docx import render_docx
from core.rendering.samples import sample_content
from tests.support import need

pytestmark = pytest.mark.system


def _need_office() -> None:
    need(shutil.which("soffice") is not None, "需要 LibreOffice（soffice）")
    need(pdf.uno_python() is not None, "需要 python3-uno")


@pytest.fixture(scope="module")
def office():
    _need_office()
    office = pdf.KeptOffice()
    yield office
    office.close()


def _text(data: bytes, tmp_path) -> str:
    path = tmp_path / "x.pdf"
    path.write_bytes(data)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout


def test_kept_office_converts_with_look_alike_fonts_embedded(office, tmp_path):
    need(shutil.which("pdffonts") is not None, "需要 poppler-utils")
    data = office.convert(render_docx(sample_content("annual_summary")))
    assert data.startswith(b"%PDF")
    path = tmp_path / "a.pdf"
    path.write_bytes(data)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    for face in ("FandolFang", "UKai", "NotoSerifCJK", "NotoSansCJK"):  # 仿宋, 楷体, 小标宋/宋体, 黑体
        assert face in fonts, fonts
    text = _text(data, tmp_path)
    assert "政协东湖县委员会2023年工作总结" in text.replace(" ", "")
    assert re.search(r"—\s*1\s*—", text)  # page number of page 1
    first_line = text.splitlines()[1]
    assert len(first_line) == 26  # 28 characters a line, less the 2-character indent


def test_stuck_conversion_times_out_and_the_next_one_works(office):
    docx = render_docx(sample_content("briefing"))
    with pytest.raises(pdf.PdfFailed):
        office.convert(docx, timeout=0.001)
    assert office.proc is None  # killed, not left hanging
    assert office.convert(docx).startswith(b"%PDF")


def test_stopped_office_quits_by_itself_and_close_leaves_nothing():
    """Asked to quit, soffice removes its pipe from /tmp (killed, it leaves it there); close removes its profile."""
    _need_office()
    kept = pdf.KeptOffice()
    try:
        assert kept.convert(render_docx(sample_content("briefing"))).startswith(b"%PDF")
        pipes = f"OSL_PIPE_*_{kept.pipe}"
        assert kept.pipe and list(Path("/tmp").glob(pipes))
        kept.stop()
        assert list(Path("/tmp").glob(pipes)) == []
    finally:
        kept.close()
    assert not Path(kept.tmp).exists()


def test_cold_conversion_is_the_fallback(office):
    assert pdf.convert_cold(render_docx(sample_content("half_year_summary"))).startswith(b"%PDF")


def test_missing_libreoffice_is_a_plain_message():
    with pytest.raises(pdf.PdfUnavailable, match="未安装 LibreOffice"):
        pdf.docx_to_pdf(b"PK", soffice="/nonexistent/soffice")
