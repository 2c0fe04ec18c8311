"""A rendered heading broken by hand (no lone last character) reads back as one heading."""
from core.importing.source import read_docx
from core.rendering.docx import render_docx
from core.rendering.samples import sample_content


def test_a_heading_broken_by_the_renderer_reads_back_whole():
    lines = [line.text for line in read_docx(render_docx(sample_content("annual_summary"))).lines]
    assert "（一）坚持在强化政治引领上持续用力，政治根基进一步夯实" in lines
    assert "夯实" not in lines
