"""Benchmark of ``lessonkit import`` (not a timed test).

Run from the repository root::

    python bench/bench_import.py               # print the figures
    python bench/bench_import.py --runs 5
    python bench/bench_import.py --growth 25000,50000,100000,200000

The workload: a Google Forms-shaped CSV of **20,000 rows** (generated), each
row one participant with a name, two text answers and eight scores (five on a
1–5 range grid, three on a labelled scale with N/A) for items the group has
listed. Each run imports it into a fresh session file through the command
(``lessonkit import``, in process, with its progress bar on stderr): reading
and sniffing the CSV, matching headers, checking every row with
``workshop.add_answers``/``set_scores``, and the atomic save. The figure is
paired in the same run with the floors ``list(csv.reader(f))`` and ``pandas.read_csv``
(when pandas is installed), interleaved, in CPU time. Targets: at most 10 × csv.reader and
1.5 × pandas.read_csv; ``--growth 25000,50000,100000,200000`` checks time grows linearly
(slope ≤ 1.1) and 200,000 rows take < 10 s and < 500 MB. ``--write`` records the table in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from click.testing import CliRunner  # noqa: E402

from lessonkit import (  # noqa: E402
    Level,
    LocalizedText,
    Method,
    Prompt,
    Scale,
    Step,
    files,
    hookimpl,
    workshop,
)
from lessonkit.cli import _common, cli  # noqa: E402
from lessonkit.plugins import get_plugin_manager, load_registry  # noqa: E402

T = LocalizedText
ITEMS = ["เยี่ยมบ้าน", "คลินิกเด็ก", "สภาเด็กและเยาวชน", "ศูนย์พัฒนาเด็กเล็ก", "อาสาสมัคร"]
BENCH_METHOD = Method(
    key="bench", title=T(en="Bench", th="ทดสอบ"),
    steps=(Step(key="review", title=T(en="Review", th="ทบทวน"), prompts=(
        Prompt(key="expected", kind="text",
               text=T(en="What was expected to happen?", th="สิ่งที่คาดหวังว่าจะเกิดขึ้นคืออะไร")),
        Prompt(key="actual", kind="text",
               text=T(en="What actually happened?", th="สิ่งที่เกิดขึ้นจริงคืออะไร")),
        Prompt(key="activities", kind="list", individual=False, text=T(en="Key activities")),
        Prompt(key="importance", kind="score", items_from="activities",
               text=T(en="How important?", th="สำคัญเพียงใด"), scale=Scale.range(1, 5)),
        Prompt(key="assess", kind="score", items_from="activities",
               text=T(en="Is it true?", th="เป็นจริงเพียงใด"),
               scale=Scale.of_levels(Level("never", 1, T(en="Never", th="ไม่เคย")),
                                     Level("sometimes", 2, T(en="Sometimes", th="บางครั้ง")),
                                     Level("mostly", 3, T(en="Mostly", th="ส่วนใหญ่")),
                                     allow_na=True)),
    )),),
)


class BenchPlugin:
    @hookimpl
    def register_methods(self, register: object) -> None:
        register(BENCH_METHOD)  # type: ignore[operator]


def make_csv(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    headers = (["ประทับเวลา", "ชื่อ", "สิ่งที่คาดหวังว่าจะเกิดขึ้นคืออะไร", "สิ่งที่เกิดขึ้นจริงคืออะไร"]
               + [f"สำคัญเพียงใด [{item}]" for item in ITEMS]
               + [f"เป็นจริงเพียงใด [{item}]" for item in ITEMS[:3]])
    levels = ["ไม่เคย", "บางครั้ง", "ส่วนใหญ่", "ไม่เกี่ยวข้อง"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for i in range(rows):
            writer.writerow([f"20/11/2026 9:{i % 60:02d}:00", f"ผู้ตอบ {i}" if i % 3 else "",
                             f"เด็กทุกคนได้รับการเยี่ยมบ้าน ครั้งที่ {i}", "ทำได้ครึ่งหนึ่ง, ที่เหลือเดือนหน้า"]
                            + [str(rng.randint(1, 5)) for _ in ITEMS]
                            + [rng.choice(levels) for _ in ITEMS[:3]])


def one_run(data: Path, folder: Path, registry: object) -> tuple[float, float]:
    session = workshop.new_session(registry, "Bench", methods=["bench"])  # type: ignore[arg-type]
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_answers(session, registry, "g1", "bench", "activities", ITEMS)  # type: ignore[arg-type]
    path = folder / "bench.json"
    files.save(session, path)
    _common.reset()
    _common._STATE["pm"] = registry.pm  # type: ignore[attr-defined]
    _common._STATE["registry"] = registry
    start, cpu = time.perf_counter(), time.process_time()
    result = CliRunner().invoke(cli, ["import", str(path), str(data), "--group", "g1"])
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if result.exit_code != 0:
        raise SystemExit(result.output)
    return elapsed, cpu


def csv_floor(data: Path) -> None:
    with data.open(newline="", encoding="utf-8-sig") as handle:
        list(csv.reader(handle))


def pandas_floor(data: Path) -> None:
    import pandas

    pandas.read_csv(data, encoding="utf-8-sig")


def _registry() -> object:
    return load_registry(get_plugin_manager(load_entrypoints=False, plugins=[("bench", BenchPlugin())]))


def paired_run(rows: int, runs: int) -> list[str]:
    from _paired import machine, row

    registry = _registry()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "survey.csv"
        make_csv(data, rows)
        size = data.stat().st_size
        try:
            import pandas  # noqa: F401
            has_pandas = True
        except ImportError:
            has_pandas = False
        times: dict[str, list[float]] = {"csv": [], "pandas": [], "import": [], "wall": []}
        for _ in range(runs):
            start = time.process_time()
            csv_floor(data)
            times["csv"].append(time.process_time() - start)
            if has_pandas:
                start = time.process_time()
                pandas_floor(data)
                times["pandas"].append(time.process_time() - start)
            wall, cpu = one_run(data, folder, registry)
            times["import"].append(cpu)
            times["wall"].append(wall)
        group = files.load(folder / "bench.json").group("g1")
        assert len(group.participants) == rows and len(group.entries) == 2 * rows + len(ITEMS)
    lines = [f"`python bench/bench_import.py --rows {rows} --runs {runs}`: {rows:,} rows "
             f"({size / 1e6:.1f} MB), {runs} interleaved runs, CPU time; {machine()}.", "",
             "| step | CPU min (s) | median (s) | max (s) | × floor |", "|---|---:|---:|---:|---:|",
             row("`list(csv.reader(f))` (floor)", times["csv"], None)]
    if has_pandas:
        lines.append(row("`pandas.read_csv` (floor)", times["pandas"], None))
    lines.append(row("`lessonkit import` vs csv.reader", times["import"], times["csv"]))
    if has_pandas:
        lines.append(row("`lessonkit import` vs pandas.read_csv", times["import"], times["pandas"]))
    else:
        lines.append("| pandas.read_csv | not installed | | | |")
    lines += ["", f"Wall clock of the import: {', '.join(f'{t:.2f}' for t in times['wall'])} s."]
    return lines


def child_peak(rows: int) -> tuple[float, float]:
    """CPU seconds and peak memory (MB) of one import of ``rows`` rows in a fresh process."""
    import resource
    import subprocess

    out = subprocess.run([sys.executable, __file__, "--child", str(rows)], check=True,
                         capture_output=True, text=True).stdout.split()
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return float(out[0]), peak


def growth(sizes: list[int]) -> list[str]:
    from _paired import machine, slope

    results = [(n, *child_peak(n)) for n in sizes]
    k = slope([n for n, _c, _m in results], [c for _n, c, _m in results])
    lines = [f"`python bench/bench_import.py --growth {','.join(map(str, sizes))}`: one import "
             f"per size, each in a fresh process (CPU time of the import command; peak resident "
             f"memory of the largest process so far); {machine()}.", "",
             "| rows | CPU (s) | peak memory (MB) |", "|---:|---:|---:|"]
    lines += [f"| {n:,} | {c:.2f} | {m:.0f} |" for n, c, m in results]
    lines += ["", f"Growth: time ∝ rows^{k:.2f} (target ≤ 1.1); "
              f"{results[-1][0]:,} rows in {results[-1][1]:.1f} s CPU (target < 10 s)."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--growth", default=None, help="sizes, e.g. 25000,50000,100000,200000")
    parser.add_argument("--child", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--write", action="store_true", help="record the figures in docs/performance.md")
    args = parser.parse_args()
    if args.child is not None:
        with tempfile.TemporaryDirectory() as tmp:
            data = Path(tmp) / "survey.csv"
            make_csv(data, args.child)
            _wall, cpu = one_run(data, Path(tmp), _registry())
        print(f"{cpu:.3f}")
        return
    sys.path.insert(0, str(ROOT / "bench"))
    from _paired import write

    if args.growth:
        lines = growth([int(n) for n in args.growth.split(",")])
        marker = "bench_import_growth"
    else:
        lines = paired_run(args.rows, args.runs)
        marker = "bench_import"
    print("\n".join(lines))
    if args.write:
        write(marker, "\n".join(lines))


if __name__ == "__main__":
    main()
