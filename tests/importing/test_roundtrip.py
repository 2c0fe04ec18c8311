"""Word round trip: render, edit the .docx as Word would, upload — exactly those changes are proposed."""
import copy
import io

from docx import Document
from sqlalchemy import select

from core.drafting.document import preview_text
from core.importing.roundtrip import apply, compare
from core.importing.service import create_report_from_plan, plan_import
from core.importing.source import read_docx, read_text
from core.metrics.periods import Period
from core.rendering.docx import render_docx
from core.publishing import document_for
from data_models import Section, SectionVersion

from .test_cli import TEXT


def _imported_report(db_session, committee):
    plan = plan_import(db_session, committee.id, Period.year(2023), read_text(TEXT))
    report = create_report_from_plan(db_session, committee, Period.year(2023), plan)
    db_session.commit()
    return report


def _paragraph(document, needle):
    return next(p for p in document.paragraphs if needle in p.text)


def _edited(docx: bytes) -> bytes:
    """Change a paragraph, delete one, add one, overtype a merged number — as a secretary would in Word."""
    document = Document(io.BytesIO(docx))
    changed = _paragraph(document, "围绕湖区保护开展视察")
    for run in changed.runs:
        run.text = run.text.replace("围绕湖区保护开展视察", "围绕湖区生态保护开展专题视察")
    document.add_comment(changed.runs, text="请补充视察次数", author="审稿人")
    deleted = _paragraph(document, "坚持第一议题制度")
    deleted._p.getparent().remove(deleted._p)
    item = _paragraph(document, "扎实开展理论学习")
    added = copy.deepcopy(item._p)
    item._p.addnext(added)
    from docx.text.paragraph import Paragraph

    new = Paragraph(added, item._parent)
    for run in new.runs[1:]:
        run._r.getparent().remove(run._r)
    new.runs[0].text = "组织委员赴西山县学习考察。"
    new.runs[0].style = None
    for run in item.runs:
        run.text = run.text.replace("党组会议6次", "党组会议7次")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_exactly_the_edits_made_in_word_are_proposed(db_session, donghu):
    report = _imported_report(db_session, donghu)
    docx = render_docx(document_for(db_session, report))
    result = compare(db_session, report, read_docx(_edited(docx)))
    assert result.unplaced == []
    by_where = {c.where: c for c in result.changes}
    assert len(result.changes) == 3, [c.where for c in result.changes]
    item = next(c for c in result.changes if c.old[1] == "扎实开展理论学习。")
    assert item.added == ["组织委员赴西山县学习考察。"]
    assert [(o.shown, o.typed) for o in item.overtyped] == [("6", "7")]
    viewing = next(c for c in result.changes if c.old[0] == "深化协商议政")
    assert len(viewing.changed) == 1 and not viewing.removed and not viewing.added
    assert viewing.comments == ["请补充视察次数"]
    assert viewing.proposed()[2] == "围绕湖区生态保护开展专题视察。"
    study = next(c for c in result.changes if c.old[0] == "强化理论学习")
    assert study.removed and study.proposed()[2] == ""
    # the overtyped number keeps its binding unless the user makes it literal
    assert item.proposed()[2] == "全年召开党组会议{{ 党组会议次数 }}次、主席会议{{ 主席会议次数 }}次。\n组织委员赴西山县学习考察。"
    item.overtyped[0].keep = False
    assert item.proposed()[2].startswith("全年召开党组会议7次、主席会议{{ 主席会议次数 }}次。")
    assert by_where  # every change names its section


def test_accepted_sections_become_new_versions(db_session, donghu):
    report = _imported_report(db_session, donghu)
    docx = render_docx(document_for(db_session, report))
    result = compare(db_session, report, read_docx(_edited(docx)))
    viewing = next(c for c in result.changes if c.old[0] == "深化协商议政")
    saved = apply(db_session, report, result, {viewing.section_id})
    db_session.commit()
    assert [s.id for s in saved] == [viewing.section_id]
    section = db_session.get(Section, viewing.section_id)
    assert section.body == "围绕湖区生态保护开展专题视察。" and section.version == 2
    history = db_session.scalars(select(SectionVersion.body).where(SectionVersion.section_id == section.id)
                                 .order_by(SectionVersion.version)).all()
    assert history == ["围绕湖区保护开展视察。", "围绕湖区生态保护开展专题视察。"]
    text, _ = preview_text(db_session, report.id)
    assert "坚持第一议题制度" in text  # a section not accepted is left as it was


def test_unchanged_document_proposes_nothing(db_session, donghu):
    report = _imported_report(db_session, donghu)
    docx = render_docx(document_for(db_session, report))
    assert compare(db_session, report, read_docx(docx)).changes == []


def _revise_page(client, db_session, donghu):
    """(report, document, the diff page's html) for the edited version uploaded in the browser."""
    from core.publishing import publish as render_report

    report = _imported_report(db_session, donghu)
    document, _ = render_report(db_session, report.id)
    db_session.commit()
    client.login("donghu_drafter")
    page = client.post(f"/reports/documents/{document.id}/revise", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(_edited(document.docx)), "修改稿.docx")})
    return report, document, page.get_data(as_text=True)


def test_deleted_paragraphs_need_their_own_confirmation(client, db_session, donghu):
    import re

    report, document, html = _revise_page(client, db_session, donghu)
    assert 'id="confirm-removals"' in html and "删除的段落须单独确认" in html
    upload = re.search(r'name="upload" value="([^"]*)"', html).group(1)
    done = client.post(f"/reports/documents/{document.id}/revise/apply", follow_redirects=True,
                       data={"upload": upload, "filename": "修改稿.docx", "accept_all": "1"})
    body = done.get_data(as_text=True)
    assert "已采纳 2 节的修改" in body and "1 节的修改含删除的段落，未勾选“确认删除”" in body
    text, _ = preview_text(db_session, report.id)
    assert "坚持第一议题制度" in text and "组织委员赴西山县学习考察。" in text


def test_upload_edited_version_in_the_browser_and_accept_all(client, db_session, donghu):
    report, document, html = _revise_page(client, db_session, donghu)
    assert "上传修改稿" in client.get(f"/documents/reports/{report.id}").get_data(as_text=True)
    assert "组织委员赴西山县学习考察。" in html and "被改为“7”" in html
    db_session.expire_all()
    assert all(s.version == 1 for s in db_session.scalars(select(Section)))  # nothing saved before accepting
    import re

    upload = re.search(r'name="upload" value="([^"]*)"', html).group(1)
    done = client.post(f"/reports/documents/{document.id}/revise/apply", follow_redirects=True,
                       data={"upload": upload, "filename": "修改稿.docx", "accept_all": "1", "confirm-removals": "1"})
    assert "已采纳 3 节的修改" in done.get_data(as_text=True)
    text, _ = preview_text(db_session, report.id)
    assert "组织委员赴西山县学习考察。" in text and "坚持第一议题制度" not in text
    assert "党组会议6次" in text  # the overtyped number kept its binding by default


def test_not_a_word_file_is_refused(client, db_session, donghu):
    from core.publishing import publish as render_report

    report = _imported_report(db_session, donghu)
    document, _ = render_report(db_session, report.id)
    db_session.commit()
    client.login("donghu_drafter")
    page = client.post(f"/reports/documents/{document.id}/revise", content_type="multipart/form-data",
                       data={"file": (io.BytesIO(b"not a docx"), "修改稿.docx")})
    assert page.status_code == 400 and "不是Word 文档" in page.get_data(as_text=True)


def test_a_section_moved_in_word_is_proposed_as_a_new_order(db_session, donghu):
    report = _imported_report(db_session, donghu)
    docx = render_docx(document_for(db_session, report))
    document = Document(io.BytesIO(docx))
    heading = _paragraph(document, "深化协商议政")
    body = _paragraph(document, "围绕湖区保护开展视察")
    first = _paragraph(document, "强化政治引领")
    first._p.addprevious(heading._p)
    first._p.addprevious(body._p)
    out = io.BytesIO()
    document.save(out)
    result = compare(db_session, report, read_docx(out.getvalue()))
    assert result.changes == [] and result.unplaced == []
    assert len(result.reorders) == 1 and result.reorders[0].moved
    first_section = db_session.scalars(select(Section).where(Section.heading == "强化政治引领")).one()
    moved_section = db_session.scalars(select(Section).where(Section.heading == "深化协商议政")).one()
    assert result.reorders[0].order == [moved_section.id, first_section.id]
    apply(db_session, report, result, set(), reorder=True)
    db_session.commit()
    text, _ = preview_text(db_session, report.id)
    assert text.index("深化协商议政") < text.index("强化政治引领")


def test_a_paragraph_split_in_word_keeps_its_bound_numbers(db_session, donghu):
    report = _imported_report(db_session, donghu)
    document = Document(io.BytesIO(render_docx(document_for(db_session, report))))
    item = _paragraph(document, "扎实开展理论学习")
    tail = copy.deepcopy(item._p)
    item._p.addnext(tail)
    from docx.text.paragraph import Paragraph

    for run in item.runs:  # first half: up to 党组会议6次、
        run.text = run.text.split("主席会议")[0] if "主席会议" in run.text else run.text
    second = Paragraph(tail, item._parent)
    for run in second.runs:
        run.text = "主席会议" + run.text.split("主席会议")[1] if "主席会议" in run.text else ""
    out = io.BytesIO()
    document.save(out)
    result = compare(db_session, report, read_docx(out.getvalue()))
    change = next(c for c in result.changes if c.old[1] == "扎实开展理论学习。")
    assert not change.overtyped and not change.added and not change.removed
    assert change.proposed()[2] == "全年召开党组会议{{ 党组会议次数 }}次、\n主席会议{{ 主席会议次数 }}次。"


def test_text_typed_next_to_a_generated_number_is_kept(db_session, donghu):
    report = _imported_report(db_session, donghu)
    document = Document(io.BytesIO(render_docx(document_for(db_session, report))))
    heading = _paragraph(document, "深化协商议政")
    heading.runs[0].text = "着力（二）" + heading.runs[0].text.replace("（二）", "", 1)  # typed before the number
    out = io.BytesIO()
    document.save(out)
    result = compare(db_session, report, read_docx(out.getvalue()))
    assert [c.proposed()[0] for c in result.changes] == ["着力深化协商议政"]


def test_a_tampered_carried_upload_asks_for_a_new_one(client, db_session, donghu):
    from core.publishing import publish as render_report

    report = _imported_report(db_session, donghu)
    document, _ = render_report(db_session, report.id)
    db_session.commit()
    client.login("donghu_drafter")
    for upload in ("不是base64", "", "UEsDBA=="):
        done = client.post(f"/reports/documents/{document.id}/revise/apply", follow_redirects=True,
                           data={"upload": upload, "filename": "修改稿.docx", "accept_all": "1"})
        assert done.status_code == 200 and "上传的修改稿已失效" in done.get_data(as_text=True), upload
    db_session.expire_all()
    assert all(s.version == 1 for s in db_session.scalars(select(Section)))


def test_revise_without_a_file_is_refused_in_chinese(client, db_session, donghu):
    from core.publishing import publish as render_report

    report = _imported_report(db_session, donghu)
    document, _ = render_report(db_session, report.id)
    db_session.commit()
    client.login("donghu_drafter")
    page = client.post(f"/reports/documents/{document.id}/revise", content_type="multipart/form-data", data={})
    assert page.status_code == 400 and 'class="flash error"' in page.get_data(as_text=True)
