"""One answer in a large live session: the journal store's cost per answer.

Run: ``python bench/bench_answer.py [--sizes 25000,50000,100000,200000] [--answers 30]
[--write]``. For each size, a session of that many participants (bench_files.py's shape) is
opened in a :class:`lessonkit.store.journal.JournalStore` with ``lessonkit serve``'s
operations, a step is opened, and ``--answers`` answers are recorded one by one, each applied
and committed (appended to the journal and fsynced: durable when it returns). The floor,
interleaved with them, is appending the same JSON line to a file and fsyncing it. Target:
one answer at 100,000 participants < 20 ms, and no growth with the session (slope ≈ 0).

The first answer after opening builds the group's index (a one-off cost per session, like
loading it: entries by id, then the entries of each prompt looked up); it is timed apart
and shown in its own column, the ``--answers`` that follow are the measured ones.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from _paired import machine, slope, write
from bench_files import make_session

from lessonkit import files
from lessonkit.plugins import get_plugin_manager, load_registry


def measure(n: int, answers: int) -> dict[str, list[float]]:
    import bench_import as bi

    from lessonkit.serve.ops import LiveOps, live_data
    from lessonkit.store.journal import JournalStore

    registry = load_registry(get_plugin_manager(load_entrypoints=False,
                                                plugins=[("bench", bi.BenchPlugin())]))
    times: dict[str, list[float]] = {"wall": [], "cpu": [], "floor_wall": [], "floor_cpu": [],
                                     "first_wall": [], "first_cpu": []}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "live.json"
        files.save(make_session(n), path)  # type: ignore[arg-type]
        store = JournalStore(path, LiveOps(registry))
        session = store.open()
        live_data(session)["open"]["g1"] = "bench/review"
        floor_path = Path(tmp) / "floor.journal"

        def op_of(i: int) -> dict[str, object]:
            return {"op": "answer", "group": "g1", "method": "bench", "step": "review",
                    "prompt": "expected", "participant": f"p{(i * 7919) % n + 1}",
                    "values": [f"คำตอบใหม่ที่ {i}"]}

        start, cpu = time.perf_counter(), time.process_time()
        store.apply(op_of(answers))  # the first answer: builds the group's index
        store.commit()
        times["first_wall"].append(time.perf_counter() - start)
        times["first_cpu"].append(time.process_time() - cpu)
        with open(floor_path, "ab") as floor:
            for i in range(answers):
                op = op_of(i)
                line = (json.dumps({"seq": i, "op": op}, ensure_ascii=False) + "\n").encode()
                start, cpu = time.perf_counter(), time.process_time()
                floor.write(line)
                floor.flush()
                os.fsync(floor.fileno())
                times["floor_wall"].append(time.perf_counter() - start)
                times["floor_cpu"].append(time.process_time() - cpu)
                start, cpu = time.perf_counter(), time.process_time()
                store.apply(op)
                store.commit()
                times["wall"].append(time.perf_counter() - start)
                times["cpu"].append(time.process_time() - cpu)
        store.close(fold=False)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default="25000,50000,100000,200000")
    parser.add_argument("--answers", type=int, default=30)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    rows, cpu_medians = [], []
    for n in sizes:
        t = measure(n, args.answers)
        w, c, f, fc = (statistics.median(t[k]) for k in ("wall", "cpu", "floor_wall", "floor_cpu"))
        cpu_medians.append(c)
        rows.append(f"| {n:,} | {min(t['wall']) * 1e3:.1f} / **{w * 1e3:.1f}** / "
                    f"{max(t['wall']) * 1e3:.1f} | {min(t['cpu']) * 1e3:.2f} / **{c * 1e3:.2f}** / "
                    f"{max(t['cpu']) * 1e3:.2f} | {f * 1e3:.1f} / {fc * 1e3:.2f} | {w / f:.2f} | "
                    f"{t['first_cpu'][0] * 1e3:.0f} |")
        print(rows[-1], flush=True)
    k = slope(sizes, cpu_medians)
    lines = [f"`python bench/bench_answer.py --sizes {args.sizes} --answers {args.answers}`: "
             f"each answer applied and committed (journal append + fsync) by the journal store "
             f"of `lessonkit serve`, interleaved with its floor, appending the same line to a file "
             f"and fsyncing it; the first answer after opening (it builds the group's index) is "
             f"timed apart; {machine()}.", "",
             "| participants | answer wall min / median / max (ms) | answer CPU min / median / "
             "max (ms) | floor wall / CPU median (ms) | × floor (wall) | first answer CPU (ms) |",
             "|---:|---:|---:|---:|---:|---:|", *rows,
             "", f"Growth of the CPU time per answer with the session: size^{k:.2f} "
             "(0 = the same cost at any size; target ≤ 1.1)."]
    print("\n".join(lines))
    if args.write:
        write("bench_answer", "\n".join(lines))


if __name__ == "__main__":
    main()
