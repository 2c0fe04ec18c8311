"""An imported report previews as the very text imported: numbering generated in the document's own style."""
import re

import pytest

from core.drafting.document import preview_text
from core.importing.numbers import choose
from core.importing.service import create_report_from_plan, plan_import
from core.importing.source import read_docx, read_text
from core.metrics.periods import Period

from . import documents as docs
from .test_outline import REFERENCE


def _squash(text: str) -> str:
    return re.sub(r"\s", "", text)


def _import(db_session, committee, document, keep_masked=False):
    source = read_text(document) if isinstance(document, str) else read_docx(docs.docx_bytes(document))
    plan = plan_import(db_session, committee.id, Period.year(2023), source)
    for number in plan.numbers:
        if keep_masked and number.masked:
            choose(number, None, {})  # the user keeps the shared material's * as written
    report = create_report_from_plan(db_session, committee, Period.year(2023), plan)
    db_session.commit()
    return report


@pytest.mark.parametrize("document", [docs.STANDING_REPORT, docs.BRIEFING, docs.NEWS, docs.EXPERIENCE,
                                      docs.ANNUAL_STYLED],
                         ids=["standing", "briefing", "news", "experience", "annual_docx"])
def test_preview_of_an_imported_report_is_the_imported_text(db_session, donghu, document):
    report = _import(db_session, donghu, document)
    text, _ = preview_text(db_session, report.id)
    expected = document if isinstance(document, str) else docs.text_of(document)
    # the one number Word did not show: a Heading 2 paragraph without a typed （二）
    expected = expected.replace("\n深化协商议政", "\n（二）深化协商议政")
    # issue 13: an experience briefing's parts are numbered 一、 even where the source typed 一是
    expected = re.sub(r"\n([一二])是(坚持|搭建)", lambda m: f"\n{m.group(1)}、{m.group(2)}", expected)
    assert _squash(text) in _allowed(report, expected)


def _allowed(report, expected: str) -> set[str]:
    """The imported text, plus what a report must have that the document may lack: a title (the kind's
    default) and, for kinds that sign, the committee's name as signature."""
    title, signature, body = _squash(report.title), _squash(report.committee.name), _squash(expected)
    return {body, title + body, body + signature, title + body + signature}


@pytest.mark.parametrize("name", ["000_ff152d5763ca33a0.txt", "001_df3b62f8bc5fd4e3.txt", "003_99b3d11e555d773a.txt"])
def test_reference_documents_preview_as_imported(db_session, donghu, name):
    path = REFERENCE / name
    if not path.exists():
        pytest.skip("参考文稿不在 ../shared/reference/（仅在开发环境中提供）")
    text = path.read_text(encoding="utf-8")
    report = _import(db_session, donghu, text, keep_masked=True)
    preview, _ = preview_text(db_session, report.id)
    assert _squash(preview) in _allowed(report, text)


def test_yishi_inside_a_standard_report_stays_text(db_session, donghu):
    text = ("东湖县政协2023年工作总结\n一、2023年工作及成效\n（一）强化政治引领\n扎实开展理论学习。全年学习8次。\n"
            "健全制度体系。主要做了三件事：一是修订议事规则；二是完善考勤制度。\n政协东湖县委员会")
    report = _import(db_session, donghu, text)
    preview, _ = preview_text(db_session, report.id)
    assert _squash(preview) == _squash(text)
    assert report.settings["numbering"] == "standard"


def test_outline_state_round_trips():
    from core.importing.outline import parse
    from core.importing.service import outline_from_state, outline_state

    for document in (docs.STANDING_REPORT, docs.BRIEFING, "东湖县政协关于工作情况的报告\n清河市政协：\n一、主要工作\n正文。\n政协东湖县委员会\n2024年1月5日"):
        outline = parse(read_text(document).lines)
        again = outline_from_state(outline_state(outline))
        assert outline_state(again) == outline_state(outline)


def test_numbers_the_style_cannot_generate_stay_text():
    from core.importing.outline import parse
    from core.importing.service import fold_items, numbering_style

    outline = parse(read_text("东湖县政协2023年上半年工作总结\n一、强化政治引领\n一是加强学习。全年学习8次。\n"
                              "二是健全制度。修订制度5项。\n第一，抓好队伍。举办培训2期。").lines)
    style, _ = numbering_style(outline)
    assert style == "yishi"
    fold_items(outline.nodes, style)
    items = outline.nodes[0].children
    assert [i.number for i in items] == ["一是", "二是"]
    assert items[-1].text == "修订制度5项。\n第一，抓好队伍。举办培训2期。"
