"""What the quick commands import: their cold start is measured by bench/bench_startup.py;
these tests keep the heavy modules out of them (counted, not timed)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

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
             "lessonkit.importing", "lessonkit.files", "cattrs", "tabulate", "wcwidth",
             "lessonkit.render"}
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
    assert not loaded & {"pathlib", "urllib.parse", "cattrs", "lessonkit.workshop",
                         "lessonkit.render"}  # renderers are registered only when asked for


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


def test_plugin_manager_skips_a_module_s_non_hooks_as_pluggy_would() -> None:
    """The quick path of ``PluginManager.parse_hookimpl_opts`` gives pluggy's answer for every
    name of every built-in plugin module and of a module holding each kind of value."""
    import importlib
    import types

    import pluggy

    from lessonkit import hookimpl
    from lessonkit.plugins import DEFAULT_PLUGINS, PluginManager, iter_entry_points

    @hookimpl
    def register_methods(register: object) -> None: ...

    class Holder:
        @staticmethod
        @hookimpl
        def held(register: object) -> None: ...

    odd = types.ModuleType("odd")
    odd.__dict__.update(register_methods=register_methods, unmarked=lambda: None, Holder=Holder,
                        static=Holder.__dict__["held"], bound=Holder().held, number=3,
                        text="register_methods", module=types)
    modules = [odd, *(importlib.import_module(m) for m in DEFAULT_PLUGINS.values()),
               *(ep.load() for ep in iter_entry_points())]
    ours = PluginManager()
    theirs = pluggy.PluginManager("lessonkit")
    found = 0
    for module in modules:
        for name in dir(module):
            expected = theirs.parse_hookimpl_opts(module, name)
            assert ours.parse_hookimpl_opts(module, name) == expected, (module, name)
            found += expected is not None
    assert ours.parse_hookimpl_opts(odd, "register_methods") is not None
    assert ours.parse_hookimpl_opts(odd, "static") is not None
    assert ours.parse_hookimpl_opts(odd, "text") is None
    assert found > len(modules)  # the built-in plugins' hooks were among them


def test_entry_points_skip_distributions_without_the_group(tmp_path: Path, monkeypatch: Any) -> None:
    from lessonkit.plugins import iter_entry_points

    for dist, text in [("a-1.0", "[console_scripts]\nx = a:main\n"),
                       ("b-2.0", "[ lessonkit ]\nb = b_mod\n[other]\nc = c:d\n"),
                       ("c-3.0", "# lessonkit\n[other]\nlessonkit = c:e\n")]:
        (tmp_path / f"{dist}.dist-info").mkdir()
        (tmp_path / f"{dist}.dist-info" / "entry_points.txt").write_text(text, encoding="utf-8")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    found = iter_entry_points()
    assert [(ep.name, ep.value, ep.distribution, ep.version) for ep in found] == [("b", "b_mod", "b", "2.0")]


_SAFETEXT_ALPHABET = st.sampled_from(
    list("ab \t\n\r\x00\x1b\x7f\x85\x9f\u00a0\u200b\u2028\u202a\u202e\u2066\u2069\ud800\udcff")
    + [chr(c) for c in range(0x0E01, 0x0E5C)])


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_SAFETEXT_ALPHABET, max_size=12))
def test_visible_escapes_as_the_pattern_does(text: str) -> None:
    """``visible``'s printable shortcut gives what the UNSAFE pattern gives."""
    import re

    from lessonkit import safetext

    expected = re.sub(safetext._PATTERNS["UNSAFE"], lambda m: f"\\u{ord(m.group()):04x}", text)
    assert safetext.visible(text) == expected
    assert safetext.UNSAFE.pattern == safetext._PATTERNS["UNSAFE"]


def test_show_compiles_no_control_character_pattern() -> None:
    """The demo session holds no control characters: ``show`` prints it without compiling
    the patterns that escape or strip them, nor ``lessonkit.thai``'s sorting and SARA AM
    patterns."""
    code = ("import sys\n"
            f"sys.argv = ['lessonkit', 'show', {str(DEMO)!r}]\n"
            "from lessonkit.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "import re, lessonkit.safetext as s, lessonkit.thai as thai\n"
            "names = [n for n, v in vars(thai).items() if isinstance(v, re.Pattern)]\n"
            "print(sorted(s._COMPILED), names, file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "2560" in done.stdout  # the Thai date: the output did go through ``visible``
    assert done.stderr.strip().splitlines()[-1] == "[] []"  # nor are Thai's own compiled


def _width_by_char(text: str) -> int | None:
    """The column count ``show`` measures, one character at a time (the reference)."""
    import unicodedata

    width = 0
    for char in text:
        code = ord(char)
        if 0x20 <= code < 0x7F or 0xA0 <= code < 0x300:
            width += 1
        elif 0x0E01 <= code <= 0x0E5B and unicodedata.category(char) != "Cn":
            width += unicodedata.category(char) != "Mn"
        else:
            return None
    return width


_WIDTH_ALPHABET = [chr(c) for c in (*range(0, 0x350), *range(0x0E00, 0x0E60))] + ["中", "\u200b"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_WIDTH_ALPHABET), max_size=8))
def test_show_measures_columns_as_the_character_loop_does(text: str) -> None:
    from lessonkit.showing import _width

    assert _width(text) == _width_by_char(text)


def test_show_measures_every_latin_and_thai_character() -> None:
    from lessonkit.showing import _width

    assert [_width(c) for c in _WIDTH_ALPHABET] == [_width_by_char(c) for c in _WIDTH_ALPHABET]
    assert _width("น้ำใจ") == 4 and _width("กิ่ง") == 2 and _width("abc") == 3 and _width("a\tb") is None


def _exit_state(*args: str) -> tuple[int, int, int]:
    """What the console script leaves for the interpreter's exit: how many objects the
    collector was told to pass over (:func:`gc.freeze`), how many it still tracks, and the
    command's exit code."""
    code = ("import atexit, gc, sys\n"
            "atexit.register(lambda: print('frozen', gc.get_freeze_count(), len(gc.get_objects()),"
            " file=sys.stderr))\n"
            f"sys.argv = ['lessonkit', *{list(args)!r}]\n"
            "from lessonkit.cli import main\n"
            "main()\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    word, frozen, tracked = done.stderr.strip().splitlines()[-1].split()
    assert word == "frozen", done.stderr
    return int(frozen), int(tracked), done.returncode


def test_the_console_script_leaves_its_objects_out_of_the_last_collections() -> None:
    """The interpreter's collections at exit would walk every module, class and function
    the command imported (over ten thousand objects): ``main`` sets them aside first, on
    success and on failure, so they have next to nothing left to walk."""
    for args, status in [(["show", str(DEMO)], 0), (["show", str(DEMO) + ".missing"], 2),
                         (["--version"], 0), (["methods"], 0)]:
        frozen, tracked, code = _exit_state(*args)
        assert code == status, args
        assert frozen > 10_000 and tracked < 100, (args, frozen, tracked)


def test_version_and_methods_import_no_datetime_of_their_own() -> None:
    """``lessonkit.cli`` names ``datetime`` in annotations only."""
    import ast

    source = (Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "cli" / "__init__.py")
    tree = ast.parse(source.read_text(encoding="utf-8"))
    top = [node for node in tree.body if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert not any(alias.name == "datetime" for node in top for alias in node.names)


def test_show_starts_with_no_collector_pass_over_what_it_imports() -> None:
    """The modules ``show`` imports, the plugins and their methods are made with the
    collector paused and then count as old: no young-generation pass walks them (a dozen
    did)."""
    code = ("import gc, sys, io, contextlib\n"
            f"sys.argv = ['lessonkit', 'show', {str(DEMO)!r}]\n"
            "from lessonkit.cli import main\n"
            "passes = []\n"
            "gc.callbacks.append(lambda phase, info: passes.append(info) if phase == 'start' else None)\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(len(passes), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "2560" in done.stdout
    assert int(done.stderr.split()[-1]) <= 2


def test_a_start_up_step_leaves_nothing_frozen_and_the_collector_as_it_was() -> None:
    import gc

    from lessonkit.cli._common import start_up_step

    assert gc.isenabled() and gc.get_freeze_count() == 0
    with start_up_step():
        assert not gc.isenabled()
        made = [[] for _ in range(5000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert gc.get_count()[0] < 1000 and made  # what the step made counts as old
    gc.disable()
    try:
        with start_up_step():
            pass
        assert not gc.isenabled()  # a paused collector stays paused
    finally:
        gc.enable()
