"""Reading uploads: .docx as Word shows the final text, .txt in any common encoding, bad files refused."""
import pytest

from core.importing.source import MAX_CHARS, ImportRefused, read_docx, read_text, read_upload
from tests.security import uploads as hostile

from . import documents as docs


def test_docx_and_txt_read_the_same_lines():
    text = docs.text_of(docs.NEWS)
    from_docx = [line.text for line in read_upload(docs.docx_bytes(docs.NEWS), "解读.docx").lines]
    from_txt = [line.text for line in read_upload(text.encode("gb18030"), "解读.txt").lines]
    assert from_docx == from_txt == [line for line in text.splitlines()]


def test_tracked_changes_are_read_as_final_and_comments_listed():
    source = read_docx(docs.docx_with_revisions())
    assert [line.text for line in source.lines] == ["一、学习情况", "全年召开党组会议6次。"]
    assert source.comments == ["请核对次数"]
    assert any("修订" in w for w in source.warnings) and any("批注" in w for w in source.warnings)


def test_control_characters_are_removed_with_a_warning():
    source = read_text("一、总体\x07情况\n全年\x00召开会议4次。")
    assert [line.text for line in source.lines] == ["一、总体情况", "全年召开会议4次。"]
    assert source.warnings == ["已删除 2 个不可见的控制字符。"]


@pytest.mark.parametrize("data, name, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "去年总结.doc", "另存为"),
    (b"anything", "去年总结.wps", "另存为"),
    (docs.encrypted_docx(), "加密.docx", "已加密"),
    (b"%PDF-1.7 not a word file", "总结.docx", "不是Word 文档"),
    (hostile.docx_bomb(), "炸弹.docx", "压缩炸弹"),
    (hostile.docm_bytes(), "宏.docx", "宏"),
    (docs.images_only_docx(), "图片.docx", "只有图片"),
    (b"", "空.txt", "没有可导入的文字"),
    (b"\x00\x01", "x.pdf", "只能导入"),
    (("很长的文字。" * (MAX_CHARS // 5)).encode(), "长.txt", "文稿过长"),
])
def test_bad_files_are_refused_in_chinese(data, name, message):
    with pytest.raises(ImportRefused) as refused:
        read_upload(data, name)
    assert message in str(refused.value)


def test_line_breaks_inside_a_paragraph_are_lines_of_their_own():
    import io

    from docx import Document
    from docx.enum.text import WD_BREAK

    document = Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("一、总体情况").add_break()
    paragraph.add_run("全年召开会议6次。")
    paragraph.add_run().add_break(WD_BREAK.PAGE)  # a page break is not a new line
    out = io.BytesIO()
    document.save(out)
    assert [line.text for line in read_docx(out.getvalue()).lines] == ["一、总体情况", "全年召开会议6次。"]
