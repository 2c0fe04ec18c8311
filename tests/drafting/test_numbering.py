from core.kinds import KINDS, kind_spec
from core.drafting.numbering import chinese_number, number_tree


def labelled(kind):
    spec = kind_spec(kind)
    labels = number_tree(spec.outline, spec.numbering, spec.parts_numbered)
    out = []

    def walk(nodes):
        for node in nodes:
            label = labels[id(node)]
            out.append((node.node_type, label.number, label.block_kind))
            walk(node.children)

    walk(spec.outline)
    return out


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 23)] == ["一", "九", "十", "十一", "二十", "二十三"]


def test_every_kind_has_an_outline_with_a_valid_style():
    for kind, spec in KINDS.items():
        assert spec.outline, kind
        assert labelled(kind)


def test_annual_summary_parts_then_bracketed_sections():
    rows = labelled("annual_summary")
    assert [n for t, n, _ in rows if t == "part"] == ["一、", "二、"]
    sections = [(n, k) for t, n, k in rows if t == "section"]
    assert sections[:5] == [("（一）", "heading2"), ("（二）", "heading2"), ("（三）", "heading2"),
                            ("（四）", "heading2"), ("（五）", "heading2")]
    assert sections[5] == ("（一）", "heading2")  # restarts in the next-year part
    assert ("shortcomings", "", "paragraph") in rows


def test_half_year_summary_unnumbered_parts_and_yishi_items():
    from core.kinds import OutlineNode as N
    from core.drafting.numbering import number_tree

    tree = [N("part", "上半年", children=(
        N("section", "政治", children=(N("item"), N("item"), N("item"))),
        N("section", "协商", children=(N("item"),)))),
        N("part", "下半年", children=(N("section", "抓学习"),))]
    labels = number_tree(tree, "yishi", parts_numbered=False)
    part, second_part = tree
    assert labels[id(part)].number == "" and labels[id(part)].align == "center"
    assert [labels[id(s)].number for s in part.children] == ["一、", "二、"]
    assert [labels[id(i)].number for i in part.children[0].children] == ["一是", "二是", "三是"]
    assert labels[id(part.children[1].children[0])].number == "一是"
    assert labels[id(second_part.children[0])].number == "一、"
    assert not any(labels[id(i)].run_in for i in part.children[0].children)


def test_standard_four_levels():
    from core.kinds import OutlineNode as N

    leaf = N("subsection", "d")
    tree = [N("part", "a", children=(N("section", "b", children=(N("subsection", "c", children=(leaf,)),)),))]
    labels = number_tree(tree, "standard")
    chain = [tree[0], tree[0].children[0], tree[0].children[0].children[0], leaf]
    assert [labels[id(n)].number for n in chain] == ["一、", "（一）", "1.", "（1）"]
    assert [labels[id(n)].block_kind for n in chain] == ["heading1", "heading2", "heading3", "heading4"]


def test_briefing_items_run_into_the_heading_paragraph():
    from core.kinds import OutlineNode as N

    tree = [N("section", "坚持党的领导", children=(N("item"), N("item")))]
    labels = number_tree(tree, kind_spec("briefing").numbering, kind_spec("briefing").parts_numbered)
    assert labels[id(tree[0])].number == "一、"
    assert [(labels[id(i)].number, labels[id(i)].run_in) for i in tree[0].children] == [("一是", True), ("二是", True)]


def test_experience_briefing_numbered_parts_and_inline_yishi_restarting():
    from core.kinds import OutlineNode as N

    tree = [N("section", "a", children=(N("item"), N("item"))), N("section", "b", children=(N("item"),))]
    spec = kind_spec("experience_briefing")
    labels = number_tree(tree, spec.numbering, spec.parts_numbered)
    assert [labels[id(s)].number for s in tree] == ["一、", "二、"]
    assert [(labels[id(i)].number, labels[id(i)].run_in) for i in tree[0].children] == [("一是", False), ("二是", True)]
    assert labels[id(tree[1].children[0])].number == "一是"


def test_news_interpretation_squares_and_dots():
    rows = labelled("news_interpretation")
    assert {n for t, n, _ in rows if t == "section"} == {"■"}
    assert {k for t, _, k in rows if t == "section"} == {"news_heading"}
    from core.kinds import OutlineNode as N

    tree = [N("section", "a", children=(N("item"), N("item")))]
    labels = number_tree(tree, "news")
    assert [labels[id(i)].number for i in tree[0].children] == ["●", "●"]


def test_standing_committee_report_opening_and_parts():
    spec = kind_spec("standing_committee_report")
    assert spec.settings["salutation"] == "各位委员："
    assert "向大会报告工作，请予审议" in spec.outline[0].body
    rows = labelled("standing_committee_report")
    assert [n for t, n, _ in rows if t == "part"] == ["一、", "二、"]
    assert [n for t, n, _ in rows if t == "section"][:6] == ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）"]
    assert spec.outline[1].heading == "{{ 年度 }}年工作回顾"
