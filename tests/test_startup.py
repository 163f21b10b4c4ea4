"""What the quick commands import: their cold start is measured by bench/bench_startup.py;
these tests keep the heavy modules out of them (counted, not timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from tabulate import tabulate

from lessonkit.showing import _table

DEMO = Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "demo" / "seeds-workshop.json"


def _modules_after(*args: str) -> set[str]:
    code = ("import sys, json\n"
            f"sys.argv = ['lessonkit', *{list(args)!r}]\n"
            "from lessonkit.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(json.dumps(sorted(sys.modules)), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def test_version_imports_no_plugins_and_no_model() -> None:
    loaded = _modules_after("--version")
    assert not loaded & {"lessonkit.plugins", "lessonkit.method", "lessonkit.model", "pluggy",
                         "attrs", "cattrs", "tabulate"}


def test_methods_imports_no_command_modules_nor_heavy_libraries() -> None:
    loaded = _modules_after("methods")
    assert "lessonkit.method" in loaded  # it does list the methods
    heavy = {"lessonkit.cli.report", "lessonkit.cli.importing", "lessonkit.cli.ranking",
             "lessonkit.cli.exporting", "lessonkit.report", "lessonkit.ranking",
             "lessonkit.importing", "lessonkit.files", "cattrs", "tabulate", "wcwidth"}
    assert not loaded & heavy, loaded & heavy


def test_show_needs_no_table_library() -> None:
    loaded = _modules_after("show", str(DEMO))
    assert "lessonkit.showing" in loaded
    assert not loaded & {"tabulate", "wcwidth", "lessonkit.report", "lessonkit.ranking"}


def test_show_reads_the_file_without_pathlib_cattrs_or_the_date_reader() -> None:
    """The session file is found and read through ``os`` (pathlib brings urllib.parse and
    ipaddress), structured without cattrs, and its date shown without compiling the
    patterns that read dates."""
    code = ("import sys\n"
            f"sys.argv = ['lessonkit', 'show', {str(DEMO)!r}]\n"
            "from lessonkit.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "import lessonkit.thai as thai\n"
            "print(sorted(sys.modules).count('pathlib'), len(thai._date_patterns), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "2017" in done.stdout or "2560" in done.stdout  # the date is shown
    assert done.stderr.split()[-2:] == ["0", "0"]
    loaded = _modules_after("show", str(DEMO))
    assert not loaded & {"pathlib", "urllib.parse", "cattrs", "lessonkit.workshop"}


def test_every_builtin_command_is_found_lazily() -> None:
    from click.testing import CliRunner

    from lessonkit.cli import LAZY_COMMANDS, cli

    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in LAZY_COMMANDS:
        assert f"  {name} " in result.output
        sub = CliRunner().invoke(cli, [name, "--help"])
        assert sub.exit_code == 0, (name, sub.output)
    # and every command a command module adds is in the table
    import importlib

    import click

    for module in set(LAZY_COMMANDS.values()):
        probe = click.Group()
        importlib.import_module(f"lessonkit.cli.{module}").add_commands(probe)
        assert set(probe.commands) <= set(LAZY_COMMANDS), module


TEXT = st.text(alphabet=st.sampled_from(
    list("abc XYZ019-_.,()é") + [chr(c) for c in range(0x0E01, 0x0E5C)] + ["中", "\t"]),
    max_size=8)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 4).flatmap(lambda n: st.tuples(
    st.lists(TEXT, min_size=n, max_size=n) | st.just([]),
    st.lists(st.lists(TEXT, min_size=n, max_size=n), max_size=4))))
def test_show_tables_lay_out_as_tabulate_does(case: tuple[list[str], list[list[str]]]) -> None:
    headers, rows = case
    fmt = "simple" if headers else "plain"
    expected = str(tabulate(rows, headers=headers, tablefmt=fmt, disable_numparse=True))
    assert _table(rows, headers, fmt) == expected
