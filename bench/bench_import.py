"""Benchmark of ``lessonkit import`` (not a timed test).

Run from the repository root::

    python bench/bench_import.py               # print the figures
    python bench/bench_import.py --runs 5

The workload: a Google Forms-shaped CSV of **20,000 rows** (generated), each
row one participant with a name, two text answers and eight scores (five on a
1–5 range grid, three on a labelled scale with N/A) for items the group has
listed. Each run imports it into a fresh session file through the command
(``lessonkit import``, in process, with its progress bar on stderr): reading
and sniffing the CSV, matching headers, checking every row with
``workshop.add_answers``/``set_scores``, and the atomic save. The figure is
the median of the runs; the target is under 5 s.
"""

from __future__ import annotations

import argparse
import csv
import platform
import random
import statistics
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
    group = files.load(path).group("g1")
    assert len(group.participants) == len({p.key for p in group.participants})
    return elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    registry = load_registry(get_plugin_manager(load_entrypoints=False, plugins=[("bench", BenchPlugin())]))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        data = folder / "survey.csv"
        make_csv(data, args.rows)
        times = [one_run(data, folder, registry) for _ in range(args.runs)]
        participants = len(files.load(folder / "bench.json").group("g1").participants)
        size = data.stat().st_size
    print(f"Python {platform.python_version()}, {platform.machine()}")
    walls = [wall for wall, _cpu in times]
    cpus = [cpu for _wall, cpu in times]
    print(f"import of {args.rows:,} rows ({size / 1e6:.1f} MB, {participants:,} participants)")
    print(f"wall: {', '.join(f'{t:.2f}' for t in walls)} s; median {statistics.median(walls):.2f} s "
          f"(target < 5 s)")
    print(f"CPU:  {', '.join(f'{t:.2f}' for t in cpus)} s; median {statistics.median(cpus):.2f} s")


if __name__ == "__main__":
    main()
