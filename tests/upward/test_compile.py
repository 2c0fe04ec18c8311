"""The 汇编 follows the official format and holds every current submission in committee order."""
import io
from datetime import date

import pytest
from docx import Document

from core.rendering import docx as render
from core.rendering import format_check
from core.upward import UpwardError
from core.upward.package import accept_package

from .conftest import make_package



def _rendered_package(committee, title, **values):
    from core.rendering.document import Block, DocumentContent

    package = make_package(committee, title=title, values=values)
    content = DocumentContent(kind="annual_summary", title=f"{committee.name}2023年工作总结", committee_name=committee.name,
                              blocks=[Block("heading1", number="一、", text="坚持在强化政治引领上持续用力"),
                                      Block("paragraph", text=f"全年召开党组会议{values['party_group_meetings']}次。")],
                              signature=committee.name, date="2024年1月10日")
    package.docx = render.render_docx(content)
    return package


def _texts(data: bytes) -> list[str]:
    document = Document(io.BytesIO(data))
    return [p.text for p in document.paragraphs if p.text.strip()] + \
        [cell.text for t in document.tables for row in t.rows for cell in row.cells]


def test_compilation_passes_the_format_checker(city_request, demo, db_session):
    from core.upward.compilation import compile_request

    for committee, key, n in ((demo.county_b, "b", 10), (demo.county_a, "a", 12)):
        accept_package(db_session, request_id=city_request.id, sender=committee, idempotency_key=key,
                       package=_rendered_package(committee, "2023年工作总结", party_group_meetings=n, chair_meetings=3))
    data = compile_request(db_session, city_request.id, today=date(2024, 2, 1))
    assert format_check.check_docx(data) == []
    texts = _texts(data)
    joined = "\n".join(texts)
    assert "清河市政协系统2023年度工作总结汇编" in joined.replace("\n", "")
    assert joined.index("政协东湖县委员会2023年工作总结") < joined.index("政协西山县委员会2023年工作总结")
    assert "全年召开党组会议12次。" in joined and "全年召开党组会议10次。" in joined
    assert "合计" in texts and "22" in texts


def test_compilation_without_submissions_is_refused(city_request, db_session):
    from core.upward.compilation import compile_request

    with pytest.raises(UpwardError, match="尚未收到"):
        compile_request(db_session, city_request.id)


def test_merge_drops_pictures_that_point_at_the_source_file(tmp_path):
    from docx import Document as NewDocument
    from docx.shared import Mm

    from core.upward.compilation import merge_docx

    png = _one_pixel_png()
    (tmp_path / "dot.png").write_bytes(png)
    source = NewDocument()
    source.add_paragraph("图片前的文字")
    source.add_picture(str(tmp_path / "dot.png"), width=Mm(5))
    buffer = io.BytesIO()
    source.save(buffer)
    first = NewDocument()
    first.add_paragraph("封面")
    cover = io.BytesIO()
    first.save(cover)
    merged = Document(io.BytesIO(merge_docx(cover.getvalue(), [buffer.getvalue()])))
    assert [p.text for p in merged.paragraphs if p.text] == ["封面", "图片前的文字"]
    assert not merged.inline_shapes


def _one_pixel_png() -> bytes:
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")
