"""Benchmark: the report of a 10,000-participant session in Markdown, HTML, text, JSON and DOCX.

Not a timed test. Run ``python bench/bench_report.py`` (add ``--runs N``, and
``--write`` to record the table in ``docs/performance.md``, "Reports"); each run
builds the document and renders every format in turn (CPU time), and the table
shows min / median / max. The target is under 2 s per format, building included,
with the participant lists left out (the default) and with every participant listed.

The session: 4 groups of 2,500 participants; each group lists 12 objectives
that every participant scores on importance (1–3) and on three criteria
(1–10), and every participant writes one remark (10,000 text answers).
The method is declared here and registered like any plugin; no plugin
contributes sections, so the core's generic sections (rankings, profiles,
lists) are what is measured.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

from lessonkit import (
    ActionItem,
    Criterion,
    Entry,
    Group,
    LocalizedText,
    Method,
    Participant,
    Prompt,
    Scale,
    Session,
    Step,
    hookimpl,
)
from lessonkit.plugins import Registry, get_plugin_manager, load_registry
from lessonkit.report import build_report
from lessonkit.scores import ScoreTable

T = LocalizedText
GROUPS, PER_GROUP, ITEMS = 4, 2_500, 12
CRITERIA = ("fun", "safe", "all")

METHOD = Method(
    key="survey",
    title=T(en="Needs survey", th="การสำรวจความต้องการ"),
    steps=(Step(key="needs", title=T(en="Needs", th="ความต้องการ"), prompts=(
        Prompt(key="objectives", kind="list", text=T(en="Objectives", th="วัตถุประสงค์")),
        Prompt(key="importance", kind="score", text=T(en="Importance", th="ความสำคัญ"),
               scale=Scale.range(1, 3), items_from="objectives"),
        Prompt(key="dims", kind="score", text=T(en="Dimensions", th="มิติ"),
               scale=Scale.range(1, 10), items_from="objectives",
               criteria=tuple(Criterion(c, T(en=c)) for c in CRITERIA)),
        Prompt(key="remark", kind="text", text=T(en="Remarks", th="ข้อเสนอแนะ")),
    )),),
)


class SurveyPlugin:
    @hookimpl
    def register_methods(self, register: Any) -> None:
        register(METHOD)


def make_session(seed: int = 1) -> Session:
    rng = random.Random(seed)
    groups = []
    for g in range(1, GROUPS + 1):
        group = Group(key=f"g{g}", name=f"กลุ่มพื้นที่ที่ {g}", members=[f"หน่วยงาน {i}" for i in range(6)])
        keys = [f"p{g}x{i}" for i in range(PER_GROUP)]
        group.participants = [Participant(key=k, name=f"ผู้ตอบ {k}") for k in keys]
        group.entries = [Entry(id=f"o{i}", method="survey", step="needs", prompt="objectives",
                               text=f"วัตถุประสงค์ข้อที่ {i} เพื่อพัฒนาศักยภาพเด็กและเยาวชน")
                         for i in range(ITEMS)]
        group.entries += [Entry(id=f"r{i}", method="survey", step="needs", prompt="remark",
                                participant=k, text=f"ข้อเสนอแนะของ {k}: ควรมีพื้นที่เล่นที่ปลอดภัย")
                          for i, k in enumerate(keys)]
        importance, dims = ScoreTable(), ScoreTable()
        importance.add_participants(keys)
        dims.add_participants(keys)
        for i in range(ITEMS):
            importance.add_column(f"o{i}", "", [float(rng.randint(1, 3)) for _ in keys])
            for c in CRITERIA:
                dims.add_column(f"o{i}", c, [float(rng.randint(1, 10)) for _ in keys])
        group.scores["survey/needs/importance"] = importance
        group.scores["survey/needs/dims"] = dims
        group.actions = [ActionItem(id=f"a{i}", what=f"ติดตามผลข้อที่ {i}", owner="ทีมงาน",
                                    due=dt.date(2024, 3, 1)) for i in range(5)]
        groups.append(group)
    return Session(title="การสำรวจความต้องการของเด็กและเยาวชน", date=dt.date(2024, 1, 15),
                   venue="ทั่วประเทศ", locale="th", methods=["survey"], groups=groups)


def median_time(function: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.process_time()
        result = function()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def growth(sizes: list[int], write_doc: bool) -> None:
    """The built-in plugins' reports (AAR and EE: the seeds' workshop; 5C4F: Phatthalung's
    assessment) over sessions of growing size: build plus HTML, CPU time, and the HTML's size."""
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "tests"))
    sys.path.insert(0, str(root / "bench"))
    from _paired import machine, slope, write
    from _scale_fixtures import demo_sessions, inflate

    registry = load_registry(get_plugin_manager())
    html = registry.renderers.get("html")
    md = registry.renderers.get("md")
    lines = [f"`python bench/bench_report.py --growth {','.join(map(str, sizes))}`: the demo "
             "workshops with every group grown to the size (each new participant answers like "
             "one of the group's own: AAR answers and dots, EE ratings, 5C4F ratings and "
             f"comments); build_report plus rendering, CPU time of one run; {machine()}.", "",
             "| participants | AAR + EE: build + HTML (s) | HTML size (MB) | + Markdown (s) | "
             "5C4F: build + HTML (s) | HTML size (MB) |", "|---:|---:|---:|---:|---:|---:|"]
    totals: list[float] = []
    for size in sizes:
        seeds, c4f = demo_sessions()
        inflate(seeds, registry, size // 2)  # two of its groups have answers to copy
        inflate(c4f, registry, size)
        cells = [f"{seeds.participant_count():,}"]
        total = 0.0
        for session, with_md in ((seeds, True), (c4f, False)):
            start = time.process_time()
            document = build_report(session, registry)
            page = html(document)
            spent = time.process_time() - start
            total += spent
            cells += [f"{spent:.2f}", f"{len(page.encode()) / 1e6:.2f}"]
            if with_md:
                start = time.process_time()
                md(document)
                cells.append(f"{time.process_time() - start:.2f}")
        totals.append(total)
        lines.append("| " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
    k = slope(sizes, totals)
    lines += ["", f"Growth: time ∝ participants^{k:.2f} (target ≤ 1.1)."]
    print("\n".join(lines))
    if write_doc:
        write("bench_report_growth", "\n".join(lines))


def ten_thousand(runs: int, write_doc: bool) -> None:
    """The 10,000-participant session: build_report and each renderer, interleaved in every
    run (build, then every format of that document), CPU time, min / median / max."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _paired import machine, write

    registry: Registry = load_registry(get_plugin_manager(load_entrypoints=False,
                                                          plugins=[("survey", SurveyPlugin())]))
    session = make_session()
    formats = ("md", "html", "txt", "json", "docx")
    renderers = {key: registry.renderers.get(key) for key in formats}
    lines = [f"`python bench/bench_report.py --runs {runs}`: {session.participant_count():,} "
             f"participants, {GROUPS} groups, {ITEMS} items, {len(CRITERIA)} criteria; "
             f"{runs} runs, each building the document and rendering every format in turn "
             f"(CPU time); {machine()}.", "",
             "| edition | step | min (ms) | median (ms) | max (ms) | build + render, median "
             "(ms) | size (MB) | under 2 s |", "|---|---|---:|---:|---:|---:|---:|---|"]
    print(f"session: {session.participant_count():,} participants; {runs} interleaved runs")
    for label, options in (("participant lists left out (default)", {}),
                           ("every participant listed", {"max_participants_listed": 10**9})):
        document = build_report(session, registry, options=options)
        for renderer in renderers.values():
            renderer(document)  # import each module outside the timing
        times: dict[str, list[float]] = {"build_report": [], **{k: [] for k in formats}}
        sizes: dict[str, int] = {}
        for _ in range(runs):
            start = time.process_time()
            document = build_report(session, registry, options=options)
            times["build_report"].append(time.process_time() - start)
            for key, renderer in renderers.items():
                start = time.process_time()
                output = renderer(document)
                times[key].append(time.process_time() - start)
                sizes[key] = len(output.encode() if isinstance(output, str) else output)
        build = statistics.median(times["build_report"])
        for key, values in times.items():
            median = statistics.median(values)
            total = median if key == "build_report" else build + median
            size = f"{sizes[key] / 1e6:.2f}" if key in sizes else ""
            verdict = "" if key == "build_report" else ("yes" if total < 2 else "**no**")
            lines.append(f"| {label} | {key} | {min(values) * 1000:,.0f} | {median * 1000:,.0f} | "
                         f"{max(values) * 1000:,.0f} | {total * 1000:,.0f} | {size} | {verdict} |")
            print(lines[-1], flush=True)
    if write_doc:
        write("bench_report", "\n".join(lines))


def thai_words(runs: int, write_doc: bool) -> None:
    """The HTML book with Thai words kept whole in table cells (the default) against the same
    page with ``thai_words`` off (the floor), paired and interleaved in one process; and the
    segmenter's one-off load (PyThaiNLP's import and the word set), in fresh processes."""
    import subprocess
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _paired import machine, paired, row, write

    from lessonkit.renderers.html import render
    from lessonkit.renderers.thaiwords import segmenter

    def fresh(code: str) -> list[float]:
        return [float(subprocess.run([sys.executable, "-c", "import time\n"
                                      "t = time.process_time()\n" + code +
                                      "\nprint(time.process_time() - t)"],
                                     capture_output=True, text=True, check=True).stdout)
                for _ in range(runs)]

    # where PyThaiNLP's own first word_tokenize spends its time, then lessonkit's segmenter
    imported = fresh("import pythainlp.tokenize")
    first = fresh("from pythainlp.tokenize import word_tokenize\n"
                  "word_tokenize('หน่วยงาน', engine='newmm')")
    loads = fresh("from lessonkit.renderers.thaiwords import segmenter\n"
                  "assert segmenter() is not None, 'PyThaiNLP is not installed'\n"
                  "segmenter()('หน่วยงาน')")
    segmenter()
    registry: Registry = load_registry(get_plugin_manager(load_entrypoints=False,
                                                          plugins=[("survey", SurveyPlugin())]))
    session = make_session()
    lines = [f"`python bench/bench_report.py --thai-words --runs {runs}`: the 10,000-participant "
             "session's HTML book, Thai words kept whole in table cells (the default) against "
             "`thai_words` off, interleaved in one process, CPU seconds; the one-off loads in "
             f"{runs} fresh processes each (× the import alone); {machine()}.", "",
             "| step | CPU min (s) | median (s) | max (s) | × floor |", "|---|---:|---:|---:|---:|",
             row("PyThaiNLP: `import pythainlp.tokenize`", imported, None),
             row("PyThaiNLP: import + first `word_tokenize` (builds its trie)", first, imported),
             row("lessonkit's segmenter: import + word set + first cell", loads, imported)]
    cold = {}
    for label, options in (("default", {}), ("every participant listed",
                                             {"max_participants_listed": 10**9})):
        build, document = median_time(
            lambda o=options: build_report(session, registry, options=o), runs)
        times = paired({"off": lambda d=document: render(d, {"thai_words": False}),
                        "on": lambda d=document: render(d)}, runs)
        lines.append(row(f"HTML, {label}: `thai_words` off (floor)", times["off"], None))
        lines.append(row(f"HTML, {label}: words kept (default)", times["on"], times["off"]))
        cold[label] = build + statistics.median(loads) + statistics.median(times["on"])
    lines += ["", "Build + segmenter load + HTML, first report of a process: " + ", ".join(
        f"{label} {seconds:.2f} s" for label, seconds in cold.items()) + " (target < 2 s)."]
    print("\n".join(lines))
    if write_doc:
        write("bench_report_thai", "\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--growth", default=None,
                        help="sizes for the built-in plugins' reports, e.g. 25000,50000,100000,200000")
    parser.add_argument("--thai-words", action="store_true",
                        help="the HTML book with Thai words kept whole against without, paired")
    parser.add_argument("--write", action="store_true",
                        help="record the figures in docs/performance.md")
    args = parser.parse_args()
    if args.thai_words:
        thai_words(args.runs, args.write)
        return
    if args.growth:
        growth([int(n) for n in args.growth.split(",")], args.write)
        return
    ten_thousand(args.runs, args.write)


if __name__ == "__main__":
    main()
