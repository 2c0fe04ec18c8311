"""Fair comparisons for every benchmark: run the sides alternately, report medians and spread.

A busy machine slows whatever runs while it is busy. Running side A's samples, then side B's, lets a
burst of load land on one side only and flip a ratio; alternating A B, B A, A B … spreads it over
both. Each round runs every side once (the order reversed every other round). Ratios are given as
the ratio of the medians and as the median (and spread) of the per-round ratios: the sides of one
round ran under the same load, so their ratio is the one a burst cannot flip. Medians, the interquartile range
and min–max are printed with the load average the run saw.
"""
import os
import statistics
import time
from dataclasses import dataclass
from typing import Callable


@dataclass
class Spread:
    """A side's samples summarised: median, quartiles, min and max (in the samples' unit)."""

    n: int
    median: float
    q1: float
    q3: float
    low: float
    high: float

    @classmethod
    def of(cls, values: list[float]) -> "Spread":
        ordered = sorted(values)
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive") if len(ordered) > 1 else ordered * 3
        return cls(len(ordered), statistics.median(ordered), q1, q3, ordered[0], ordered[-1])

    def text(self, scale: float = 1000.0, unit: str = "ms", digits: int = 1) -> str:
        f = lambda v: f"{v * scale:.{digits}f}"  # noqa: E731
        return f"median {f(self.median)} {unit}  IQR {f(self.q1)}–{f(self.q3)}  min–max {f(self.low)}–{f(self.high)}  (n={self.n})"


def timed(fn: Callable, *args) -> tuple[float, object]:
    """Seconds one call took, and what it returned."""
    started = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - started, result


def interleave(sides: dict[str, Callable[[], object]], rounds: int, *, warmup: int = 1,
               before: Callable[[str, int], None] | None = None,
               measure: Callable[[Callable[[], object]], float] | None = None) -> dict[str, list[float]]:
    """Seconds of each side per round, the sides alternating (A B, B A, A B …) after `warmup` untimed rounds.

    `before(side, round)` runs untimed before each call (new content to render, caches to clear);
    `measure(fn)` replaces the wall clock (e.g. CPU time of a child process, or a time the side reports).
    """
    measure = measure or (lambda fn: timed(fn)[0])
    names = list(sides)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for number in range(warmup + rounds):
        order = names if number % 2 == 0 else names[::-1]
        for name in order:
            if before is not None:
                before(name, number)
            seconds = measure(sides[name])
            if number >= warmup:
                samples[name].append(seconds)
    return samples


def ratio(samples: dict[str, list[float]], side: str, base: str) -> Spread:
    """side / base, round by round (both ran in the same round, under the same load)."""
    return Spread.of([a / b for a, b in zip(samples[side], samples[base]) if b > 0])


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} (1 / 5 / 15 min) on {os.cpu_count()} CPUs"


def print_table(samples: dict[str, list[float]], *, base: str | None = None, scale: float = 1000.0,
                unit: str = "ms", digits: int = 1, labels: dict[str, str] | None = None) -> None:
    """One line per side (median, IQR, min–max); with `base`, each other side's ratio to it."""
    labels = labels or {}
    width = max(len(labels.get(name, name)) for name in samples)
    for name, values in samples.items():
        print(f"  {labels.get(name, name):<{width}}  {Spread.of(values).text(scale, unit, digits)}")
    if base is not None:
        for name in samples:
            if name != base:
                r = ratio(samples, name, base)
                of_medians = Spread.of(samples[name]).median / Spread.of(samples[base]).median
                print(f"  {labels.get(name, name)} / {labels.get(base, base)}: {of_medians:.2f} x (ratio of medians); "
                      f"per round median {r.median:.2f} x, IQR {r.q1:.2f}–{r.q3:.2f}, min–max {r.low:.2f}–{r.high:.2f}")
    print(f"  {load_average()}")
