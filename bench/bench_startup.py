"""Cold start of ``lessonkit methods``, ``--version`` and ``show`` beside the floor
``python -c "import click"``.

Run: ``python bench/bench_startup.py [--runs N] [--write]``. Each command runs as a new
process of this Python environment, the floor and the commands interleaved (A, B, C, D,
A, B, …), and what is compared is the **CPU time of the child process** (user + system,
from ``os.wait4``): the work the command does, not the parent's fork/exec and pipe
handling, and much less sensitive than wall-clock time to other jobs on a shared machine.
Both sides start the same interpreter the same way, so its own start-up is in both,
and both read byte code (the script compiles lessonkit's first, as installing does).
Target: each command at most 2.0 times the floor (medians). This is a benchmark, not a
test: read the figures, don't assert on them in CI. ``--write`` puts the table into
docs/performance.md ("Start-up").
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
from pathlib import Path

TARGET = 2.0
ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "src" / "lessonkit" / "demo" / "seeds-workshop.json"


def cpu_time(cmd: list[str]) -> float:
    """The CPU time (user + system) of one run of ``cmd`` as a child process."""
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(cmd)} failed")
    return usage.ru_utime + usage.ru_stime


def lessonkit_exe() -> list[str]:
    script = os.path.join(sysconfig.get_path("scripts"), "lessonkit")
    exe = script if os.path.exists(script) else shutil.which("lessonkit")
    return [exe] if exe else [sys.executable, "-m", "lessonkit"]


def compile_sources() -> None:
    """Write the byte code of lessonkit and its plugins, as installing a wheel does (this
    environment may run with PYTHONDONTWRITEBYTECODE, which would make every run compile
    lessonkit's sources while click's byte code is there: not like with like)."""
    import compileall
    import importlib.util

    for name in ("lessonkit", "lessonkit_aar", "lessonkit_ee", "lessonkit_5c4f"):
        spec = importlib.util.find_spec(name)
        if spec is not None and spec.submodule_search_locations:
            for folder in spec.submodule_search_locations:
                compileall.compile_dir(folder, quiet=1)


def measure(runs: int) -> tuple[list[float], dict[str, list[float]]]:
    compile_sources()
    exe = lessonkit_exe()
    floor_cmd = [sys.executable, "-c", "import click"]
    commands = {"lessonkit methods": [*exe, "methods"],
                "lessonkit --version": [*exe, "--version"],
                "lessonkit show (demo session)": [*exe, "show", str(DEMO)]}
    for _ in range(2):  # warm the file cache: cold start means a new process, not a cold disk
        cpu_time(floor_cmd)
        for cmd in commands.values():
            cpu_time(cmd)
    floor: list[float] = []
    ours: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        floor.append(cpu_time(floor_cmd))
        for name, cmd in commands.items():
            ours[name].append(cpu_time(cmd))
    return floor, ours


def table(floor: list[float], ours: dict[str, list[float]]) -> list[str]:
    f = statistics.median(floor)
    lines = ["| command | CPU min | median | max | × floor (medians) |",
             "|---|---:|---:|---:|---:|",
             f"| `python -c \"import click\"` (floor) | {min(floor) * 1e3:.1f} ms | "
             f"{f * 1e3:.1f} ms | {max(floor) * 1e3:.1f} ms | 1.00 |"]
    for name, times in ours.items():
        m = statistics.median(times)
        verdict = "met" if m / f <= TARGET else "NOT met"
        lines.append(f"| `{name}` | {min(times) * 1e3:.1f} ms | {m * 1e3:.1f} ms | "
                     f"{max(times) * 1e3:.1f} ms | **{m / f:.2f}** ({verdict}) |")
    return lines


def write(lines: list[str], header: str) -> None:
    doc = ROOT / "docs" / "performance.md"
    text = doc.read_text(encoding="utf-8")
    start, end = "<!-- bench_startup:start -->", "<!-- bench_startup:end -->"
    block = f"{start}\n{header}\n\n" + "\n".join(lines) + f"\n{end}"
    if start in text:
        text = text[:text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text += "\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="runs of each command (default 21)")
    parser.add_argument("--write", action="store_true", help="write the figures to docs/performance.md")
    args = parser.parse_args()
    floor, ours = measure(args.runs)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    header = (f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"{args.runs} interleaved runs each; CPU time of the child process; "
              f"load average {load:.1f} when it finished. Target: ≤ {TARGET} × the floor.")
    lines = table(floor, ours)
    print(header)
    print("\n".join(lines))
    if args.write:
        write(lines, header)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
