"""A superior may ask for OFD (issue 18): the request says so, the package carries one, the superior
downloads it; a package without OFD hashes and travels as before."""
import hashlib
import io
import shutil
import zipfile

import ofdkit
import pytest
from sqlalchemy import select

from core.upward import UpwardError
from core.upward.package import Package, _canonical
from data_models import CollectionRequest, Report, Submission
from tests.support import need

from .conftest import make_package


def _tiny_ofd() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("OFD.xml", '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>')
    return out.getvalue()


def test_package_without_ofd_hashes_as_before(demo):
    package = make_package(demo.county_a)
    digest = hashlib.sha256()
    for part in (package.docx, package.pdf or b"", _canonical(package.metrics), _canonical(package.content)):
        digest.update(hashlib.sha256(part).digest())
    assert package.content_hash == digest.hexdigest()
    assert package.to_payload(7, "key")["ofd"] is None


def test_ofd_travels_in_the_payload_and_counts_in_the_hash(demo):
    package = make_package(demo.county_a)
    plain = package.content_hash
    package.ofd = _tiny_ofd()
    again = Package.from_payload(package.to_payload(7, "key"))
    assert again.ofd == package.ofd and again.content_hash == package.content_hash != plain


def test_payload_with_something_else_as_ofd_is_refused(demo):
    package = make_package(demo.county_a)
    package.ofd = b"%PDF-1.7 not an ofd"
    with pytest.raises(UpwardError, match="报送包格式有误：ofd"):
        Package.from_payload(package.to_payload(7, "key"))


def test_request_form_asks_for_ofd(client, demo, db_session):
    client.login("city_reviewer")
    page = client.get("/upward/requests/new").get_data(as_text=True)
    assert "同时报送 OFD 版式文件" in page
    client.post("/upward/requests/new", data={"kind": "annual_summary", "period": "2023", "deadline": "2024-01-31",
                                              "targets": [demo.county_a.id], "want_ofd": "y"})
    request = db_session.scalars(select(CollectionRequest)).one()
    assert request.want_ofd is True
    assert "要求同时报送 OFD" in client.get(f"/upward/requests/{request.id}").get_data(as_text=True)


@pytest.mark.system
def test_county_sends_ofd_when_asked_and_city_downloads_it(client, db_session):
    from core.demo import load_demo
    from core.rendering import pdf

    need(shutil.which("soffice") is not None and pdf.uno_python() is not None, "需要 LibreOffice 和 python3-uno")
    load_demo(db_session)
    request = db_session.scalars(select(CollectionRequest)).one()
    request.want_ofd = True
    db_session.commit()
    report = db_session.scalars(select(Report).where(Report.status == "approved")).first()
    client.login("xishan_reviewer")
    assert "上级要求同时报送 OFD" in client.get(f"/upward/received/{request.id}").get_data(as_text=True)
    client.post(f"/upward/received/{request.id}", data={"report_id": report.id})
    submission = db_session.scalars(select(Submission)).one()
    assert submission.pdf.startswith(b"%PDF") and submission.ofd is not None
    client.logout()
    client.login("city_reviewer")
    assert f"/upward/submissions/{submission.id}.ofd" in client.get(f"/upward/requests/{request.id}").get_data(
        as_text=True)
    got = client.get(f"/upward/submissions/{submission.id}.ofd")
    assert got.status_code == 200 and got.mimetype == "application/ofd"
    with ofdkit.open(got.data) as document:
        assert document.info.title == report.title and "2024年工作要点" in document.text()


def test_api_tells_a_remote_county_that_ofd_is_wanted(client, city_request, demo, db_session):
    from core.upward.tokens import issue_token

    city_request.want_ofd = True
    _, token = issue_token(db_session, demo.county_a.id, "东湖县政协部署")
    db_session.commit()
    listed = client.get("/api/upward/requests", headers={"Authorization": f"Bearer {token}"}).get_json()
    assert [(r["id"], r["want_ofd"]) for r in listed["requests"]] == [(city_request.id, True)]
    package = make_package(demo.county_a)
    package.ofd = _tiny_ofd()
    payload = package.to_payload(city_request.id, "east-ofd")
    sent = client.post("/api/upward/submissions", json=payload, csrf=False,
                       headers={"Authorization": f"Bearer {token}", "Idempotency-Key": "east-ofd"})
    assert sent.status_code == 201
    assert db_session.scalars(select(Submission)).one().ofd == package.ofd


@pytest.mark.system
def test_compile_command_writes_the_compilation_as_ofd(runner, db_session, tmp_path):
    from core.demo import load_demo
    from core.rendering import pdf
    from core.upward.from_report import submit_report
    from data_models import User

    from tests.rendering.ofd_support import ofd_cli, pdf_text, run_ofd_cli, squeeze

    need(shutil.which("soffice") is not None and pdf.uno_python() is not None, "需要 LibreOffice 和 python3-uno")
    need(ofd_cli() is not None, "需要 ofd-cli（scripts/install_system_deps.sh）")
    load_demo(db_session)
    request = db_session.scalars(select(CollectionRequest)).one()
    report = db_session.scalars(select(Report).where(Report.status == "approved")).first()
    submit_report(db_session, request, report, db_session.scalars(select(User).where(
        User.username == "xishan_reviewer")).one())
    db_session.commit()
    result = runner.invoke(args=["compile", str(request.id), "-o", str(tmp_path / "b.docx"),
                                 "--ofd", str(tmp_path / "b.ofd")])
    assert result.exit_code == 0, result.output
    assert "汇编 OFD 已保存" in result.output
    assert run_ofd_cli("check", str(tmp_path / "b.ofd")).returncode == 0
    (tmp_path / "b.pdf").write_bytes(pdf.docx_to_pdf((tmp_path / "b.docx").read_bytes()))
    ofd_text = ofdkit.extract_text(tmp_path / "b.ofd")
    assert "汇编" in ofd_text and sorted(squeeze(ofd_text)) == sorted(squeeze(pdf_text(tmp_path / "b.pdf")))
