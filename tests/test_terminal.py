"""Control characters: stripped at input (answer, ask, import), shown escaped in everything the
command line prints; ``rank --format csv`` and ``export`` share one CSV writer and one rule."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from lessonkit import files
from lessonkit.cli import cli
from lessonkit.exporting import FORMULA_PREFIXES, csv_text, neutralise
from lessonkit.safetext import strip_controls, visible

DEMO = Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "demo"
#: clear screen, window title, an OSC-8 hyperlink, BEL, a right-to-left override, a CR that
#: overwrites the line, a C1 CSI, NUL
EVIL = ("x\x1b[2J\x1b]0;owned\x07\x1b]8;;http://evil.example/\x1b\\link\x1b]8;;\x1b\\"
        "\u202eevil\r=2+5\x9b31m\x00")
RAW = ("\x1b", "\x07", "\u202e", "\x9b", "\x00")


def run(runner: CliRunner, *args: str | Path, input: str | None = None) -> Result:
    return runner.invoke(cli, [str(a) for a in args], input=input)


def assert_no_raw_controls(result: Result) -> None:
    for stream in (result.stdout, result.stderr):
        assert not any(c in stream for c in RAW), repr(stream[:300])
        assert "\r" not in stream.replace("\r\n", ""), repr(stream[:300])


@pytest.fixture
def evil_file(tmp_path: Path, runner: CliRunner) -> Path:
    """The seeds' workshop with EVIL stored in an EE activity, an AAR improve item, a theme,
    an answer and the title (as a hand-edited file could hold them)."""
    path = tmp_path / "ws.json"
    shutil.copy(DEMO / "seeds-workshop.json", path)
    assert run(runner, "aar", "item", path, "improve", "EVILTEXT", "--group", "g1").exit_code == 0
    assert run(runner, "aar", "tag", path, "e10", "--group", "g1", "--theme", "EVILTEXT").exit_code == 0
    data = json.loads(path.read_text(encoding="utf-8"))
    data["title"] = "Title " + EVIL
    data["groups"][1]["entries"][2]["text"] = EVIL  # g2's first taking-stock activity (e3)
    text = json.dumps(data, ensure_ascii=False).replace("EVILTEXT", json.dumps(EVIL)[1:-1])
    path.write_text(text, encoding="utf-8")
    assert EVIL in files.load(path).group("g2").entries[2].text
    return path


PRINTING = [
    ("show",), ("rank", "--group", "g2", "--method", "ee", "--prompt", "importance"),
    ("rank", "--group", "g2", "--method", "ee", "--prompt", "importance", "--format", "csv"),
    ("rank", "--group", "g2", "--method", "ee", "--prompt", "importance", "--format", "json"),
    ("ee", "stock", "--group", "g2"), ("ee", "stock", "--group", "g2", "--format", "json"),
    ("aar", "priorities", "--group", "g1"), ("aar", "themes", "--group", "g1"),
    ("export",), ("export", "--what", "rankings"), ("report", "--format", "txt"),
    ("report", "--format", "md"), ("report", "--format", "json"), ("validate",),
]


@pytest.mark.parametrize("command", PRINTING, ids=lambda c: " ".join(c[:1] + c[-2:]))
def test_stored_controls_are_shown_escaped(runner: CliRunner, evil_file: Path,
                                           command: tuple[str, ...]) -> None:
    args = list(command)
    args.insert(2 if command[0] in ("ee", "aar") else 1, str(evil_file))
    result = run(runner, *args)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    assert_no_raw_controls(result)
    if command[0] in ("show", "rank", "ee", "aar", "export"):
        assert "\\u001b" in result.stdout  # visible, not hidden
    if command[-1] == "json":  # the escapes are JSON's: the data is the same
        json.loads(result.stdout)


def test_json_output_keeps_the_data(runner: CliRunner, evil_file: Path) -> None:
    result = run(runner, "rank", evil_file, "--group", "g2", "--method", "ee", "--prompt",
                 "importance", "--format", "json")
    texts = [row["text"] for row in json.loads(result.stdout)["rows"]]
    assert EVIL in texts


def test_error_messages_escape_data(runner: CliRunner, evil_file: Path) -> None:
    result = run(runner, "rank", evil_file, "--group", "g2", "--method", "ee", "--prompt",
                 "importance", "--rule", "x\x1b[2J\u202e")
    assert result.exit_code in (1, 2)
    assert_no_raw_controls(result)


def test_visible_and_strip() -> None:
    assert visible("ok ไทย\ttab\nline\r\n") == "ok ไทย\ttab\nline\r\n"
    assert visible("a\x1bb\u202ec\rd\x9be\x7f") == "a\\u001bb\\u202ec\\u000dd\\u009be\\u007f"
    assert visible("\udcff") == "\\udcff"
    assert strip_controls("a\x1b[2J\x00b\u202e\u2066c\x9b\r\nd\re\u200bf") == "a[2Jbc\nd\ne\u200bf"
    assert strip_controls("ไทย ok") == "ไทย ok"


def test_answer_strips_controls(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    shutil.copy(DEMO / "seeds-workshop.json", path)
    result = run(runner, "answer", path, "--group", "g1", "--method", "ee", "--prompt", "objectives",
                 "safe\x1b[2J\x00 text\u202e\x9b", "two\r\nlines")
    assert result.exit_code == 0, result.output
    texts = [e.text for e in files.load(path).group("g1").entries][-2:]
    assert texts == ["safe[2J text", "two\nlines"]


def test_typed_invalid_bytes_are_refused_clearly(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    shutil.copy(DEMO / "seeds-workshop.json", path)
    before = path.read_bytes()
    # what a terminal not set to UTF-8 hands over for $'bad\xff' (surrogateescape)
    result = run(runner, "answer", path, "--group", "g1", "--method", "ee", "--prompt", "objectives",
                 "bad\udcff")
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "not valid Unicode at character 4 (the byte 0xff)" in result.stderr
    assert "terminal set to UTF-8" in result.stderr
    assert path.read_bytes() == before


def test_ask_strips_controls(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    shutil.copy(DEMO / "seeds-workshop.json", path)
    result = run(runner, "ask", path, "--group", "g3", "--method", "ee", "--step", "mission",
                 input="typed\x1b]0;t\x07 objective\n\nq\n")
    assert result.exit_code == 0, result.output
    texts = [e.text for e in files.load(path).group("g3").entries]
    assert texts and texts[0] == "typed]0;t objective"


def test_import_strips_controls(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    shutil.copy(DEMO / "seeds-workshop.json", path)
    data = tmp_path / "in.csv"
    data.write_text("Name,Objectives of the mission\nA\x1b[2J,obj\x00ective \u202eone\n",
                    encoding="utf-8")
    result = run(runner, "import", path, data, "--group", "g3", "--method", "ee")
    assert result.exit_code == 0, result.output
    group = files.load(path).group("g3")
    assert [p.name for p in group.participants] == ["A[2J"]
    assert [e.text for e in group.entries] == ["objective one"]


# -- one CSV writer, one rule ----------------------------------------------------------------


def test_neutralise_rule() -> None:
    for prefix in FORMULA_PREFIXES:
        assert neutralise(prefix + "1+1") == "'" + (prefix if prefix != "\r" else "\n") + "1+1"
    assert neutralise("x\r=2+5") == "x\n=2+5"
    assert neutralise("a\r\nb") == "a\nb"
    assert neutralise(-5) == -5 and neutralise(2.5) == 2.5 and neutralise(None) is None
    assert neutralise("＝HYPERLINK()") == "'＝HYPERLINK()"


def test_csv_text_quotes_line_breaks() -> None:
    text = csv_text(["a", "b"], [["x\r=2+5", 3], ["＠cmd", None]])
    assert text == 'a,b\r\n"x\n=2+5",3\r\n\'＠cmd,\r\n'
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["a", "b"], ["x\n=2+5", "3"],
                                                               ["'＠cmd", ""]]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline="")))


def test_rank_csv_and_export_share_the_rule(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    shutil.copy(DEMO / "seeds-workshop.json", path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["groups"][1]["entries"][2]["text"] = "x\r=2+5"
    data["groups"][1]["entries"][3]["text"] = "＝1+1"
    data["groups"][1]["entries"][4]["text"] = "-10% budget"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    rank = run(runner, "rank", path, "--group", "g2", "--method", "ee", "--prompt", "importance",
               "--format", "csv")
    export = run(runner, "export", path, "--what", "rankings", "--group", "g2")
    assert rank.exit_code == 0 and export.exit_code == 0
    for text, column in ((rank.stdout, 3), (export.stdout, 9)):
        rows = _cells(text)
        assert len({len(r) for r in rows}) == 1  # no row broken by the CR
        cells = {r[column] for r in rows[1:]}
        assert {"x\n=2+5", "'＝1+1", "'-10% budget"} <= cells, cells
        for row in rows[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "@", "\t", "\r", "＝", "＋", "＠")), cell


_MIXED = st.text(st.sampled_from(["a", "ก", "\u0e33", " ", "\t", "\n", "\r", "\x00", "\x1b", "\x7f",
                                  "\x9b", "\u00ad", "\u200b", "\u202e", "\u2066", "\u2028", "\ud800",
                                  "\udcff", "\ue000", "é"]), max_size=12)


@given(_MIXED)
def test_strip_controls_keeps_printable_text_as_the_pattern_would(text: str) -> None:
    """strip_controls returns text that is printable (line ends and tabs aside) without a
    regex pass: the result is what the patterns give, and a lone surrogate is refused."""
    from lessonkit.errors import ValidationError
    from lessonkit.safetext import _pattern

    if _pattern("_SURROGATE").search(text):
        with pytest.raises(ValidationError):
            strip_controls(text)
        return
    assert strip_controls(text) == _pattern("_STRIP").sub(
        "", text.replace("\r\n", "\n").replace("\r", "\n"))
