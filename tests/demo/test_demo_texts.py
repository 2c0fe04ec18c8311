"""The demo is our own fictional 清河市/东湖县/西山县 material (issue 13 item 7, reference/README.md):
no sentence of a reference document, no real person or place, none of the references' slips."""
import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REFERENCES = Path("/work/shared/reference")
DEMO_FILES = sorted((ROOT / "core" / "demo").rglob("*.py"))
RUN = 12  # a run of this many identical characters counts as a copied sentence
# Fixed names of doctrines, documents and bodies that any committee's text uses verbatim.
FIXED_NAMES = ("习近平新时代中国特色社会主义思想", "以习近平同志为核心的党中央", "党组理论学习中心组暨主席会议",
               "关于加强和改进新时代市县政协工作的意见", "习近平总书记关于加强和改进人民政协工作的重要思想")
REAL_NAMES = ("荆州", "荆江", "住荆", "江汉平原", "洞庭湖", "长江", "陇南", "武都", "天水", "麦积", "定西", "临夏",
              "康乐", "平凉", "崆峒", "庆阳", "西峰", "白银", "会宁", "邢澍", "杨金军", "万象洞", "紫泥", "昌盛", "恒嘉")
SLIPS = ("深入深入", "充足发挥", "有效推提高", "改、进", "协司", "覆职通", "频共振")
PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}")


def _strings(path: Path) -> list[str]:
    """Every string constant of a module, docstrings included, f-string pieces included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)]


def _pieces(text: str) -> list[str]:
    """Text split at placeholders and fixed names: what is left is the author's own wording."""
    text = PLACEHOLDER.sub("\0", text.replace(",", "，"))
    for name in FIXED_NAMES:
        text = text.replace(name, "\0")
    return [piece for piece in text.split("\0") if len(piece) >= RUN]


def _runs(text: str) -> set[str]:
    return {piece[i:i + RUN] for piece in _pieces(text) for i in range(len(piece) - RUN + 1)}


@pytest.fixture(scope="module")
def reference_runs() -> set[str]:
    texts = [p.read_text(encoding="utf-8").replace("*", "\0") for p in sorted(REFERENCES.glob("0*.txt"))]
    if not texts:
        pytest.skip("reference documents not present")
    return set().union(*(_runs(line) for text in texts for line in text.splitlines()))


def _demo_strings() -> list[tuple[str, str]]:
    return [(path.relative_to(ROOT).as_posix(), s) for path in DEMO_FILES for s in _strings(path)]


def test_demo_files_found():
    assert {"core/demo/texts/annual_2023.py", "core/demo/ledger.py"} <= {p.relative_to(ROOT).as_posix() for p in DEMO_FILES}


def test_no_demo_text_repeats_a_reference_sentence(reference_runs):
    copied = [(where, run) for where, text in _demo_strings() for run in sorted(_runs(text) & reference_runs)]
    assert copied == []


@pytest.mark.parametrize("word", REAL_NAMES + SLIPS)
def test_no_real_name_or_reference_slip(word):
    assert [where for where, text in _demo_strings() if word in text] == []


def test_demo_prose_uses_full_width_punctuation_and_balanced_quotes():
    bad = []
    for path in sorted((ROOT / "core" / "demo" / "texts").glob("*.py")):
        for text in _strings(path):
            prose = PLACEHOLDER.sub("", text)
            if not re.search(r"[\u4e00-\u9fff]", prose) or re.search(r"[A-Za-z]", prose):
                continue  # not Chinese prose: docstrings, keys
            if re.search(r"[,;:?!()]", prose) or prose.count("“") != prose.count("”") \
                    or prose.count("《") != prose.count("》") or prose.count("（") != prose.count("）"):
                bad.append(prose[:40])
    assert bad == []
