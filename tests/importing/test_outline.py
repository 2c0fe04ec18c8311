"""The section tree of imported documents, read as a secretary reads them."""
import os
import re
from pathlib import Path

import pytest

from core.importing.nodes import all_text
from core.importing.outline import parse
from core.importing.source import read_docx, read_text

from . import documents as docs

_ROOT = Path(__file__).resolve().parents[2]
# ../shared/reference beside the repository (a git worktree sits one level deeper).
REFERENCE = next((p for p in (Path(os.environ.get("WENGAO_REFERENCE_DIR", "/nonexistent")),
                              _ROOT.parent / "shared" / "reference", _ROOT.parent.parent / "shared" / "reference")
                  if p.is_dir()), _ROOT.parent / "shared" / "reference")


def _outline(document, kind=None):
    source = read_text(document) if isinstance(document, str) else read_docx(docs.docx_bytes(document))
    return parse(source.lines, kind)


def _input_text(document) -> str:
    return document if isinstance(document, str) else docs.text_of(document)


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def _shape(nodes) -> list:
    """(kind, number, title or lead, children) — the structure a reviewer compares node by node."""
    return [(n.kind, n.number, n.title or n.lead or "", _shape(n.children)) for n in nodes]


FIXTURES = [docs.STANDING_REPORT, docs.BRIEFING, docs.NEWS, docs.EXPERIENCE, docs.ANNUAL_STYLED]


@pytest.mark.parametrize("document", FIXTURES, ids=["standing", "briefing", "news", "experience", "annual_docx"])
def test_every_character_is_kept(document):
    outline = _outline(document)
    assert _squash(all_text(outline)) == _squash(_input_text(document))


def test_standing_committee_report_header_parts_and_closing():
    outline = _outline(docs.STANDING_REPORT)
    assert outline.kind == "standing_committee_report"
    assert outline.title == "政协东湖县委员会常务委员会工作报告"
    assert outline.subtitle == "——在政协东湖县第十届委员会第三次会议上"
    assert _squash(outline.speaker) == "县政协主席林晓东"
    assert outline.header_date == "（2024年1月8日）"
    assert outline.salutation == "各位委员："
    assert _shape(outline.nodes) == [
        ("preamble", "", "", []),
        ("part", "一、", "2023年工作回顾", [
            ("preamble", "", "", []),
            ("section", "（一）", "坚持理论武装，思想根基更加牢固", []),
            ("section", "（二）", "聚焦中心大局，协商议政更加有力", [
                ("subsection", "1.", "提案办理提质增效。", []),
                ("subsection", "2.", "社情民意畅通渠道。", []),
            ]),
            ("shortcomings", "", "", []),
        ]),
        ("part", "二、", "2024年主要任务", [
            ("section", "（一）", "强化政治引领", []),
            ("section", "（二）", "服务发展大局", []),
        ]),
        ("closing", "", "", []),
    ]
    assert outline.nodes[-1].text.startswith("各位委员，新的一年")


def test_briefing_keeps_inline_yishi_in_the_heading_paragraph():
    outline = _outline(docs.BRIEFING)
    assert outline.kind == "briefing"
    assert outline.salutation == "尊敬的各位领导，同志们："
    first = outline.nodes[1]
    assert (first.kind, first.number, first.title) == ("section", "一、", "坚持党的领导，把稳履职方向。")
    assert [(c.number, c.lead, c.run_in) for c in first.children] == [
        ("一是", "强化理论学习。", True), ("二是", "健全工作制度。", True), ("三是", "抓好队伍建设。", True)]
    assert first.children[0].text == "全年召开党组会议12次，开展集体学习8次。"
    assert outline.nodes[-1].kind == "closing"


def test_news_interpretation_has_two_parts_with_square_headings_and_dot_leads():
    outline = _outline(docs.NEWS)
    assert outline.kind == "news_interpretation"
    assert outline.title == "一图读懂清河市政协常委会工作报告"
    assert _shape(outline.nodes) == [
        ("preamble", "", "", []),
        ("part", "", "2023年工作回顾", [
            ("section", "■", "政治引领有力", [("item", "●", "理论学习走深走实。", []),
                                           ("item", "●", "制度建设更加完善。", [])]),
            ("section", "■", "协商议政有为", [("item", "●", "协商平台持续拓展。", [])]),
        ]),
        ("part", "", "2024年主要任务", [
            ("section", "■", "聚焦中心大局", [("item", "●", "围绕重点工作开展协商。", []),
                                           ("item", "●", "办好民生实事。", [])]),
        ]),
    ]


def test_experience_briefing_uses_yishi_at_two_levels():
    outline = _outline(docs.EXPERIENCE)
    assert outline.kind == "experience_briefing"
    sections = outline.nodes[1:]
    assert [(s.kind, s.number, s.title) for s in sections] == [
        ("section", "一是", "坚持党的领导，把牢正确政治方向"), ("section", "二是", "搭建协商平台，提升协商议政质效")]
    assert [(i.number, i.lead, i.run_in) for i in sections[1].children] == [
        ("一是", "建好协商议事室。", False), ("二是", "用好委员工作室。", True)]
    assert (outline.signature, outline.date) == ("政协西山县委员会", "2024年3月6日")


def test_word_heading_styles_and_bold_leads_count():
    outline = _outline(docs.ANNUAL_STYLED)
    assert outline.kind == "annual_summary"
    assert outline.title == "东湖县政协2023年工作总结和2024年工作要点"
    review = outline.nodes[1]
    assert (review.kind, review.number, review.title) == ("part", "一、", "2023年工作及成效")
    # a Heading 2 paragraph without a typed number is a section all the same
    assert [(s.kind, s.number, s.title) for s in review.children[:2]] == [
        ("section", "（一）", "强化政治引领，筑牢思想根基"), ("section", "", "深化协商议政，服务发展大局")]
    assert [i.lead for i in review.children[0].children] == ["扎实开展理论学习。", "健全制度体系，规范履职行为。"]
    assert review.children[-1].kind == "shortcomings"
    assert (outline.signature, outline.date) == ("政协东湖县委员会", "2024年1月5日")


def test_kind_given_by_the_user_wins():
    assert _outline(docs.BRIEFING, kind="annual_summary").kind == "annual_summary"


def test_masked_text_becomes_warnings():
    outline = _outline("关于20XX年工作的汇报\n尊敬的各位领导：\n一、基本情况\n全年召开会议*次，接待XX县考察团X月到访。")
    joined = " ".join(outline.warnings)
    for mark in ("20XX", "*", "XX", "X"):
        assert f"“{mark}”" in joined
    assert all(w.startswith("未填写的数字/名称") for w in outline.warnings)


def test_mixed_numbering_is_read_by_level_with_a_warning():
    outline = _outline("一、总体情况\n（一）、学习情况\n全年学习4次。\n1、专题学习。开展专题学习2次。")
    section = outline.nodes[0]
    assert section.children[0].number == "（一）、"
    assert section.children[0].children[0].number == "1、"
    assert any("编号混用" in w for w in outline.warnings)


@pytest.mark.parametrize("name, kind", [("000_ff152d5763ca33a0.txt", "annual_summary"),
                                        ("001_df3b62f8bc5fd4e3.txt", "half_year_summary"),
                                        ("003_99b3d11e555d773a.txt", "briefing")])
def test_reference_documents(name, kind):
    path = REFERENCE / name
    if not path.exists():
        pytest.skip("参考文稿不在 ../shared/reference/（仅在开发环境中提供）")
    text = path.read_text(encoding="utf-8")
    outline = _outline(text)
    assert outline.kind == kind
    assert _squash(all_text(outline)) == _squash(text)
    parts = [n for n in outline.nodes if n.kind == "part"]
    sections = [n for n in outline.nodes if n.kind == "section"]
    if kind == "annual_summary":
        assert [p.title for p in parts] == ["2023年工作及成效", "2024年工作要点"]
        assert [s.number for s in parts[0].children if s.kind == "section"] == ["（一）", "（二）", "（三）", "（四）", "（五）"]
        assert parts[0].children[0].children[0].lead == "不断强化理论武装。"
        assert parts[0].children[-1].kind == "shortcomings"
    elif kind == "half_year_summary":
        assert [p.title for p in parts] == ["2023年上半年工作总结", "2023年下半年工作谋划"]
        assert [i.number for i in parts[0].children[0].children] == ["一是", "二是", "三是"]
        assert parts[0].children[0].children[0].lead == "坚持以党的政治建设为统领。"
    else:
        assert outline.salutation.endswith("同志们：")
        assert [s.number for s in sections] == ["一、", "二、", "三、", "四、"]
        assert all(len(s.children) == 3 and all(i.run_in for i in s.children) for s in sections)
        assert outline.nodes[-1].kind == "closing"
    assert any("未填写的数字/名称" in w for w in outline.warnings)


def test_own_words_part_lines_before_square_headings():
    text = ("一图读懂西山县政协常委会工作报告\n回眸2023\n■ 协商议政有为\n● 平台更实。建成协商议事室36个。\n"
            "展望2024\n■ 聚焦中心大局\n● 围绕重点工作开展协商。")
    outline = _outline(text)
    assert [(n.kind, n.title) for n in outline.nodes] == [("part", "回眸2023"), ("part", "展望2024")]
    assert outline.nodes[0].children[0].number == "■"


def test_meeting_line_without_dash_is_the_subtitle():
    outline = _outline("政协西山县委员会常务委员会工作报告\n在政协西山县第九届委员会第二次会议上\n各位委员：\n我代表常务委员会报告工作。")
    assert outline.subtitle == "在政协西山县第九届委员会第二次会议上" and outline.salutation == "各位委员："


def test_interpretation_with_numbered_parts_above_square_headings():
    outline = _outline("2023年常委会工作报告解读\n一、过去一年工作回顾\n■ 政治引领有力\n● 学习更实。开展集体学习8次。\n"
                       "二、新一年主要任务\n■ 聚焦中心大局\n● 围绕重点工作开展协商。")
    assert outline.kind == "news_interpretation"
    assert _shape(outline.nodes) == [
        ("part", "一、", "过去一年工作回顾", [("section", "■", "政治引领有力", [("item", "●", "学习更实。", [])])]),
        ("part", "二、", "新一年主要任务", [("section", "■", "聚焦中心大局", [("item", "●", "围绕重点工作开展协商。", [])])]),
    ]


def test_word_automatic_numbering_counts_as_typed_numbers():
    outline = parse(read_docx(docs.auto_numbered_docx()).lines)
    assert _shape(outline.nodes)[1:] == [
        ("section", "一、", "坚持党的领导", [("subsection", "（一）", "强化理论武装", []),
                                        ("subsection", "（二）", "健全工作机制", [])]),
        ("section", "二、", "服务中心大局", [("subsection", "（一）", "开展专题协商", [])]),
    ]


def test_centred_header_lines_of_a_standing_committee_report_docx():
    outline = _outline([docs.P("政协东湖县委员会常务委员会", center=True), docs.P("工作报告", center=True),
                        docs.P("县政协主席　林晓东", center=True),
                        docs.P("——在政协东湖县第十届委员会第三次会议上", center=True),
                        docs.P("各位委员："), docs.P("我代表常务委员会向大会报告工作。"), docs.P("一、2023年工作回顾"),
                        docs.P("（一）坚持理论武装"), docs.P("全年学习4次。")])
    assert outline.title_lines == ["政协东湖县委员会常务委员会", "工作报告"]
    assert _squash(outline.speaker) == "县政协主席林晓东"
    assert outline.subtitle.startswith("——在政协东湖县") and outline.salutation == "各位委员："
    assert [(n.kind, n.number) for n in outline.nodes] == [("preamble", ""), ("part", "一、")]


def test_addressee_of_a_document_sent_upward():
    outline = _outline("东湖县政协关于2023年工作情况的报告\n清河市政协：\n现将我会2023年工作情况报告如下。\n一、主要工作\n全年召开会议6次。")
    assert outline.addressee == "清河市政协：" and outline.salutation == ""
    assert _squash(all_text(outline)).startswith("东湖县政协关于2023年工作情况的报告清河市政协：")


ALPHABET = "一二三四五六七八九十是第、，,。．.：:；！？（）()■●“”*X20年月日会议次件余多%\n 各位委员尊敬的汇报完毕谢谢大家工作要点回顾主席政协委员会"


def test_any_text_is_kept_character_for_character():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from core.importing.source import ImportRefused

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.text(alphabet=ALPHABET, max_size=300), st.sampled_from([None, "annual_summary", "experience_briefing",
                                                                     "news_interpretation", "briefing"]))
    def kept(text, kind):
        try:
            source = read_text(text)
        except ImportRefused:
            return
        assert _squash(all_text(parse(source.lines, kind))) == _squash(text)

    kept()
