"""Help screens and click's own messages in Thai and English.

Every command of the core and of every installed plugin is walked with ``--help`` under
``th``: no English word may remain beyond a short list of technical words (file names,
option names, metavars, format names, typed values). Thai help fits an 80-column
terminal by display width and no Thai word is split across lines. Click's errors speak
Thai with exit status 2. English help is unchanged.
"""

from __future__ import annotations

import inspect
import itertools
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth

from lessonkit.cli import cli, help_locale

ROOT = Path(__file__).resolve().parent.parent
THAI = re.compile("[\u0e00-\u0e7f]")
PUNCTUATION = "\"'():,.[]"

#: Words that stay as they are in Thai help: names of formats, programs, standards and
#: organisations; typed values (choices, level and type keys, rule and tie-break keys,
#: method keys); click's type names in metavars (TEXT, INTEGER… are caught as upper case).
ALLOWED = {
    # formats, programs, standards, organisations
    "json", "csv", "xlsx", "md", "html", "txt", "docx", "toml", "utf", "bom", "excel", "google",
    "forms", "kobotoolbox", "schema", "unicef", "cfci", "bash", "zsh", "fish", "powershell",
    "tab", "enter", "ctrl", "lessonkit", "python", "fetterman", "seeds5", "army4", "null",
    "uuid", "out-file", "add-content", "encoding", "utf8", "echo", "profile",
    # method and plugin keys, typed values
    "aar", "ee", "5c4f", "na", "never", "sometimes", "mostly", "all", "fun", "comfort",
    "family_focused", "children", "adolescents", "parents", "officials", "sustain", "improve",
    "top", "bottom", "spread", "n", "random", "draw", "none", "dots", "approval",
    "truncated_borda", "importance_performance", "seed", "value", "done", "field", "ws", "p1",
    "p2", "g1", "g2", "e1", "e3", "e4", "a1", "k", "q", "d", "o", "h", "th", "en", "table",
    "thai", "arabic", "competition", "dense", "exclude", "lowest", "answers", "scores",
    "rankings", "actions", "kokmuang", "area", "expected", "data", "activities", "importance",
    "before", "after", "activity", "group", "participant", "method", "prompt", "title", "name",
    "count", "band", "question", "theme", "owner", "due", "status", "from", "step",
    "open", "in_progress", "dropped", "ctrl-c", "lessonkit-demo", "c", "wi-fi", "lan", "qr",
    # Parquet datasets: the format, the tools that read it, the tables' names
    "parquet", "duckdb", "spark", "pandas", "sessions", "groups", "participants", "entries",
}

#: click's messages that are for the programmer of a command, never shown to its users
CLICK_DEVELOPER_MESSAGES = {
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Value must be an iterable.",
    "Invalid start character for option ({option})",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "Windows error: {error}",
    "{editor}: Editing failed",
    "{editor}: Editing failed: {e}",
    "Couldn't detect Bash version, shell completion is not supported.",
    "Shell completion is not supported for Bash versions older than 4.4.",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    "Choice({choices})",
    "d",
}


def _gen_cli_docs() -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("gen_cli_docs", ROOT / "tools" / "gen_cli_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_thai_cli_reference_is_up_to_date() -> None:
    """docs/cli.th.md is the Thai help as generated: run python tools/gen_cli_docs.py."""
    thai = (ROOT / "docs" / "cli.th.md").read_text(encoding="utf-8")
    assert _gen_cli_docs().render("th") == thai
    for path in _all_commands():
        assert f"## `{' '.join(['lessonkit', *path])}`" in thai


def _commands(command: click.Command, path: list[str], ctx: click.Context | None = None
              ) -> Iterator[tuple[list[str], click.Command]]:
    yield path, command
    if isinstance(command, click.Group):
        sub = click.Context(command, info_name=path[-1] if path else "lessonkit", parent=ctx)
        for name in command.list_commands(sub):
            child = command.get_command(sub, name)
            if child is not None and not child.hidden:
                yield from _commands(child, [*path, name], sub)


def _all_commands() -> list[list[str]]:
    paths = [path for path, _c in _commands(cli, [])]
    COMMAND_NAMES.update(name for path in paths for name in path)  # command names are typed as they are
    return paths


COMMAND_NAMES = {name for path in [] for name in path}  # filled below, once the CLI is walked


def _english_words(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith(("lessonkit ", "echo ", "Add-Content ", "วิธีใช้: lessonkit")):
            continue  # the usage line, or a command line to type shown as an example
        line = re.sub(r"(?<![\w])--?[A-Za-z][\w-]*", " ", line)          # option names
        line = re.sub(r"\b[A-Z][A-Z0-9_]+\b[…]?", " ", line)             # metavars, LESSONKIT_…
        line = re.sub(r"[\w~.-]*[./~][\w./~-]+", " ", line)              # file names, paths
        line = re.sub(r"\S+=\S*", " ", line)                             # KEY=VALUE examples
        line = re.sub(r"\[[^\]]*\|[^\]]*\]", " ", line)                  # [table|json] choices
        for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9_-]*", line):
            if re.search("[A-Za-z]", word) and word.lower() not in ALLOWED | COMMAND_NAMES:
                found.append(word)
    return found


@pytest.fixture
def th(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("LESSONKIT_LOCALE", "th")
    monkeypatch.setenv("COLUMNS", "80")
    return runner


def test_every_command_speaks_thai_under_th(th: CliRunner) -> None:
    commands = _all_commands()
    # the core's commands and every installed plugin's: aar, ee, 5c4f and their subcommands
    assert {"aar", "ee", "5c4f"} <= {p[0] for p in commands if p}
    assert len(commands) > 50
    leftovers: dict[str, list[str]] = {}
    for path in commands:
        result = th.invoke(cli, prog_name="lessonkit", args=[*path, "--help"])
        assert result.exit_code == 0, (path, result.stderr)
        assert result.stdout.startswith("วิธีใช้: lessonkit"), path
        assert "ตัวเลือก:" in result.stdout
        english = _english_words(result.stdout)
        if english:
            leftovers[" ".join(path) or "lessonkit"] = english
    assert leftovers == {}


def test_thai_help_fits_80_columns_and_never_splits_a_word(th: CliRunner) -> None:
    from lessonkit.cli import help as localized
    from lessonkit.i18n import help_ids, help_text

    th.invoke(cli, prog_name="lessonkit", args=["--help"])  # loads the catalogues
    localized.install("th")
    try:
        words = {w.strip(PUNCTUATION) for key in help_ids("th")
                 for w in (help_text(key, "th") or "").split()}
    finally:
        localized.install("en")
    assert len(words) > 500
    for path in _all_commands():
        out = th.invoke(cli, prog_name="lessonkit", args=[*path, "--help"]).stdout
        for line in out.splitlines():
            assert wcswidth(line) <= 80, (path, line)
            if THAI.search(line):
                for token in line.split():
                    # a piece of a cut word would not be a word of the catalogue
                    assert not THAI.search(token) or token.strip(PUNCTUATION) in words, (path, token, line)


def test_thai_wrapping_measures_display_width() -> None:
    from lessonkit.cli.help import display_width, wrap

    # ที่ has a vowel and a tone mark above: 3 characters, 1 column
    assert display_width("ที่") == 1 and len("ที่") == 3
    phrase = "ความต้องการของเด็กและเยาวชน"  # 27 characters, 25 columns
    assert display_width(phrase) == 25
    text = " ".join([phrase] * 6)
    lines = wrap(text, 52).splitlines()
    # by display width two phrases fit a 52-column line (51 columns); by characters (55) only one
    assert [line.count(phrase) for line in lines] == [2, 2, 2]
    assert all(part == phrase for line in lines for part in line.split())
    # a phrase longer than the line is never cut
    assert wrap(phrase * 3, 20) == phrase * 3


def test_click_errors_in_thai_with_exit_2(th: CliRunner, tmp_path: Path) -> None:
    missing = th.invoke(cli, prog_name="lessonkit", args=["new"])
    assert missing.exit_code == 2 and missing.stdout == ""
    assert "ข้อผิดพลาด: ไม่ได้ระบุอาร์กิวเมนต์ 'FILE'" in missing.stderr
    assert missing.stderr.startswith("วิธีใช้: lessonkit new [OPTIONS] FILE")
    assert "ดูวิธีใช้ด้วย 'lessonkit new --help'" in missing.stderr
    option = th.invoke(cli, prog_name="lessonkit", args=["5c4f", "compare", "a", "b", "--bogus"])
    assert option.exit_code == 2 and "ข้อผิดพลาด: ไม่มีตัวเลือก '--bogus'" in option.stderr
    choice = th.invoke(cli, prog_name="lessonkit", args=["5c4f", "dimensions", "--format", "xml"])
    assert choice.exit_code == 2
    assert "ค่าของ '--format' ไม่ถูกต้อง: 'xml' ไม่ใช่ค่าใดใน" in choice.stderr
    required = th.invoke(cli, prog_name="lessonkit", args=["participant", "add", str(tmp_path / "x.json")])
    assert required.exit_code == 2 and "ไม่พบ" in required.stderr
    extra = th.invoke(cli, prog_name="lessonkit", args=["schema", "surplus"])
    assert extra.exit_code == 2 and "มีอาร์กิวเมนต์เกินมา (surplus)" in extra.stderr
    command = th.invoke(cli, prog_name="lessonkit", args=["nosuch"])
    assert command.exit_code == 2 and "ไม่มีคำสั่ง 'nosuch'" in command.stderr
    for result in (missing, option, choice, required, extra, command):
        assert not re.search(r"\b(Usage|Error|Missing|Try)\b", result.stderr), result.stderr


def test_english_help_unchanged_and_nothing_leaks(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LESSONKIT_LOCALE", "en")
    monkeypatch.setenv("LANG", "th_TH.UTF-8")  # the explicit choice wins over the system's
    before = runner.invoke(cli, prog_name="lessonkit", args=["5c4f", "compare", "--help"])
    assert before.stdout.startswith("Usage: lessonkit 5c4f compare [OPTIONS] ROUND1 ROUND2")
    assert "Show this message and exit." in before.stdout
    thai = runner.invoke(cli, prog_name="lessonkit", args=["5c4f", "compare", "--help", "--locale", "th"])
    assert thai.stdout.startswith("วิธีใช้:")
    after = runner.invoke(cli, prog_name="lessonkit", args=["5c4f", "compare", "--help"])
    assert after.stdout == before.stdout  # a Thai run leaves click as it was
    assert click.Context.formatter_class is click.HelpFormatter
    error = runner.invoke(cli, prog_name="lessonkit", args=["new"])
    assert "Error: Missing argument 'FILE'." in error.stderr and error.exit_code == 2
    # English help is exactly what docs/cli.md (generated by click's own formatter) shows
    assert _gen_cli_docs().render("en") == (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "env", "expected"), [
    (["--locale", "th", "--help"], {}, "th"),
    (["--help", "--locale", "th"], {}, "th"),
    (["new", "--locale=th", "--help"], {}, "th"),
    (["--help"], {"LESSONKIT_LOCALE": "th"}, "th"),
    (["--help"], {"LANG": "th_TH.UTF-8"}, "th"),
    (["--help"], {"LC_ALL": "th_TH.UTF-8", "LANG": "en_US.UTF-8"}, "th"),
    (["--help"], {"LC_MESSAGES": "th_TH"}, "th"),
    (["--help"], {"LESSONKIT_LOCALE": "en", "LANG": "th_TH.UTF-8"}, "en"),
    (["--locale", "en", "--help"], {"LESSONKIT_LOCALE": "th"}, "en"),
    (["--help"], {"LANG": "de_DE.UTF-8"}, "en"),
    (["--help"], {}, "en"),
    (["answer", "f", "--", "--locale", "th"], {}, "en"),  # after --, a value, not an option
])
def test_help_locale(args: list[str], env: dict[str, str], expected: str,
                     monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LESSONKIT_LOCALE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert help_locale(args) == expected


def test_system_locale_shows_thai_help(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LESSONKIT_LOCALE", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "th_TH.UTF-8")
    result = runner.invoke(cli, prog_name="lessonkit", args=["aar", "--help"])
    assert result.stdout.startswith("วิธีใช้: lessonkit aar")
    assert "การทบทวนหลังการปฏิบัติ (AAR)" in result.stdout


def _click_message_ids() -> set[str]:
    import ast

    found: set[str] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
                    and node.func.id in ("_", "ngettext"):
                found.update(a.value for a in node.args if isinstance(a, ast.Constant)
                             and isinstance(a.value, str))
    return found


def test_every_click_message_users_see_has_thai() -> None:
    from lessonkit.cli.help_th import CLICK

    ids = _click_message_ids()
    assert "Missing argument" in ids and "Usage:" in ids  # read from the installed click
    users_see = ids - CLICK_DEVELOPER_MESSAGES
    assert sorted(users_see - set(CLICK)) == []
    # (translations of messages this click version lacks are kept: another version may have them)


def test_every_help_text_has_its_thai_and_no_thai_is_stale(th: CliRunner) -> None:
    from lessonkit.cli import help as localized
    from lessonkit.cli.help import untranslated
    from lessonkit.i18n import _help_key, help_ids

    texts: list[str] = []
    for _path, command in _commands(cli, []):
        texts += [inspect.cleandoc(command.help).partition("\f")[0]] if command.help else []
        texts += [command.epilog] if command.epilog else []
        texts += [p.help for p in command.params if getattr(p, "help", None)]  # type: ignore[attr-defined]
    localized.install("th")
    try:
        assert untranslated(texts) == []
        from lessonkit.cli.help_th import CLICK

        # click's messages are checked against the installed click by the test above
        used = {_help_key(t) for t in texts} | {_help_key(t) for t in CLICK}
        assert sorted(set(help_ids("th")) - used) == []
    finally:
        localized.install("en")


def test_plugin_help_is_namespaced_and_re_registrable(th: CliRunner) -> None:
    from lessonkit.i18n import help_text, help_texts

    help_texts("exampleplugin", {"Frobnicate the widgets.": {"th": "ปรับแต่งวิดเจ็ต"}})
    assert help_text("Frobnicate  the\nwidgets.", "th") == "ปรับแต่งวิดเจ็ต"  # spacing does not matter
    help_texts("exampleplugin", lambda: {"Frobnicate the widgets.": {"th": "ปรับแต่งวิดเจ็ตทั้งหมด"}})
    assert help_text("Frobnicate the widgets.", "th") == "ปรับแต่งวิดเจ็ตทั้งหมด"  # replaced, no error
    help_texts("exampleplugin", {})
    assert help_text("Frobnicate the widgets.", "th") is None
    with pytest.raises(ValueError, match="must map to"):
        help_texts("exampleplugin", {"x": "not a mapping"})  # type: ignore[dict-item]
        help_text("x", "th")
    help_texts("exampleplugin", {})


@pytest.mark.slow
def test_english_help_loads_nothing_of_the_thai_help() -> None:
    """The cold path of English help imports neither the Thai catalogue nor the formatter."""
    script = ("import sys\nfrom lessonkit.cli import main\nsys.argv[0] = 'lessonkit'\n"
              "try:\n    main()\nexcept SystemExit:\n    pass\n"
              "print(sorted(m for m in sys.modules if m.endswith(('help_th', 'cli.help'))), file=sys.stderr)")
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    for args, expected in ((["--help"], "[]"), (["methods"], "[]"),
                           (["--locale", "th", "--help"], "lessonkit.cli.help_th")):
        done = subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True,
                              env=env, check=False)
        assert expected in done.stderr.strip().splitlines()[-1], (args, done.stderr)


def test_thai_facilitator_guide_shows_the_real_screens(th: CliRunner, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ``<!-- screen: lessonkit … -->`` block of the Thai guide is what that command prints
    (in a folder holding the guide's ws.json)."""
    import shlex

    monkeypatch.chdir(tmp_path)
    assert th.invoke(cli, ["new", "ws.json", "--title", "x", "--method", "aar"]).exit_code == 0

    guide = (ROOT / "docs" / "facilitator-guide.th.md").read_text(encoding="utf-8")
    screens = re.findall(r"<!-- screen: (.*?) -->\n```text\n(.*?)```", guide, flags=re.S)
    assert len(screens) >= 2
    for command, shown in screens:
        words = shlex.split(command)
        assert words[0] == "lessonkit"
        result = th.invoke(cli, prog_name="lessonkit", args=words[1:])
        assert result.stdout + result.stderr == shown, command


def test_version_in_both_languages(runner: CliRunner, th: CliRunner) -> None:
    from lessonkit import __version__

    english = runner.invoke(cli, prog_name="lessonkit", args=["--version"], env={"LESSONKIT_LOCALE": "en"})
    assert english.exit_code == 0 and english.stdout == f"lessonkit, version {__version__}\n"
    thai = th.invoke(cli, prog_name="lessonkit", args=["--version"])
    assert thai.exit_code == 0 and thai.stdout == f"lessonkit รุ่น {__version__}\n"


def test_the_cli_own_usage_errors_speak_the_help_language(th: CliRunner, runner: CliRunner,
                                                         tmp_path: Path) -> None:
    path = str(tmp_path / "ws.json")
    assert runner.invoke(cli, ["new", path, "--title", "x", "--method", "5c4f"]).exit_code == 0
    assert runner.invoke(cli, ["group", "add", path, "g1", "--name", "n"]).exit_code == 0
    cases = [
        (["participant", "add", path, "k1", "--group", "g1", "--count", "2"],
         "--count ใช้เพิ่มผู้เข้าร่วมแบบไม่ระบุชื่อ", "--count adds anonymous participants"),
        (["score", path, "x", "--group", "g1", "--method", "5c4f", "--participant", "p1"],
         "ไม่อยู่ในรูป ITEM=VALUE", "is not ITEM=VALUE"),
        (["5c4f", "respondents", path, "--group", "g1", "--type", "children"],
         "ระบุผู้เข้าร่วม หรือใช้ --new N", "name participants or give --new N"),
        (["5c4f", "assess", path, "--group", "g1", "--participant", "p1", "--activity", "1", "fun"],
         "'fun' ไม่อยู่ในรูป DIMENSION=LEVEL", "'fun' is not DIMENSION=LEVEL"),
        (["plugins", "--hook", "nosuch"], "ไม่มีฮุก 'nosuch'", "no hook 'nosuch'"),
    ]
    for args, thai, english in cases:
        result = th.invoke(cli, prog_name="lessonkit", args=args)
        assert result.exit_code == 2 and thai in result.stderr, (args, result.stderr)
        result = runner.invoke(cli, prog_name="lessonkit", args=args, env={"LESSONKIT_LOCALE": "en"})
        assert result.exit_code == 2 and english in result.stderr, (args, result.stderr)
    # --locale on the command line wins over LESSONKIT_LOCALE for the usage error too
    result = th.invoke(cli, prog_name="lessonkit", args=["plugins", "--hook", "nosuch", "--locale", "en"])
    assert "no hook 'nosuch'" in result.stderr


_PHRASES = ["กลุ่ม", "ผู้เข้าร่วม", "ถอดบทเรียน", "ที่ยังไม่ได้ตอบ", "คะแนน", "จัดลำดับ", "น้ำ", "--group",
            "ความต้องการของเด็กและเยาวชน", "(ค่าเริ่มต้น:", "FILE", "สิ่งที่ควรปรับปรุง"]


@given(st.lists(st.sampled_from(_PHRASES), min_size=1, max_size=40), st.integers(20, 90))
def test_wrap_keeps_every_phrase_whole_within_the_width(phrases: list[str], width: int) -> None:
    from lessonkit.cli.help import display_width, wrap

    text = " ".join(phrases)
    lines = wrap(text, width, "  ", "  ").splitlines()
    assert [p for line in lines for p in line.split()] == phrases      # nothing cut, nothing lost
    for line in lines:
        # a line is within the width, unless it holds a single phrase wider than the line
        assert display_width(line) <= width or len(line.split()) == 1
    for line, following in itertools.pairwise(lines):
        # greedy: the next line's first phrase did not fit on this line
        assert display_width(line) + 1 + display_width(following.split()[0]) > width


def test_a_command_first_loaded_in_thai_keeps_english_metavars() -> None:
    """Built-in commands are imported on first use: one first used under Thai must not keep
    Thai in its click objects (a Path's name is its metavar) for a later English run."""
    script = (
        "from click.testing import CliRunner\n"
        "from lessonkit.cli import cli\n"
        "r = CliRunner()\n"
        "th = r.invoke(cli, ['collect', '--help'], env={'LESSONKIT_LOCALE': 'th'}).stdout\n"
        "en = r.invoke(cli, ['collect', '--help'], env={'LESSONKIT_LOCALE': 'en'}).stdout\n"
        "print(repr(th)); print(repr(en))\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                          env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
    thai, english = (eval(line) for line in done.stdout.splitlines())  # our own repr() output
    assert thai.startswith("วิธีใช้:") and "-o, --out PATH" in thai
    assert english.startswith("Usage:") and "-o, --out PATH" in english
    assert not THAI.search(english)
