"""Loading refuses what no command could print or save: duplicate keys, NaN/Infinity, huge
numbers, lone surrogates, deep nesting; UTF-8/UTF-16 with a byte-order mark are read.
Numbers typed with thousands of digits are one clear error, not a traceback."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import files
from lessonkit.cli import cli
from lessonkit.errors import SessionFileError
from lessonkit.jsonsafe import MAX_DEPTH, parse
from lessonkit.ranking import natural_key

DEMO = Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "demo"
SEEDS = (DEMO / "seeds-workshop.json").read_text(encoding="utf-8")
HUGE = "9" * 4301


def run(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(cli, [str(a) for a in args])


def one_line_error(result: Result) -> str:
    assert result.exit_code == 1, (result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def refused(text: str | bytes) -> str:
    with pytest.raises(SessionFileError) as info:
        files.loads(text, where="ws.json")
    message = str(info.value)
    assert message.startswith("ws.json: ")
    return message


def test_duplicate_keys_are_refused_not_last_wins() -> None:
    message = refused(SEEDS.replace('"title": ', '"title": "A", "title": ', 1))
    assert "duplicate key 'title' in one object" in message and "keep the one you mean" in message
    message = refused(SEEDS.replace('"text": ', '"text": "x", "text": ', 1))
    assert "duplicate key 'text'" in message
    # the same key in two different objects is fine
    assert files.loads(SEEDS).title


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused_with_the_line(constant: str) -> None:
    text = SEEDS.replace('"top_k": 4', f'"top_k": {constant}', 1)
    line = text[: text.index(constant)].count("\n") + 1
    message = refused(text)
    assert f"{constant.lstrip('-')} is not a number JSON allows at line {line}" in message


@pytest.mark.parametrize("number", [HUGE, "-" + HUGE, "9" * 19, "1e400", "-2.5e999", "9" * 400 + ".0"])
def test_huge_numbers_are_refused(number: str) -> None:
    # as a score
    message = refused(SEEDS.replace("[3,3,3,2,3,3,2,3]", f"[{number},3,3,2,3,3,2,3]", 1))
    assert "digits" in message or "is not a number, null or" in message
    # in the free-form settings
    message = refused(SEEDS.replace('"top_k": 4', f'"top_k": {number}', 1))
    assert "digits" in message or "$.settings.ee.top_k is too large" in message
    # in a typed field
    text = SEEDS.replace('"schema_version": 1', f'"schema_version": 1, "x": {number}', 1)
    assert "not valid JSON: a number has more than 4300 digits" in refused(text) if len(number) > 4300 \
        else "unknown field" in refused(text)


def test_huge_int_in_a_file_is_one_line_for_every_command(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    path.write_text(SEEDS.replace("[3,3,3,2,3,3,2,3]", f"[{HUGE},3,3,2,3,3,2,3]", 1), encoding="utf-8")
    before = path.read_bytes()
    for args in (["validate", path], ["show", path], ["export", path, "--what", "scores"],
                 ["rank", path, "--group", "g2", "--method", "ee", "--prompt", "importance"],
                 ["rank", path, "--group", "g2", "--method", "ee", "--prompt", "importance",
                  "--format", "csv"],
                 ["report", path, "-o", tmp_path / "r.json"], ["group", "add", path, "g9", "--name", "x"]):
        assert "more than 4300 digits" in one_line_error(run(runner, *args))
    assert path.read_bytes() == before


def test_a_valid_surrogate_pair_is_a_character_a_lone_surrogate_is_refused() -> None:
    emoji = files.loads(SEEDS.replace('"top_k": 4', '"top_k": 4, "x": "\\ud83d\\ude00"', 1))
    assert emoji.settings["ee"]["x"] == "😀"
    message = refused(SEEDS.replace('"เพื่อให้เด็ก/เยาวชนทราบถึงสิทธิของตนเอง"', '"\\ud800x"', 1))
    assert "lone surrogate" in message and "$.groups[0].entries[0].text" in message
    assert "lone surrogate" in refused('{"schema_version": 1, "title": "t", "\\udfff": 1}')
    # a raw surrogate (an API caller's str) is refused the same way
    assert "lone surrogate" in refused(SEEDS.replace("เพื่อให้เด็ก", "\ud800", 1))


def test_lone_surrogate_in_a_file_is_one_line_for_every_command(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "ws.json"
    path.write_text(SEEDS.replace('"เพื่อให้เด็ก/เยาวชนทราบถึงสิทธิของตนเอง"', '"\\ud800"', 1),
                    encoding="utf-8")
    for args in (["show", path], ["rank", path, "--group", "g2", "--method", "ee", "--format", "csv",
                                  "--prompt", "importance"],
                 ["export", path], ["export", path, "--format", "xlsx", "-o", tmp_path / "a.xlsx"],
                 ["report", path, "-o", tmp_path / "r.json"], ["group", "add", path, "g9", "--name", "x"]):
        assert "lone surrogate" in one_line_error(run(runner, *args))


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 950, 100_000])
def test_deep_nesting_is_refused_before_it_can_break_a_save(depth: int) -> None:
    text = SEEDS.replace('"top_k": 4', f'"top_k": 4, "deep": {"[" * depth}{"]" * depth}', 1)
    assert f"nested more than {MAX_DEPTH} deep" in refused(text)


def test_nesting_within_the_limit_loads_and_saves(tmp_path: Path) -> None:
    depth = MAX_DEPTH - 5
    text = SEEDS.replace('"top_k": 4', f'"top_k": 4, "deep": {"[" * depth}"[{{"{"]" * depth}', 1)
    session = files.loads(text)
    files.save(session, tmp_path / "ws.json")
    assert files.load(tmp_path / "ws.json").settings["ee"]["deep"] == session.settings["ee"]["deep"]


def test_byte_order_marks_and_utf16(tmp_path: Path) -> None:
    assert files.loads(b"\xef\xbb\xbf" + SEEDS.encode()).title == files.loads(SEEDS).title
    for encoding in ("utf-16", "utf-32"):  # with a byte-order mark, as Notepad saves "Unicode"
        path = tmp_path / f"{encoding}.json"
        path.write_bytes(SEEDS.encode(encoding))
        session = files.load(path)
        files.save(session, path)
        assert path.read_bytes().startswith(b"{\n")  # the next save writes UTF-8
    message = refused(SEEDS.encode("utf-16-le"))
    assert "UTF-16 or UTF-32 without a byte-order mark" in message and "save it as UTF-8" in message
    assert "not UTF-8 text" in refused(b'{"title": "\xff"}')


def test_parse_gives_plain_data_for_a_good_file() -> None:
    assert parse(SEEDS, "ws.json") == json.loads(SEEDS)
    assert parse('{"a": [1, 2.5, -3, 1e10, null, true]}', "x") == {"a": [1, 2.5, -3, 1e10, None, True]}


# -- typed numbers ---------------------------------------------------------------------------


@pytest.fixture
def demo_files(tmp_path: Path) -> tuple[Path, Path]:
    seeds, p5c4f = tmp_path / "seeds.json", tmp_path / "area.json"
    shutil.copy(DEMO / "seeds-workshop.json", seeds)
    shutil.copy(DEMO / "phatthalung-5c4f.json", p5c4f)
    return seeds, p5c4f


def test_typed_item_numbers_of_4301_digits_are_a_clear_error(runner: CliRunner,
                                                            demo_files: tuple[Path, Path]) -> None:
    seeds, area = demo_files
    before = seeds.read_bytes(), area.read_bytes()
    line = one_line_error(run(runner, "aar", "act", seeds, "--group", "g1", HUGE))
    assert "unknown item '9999" in line and "(4301 characters)" in line and len(line) < 400
    line = one_line_error(run(runner, "5c4f", "assess", area, "--group", "kokmuang", "--participant",
                              "p1", "--activity", HUGE, "all=sometimes"))
    assert "unknown item" in line and "1=e1" in line
    line = one_line_error(run(runner, "score", seeds, "--group", "g2", "--method", "ee", "--prompt",
                              "importance", "--participant", "p1", f"{HUGE}=3"))
    assert "unknown item" in line
    line = one_line_error(run(runner, "5c4f", "bands", area, f"0-{HUGE}"))
    assert "is not 'from-to' in years" in line
    assert (seeds.read_bytes(), area.read_bytes()) == before
    # a small number still finds its item
    assert run(runner, "score", seeds, "--group", "g2", "--method", "ee", "--prompt", "importance",
               "--participant", "p1", "0001=3").exit_code == 0


def test_natural_key_orders_long_numbers_without_int() -> None:
    ids = ["e10", "e9", f"e{HUGE}", "e010", "e2", "x1"]
    assert sorted(ids, key=natural_key) == ["e2", "e9", "e10", "e010", f"e{HUGE}", "x1"]


@pytest.mark.parametrize("depth", [70, 950, 1200])
@pytest.mark.parametrize("field", ['"title": ', '"text": ', '"participants": ', '"values": '])
def test_deep_nesting_in_typed_fields_is_refused(depth: int, field: str) -> None:
    text = SEEDS.replace(field, f'{field}{"[" * depth}1{"]" * depth}, "zz": ', 1)
    refused(text)


JSON_KEYS = st.sampled_from(["a", "b", "a:", ":", "ก", "a\\u003a", ""])
JSON_VALUES = st.recursive(
    st.one_of(st.none(), st.integers(-5, 5), st.sampled_from(["", ":", "a:b", "ข:", "\\u003a"])),
    lambda inner: st.one_of(st.lists(inner, max_size=4),
                            st.lists(st.tuples(JSON_KEYS, inner), max_size=4)),
    max_leaves=12)


def _text_of(value: Any, spaced: bool) -> str:
    """JSON text, with objects given as lists of pairs (so a key may be written twice)."""
    if isinstance(value, list) and all(isinstance(v, tuple) for v in value) and value:
        colon = " : " if spaced else ":"
        return "{" + ",".join(f'"{k}"{colon}{_text_of(v, spaced)}' for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_text_of(v, spaced) for v in value) + "]"
    if isinstance(value, str):
        return f'"{value}"'
    return json.dumps(value)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(JSON_KEYS, JSON_VALUES), min_size=1, max_size=5), st.booleans())
def test_a_duplicate_key_anywhere_is_refused_and_nothing_else(pairs: list[Any], spaced: bool) -> None:
    """The quick duplicate check (colons against keys) agrees with a parse hook that sees
    every object's keys."""
    text = _text_of(pairs, spaced)
    duplicated = False

    def hook(found: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal duplicated
        duplicated = duplicated or len({k for k, _v in found}) != len(found)
        return dict(found)

    expected = json.loads(text, object_pairs_hook=hook)
    if duplicated:
        with pytest.raises(SessionFileError, match="duplicate key"):
            parse(text, "t.json")
    else:
        assert parse(text, "t.json") == expected
