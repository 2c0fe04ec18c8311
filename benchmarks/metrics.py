"""Benchmark: every metric of one annual report over a ledger of ~1,000,000 records.

Compares the engine (a few grouped queries) with a naive baseline (one query per metric) in one
run, on the database given by --url (PostgreSQL for the real figure):

    createdb -h 127.0.0.1 -U postgres ledger_bench
    .venv/bin/python -m benchmarks.metrics --url postgresql+psycopg://postgres@127.0.0.1:5432/ledger_bench

Measured (1,003,080 records, 520 committees, PostgreSQL 127.0.0.1, median of 20): engine 7.7 ms,
naive 29.4 ms, roll-up over a city of 10 committees 46.8 ms (under a load average of 8: 17 / 57 / 100 ms).

Since issue 14 every run clears the metric cache (the figures above timed cache hits for the engine)
and the roll-up applies the catalogue's rules (distinct values listed, committees without a ledger
here left out). 2026-11-27, same ledger, load average 8-9 on 2 cores shared by 8 sessions, median of 20:
engine 39.0 ms, naive 135.5 ms, roll-up 181.1 ms, naive roll-up 1355.9 ms; the code before issue 14
under this same harness and load: engine 39.1 ms, naive 128.5 ms, roll-up 155.8 ms. A second pair of
runs at load average 10-11: this code 47.5 / 145.7 / 177.7 ms (naive roll-up 1614 ms), the code before
173.4 ms for the roll-up. At load average 5-6 (16:29 UTC): this code engine 16.4 ms, naive 29.6 ms,
roll-up 57.3 ms, naive roll-up 306.5 ms; the code before 15.9 / 29.3 / 50.5 / 309.0 ms.
"""
import argparse
import json
import time
from types import SimpleNamespace

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from benchmarks.compare import Spread, interleave, load_average
from core.committees import subtree_ids
from core.demo.ledger import _committee_rows, _type_ids
from core.metrics import cache
from core.metrics.conditions import KeyMap, date_condition, spec_condition, value_expr
from core.metrics.definitions import load_specs, seed_catalogue
from core.metrics.engine import compute_metrics, rollup_metrics
from core.metrics.queries import basis_starts, clean_value
from core.metrics.formula import FormulaError, evaluate
from core.metrics.periods import parse_period
from data_models import Base, Committee, Record

COLUMNS = ["committee_id", "category_id", "type_id", "date", "title", "count", "persons", "amount", "attrs",
           "note", "source", "created_at", "updated_at"]


def build(engine, committees: int) -> int:
    """Fresh schema, catalogue, `committees` committees (cities of 10) and their demo-shaped ledgers."""
    Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        seed_catalogue(session)
        ids = _committees(session, committees)
        types = _type_ids(session)
        session.commit()
    total = 0
    raw = engine.raw_connection()
    try:
        with raw.cursor() as cursor:
            with cursor.copy(f"COPY record ({', '.join(COLUMNS)}) FROM STDIN") as copy:
                for cid in ids:
                    fake = SimpleNamespace(id=cid, name=f"bench-{cid}", place=f"县{cid}")
                    for row in _committee_rows(fake, 1.0, types):
                        copy.write_row([row["committee_id"], row["category_id"], row["type_id"], row["date"],
                                        row["title"], row["count"], row["persons"], row["amount"],
                                        json.dumps(row["attrs"], ensure_ascii=False), "", "demo", "now", "now"])
                        total += 1
        raw.commit()
    finally:
        raw.close()
    with engine.begin() as conn:
        conn.execute(text("ANALYZE record"))
    return total


def _committees(session: Session, n: int) -> list[int]:
    ids = []
    for i in range(n):
        superior = None if i % 10 == 0 else ids[i - i % 10]
        committee = Committee(name=f"政协测试{i}委员会", short_name=f"测试{i}政协", place=f"测试{i}",
                              level="city" if superior is None else "county", superior_id=superior)
        session.add(committee)
        session.flush()
        ids.append(committee.id)
    return ids


def naive(session: Session, committee_id: int, period) -> dict:
    """Baseline: one SELECT per metric, formulas after."""
    keymap, dialect = KeyMap.load(session), session.get_bind().dialect.name
    starts = basis_starts(session, [committee_id], period, keymap)[0]
    values = {}
    specs = load_specs(session, committee_id)
    for spec in specs:
        if spec.kind == "formula":
            continue
        where = [Record.committee_id == committee_id, spec_condition(spec, keymap, dialect),
                 date_condition(starts[spec.basis], starts["_end"])]
        if spec.kind == "count":
            values[spec.key] = session.scalar(select(func.count()).select_from(Record).where(*where))
        elif spec.kind == "sum":
            values[spec.key] = clean_value(spec, session.scalar(select(func.sum(value_expr(spec.field, True))).where(*where)))
        elif spec.kind == "distinct":
            column = value_expr(spec.field, False)  # an empty text is "none", not a value
            values[spec.key] = session.scalar(select(func.count(column.distinct())).where(*where, column != ""))
        else:
            values[spec.key] = list(dict.fromkeys(session.scalars(select(value_expr(spec.field, False)).where(*where).order_by(Record.date, Record.id))))
    for spec in specs:
        if spec.kind == "formula":
            try:
                values[spec.key] = evaluate(spec.formula, values)
            except FormulaError:
                values[spec.key] = None
    return values


def naive_rollup(session: Session, superior_id: int, period) -> dict:
    """Baseline roll-up: the naive metrics of each committee of the subtree, one after another."""
    return {cid: naive(session, cid, period) for cid in subtree_ids(session, superior_id)}


def interleaved(runs: dict, repeat: int) -> dict[str, Spread]:
    """Each run's milliseconds, alternating A B C D, D C B A, … after one warm-up round (benchmarks/compare.py).

    The metric cache is cleared before every run, so the figures are the queries' own cost."""
    samples = interleave(runs, repeat, before=lambda name, number: cache.clear())
    return {name: Spread.of(values) for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--committees", type=int, default=520, help="about 1,930 records each")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--reuse", action="store_true", help="keep the ledger built by an earlier run")
    args = parser.parse_args()
    engine = create_engine(args.url)
    if not args.reuse:
        started = time.perf_counter()
        total = build(engine, args.committees)
        print(f"built {total:,} records for {args.committees} committees in {time.perf_counter() - started:.0f} s")
    period = parse_period("2023")
    with Session(engine) as session:
        total = session.scalar(select(func.count(Record.id)))
        county, city = session.scalars(select(Committee.id).where(Committee.level == "county").limit(1)).one(), \
            session.scalars(select(Committee.id).where(Committee.level == "city").limit(1)).one()
        engine_values = {k: v.value for k, v in compute_metrics(session, county, period).items()}
        assert engine_values == naive(session, county, period), "engine and baseline disagree"
        figures = interleaved({
            "engine": lambda: compute_metrics(session, county, period),
            "naive": lambda: naive(session, county, period),
            "rollup": lambda: rollup_metrics(session, city, period),
            "naive_rollup": lambda: naive_rollup(session, city, period),
        }, args.repeat)
    print(f"ledger: {total:,} records; one county's annual report: {len(engine_values)} metrics; "
          f"{args.repeat} rounds, alternating, metric cache cleared before each run")
    notes = {"engine": "   (target <= 50 ms)", "rollup": "   (target <= 100 ms; rules, distinct values)"}
    for name, label in (("engine", "engine (grouped queries):     "), ("naive", "naive (one query per metric): "),
                        ("rollup", "roll-up over a city of 10:    "), ("naive_rollup", "naive roll-up (per committee):")):
        print(f"{label} {figures[name].text()}{notes.get(name, '')}")
    print(f"naive / engine {figures['naive'].median / figures['engine'].median:.1f} x; naive roll-up / roll-up "
          f"{figures['naive_rollup'].median / figures['rollup'].median:.1f} x (ratios of medians)")
    print(load_average())

if __name__ == "__main__":
    main()
