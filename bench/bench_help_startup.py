"""Cold start of the help screens, in CPU time, beside the floor ``python -c "import click"``.

Run: ``python bench/bench_help_startup.py [--runs N] [--src DIR …]``. Each command is a
new process; the commands run interleaved (floor, then each command, round after
round) and the CPU time (user + system) of each child is read from ``getrusage``, so a
busy shared machine disturbs the figures less than wall time would. Printed: median,
min and max per command and the median's ratio to the floor.

``--src`` runs the same commands with another checkout's ``src`` and ``plugins``
first on ``sys.path`` (e.g. the commit before a change), labelled by the folder, so a
change's effect is measured in the same run: ``git worktree add --detach /tmp/before
HEAD~1`` then ``--src /tmp/before``.

The commands: ``lessonkit --help`` and ``lessonkit methods`` (English, the default),
and ``lessonkit --help`` with ``LESSONKIT_LOCALE=th``. This is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAIN = "import sys; from lessonkit.cli import main; sys.argv[0] = 'lessonkit'; main()"


def _cpu(cmd: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _env(src: Path, **extra: str) -> dict[str, str]:
    drop = ("LESSONKIT_LOCALE", "LC_ALL", "LC_MESSAGES", "PYTHONDONTWRITEBYTECODE")
    # bytecode is written by the warm-up runs: without it every run would compile the sources
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["LANG"] = "C.UTF-8"
    paths = [src / "src", src / "plugins" / "aar", src / "plugins" / "ee", src / "plugins" / "5c4f"]
    env["PYTHONPATH"] = os.pathsep.join(str(p) for p in paths)
    env.update(extra)
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21, help="rounds (default 21)")
    parser.add_argument("--src", action="append", default=[], help="another checkout to measure too")
    args = parser.parse_args()
    cases: list[tuple[str, list[str], dict[str, str]]] = [
        ('python -c "import click"', [sys.executable, "-c", "import click"], _env(ROOT))]
    for src in [ROOT, *(Path(s).resolve() for s in args.src)]:
        tag = "" if src == ROOT else f" [{src.name}]"
        cases += [
            (f"lessonkit --help{tag}", [sys.executable, "-c", MAIN, "--help"], _env(src)),
            (f"lessonkit methods{tag}", [sys.executable, "-c", MAIN, "methods"], _env(src)),
            (f"th: lessonkit --help{tag}", [sys.executable, "-c", MAIN, "--help"],
             _env(src, LESSONKIT_LOCALE="th")),
        ]
    for _ in range(3):  # warm the file cache: cold start means a new process, not a cold disk
        for _label, cmd, env in cases:
            _cpu(cmd, env)
    times: dict[str, list[float]] = {label: [] for label, _c, _e in cases}
    for _ in range(args.runs):
        for label, cmd, env in cases:
            times[label].append(_cpu(cmd, env))
    floor = statistics.median(times[cases[0][0]])
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"runs: {args.runs} each, interleaved; CPU time (user + system) of each process, ms")
    print(f"{'command':36} {'median':>8} {'min':>8} {'max':>8} {'/ floor':>8}")
    for label, values in times.items():
        median = statistics.median(values)
        print(f"{label:36} {median * 1000:8.1f} {min(values) * 1000:8.1f} {max(values) * 1000:8.1f}"
              f" {median / floor:8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
