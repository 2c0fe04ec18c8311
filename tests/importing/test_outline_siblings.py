"""一、 二、 三、 of one document are siblings, whatever lies between them (issue 12: 二、存在的不足 nested
under 一、2023年工作及成效). Four report shapes of our own, pasted and as .docx with Word's numbering."""
import re

import pytest

from core.importing.nodes import all_text
from core.importing.outline import parse
from core.importing.source import read_docx, read_text

from .documents import P, docx_bytes

ANNUAL = """西山县政协2023年工作总结
2023年，县政协在县委的坚强领导下，围绕全县中心工作履职尽责，各项工作取得新的进展。
一、2023年工作及成效
（一）加强理论学习，凝聚思想共识
全年召开党组会议10次、主席会议8次。
1.抓实集体学习。组织集体学习8次，开展专题研讨3次。
2.抓好委员培训。举办委员培训班2期，培训委员160人次。
（二）助推乡村振兴，协商更有实效
一是开展专题调研。围绕茶旅融合形成调研报告4篇。二是组织专题协商。召开协商会3次。
● 委员工作站建设提速。新建委员工作站5个。
二、存在的不足
一是调研深度还不够。部分调研报告建议针对性不强。二是委员履职不够平衡。少数委员参加活动较少。
三、2024年工作要点
（一）强化理论武装
坚持集体学习制度，全年集体学习不少于6次。
（二）提升协商质效
围绕山区交通和茶叶品牌开展专题协商。"""

HALF_YEAR = """东湖县政协2024年上半年工作总结和下半年工作打算
一、上半年工作开展情况
（一）协商议政扎实推进
● 专题协商有深度。围绕湖区生态保护开展专题协商2次。
● 民主监督有力度。开展民主监督活动3次。
（二）服务群众走深走实
湖畔议事活动覆盖全部乡镇，开展活动30场次。
二、存在的问题和不足：一是协商成果转化运用还不够充分，部分建议的跟踪落实有待加强，个别协商议题与群众关切结合还不够紧密；二是委员履职积极性不够均衡。
三、下半年工作打算
（一）办好专题协商
围绕县域商贸物流发展开展专题协商。"""

STANDING = """政协西山县委员会常务委员会工作报告
各位委员：
我代表政协西山县委员会常务委员会，向大会报告工作，请予审议。
一、过去一年的主要工作
（一）坚持政治引领
全年组织常委会会议集体学习4次。
1.完善学习制度
（1）建立学习清单。全年列出学习专题12个。
（二）聚焦发展大局
围绕县域经济开展视察调研6次。
二、几点体会
一是必须坚持党的领导。二是必须坚持团结民主。
三、2024年工作建议
（一）加强思想政治引领
坚持学习制度。
各位委员，让我们更加紧密地团结起来，为西山县高质量发展作出新的更大贡献！"""

VISIT = """关于东湖县农村供水工作的视察报告
根据年度协商计划，县政协组织部分委员对全县农村供水工作进行了视察。
一、基本情况
全县建成集中供水工程42处，覆盖群众8.6万人。
二、存在的问题
■ 管护机制不健全
● 部分工程缺少专人管护。
三、意见建议
（一）健全长效管护机制
一是明确管护主体。二是落实管护经费。"""


def _top(outline) -> list[tuple[str, str]]:
    return [(node.kind, node.number) for node in outline.nodes if node.number]


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


@pytest.mark.parametrize("text, kinds", [
    (ANNUAL, ["part", "part", "part"]),
    (HALF_YEAR, ["part", "part", "part"]),
    (STANDING, ["section", "section", "section"]),  # 2024年工作建议 names no part: all three are sections
    (VISIT, ["part", "part", "part"]),  # 二、 holds a ■ heading: a part, and so its siblings
], ids=["annual", "half_year", "standing", "visit"])
def test_top_level_numbers_are_siblings_in_pasted_text(text, kinds):
    outline = parse(read_text(text).lines)
    assert _top(outline) == list(zip(kinds, ["一、", "二、", "三、"]))
    assert _squash(all_text(outline)) == _squash(text)


def test_shortcomings_part_holds_its_own_text():
    outline = parse(read_text(ANNUAL).lines)
    shortcomings = outline.nodes[2]
    assert (shortcomings.title, [c.number for c in shortcomings.children]) == ("存在的不足", ["一是", "二是"])
    assert [c.number for c in outline.nodes[1].children] == ["（一）", "（二）"]


def test_a_long_heading_line_is_cut_at_its_colon():
    outline = parse(read_text(HALF_YEAR).lines)
    problems = outline.nodes[1]
    assert problems.title == "存在的问题和不足："
    assert problems.text.startswith("一是协商成果转化运用还不够充分")


def test_numbers_starting_again_under_unnumbered_parts_stay_below_them():
    text = ("东湖县政协2023年工作总结和2024年工作要点\n2023年工作回顾\n一、坚持政治引领\n全年学习8次。\n"
            "二、聚焦中心大局\n开展协商3次。\n2024年工作要点\n一、强化理论武装\n坚持学习制度。")
    outline = parse(read_text(text).lines)
    assert [(n.kind, n.title, [c.number for c in n.children]) for n in outline.nodes] == [
        ("part", "2023年工作回顾", ["一、", "二、"]), ("part", "2024年工作要点", ["一、"])]


def test_yishi_heading_lines_of_a_briefing_sit_below_its_numbered_headings():
    text = ("西山县政协经验交流材料\n一、坚持党的领导\n一是强化理论武装\n全年学习10次。\n二是健全工作机制\n"
            "制定制度15项。\n二、搭建协商平台\n一是建好协商议事室\n建成议事室36个。")
    outline = parse(read_text(text).lines, "experience_briefing")
    assert [(n.number, [c.number for c in n.children]) for n in outline.nodes] == [
        ("一、", ["一是", "二是"]), ("二、", ["一是"])]


ANNUAL_DOCX = [
    P("西山县政协2023年工作总结", style="Title", center=True),
    P("2023年，县政协紧扣全县中心工作履职尽责。"),
    P("2023年工作及成效", style="Heading 1", numbered=1),
    P("加强理论学习", style="Heading 2", numbered=2),
    P("全年召开党组会议10次。", bold="扎实开展集体学习。"),
    P("举办委员培训班2期。", bold="抓好委员培训。"),
    P("一是开展专题调研。二是组织专题协商。"),
    P("存在的不足", style="Heading 1", numbered=1),
    P("调研成果转化还不够。", bold="一些工作还有差距。"),
    P("2024年工作要点", style="Heading 1", numbered=1),
    P("提升协商质效", style="Heading 2", numbered=2),
    P("围绕山区交通开展专题协商。"),
]

STANDING_DOCX = [
    P("政协东湖县委员会常务委员会工作报告", center=True),
    P("各位委员："),
    P("我代表常务委员会，向大会报告工作。"),
    P("2023年工作回顾", style="Heading 1"),
    P("坚持政治引领", style="Heading 2"),
    P("全年集体学习4次。", bold="学习更加扎实。"),
    P("存在的不足", style="Heading 1"),
    P("调研深度还不够。"),
    P("2024年主要任务", style="Heading 1"),
    P("服务发展大局", style="Heading 2"),
    P("围绕重点项目开展视察。"),
]

HALF_YEAR_DOCX = [  # 二、 typed in a plain paragraph between two Heading 1 lines, as hurried edits leave it
    P("东湖县政协2024年上半年工作总结", center=True),
    P("一、上半年工作情况", style="Heading 1"),
    P("（一）协商议政扎实推进", style="Heading 2"),
    P("围绕湖区生态保护开展专题协商2次。", bold="专题协商有深度。"),
    P("1.湖畔议事提质扩面"),
    P("● 全县协商议事室开展活动30场次。"),
    P("", bold="二、存在的问题"),
    P("协商成果转化运用还不够充分。"),
    P("三、下半年工作打算", style="Heading 1"),
    P("（一）办好专题协商", style="Heading 2"),
]

VISIT_DOCX = [
    P("关于西山县茶产业发展情况的视察报告", center=True),
    P("县政协组织委员对全县茶产业发展情况进行了视察。"),
    P("基本情况", numbered=1),
    P("全县茶园面积12万亩。"),
    P("存在的问题", numbered=1),
    P("■ 品牌影响力不强"),
    P("● 区域公用品牌知名度不高。"),
    P("加工链条较短。", bold="精深加工不足。"),
    P("意见建议", numbered=1),
    P("打造区域品牌", numbered=2),
    P("一是加大宣传推介。二是规范品牌使用。"),
]


@pytest.mark.parametrize("paragraphs, kinds, numbers", [
    (ANNUAL_DOCX, ["part"] * 3, ["一、", "二、", "三、"]),
    (HALF_YEAR_DOCX, ["part"] * 3, ["一、", "二、", "三、"]),
    (STANDING_DOCX, ["part"] * 3, ["", "", ""]),
    (VISIT_DOCX, ["part"] * 3, ["一、", "二、", "三、"]),
], ids=["annual_numbered", "half_year_mixed", "standing_styles", "visit_numbered"])
def test_top_level_headings_are_siblings_in_word_files(paragraphs, kinds, numbers):
    outline = parse(read_docx(docx_bytes(paragraphs)).lines)
    headings = [n for n in outline.nodes if n.kind in ("part", "section")]
    assert [(n.kind, n.number) for n in headings] == list(zip(kinds, numbers))
    assert [n.title for n in headings][1].startswith("存在的")
    kept = _squash(all_text(outline))
    for spec in paragraphs:
        assert _squash(spec.bold + spec.text) in kept


def test_a_top_level_number_written_with_a_comma_is_read_and_flagged():
    outline = parse(read_text("一、2023年工作回顾\n全年学习8次。\n二，存在的不足\n调研不够深。\n三、2024年工作要点\n坚持学习。").lines)
    assert _top(outline) == [("part", "一、"), ("part", "二，"), ("part", "三、")]
    assert any("编号混用：“二，”" in w for w in outline.warnings)
