"""Benchmark: importing a 10,000-character .docx, number matching included, against the bare parse.

Builds a fictional annual summary of about 10,000 characters as a .docx (headings, bold leads, a
number with its unit in most sentences) and a SQLite database with the demo committees and ledger.
Then, alternating (A B, B A, …, benchmarks/compare.py), times
  A  the bare parse: python-docx opens the file and reads every paragraph's text;
  B  the whole import plan: checks (core.uploads), final text, outline, metric values of the
     committee for the period and last year, and every number matched (core.importing).
Target: B ≤ 1 s. Prints the medians, spread, the ratio and each run.

    .venv/bin/python -m benchmarks.import [--runs 7] [--chars 10000]
"""
import argparse
import io
import tempfile
from pathlib import Path

from docx import Document
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from benchmarks.compare import Spread, interleave, print_table

TARGET_SECONDS = 1.0
SECTIONS = ["强化政治引领，筑牢思想根基", "深化协商议政，服务发展大局", "加强民主监督，助推落地见效",
            "发挥委员作用，凝聚团结共识", "加强自身建设，提升履职能力"]
SENTENCES = ["全年召开党组会议{n}次、主席会议{m}次，举办委员读书活动{k}次。",
             "围绕东湖县湖区保护开展专题协商{k}次，形成调研报告{m}篇，收到提案{n}0件。",
             "各级协商议事室开展活动{n}0余场次，参与群众{m}00多人次，解决问题{k}0余件。",
             "举办委员培训班{k}期、培训委员{n}{m}人次，立案率8{k}%。"]


def build_docx(chars: int) -> bytes:
    document = Document()
    document.add_paragraph("东湖县政协2023年工作总结和2024年工作要点", style="Title")
    document.add_paragraph("2023年，县政协在县委的坚强领导下，紧扣中心工作履职尽责，各项工作取得新进展。")
    document.add_paragraph("一、2023年工作及成效", style="Heading 1")
    total, index = 0, 0
    while total < chars:
        if index % 6 == 0:
            document.add_paragraph(f"（{'一二三四五'[index // 6 % 5]}）{SECTIONS[index // 6 % 5]}", style="Heading 2")
        paragraph = document.add_paragraph()
        paragraph.add_run("扎实推进重点工作。").bold = True
        text = "".join(s.format(n=index % 9 + 1, m=index % 7 + 2, k=index % 5 + 1) for s in SENTENCES)
        paragraph.add_run(text)
        total += len(text) + 9
        index += 1
    document.add_paragraph("政协东湖县委员会")
    document.add_paragraph("2024年1月5日")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def bare_parse(data: bytes) -> int:
    return sum(len(p.text) for p in Document(io.BytesIO(data)).paragraphs)


def full_import(session: Session, committee_id: int, data: bytes) -> int:
    from core.importing.service import plan_import
    from core.importing.source import read_docx
    from core.metrics.periods import Period

    plan = plan_import(session, committee_id, Period.year(2023), read_docx(data, "总结.docx"))
    return len(plan.numbers)


def database(path: Path) -> tuple[Session, int]:
    from core.demo import load_demo
    from core.demo.committees import demo_committees
    from data_models import Base

    engine = create_engine(f"sqlite:///{path}")
    Base.metadata.create_all(engine)
    session = Session(engine)
    load_demo(session)
    session.commit()
    return session, demo_committees(session)[1].id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--chars", type=int, default=10_000)
    args = parser.parse_args()
    data = build_docx(args.chars)
    with tempfile.TemporaryDirectory() as folder:
        session, committee_id = database(Path(folder) / "bench.sqlite3")
        chars = bare_parse(data)
        numbers = full_import(session, committee_id, data)  # warm-up: imports, caches as in a live server
        session.rollback()
        samples = interleave({"A": lambda: bare_parse(data), "B": lambda: full_import(session, committee_id, data)},
                             args.runs, warmup=0, before=lambda side, _: session.rollback())
        session.close()
    b = Spread.of(samples["B"]).median
    print(f"document: {chars} characters, {len(data) // 1024} KB .docx, {numbers} numbers matched; "
          f"{args.runs} rounds, alternating")
    print_table(samples, base="A", labels={"A": "A bare python-docx parse", "B": "B import incl. number matching"})
    for name in samples:
        print(f"  {name} runs (ms): {[round(x * 1000) for x in samples[name]]}")
    print(f"  target B <= {TARGET_SECONDS:.1f} s: {'met' if b <= TARGET_SECONDS else 'NOT met'}")


if __name__ == "__main__":
    main()
