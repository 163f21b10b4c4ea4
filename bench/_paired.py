"""Shared pieces of the benchmarks: paired, interleaved CPU timings and the doc writer.

Every target is measured against its floor in the same run, interleaved (floor, ours,
floor, ours, …), in CPU time of this process (``time.process_time``: other jobs on a shared
machine move wall-clock time far more than CPU time), and reported as min / median / max
with the ratio of the medians.
"""

from __future__ import annotations

import math
import os
import platform
import statistics
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "performance.md"


def cpu(function: Callable[[], Any]) -> tuple[float, Any]:
    start = time.process_time()
    result = function()
    return time.process_time() - start, result


def paired(functions: Mapping[str, Callable[[], Any]], runs: int) -> dict[str, list[float]]:
    """CPU seconds of each function, ``runs`` times, interleaved."""
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            times[name].append(cpu(function)[0])
    return times


def row(name: str, times: list[float], floor: list[float] | None, unit: float = 1.0,
        fmt: str = "{:.3f}") -> str:
    m = statistics.median(times)
    ratio = f"**{m / statistics.median(floor):.2f}×**" if floor else "1.00 (floor)"
    return (f"| {name} | {fmt.format(min(times) * unit)} | {fmt.format(m * unit)} | "
            f"{fmt.format(max(times) * unit)} | {ratio} |")


def slope(sizes: list[int], seconds: list[float]) -> float:
    """The exponent k of time ∝ size^k, a least-squares fit on log-log (1 = linear)."""
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-9)) for t in seconds]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs)


def machine() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
            f"load average {load:.1f} when the run finished (a shared machine: the ratios, "
            "paired in the same run, are what to read)")


def write(marker: str, text: str) -> None:
    """Replace the block between ``<!-- marker:start -->`` and ``<!-- marker:end -->`` in
    docs/performance.md (or add it at the end)."""
    doc = DOC.read_text(encoding="utf-8")
    start, end = f"<!-- {marker}:start -->", f"<!-- {marker}:end -->"
    block = f"{start}\n{text.rstrip()}\n{end}"
    if start in doc:
        doc = doc[:doc.index(start)] + block + doc[doc.index(end) + len(end):]
    else:
        doc = doc.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(doc, encoding="utf-8")
