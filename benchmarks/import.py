"""Benchmark: importing a 10,000-character .docx, number matching included, against the bare parse.

Builds a fictional annual summary of about 10,000 characters as a .docx (headings, bold leads, a
number with its unit in most sentences) and a SQLite database with the demo committees and ledger.
Then, interleaved A B A B …, times
  A  the bare parse: python-docx opens the file and reads every paragraph's text;
  B  the whole import plan: checks (core.uploads), final text, outline, metric values of the
     committee for the period and last year, and every number matched (core.importing).
Target: B ≤ 1 s. Prints the medians, the ratio, and each run.

    .venv/bin/python -m benchmarks.import [--runs 7] [--chars 10000]
"""
import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from docx import Document
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

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


def timed(fn, *args) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


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
        bare, whole = [], []
        for _ in range(args.runs):  # interleaved A B A B
            bare.append(timed(bare_parse, data)[0])
            seconds, _ = timed(full_import, session, committee_id, data)
            whole.append(seconds)
            session.rollback()
        session.close()
    a, b = statistics.median(bare), statistics.median(whole)
    print(f"document: {chars} characters, {len(data) // 1024} KB .docx, {numbers} numbers matched")
    print(f"A bare python-docx parse      median {a * 1000:8.1f} ms   runs {[round(x * 1000) for x in bare]}")
    print(f"B import incl. number matching median {b * 1000:8.1f} ms   runs {[round(x * 1000) for x in whole]}")
    print(f"B / A = {b / a:.1f}x; target B <= {TARGET_SECONDS:.1f} s: {'met' if b <= TARGET_SECONDS else 'NOT met'}")


if __name__ == "__main__":
    main()
