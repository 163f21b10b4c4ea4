"""Cold start of ``lessonkit methods`` beside the floor ``python -c "import click"``.

Run: ``python bench/bench_startup.py [--runs N]``. Both commands run in this
Python environment, interleaved, and the medians are compared. Target: the CLI
takes at most 2.5 times the floor. This is a benchmark, not a test: shared
machines are noisy, so read the figures, don't assert on them in CI.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time

TARGET = 2.5


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    args = parser.parse_args()
    script = os.path.join(sysconfig.get_path("scripts"), "lessonkit")
    exe = script if os.path.exists(script) else shutil.which("lessonkit")
    lessonkit = [exe, "methods"] if exe else [sys.executable, "-m", "lessonkit", "methods"]
    floor_cmd = [sys.executable, "-c", "import click"]
    env_note = os.environ.get("LESSONKIT_LOAD_PLUGINS")
    for _ in range(3):  # warm the file cache; cold start means a new process, not a cold disk
        _time(floor_cmd)
        _time(lessonkit)
    floor, ours = [], []
    for _ in range(args.runs):
        floor.append(_time(floor_cmd))
        ours.append(_time(lessonkit))
    f, o = statistics.median(floor), statistics.median(ours)
    ratio = o / f
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
          + (f", LESSONKIT_LOAD_PLUGINS={env_note!r}" if env_note is not None else ""))
    print(f"runs: {args.runs} each, interleaved; medians")
    floor_label, ours_label = 'python -c "import click"', "lessonkit methods"
    print(f"{floor_label:32} {f * 1000:8.1f} ms")
    print(f"{ours_label:32} {o * 1000:8.1f} ms")
    print(f"{'ratio':32} {ratio:8.2f} x   (target <= {TARGET} x: {'met' if ratio <= TARGET else 'NOT met'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
