"""Benchmark: the DOCX report of a 200-group session against its HTML report, paired.

Not a timed test. Run ``python bench/bench_docx_groups.py`` (``--groups N``, ``--runs N``,
``--write`` to record the table in ``docs/performance.md``).
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
import sys
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
    parser.add_argument("--write", action="store_true", help="record in docs/performance.md")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _paired import machine, paired, row, write

    registry = get_registry()
    document = build_report(make_session(args.groups), registry, locale="th")
    html, docx = registry.renderers.get("html"), registry.renderers.get("docx")
    docx(build_report(make_session(1), registry, locale="th"))  # imports outside the timing
    times = paired({"HTML": lambda: html(document, {}), "DOCX": lambda: docx(document, {})},
                   args.runs)
    ratio = statistics.median(times["DOCX"]) / statistics.median(times["HTML"])
    lines = [f"`python bench/bench_docx_groups.py --groups {args.groups} --runs {args.runs}`: "
             f"the seeds' scored group repeated {args.groups} times, the same built document "
             f"rendered as HTML and as DOCX, interleaved, CPU time; {machine()}.", "",
             "| renderer | min (s) | median (s) | max (s) | ratio |", "|---|---:|---:|---:|---:|",
             row("HTML (floor)", times["HTML"], None, fmt="{:.2f}"),
             row("DOCX", times["DOCX"], times["HTML"], fmt="{:.2f}"), "",
             f"DOCX / HTML: {ratio:.1f}× (target ≤ 3×)."]
    print("\n".join(lines))
    if args.write:
        write("bench_docx_groups", "\n".join(lines))


if __name__ == "__main__":
    main()
