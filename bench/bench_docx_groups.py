"""Benchmark: the DOCX report of a 200-group session against its HTML report, paired.

Not a timed test. Run ``python bench/bench_docx_groups.py`` (``--groups N``, ``--runs N``).
The session is the seeds' workshop with its scored group (8 participants, 7 activities
scored on importance and rated, plans, AAR answers) repeated 200 times. Each run renders
the same built document as HTML and then as DOCX (interleaved, so both see the same
machine load), in CPU time; the medians, minimums and maximums are printed with the
ratio DOCX / HTML. Figures are recorded in ``docs/performance.md`` ("Reports").
"""

from __future__ import annotations

import argparse
import copy
import json
import statistics
import time
from pathlib import Path
from typing import Any

from lessonkit import files
from lessonkit.plugins import get_registry
from lessonkit.report import build_report

SEEDS = Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "demo" / "seeds-workshop.json"


def make_session(groups: int) -> Any:
    data = json.loads(SEEDS.read_text(encoding="utf-8"))
    base = data["groups"][1]
    data["groups"] = []
    for i in range(groups):
        group = copy.deepcopy(base)
        group["key"], group["name"] = f"g{i + 1}", f"{base['name']} {i + 1}"
        for p in group["participants"]:
            p["key"] = f"{p['key']}x{i}"
        for table in group["scores"].values():
            table["participants"] = [f"{p}x{i}" for p in table["participants"]]
        for entry in group["entries"]:
            if entry.get("participant"):
                entry["participant"] = f"{entry['participant']}x{i}"
        data["groups"].append(group)
    return files.loads(json.dumps(data, ensure_ascii=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--groups", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    registry = get_registry()
    document = build_report(make_session(args.groups), registry, locale="th")
    html, docx = registry.renderers.get("html"), registry.renderers.get("docx")
    times: dict[str, list[float]] = {"html": [], "docx": []}
    for _ in range(args.runs):
        for key, renderer in (("html", html), ("docx", docx)):
            start = time.process_time()
            renderer(document, {})
            times[key].append(time.process_time() - start)
    print(f"{args.groups} groups, {args.runs} paired runs (CPU time)")
    for key, values in times.items():
        print(f"{key:<5} median {statistics.median(values):7.2f} s   "
              f"min {min(values):7.2f} s   max {max(values):7.2f} s")
    print(f"DOCX / HTML: {statistics.median(times['docx']) / statistics.median(times['html']):.1f}x")


if __name__ == "__main__":
    main()
