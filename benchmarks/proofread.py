"""Benchmark: proofreading a 10,000-character report (issue 15: ≤ 100 ms after start-up).

Start-up (imports, rule files, compiled patterns, OpenCC and pinyin tables) is measured apart, in
fresh processes. Then, alternating (A B, B A, …, benchmarks/compare.py) in this process, medians,
spread and the per-round ratio printed:
  A  the whole report: every section's fields by role plus the section-tree checks;
  B  baseline: the same text scanned by one compiled regular expression (the floor of reading it).

    .venv/bin/python -m benchmarks.proofread [--chars 10000 --rounds 15]
"""
import argparse
import re
import statistics
import subprocess
import sys
from pathlib import Path

from benchmarks.compare import Spread, interleave, print_table

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "proofreading" / "clean_corpus.txt"
TARGET_MS = 100


def report_sections(chars: int):
    """Transient sections (no database): a part, sections of corpus paragraphs, about `chars` long."""
    from data_models import Section

    paragraphs = [p for p in CORPUS.read_text(encoding="utf-8").splitlines() if len(p) > 40]
    sections, total, next_id = [Section(id=1, parent_id=None, position=0, node_type="part", heading="工作回顾",
                                        lead="", body="")], 0, 2
    while total < chars:
        text = paragraphs[next_id % len(paragraphs)]
        sections.append(Section(id=next_id, parent_id=1, position=next_id, node_type="section",
                                heading=f"第{next_id}项工作", lead="", body=text))
        total, next_id = total + len(text), next_id + 1
    return sections


def proofread_sections(sections) -> int:
    from core.drafting.numbering import number_tree
    from core.drafting.tree import build_tree
    from core.proofreading.engine import proofread_text
    from core.proofreading.report import roles
    from core.proofreading.structure import tree_findings

    found = 0
    for section in sections:
        for name, role in roles(section.node_type).items():
            found += len(proofread_text(getattr(section, name) or "", role))
    tree = build_tree(sections)
    return found + len(tree_findings(tree, number_tree(tree, "standard")))


def startup_ms() -> float:
    """A fresh interpreter: import, load and compile everything, proofread one short sentence."""
    code = ("import time; t = time.perf_counter(); from core.proofreading import proofread_text; "
            "proofread_text('完善制度,规范履职行为。政協委員深入深入贯彻。'); print((time.perf_counter() - t) * 1000)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=CORPUS.parent.parent.parent)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chars", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args()
    starts = [startup_ms() for _ in range(3)]
    print(f"start-up (fresh process, 3 runs): median {statistics.median(starts):.0f} ms, "
          f"min–max {min(starts):.0f}–{max(starts):.0f} ms")
    sections = report_sections(args.chars)
    text = "\n".join(s.heading + "\n" + s.body for s in sections)
    floor = re.compile(r"[,;:?!()\"]|\.{3}|[\u3400-\u9fff]{2}")
    samples = interleave({"A": lambda: proofread_sections(sections),  # the warm-up round loads every lazy table
                          "B": lambda: sum(1 for _ in floor.finditer(text))}, args.rounds)
    median = Spread.of(samples["A"]).median * 1000
    print(f"report: {len(sections)} sections, {len(text)} characters; {args.rounds} rounds, alternating")
    print_table(samples, base="B", labels={"A": "A proofread whole report", "B": "B baseline one-regex scan"})
    print(f"  target A <= {TARGET_MS} ms (median {median:.1f} ms): {'ok' if median <= TARGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
