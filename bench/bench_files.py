"""Load and save of a large session beside the floors ``json.loads`` / ``json.dumps``.

Run: ``python bench/bench_files.py [--participants 100000] [--runs 5] [--write]``. The
session: one group of N participants (two in three named), two text answers each and eight
scores (five on a 1–5 range, three on a labelled scale with N/A) — the import benchmark's
shape, 70 MB at 100,000. Measured in the same run, interleaved, in CPU time:

* ``files.loads(data)`` (JSON to the model, every check) against ``json.loads(data)``, both
  given the file's bytes, as :func:`lessonkit.files.load` reads them (both decode the UTF-8);
* ``files.dumps(session)`` (the model to the indented, byte-stable file text) against
  ``json.dumps(data, ensure_ascii=False)`` of the same plain data (compact, the C encoder);
* ``files.save(session, path)`` (what commands do: the text made a chunk at a time and
  written as it is made to a temporary file, fsync, rename) against the compact
  ``json.dumps`` text written the same way (new file, fsync, rename).

Loading and saving are interleaved each with its own floor, one after the other. Each of
``files.loads`` and ``files.dumps`` is measured twice in the same run: with the
optional orjson (``pip install 'lessonkit[fast]'``), and with the json module only (orjson
turned off, as a base install reads and writes). Without orjson installed only the second
is measured. After the table: the CPU time of the garbage collection that ``files.loads``
leaves for later (it makes its objects with the collector off; the first collection after
it walks them once), measured apart, not in the ratios.

Target: each within 2× of its floor. ``--write`` records the table in docs/performance.md.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from _paired import machine, paired, row, write

from lessonkit import Entry, Participant, files, jsonsafe, workshop
from lessonkit.plugins import get_plugin_manager, load_registry
from lessonkit.scores import ScoreTable


def make_session(n: int, seed: int = 1) -> object:
    import bench_import as bi

    registry = load_registry(get_plugin_manager(load_entrypoints=False,
                                                plugins=[("bench", bi.BenchPlugin())]))
    rng = random.Random(seed)
    session = workshop.new_session(registry, "Bench", methods=["bench"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_answers(session, registry, "g1", "bench", "activities", bi.ITEMS)
    group = session.group("g1")
    items = [e.id for e in group.entries]
    keys = [f"p{i + 1}" for i in range(n)]
    group.participants += [Participant(key=k, name=f"ผู้ตอบ {i}" if i % 3 else None)
                           for i, k in enumerate(keys)]
    serial = len(group.entries)
    for i, key in enumerate(keys):
        for prompt, text in (("expected", f"เด็กทุกคนได้รับการเยี่ยมบ้าน ครั้งที่ {i}"),
                             ("actual", "ทำได้ครึ่งหนึ่ง, ที่เหลือเดือนหน้า")):
            serial += 1
            group.entries.append(Entry(id=f"e{serial}", method="bench", step="review",
                                       prompt=prompt, text=text, participant=key))
    importance, assess = ScoreTable(), ScoreTable()
    importance.add_participants(keys)
    assess.add_participants(keys)
    for item in items:
        importance.add_column(item, "", [float(rng.randint(1, 5)) for _ in keys])
    for item in items[:3]:
        assess.add_column(item, "", [rng.choice([1.0, 2.0, 3.0, float("-inf")]) for _ in keys])
    group.scores["bench/review/importance"] = importance
    group.scores["bench/review/assess"] = assess
    return session


@contextlib.contextmanager
def json_module_only() -> Iterator[None]:
    """orjson turned off for loading and saving, as in a base install."""
    saved = jsonsafe._fast_loads, files._fast_dumps
    jsonsafe._fast_loads = files._fast_dumps = False
    try:
        yield
    finally:
        jsonsafe._fast_loads, files._fast_dumps = saved


def plain_write(path: Path, data: Any) -> None:
    """The floor of saving: the compact JSON text written to a new file, synced, renamed."""
    part = path.with_suffix(".part")
    with part.open("wb") as handle:
        handle.write(json.dumps(data, ensure_ascii=False).encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(part, path)


def without_orjson(function: Callable[[], Any]) -> Callable[[], Any]:
    def run() -> Any:
        with json_module_only():
            return function()
    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    session = make_session(args.participants)
    text = files.dumps(session)
    raw = text.encode("utf-8")
    data = files.to_data(session)
    fast = jsonsafe.fast_available() and files._fast_dumps_available()
    assert files.loads(raw) == session
    with json_module_only():
        assert files.loads(raw) == session and files.dumps(session) == text
    # loading and saving each interleaved with its own floor (a load's large allocations and
    # frees would otherwise come just before the floor of saving)
    loading: dict[str, Callable[[], Any]] = {"json.loads": lambda: json.loads(raw)}
    if fast:
        loading["files.loads"] = lambda: files.loads(raw)
    loading["files.loads, json only"] = without_orjson(lambda: files.loads(raw))
    saving: dict[str, Callable[[], Any]] = {"json.dumps": lambda: json.dumps(data, ensure_ascii=False)}
    if fast:
        saving["files.dumps"] = lambda: files.dumps(session)
    saving["files.dumps, json only"] = without_orjson(lambda: files.dumps(session))
    # saving to a file, as `lessonkit` commands do, against the same text written the plain way
    folder = Path(tempfile.mkdtemp(prefix="bench-files-"))
    target, plain = folder / "session.json", folder / "plain.json"
    writing: dict[str, Callable[[], Any]] = {"plain write": lambda: plain_write(plain, data)}
    if fast:
        writing["files.save"] = lambda: files.save(session, target)
    writing["files.save, json only"] = without_orjson(lambda: files.save(session, target))
    times = {**paired(loading, args.runs), **paired(saving, args.runs), **paired(writing, args.runs)}
    assert target.read_text(encoding="utf-8") == text
    shutil.rmtree(folder)
    collect = []
    for _ in range(3):
        loaded = files.loads(raw)
        start = time.process_time()
        gc.collect(1)
        collect.append(time.process_time() - start)
        del loaded
    which = ("" if fast else " (orjson is not installed here: only the json module's figures)")
    lines = [f"`python bench/bench_files.py --participants {args.participants} --runs {args.runs}`: "
             f"a session of {args.participants:,} participants ({len(raw) / 1e6:.0f} MB); "
             f"{machine()}{which}.", "",
             "| step | CPU min (s) | median (s) | max (s) | × floor |", "|---|---:|---:|---:|---:|",
             row("`json.loads` of the bytes (floor)", times["json.loads"], None)]
    if fast:
        lines.append(row("`files.loads`, with orjson (`lessonkit[fast]`)", times["files.loads"],
                         times["json.loads"]))
    lines += [row("`files.loads`, json module only (base install)", times["files.loads, json only"],
                  times["json.loads"]),
              row("`json.dumps`, compact (floor)", times["json.dumps"], None)]
    if fast:
        lines.append(row("`files.dumps`, indented, byte-stable, with orjson", times["files.dumps"],
                         times["json.dumps"]))
    lines += [row("`files.dumps`, indented, byte-stable, json module only",
                  times["files.dumps, json only"], times["json.dumps"]),
              row("`json.dumps`, compact, written to a new file, fsync, rename (floor)",
                  times["plain write"], None)]
    if fast:
        lines.append(row("`files.save` (indented, atomic, under no lock), with orjson",
                         times["files.save"], times["plain write"]))
    lines += [row("`files.save` (indented, atomic, under no lock), json module only",
                  times["files.save, json only"], times["plain write"]), "",
              f"The garbage collection `files.loads` leaves for later (apart, not in the ratios): "
              f"{min(collect):.3f} / {statistics.median(collect):.3f} / {max(collect):.3f} s "
              f"(min / median / max of 3)."]
    print("\n".join(lines))
    if args.write:
        write("bench_files", "\n".join(lines))


if __name__ == "__main__":
    main()
