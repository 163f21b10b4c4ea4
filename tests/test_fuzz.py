"""Fuzzing every command that reads a session file (issue 13).

The corpus (``_hostile.mutations``) mutates the demo sessions: byte flips, truncation,
deleted and duplicated keys, wrong types, huge integers, lone surrogates, deep nesting,
BOM/UTF-16, NaN/Infinity, control characters. For each file, every reading command runs
(``validate``, ``show``, ``rank`` in every format, the methods' views, ``report`` in every
format, ``export`` of every table in CSV and XLSX, one write) and must end in exit 0, 1 or 2
with no traceback, leaving the file unchanged when it fails.

The invariant behind it: **whatever ``load`` accepts, every command can print, export and
save** — if ``files.load`` accepts the file, ``show``, ``report`` and ``export`` exit 0 and
the session saves and loads again; otherwise every command refuses it with exit 1.

The default run takes a few hundred files; ``-m slow`` runs the 10,000-file variant.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path
from typing import Any

import pytest
from _hostile import PHATTHALUNG, SEEDS, mutations, reading_commands
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit import files
from lessonkit.cli import _common, cli
from lessonkit.errors import LessonkitError

#: Commands that must succeed on every file ``load`` accepts (print, report, export).
MUST_WORK = ("show", "report", "export")
#: The expensive formats (DOCX, XLSX) run on every this-many-th accepted file.
HEAVY_EVERY = int(os.environ.get("LESSONKIT_FUZZ_HEAVY_EVERY", "8"))


def _accepts(path: Path) -> bool:
    try:
        files.load(path)
    except LessonkitError:
        return False
    return True


def check_file(runner: CliRunner, folder: Path, data: bytes, *, heavy: bool) -> list[str]:
    """Run every reading command on ``data``; the problems found (empty when all is well)."""
    path = folder / "ws.json"
    path.write_bytes(data)
    accepted = _accepts(path)
    problems = []
    for args in reading_commands(path, folder):
        if not heavy and any(a.endswith((".docx", ".xlsx")) for a in args):
            continue
        before = path.read_bytes()
        result = runner.invoke(cli, args)
        where = " ".join(a if a != str(path) else "FILE" for a in args)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            problems.append(f"{where}: {type(result.exception).__name__}: {result.exception}")
            continue
        if result.exit_code not in (0, 1, 2) or "Traceback" in result.output:
            problems.append(f"{where}: exit {result.exit_code}: {result.output[-300:]}")
        if result.exit_code != 0 and path.read_bytes() != before:
            problems.append(f"{where}: failed (exit {result.exit_code}) but changed the file")
        if not accepted and result.exit_code == 0:
            problems.append(f"{where}: load refuses the file but the command exited 0")
        if accepted and args[0] in MUST_WORK and result.exit_code != 0:
            problems.append(f"{where}: load accepts the file but exit {result.exit_code}: "
                            f"{result.stderr.strip()[-300:]}")
    if accepted:  # ... and it saves, and loads again as the same session
        path.write_bytes(data)
        session = files.load(path)
        files.save(session, folder / "saved.json")
        if files.to_data(files.load(folder / "saved.json")) != files.to_data(session):
            problems.append("saved and loaded again, the session differs")
    return problems


def run_corpus(tmp_path: Path, count: int, seed: int) -> tuple[int, int]:
    """Check ``count`` mutations; return (files checked, files load accepted)."""
    runner = CliRunner()
    _common.reset()
    accepted = checked = 0
    failures: list[str] = []
    log_path = os.environ.get("LESSONKIT_FUZZ_LOG")  # progress of a long run, line by line
    log = open(log_path, "a", encoding="utf-8") if log_path else None
    for index, (kind, data) in enumerate(mutations(count, seed)):
        if log is not None and index % 100 == 0:
            log.write(f"{index} files checked, {accepted} accepted, {len(failures)} failures\n")
            log.flush()
        checked = index + 1
        folder = tmp_path / f"case{index}"
        folder.mkdir()
        ok = _accepts_bytes(data, folder)
        accepted += ok
        heavy = ok and accepted % HEAVY_EVERY == 1
        for problem in check_file(runner, folder, data, heavy=heavy):
            failures.append(f"case {index} ({kind}): {problem}")
            if log is not None:
                log.write(f"FAILURE {failures[-1]}\n")
                log.flush()
        if len(failures) > 20:
            break
    if log is not None:
        log.write(f"done: {checked} files checked, {accepted} accepted, {len(failures)} failures\n")
        log.close()
    _common.reset()
    assert not failures, "\n".join(failures[:20])
    return checked, accepted


def _accepts_bytes(data: bytes, folder: Path) -> bool:
    probe = folder / "probe.json"
    probe.write_bytes(data)
    try:
        return _accepts(probe)
    finally:
        probe.unlink()


def test_fuzz_corpus(tmp_path: Path) -> None:
    """A few hundred mutated files (seeded: the same files every run)."""
    count = int(os.environ.get("LESSONKIT_FUZZ_CASES", "200"))
    checked, accepted = run_corpus(tmp_path, count, seed=13)
    assert checked == count and 0 < accepted < count  # both kinds were exercised


@pytest.mark.slow
def test_fuzz_corpus_10000(tmp_path: Path, request: pytest.FixtureRequest) -> None:
    """The long run: 10,000 mutated files, a different seed (about an hour of CPU: it runs
    only when asked for by name, ``-m slow``)."""
    if "slow" not in (request.config.getoption("markexpr") or ""):
        pytest.skip("the 10,000-file run: select it with -m slow")
    checked, accepted = run_corpus(tmp_path, 10_000, seed=1013)
    assert checked == 10_000 and accepted > 0


# -- the invariant, by property ---------------------------------------------------------------

_TEXT = st.text(st.characters(codec=None), max_size=12) | st.sampled_from(
    ["\x1b[2J", "\u202e", "\ud800", "x\r=1", "\x00", "=cmd", "＝1", "-10%", "ก\u0e4d\u0e32", ""])
_NUMBER = (st.integers(min_value=-(10**25), max_value=10**25)
           | st.floats(allow_nan=True, allow_infinity=True) | st.booleans() | st.none())
_VALUE = st.recursive(_TEXT | _NUMBER,
                      lambda inner: st.lists(inner, max_size=3)
                      | st.dictionaries(_TEXT, inner, max_size=3), max_leaves=12)


def _dump(data: Any, ascii_only: bool) -> bytes:
    text = json.dumps(data, ensure_ascii=ascii_only, indent=1)
    return text.encode("utf-8", "surrogatepass")


def _nest(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


@settings(max_examples=int(os.environ.get("LESSONKIT_FUZZ_EXAMPLES", "30")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(where=st.sampled_from(["title", "entry", "data", "setting", "participant", "score",
                              "group_data"]),
       value=_VALUE, depth=st.sampled_from([0, 0, 0, 70, 1200]), ascii_only=st.booleans(),
       base=st.sampled_from(["seeds", "phatthalung"]), seed=st.integers(0, 1000))
def test_whatever_load_accepts_every_command_can_print_export_and_save(
        tmp_path_factory: pytest.TempPathFactory, where: str, value: Any, depth: int,
        ascii_only: bool, base: str, seed: int) -> None:
    data = json.loads(SEEDS if base == "seeds" else PHATTHALUNG)
    value = _nest(value, depth)
    group = random.Random(seed).choice(data["groups"])
    if where == "title":
        data["title"] = value
    elif where == "entry" and group.get("entries"):
        group["entries"][0]["text"] = value
    elif where == "data":
        data["data"] = {"x": value}
    elif where == "setting":
        data.setdefault("settings", {})[next(iter(data["methods"]))] = {"x": value}
    elif where == "participant" and group.get("participants"):
        group["participants"][0]["name"] = value
    elif where == "score" and group.get("scores"):
        table = next(iter(group["scores"].values()))
        table["columns"][0]["values"][0] = value
    else:
        group["data"] = {"x": value}
    try:
        raw = _dump(data, ascii_only)
    except (ValueError, RecursionError):  # nothing a file could hold
        return
    folder = tmp_path_factory.mktemp("prop")
    runner = CliRunner()
    problems = check_file(runner, folder, raw, heavy=False)
    assert not problems, "\n".join(problems)
