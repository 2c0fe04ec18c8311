"""A demo report exported masked: no number, person or place of the demo survives, properties included."""
import io
import re
import zipfile

import pytest
from docx import Document
from sqlalchemy import select

from core.demo import load_demo
from core.masking.export import known_people, mask_report, masked_docx, masked_text
from core.masking.finder import MaskOptions
from data_models import Committee, Report, User

DEMO_PLACES = ("清河", "东湖", "西山")


@pytest.fixture
def demo_report(db_session):
    load_demo(db_session)
    county = db_session.scalars(select(Committee).where(Committee.name == "政协东湖县委员会")).one()
    report = db_session.scalars(select(Report).where(Report.committee_id == county.id, Report.kind == "annual_summary")).first()
    assert report is not None
    return report


def _docx_text(data: bytes) -> str:
    document = Document(io.BytesIO(data))
    return "\n".join(p.text for p in document.paragraphs)


def test_masked_demo_report_keeps_no_number_person_or_place(db_session, demo_report):
    result = mask_report(db_session, demo_report, MaskOptions())
    data = masked_docx(result)
    text = _docx_text(data)
    assert len(text) > 1000 and "*" in text and "**" in text
    assert not re.search(r"[0-9０-９]", text)
    people = [u.display_name for u in db_session.scalars(select(User)) if len(u.display_name) >= 2]
    people += known_people(db_session, demo_report.committee_id)
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for name in package.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                part = package.read(name).decode("utf-8")
                assert not any(place in part for place in DEMO_PLACES), name
                assert not any(person in part for person in people), name
    props = Document(io.BytesIO(data)).core_properties
    assert props.author == "" and props.last_modified_by == ""


def test_masked_copy_keeps_structure_and_official_terms(db_session, demo_report):
    result = mask_report(db_session, demo_report, MaskOptions(keep_years=True))
    text = masked_text(result)
    assert "中国特色社会主义思想" in text and "一、" in text and "（一）" in text
    assert re.search(r"20\d\d年", text)  # years kept on request
    assert result.summary() and all(count >= 1 for *_, count in result.summary())


def test_review_page_and_download_are_scoped_to_the_committee(client, db_session, demo_report):
    client.login("donghu_drafter")
    page = client.get(f"/reports/{demo_report.id}/masked")
    assert page.status_code == 200 and "将被隐藏的内容" in page.get_data(as_text=True)
    kept = client.get(f"/reports/{demo_report.id}/masked", query_string={"all": "东湖县", "keep_years": "1"})
    assert "东湖县" in kept.get_data(as_text=True).split("脱敏后的全文")[1]
    download = client.post(f"/reports/{demo_report.id}/masked", data={"format": "txt"})
    assert download.status_code == 200 and "attachment" in download.headers["Content-Disposition"]
    assert not any(place in download.get_data(as_text=True) for place in DEMO_PLACES)
    docx = client.post(f"/reports/{demo_report.id}/masked", data={"format": "docx"})
    assert docx.data[:2] == b"PK"
    client.logout()
    client.login("xishan_drafter")
    assert client.get(f"/reports/{demo_report.id}/masked").status_code == 404


def test_cli_exports_masked_file(runner, db_session, demo_report, tmp_path):
    out = tmp_path / "masked.txt"
    report_id = demo_report.id
    db_session.commit()  # the command opens its own session
    result = runner.invoke(args=["export-masked", str(report_id), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "已导出脱敏版" in result.output and "*" in out.read_text()
    bad = runner.invoke(args=["export-masked", str(report_id), "-o", str(tmp_path / "x.pdf")])
    assert bad.exit_code != 0 and ".docx 或 .txt" in bad.output


def test_review_page_shows_the_chosen_words_again(client, demo_report):
    client.login("donghu_drafter")
    page = client.get(f"/reports/{demo_report.id}/masked",
                      query_string={"extra": "西山县，清河市", "keep": ["东湖县", "不在文中"]}).get_data(as_text=True)
    assert ">西山县\n清河市</textarea>" in page
    assert '<input type="hidden" name="keep" value="东湖县">' in page
