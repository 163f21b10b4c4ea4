"""Benchmark of ``lessonkit import`` (not a timed test).

Run from the repository root::

    python bench/bench_import.py               # print the figures
    python bench/bench_import.py --runs 5
    python bench/bench_import.py --growth 25000,50000,100000,200000 --runs 3

The workload: a Google Forms-shaped CSV of **20,000 rows** (generated), each
row one participant with a name, two text answers and eight scores (five on a
1–5 range grid, three on a labelled scale with N/A) for items the group has
listed. Each run imports it into a fresh session file through the command
(``lessonkit import``, in process, with its progress bar on stderr): reading
and sniffing the CSV, matching headers, checking every row with
``workshop.add_answers``/``set_scores``, and the atomic save. The figure is
paired in the same run with the floors ``list(csv.reader(f))`` and ``pandas.read_csv``
(when pandas is installed), interleaved, in CPU time. Targets: at most 10 × csv.reader and
1.5 × pandas.read_csv; ``--growth 25000,50000,100000,200000 --runs 3`` checks time grows
linearly (slope ≤ 1.1, fitted to each size's fastest of the interleaved runs, each a fresh
process) and 200,000 rows take < 10 s and < 500 MB (that process's own peak).

A second table compares whole commands, each a new process (``--fresh-runs``, 5 by default,
0 to leave it out): ``lessonkit import`` (the bench method installed as a plugin through an
entry point in a scratch folder) against ``python -c "import csv; list(csv.reader(f))"`` and
``python -c "import pandas; pandas.read_csv(f)"``, interleaved, in CPU time of the child
(``os.wait4``): start-up and imports included on both sides. Each table ends with a line
saying which target that run meets. ``--write`` records the tables in docs/performance.md.
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

sys.path.insert(0, str(ROOT / "bench"))

from _bench_method import BENCH_METHOD, ITEMS, BenchPlugin  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from lessonkit import files, workshop  # noqa: E402
from lessonkit.cli import _common, cli  # noqa: E402
from lessonkit.plugins import get_plugin_manager, load_registry  # noqa: E402

__all__ = ["BENCH_METHOD", "ITEMS", "BenchPlugin", "make_csv"]


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


def verdict(what: str, ours: list[float], floor: list[float], target: float) -> str:
    """One plain line: the ratio of the medians against its target, met or not."""
    import statistics

    ratio = statistics.median(ours) / statistics.median(floor)
    return (f"{what}: {ratio:.2f}× (target ≤ {target:g}×) — "
            f"{'**met**' if ratio <= target else '**not met**'} in this run.")


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
    lines += ["", f"Wall clock of the import: {', '.join(f'{t:.2f}' for t in times['wall'])} s.", "",
              "In process (the import's own work beside the readers' own work): "
              + verdict("csv.reader", times["import"], times["csv"], 10)
              + (" " + verdict("pandas.read_csv", times["import"], times["pandas"], 1.5)
                 if has_pandas else "")]
    return lines


#: The floors as whole commands: a fresh interpreter that imports its reader and reads the file.
CSV_COMMAND = ("import csv, sys\n"
               "with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n"
               "    list(csv.reader(f))")
PANDAS_COMMAND = "import sys, pandas\npandas.read_csv(sys.argv[1], encoding='utf-8-sig')"


def child_cpu(cmd: list[str], env: dict[str, str] | None = None) -> float:
    """The CPU time (user + system) of one run of ``cmd`` as a child process (os.wait4)."""
    import os
    import subprocess

    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    assert child.stderr is not None
    errors = child.stderr.read()
    _pid, status, usage = os.wait4(child.pid, 0)
    child.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {errors.decode(errors='replace')[-2000:]}")
    return usage.ru_utime + usage.ru_stime


def plugin_folder(folder: Path) -> Path:
    """A folder that makes the bench method an installed plugin for a fresh ``lessonkit``
    process: its module and an entry point naming it (what ``pip install`` of a plugin
    leaves on the path). Byte code is written for it and for lessonkit's sources, as
    installing does, so both sides of the comparison start from byte code."""
    import compileall
    import importlib.util
    import shutil

    plugin = folder / "plugin"
    info = plugin / "lessonkit_bench-0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: lessonkit-bench\nVersion: 0\n")
    (info / "entry_points.txt").write_text("[lessonkit]\nbench = _bench_method\n")
    shutil.copy(ROOT / "bench" / "_bench_method.py", plugin)
    compileall.compile_dir(plugin, quiet=1)
    for name in ("lessonkit", "lessonkit_aar", "lessonkit_ee", "lessonkit_5c4f"):
        spec = importlib.util.find_spec(name)
        for found in (spec.submodule_search_locations or []) if spec is not None else []:
            compileall.compile_dir(found, quiet=1)
    return plugin


def fresh_run(rows: int, runs: int) -> list[str]:
    """``lessonkit import`` as a new process beside new processes that import csv or pandas
    and read the same file: whole commands, interpreter start-up and imports included."""
    import os
    import shutil

    from _paired import machine, row

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "survey.csv"
        make_csv(data, rows)
        registry = _registry()
        session = workshop.new_session(registry, "Bench", methods=["bench"])  # type: ignore[arg-type]
        workshop.add_group(session, "g1", "กลุ่ม 1")
        workshop.add_answers(session, registry, "g1", "bench", "activities", ITEMS)  # type: ignore[arg-type]
        template, target = folder / "template.json", folder / "bench.json"
        files.save(session, template)
        plugin = plugin_folder(folder)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(plugin)])}
        env.pop("LESSONKIT_LOAD_PLUGINS", None)
        commands: dict[str, tuple[list[str], dict[str, str] | None]] = {
            "csv": ([sys.executable, "-c", CSV_COMMAND, str(data)], None)}
        try:
            import pandas  # noqa: F401
            commands["pandas"] = ([sys.executable, "-c", PANDAS_COMMAND, str(data)], None)
        except ImportError:
            pass
        commands["import"] = ([sys.executable, "-m", "lessonkit", "import", str(target), str(data),
                               "--group", "g1"], env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for run in range(runs + 1):  # the first round warms the file cache and is not counted
            for name, (cmd, cmd_env) in commands.items():
                if name == "import":
                    shutil.copyfile(template, target)
                spent = child_cpu(cmd, cmd_env)
                if run:
                    times[name].append(spent)
        group = files.load(target).group("g1")
        assert len(group.participants) == rows and len(group.entries) == 2 * rows + len(ITEMS)
    lines = [f"`python bench/bench_import.py --rows {rows} --runs {runs}`, whole commands: each a "
             f"new process, CPU time of the child (user + system, os.wait4), interleaved, "
             f"{runs} runs; {machine()}.", "",
             "| command | CPU min (s) | median (s) | max (s) | × floor |", "|---|---:|---:|---:|---:|",
             row("`python -c \"import csv; list(csv.reader(f))\"` (floor)", times["csv"], None)]
    if "pandas" in times:
        lines.append(row("`python -c \"import pandas; pandas.read_csv(f)\"` (floor)",
                         times["pandas"], None))
    lines.append(row("`lessonkit import` vs the csv.reader command", times["import"], times["csv"]))
    if "pandas" in times:
        lines.append(row("`lessonkit import` vs the pandas.read_csv command", times["import"],
                         times["pandas"]))
    else:
        lines.append("| pandas | not installed | | | |")
    lines += ["", "Whole commands (start-up and imports included on both sides): "
              + verdict("csv.reader", times["import"], times["csv"], 10)
              + (" " + verdict("pandas.read_csv", times["import"], times["pandas"], 1.5)
                 if "pandas" in times else "")]
    return lines


def child_peak(rows: int) -> tuple[float, float]:
    """CPU seconds of the import command and peak resident memory (MB) of that process, for
    one import of ``rows`` rows in a fresh process (its own peak, from os.wait4)."""
    import os
    import subprocess

    with tempfile.TemporaryFile() as errors:
        child = subprocess.Popen([sys.executable, __file__, "--child", str(rows)],
                                 stdout=subprocess.PIPE, stderr=errors)
        assert child.stdout is not None
        out = child.stdout.read()
        child.stdout.close()
        _pid, status, usage = os.wait4(child.pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            errors.seek(0)
            raise SystemExit(f"the {rows}-row import failed: "
                             f"{errors.read().decode(errors='replace')[-2000:]}")
    return float(out.split()[0]), usage.ru_maxrss / 1024


def growth(sizes: list[int], runs: int) -> list[str]:
    """Each size imported ``runs`` times, each in a fresh process, the sizes interleaved;
    the slope is fitted to each size's fastest run (another job on the machine only ever
    adds time)."""
    import statistics

    from _paired import machine, slope

    if len(sizes) < 2:
        raise SystemExit("--growth needs at least two sizes (a slope is fitted)")
    seen: dict[int, list[tuple[float, float]]] = {n: [] for n in sizes}
    for _ in range(runs):
        for n in sizes:
            seen[n].append(child_peak(n))
    results = [(n, min(c for c, _m in seen[n]), max(m for _c, m in seen[n])) for n in sizes]
    k = slope([n for n, _c, _m in results], [c for _n, c, _m in results])
    lines = [f"`python bench/bench_import.py --growth {','.join(map(str, sizes))} --runs {runs}`: "
             f"each size imported {runs} time(s), each in a fresh process, the sizes interleaved "
             f"(CPU time of the import command: fastest and median run; peak resident memory of "
             f"the process, the largest run); {machine()}.", "",
             "| rows | CPU min (s) | CPU median (s) | peak memory (MB) |", "|---:|---:|---:|---:|"]
    lines += [f"| {n:,} | {c:.2f} | {statistics.median(x for x, _m in seen[n]):.2f} | {m:.0f} |"
              for n, c, m in results]
    n, seconds, peak = results[-1]
    lines += ["", f"Growth: time ∝ rows^{k:.2f} (target ≤ 1.1: {'met' if k <= 1.1 else 'not met'}); "
              f"{n:,} rows in {seconds:.1f} s CPU (target < 10 s: "
              f"{'met' if n >= 200_000 and seconds < 10 else 'not met' if n >= 200_000 else 'not measured at 200,000'}), "
              f"peak {peak:.0f} MB (target < 500 MB: "
              f"{'met' if n >= 200_000 and peak < 500 else 'not met' if n >= 200_000 else 'not measured at 200,000'})."]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5,
                        help="interleaved runs (with --growth: runs of each size; 3 is enough)")
    parser.add_argument("--growth", default=None, help="sizes, e.g. 25000,50000,100000,200000")
    parser.add_argument("--fresh-runs", type=int, default=5,
                        help="runs of the whole-command table (new processes); 0 leaves it out")
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
        lines = growth([int(n) for n in args.growth.split(",")], args.runs)
        marker = "bench_import_growth"
    else:
        lines = paired_run(args.rows, args.runs)
        marker = "bench_import"
        if args.fresh_runs:
            fresh = fresh_run(args.rows, args.fresh_runs)
            print("\n".join(fresh) + "\n")
            if args.write:
                write("bench_import_fresh", "\n".join(fresh))
    print("\n".join(lines))
    if args.write:
        write(marker, "\n".join(lines))


if __name__ == "__main__":
    main()
