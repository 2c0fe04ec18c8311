"""The kind registry (core/kinds.py): every kind carries every fact, and every layer reads it from there."""
import io
import re

import pytest
from docx import Document

from core.drafting.numbering import STYLES
from core.kinds import (DEFAULT_LAYOUT, KINDS, REPORT_KINDS, kind_choices, kind_label, kind_of, kind_spec,
                        layout_for, period_kind_label)
from core.rendering.docx import render_docx
from core.rendering.format_check import check_docx
from core.rendering.samples import sample_content

CHINESE = re.compile(r"^[\u4e00-\u9fff]+$")


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_every_kind_has_every_fact(kind):
    spec = kind_spec(kind)
    assert spec.key == kind and CHINESE.match(spec.label)
    assert spec.numbering in STYLES and isinstance(spec.parts_numbered, bool)
    assert spec.title and spec.outline
    assert CHINESE.match(spec.layout.label) and CHINESE.match(spec.layout.name)
    assert spec.template.is_file(), f"templates_docx 缺少 {spec.template.name}"


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_a_new_report_signs_as_the_layout_says(kind):
    spec = kind_spec(kind)
    assert spec.settings["signature"] is spec.layout.signed
    assert spec.settings.get("salutation", "") == spec.salutation


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_speeches_open_with_a_salutation_and_are_not_signed(kind):
    spec = kind_spec(kind)
    assert bool(spec.salutation) is spec.layout.speech
    assert not (spec.layout.speech and spec.layout.signed)


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_the_template_names_its_kind_and_carries_the_signature_only_when_signed(kind):
    spec = kind_spec(kind)
    document = Document(spec.template)
    assert document.core_properties.category == spec.layout.name
    texts = "".join(p.text for p in document.paragraphs)
    assert ("{{ signature }}" in texts) is spec.layout.signed


@pytest.mark.parametrize("kind", REPORT_KINDS)
def test_a_rendered_document_reads_back_as_its_kind(kind):
    data = render_docx(sample_content(kind))
    category = Document(io.BytesIO(data)).core_properties.category
    assert kind_of(category) == kind
    assert check_docx(data) == check_docx(data, kind)


def test_names_are_unique_and_read_back():
    labels = [spec.label for spec in KINDS.values()]
    names = [spec.layout.name for spec in KINDS.values()]
    assert len(set(labels)) == len(labels) and len(set(names)) == len(names)
    assert all(kind_of(key) == key and kind_of(spec.layout.name) == key for key, spec in KINDS.items())
    assert kind_choices() == [(key, spec.label) for key, spec in KINDS.items()]
    assert REPORT_KINDS == tuple(KINDS)


def test_unknown_kind_is_shown_as_it_is():
    assert kind_label("no_such_kind") == "no_such_kind"
    assert layout_for("no_such_kind") is DEFAULT_LAYOUT and DEFAULT_LAYOUT.label == "文稿"
    assert kind_of("不存在的类别") == ""


def test_settings_override_the_kinds_numbering():
    spec = kind_spec("annual_summary")
    assert spec.numbering_of({}) == (spec.numbering, spec.parts_numbered)
    assert spec.numbering_of({"numbering": "yishi", "parts_numbered": False}) == ("yishi", False)


def test_period_and_kind_read_as_a_secretary_writes_them():
    assert period_kind_label("2023年", "annual_summary") == "2023年度工作总结"  # not 2023年年度工作总结
    assert period_kind_label("2023年上半年", "half_year_summary") == "2023年上半年工作总结"  # not …上半年半年…
    assert period_kind_label("2023年", "standing_committee_report") == "2023年常委会工作报告"
    assert period_kind_label("2023年下半年", "half_year_summary") == "2023年下半年工作总结"
