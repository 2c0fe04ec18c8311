import io

import pytest
from docx import Document

from core.rendering.docx import render_docx
from core.rendering.samples import sample_content


@pytest.fixture
def annual_docx() -> bytes:
    return render_docx(sample_content("annual_summary"))


def reopen(data: bytes):
    return Document(io.BytesIO(data))


def saved(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
