"""The PDF rules on page text laid out by hand (no LibreOffice needed)."""
from core.rendering.docx import render_docx
from core.rendering.document import Block, DocumentContent
from core.rendering.pdf_check import grid_problems, heading_problems, missing_characters, title_line_problems

from .conftest import reopen


def _doc(*blocks, title="东湖县政协工作总结"):
    return reopen(render_docx(DocumentContent("briefing", title, "政协东湖县委员会", blocks=list(blocks))))


def test_a_lost_mark_is_found_in_order():
    assert missing_characters("深入开展调研视察，积极推进", "深入开展调研视察\n积极推进") == [(8, "，")]
    assert missing_characters("甲乙丙", "甲 乙\n丙 — 1 —") == []


def test_heading_last_on_a_page_and_lone_last_character_are_reported():
    doc = _doc(Block("heading2", "坚持在强化政治引领上持续用力，政治根基进一步夯实", "（一）"), Block("paragraph", "正文。"),
               Block("heading1", "工作要点", "二、"), Block("paragraph", "正文。"))
    pages = [["东湖县政协工作总结", "（一）坚持在强化政治引领上持续用力，政治根基进一步夯", "实", "正文。", "二、工作要点"], ["正文。"]]
    problems = heading_problems(doc, pages)
    assert "标题末行只有一个字：“进一步夯/实”" in problems
    assert "标题位于页末（第1页）：“二、工作要点”" in problems


def test_title_wrapped_further_than_the_docx_is_reported():
    doc = _doc(Block("paragraph", "正文。"), title="东湖县政协2023年工作总结和2024年工作要点")
    assert title_line_problems(doc, [["东湖县政协2023年工作总结", "和2024年工作要点", "正文。"]]) == []
    assert title_line_problems(doc, [["东湖县政协2023年工作总结和2024年工作", "要点", "正文。"]])


def test_overfull_lines_and_pages_are_reported():
    doc = _doc(Block("paragraph", "正文。"))
    line = "政" * 28
    full = [[line] * 22, [line] * 22, ["末页"]]
    assert grid_problems(doc, full) == []
    problems = grid_problems(doc, [[line] * 23, [line + "协"] * 21, ["末页"]])
    assert "第1页有23行，超过每页22行" in problems and any(p.startswith("第2页有超过28字的行") for p in problems)
