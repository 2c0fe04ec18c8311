"""NodeType: the section tree's node types and their Chinese names in one place, and the editor's copy.

The editor's copy of the server's vocabulary (frontend/src/vocab.js) is checked here too, PdfState included.
"""
import json
import re
from pathlib import Path

from sqlalchemy import inspect

from data_models import NodeType, PdfState, Section
from data_models.report import TEXT_FIELDS

ROOT = Path(__file__).resolve().parent.parent
VOCAB_JS = ROOT / "frontend" / "src" / "vocab.js"


def _js_list(name: str) -> list[str]:
    match = re.search(rf"export const {name} = (\[[^\]]*\]);", VOCAB_JS.read_text(encoding="utf-8"))
    assert match, f"{name} missing from frontend/src/vocab.js"
    return json.loads(match.group(1).replace("'", '"'))


def _js_object(name: str) -> dict[str, str]:
    match = re.search(rf"export const {name} = Object\.freeze\((\{{[^}}]*\}})\);", VOCAB_JS.read_text(encoding="utf-8"))
    assert match, f"{name} missing from frontend/src/vocab.js"
    return json.loads(re.sub(r"(\w+):", r'"\1":', match.group(1)).replace("'", '"'))


def test_every_node_type_has_its_own_chinese_name():
    labels = [node_type.label for node_type in NodeType]
    assert all(labels) and len(set(labels)) == len(labels)
    assert NodeType.label_of("item") == "条目" and NodeType.label_of("table") == "table"


def test_the_stored_values_stay_the_same_strings():
    assert [t.value for t in NodeType] == ["preamble", "part", "section", "subsection", "item", "shortcomings",
                                           "closing"]
    assert set(NodeType.HEADINGS) == {NodeType.PART, NodeType.SECTION, NodeType.SUBSECTION}


def test_the_editor_script_keeps_the_same_lists():
    assert _js_list("NODE_TYPES") == [t.value for t in NodeType]
    assert _js_list("TEXT_FIELDS") == list(TEXT_FIELDS)


def test_the_editor_script_keeps_the_pdf_states():
    assert _js_object("PDF_STATE") == {state.name: state.value for state in PdfState}


def test_the_editor_script_compares_pdf_states_only_through_its_copy():
    """A bare 'pending' beside pdf_state would slip past the check above when PdfState changes."""
    sources = [path for path in (ROOT / "frontend" / "src").glob("*.js") if path != VOCAB_JS]
    states = "|".join(state.value for state in PdfState)
    bare = re.compile(rf"pdf_state\s*[!=]==?\s*['\"`]|['\"`]({states})['\"`]\s*[!=]==?\s*\S*pdf_state")
    offenders = [path.name for path in sources if bare.search(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_text_fields_are_the_section_columns():
    columns = {column.key for column in inspect(Section).columns}
    assert set(TEXT_FIELDS) <= columns


def test_no_module_or_page_keeps_its_own_list_or_names():
    """The tuples and name tables NodeType replaced stay gone (rendering's block kinds are another vocabulary)."""
    hand_made = ('("part", "section", "subsection")', "('part', 'section', 'subsection')", '"subsection": "',
                 "NODE_TYPES =", "KIND_NAMES = {\"preamble\"")
    sources = [*(ROOT / "app").rglob("*.py"), *(ROOT / "app" / "templates").rglob("*.html"),
               *(ROOT / "core").rglob("*.py")]
    offenders = [str(path.relative_to(ROOT)) for path in sources
                 if any(snippet in path.read_text(encoding="utf-8") for snippet in hand_made)]
    assert offenders == []
