"""The optional orjson reader (``lessonkit[fast]``) gives what the json module gives: the same
session from the same file, the same message for every file it refuses. Each case is read
both ways in one test (orjson turned on for any size, then off), so neither path rots."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from _scale_fixtures import demo_sessions, inflate
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import Entry, Group, Participant, Session, files, jsonsafe
from lessonkit.errors import SessionFileError
from lessonkit.plugins import get_plugin_manager, load_registry

orjson = pytest.importorskip("orjson")

DEMO = Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "demo"
SEEDS = (DEMO / "seeds-workshop.json").read_text(encoding="utf-8")


@pytest.fixture
def readers(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str | bytes], Any]]:
    """``read(text)``: what :func:`files.loads` gives for ``text`` (the session, or the
    message of its error), the same with orjson and without; also checks which reader the
    orjson run took (orjson alone when it gave a session, unless told otherwise)."""
    monkeypatch.setattr(jsonsafe, "FAST_MIN_SIZE", 0)
    calls: list[int] = []
    real_parse = jsonsafe.parse

    def counted_parse(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real_parse(*args, **kwargs)

    monkeypatch.setattr(jsonsafe, "parse", counted_parse)

    def outcome(text: str | bytes) -> Any:
        try:
            return files.loads(text, where="ws.json")
        except SessionFileError as exc:
            return f"error: {exc}"

    def read(text: str | bytes) -> Any:
        monkeypatch.setattr(jsonsafe, "_fast_loads", False)
        plain = outcome(text)
        monkeypatch.setattr(jsonsafe, "_fast_loads", orjson.loads)
        calls.clear()
        fast = outcome(text)
        assert fast == plain
        read.reread = bool(calls)  # type: ignore[attr-defined]
        return fast

    yield read


def _session_text(**changes: Any) -> str:
    body = json.loads(SEEDS)
    body.update(changes)
    return json.dumps(body, ensure_ascii=False, indent=2)


def test_sessions_load_the_same_and_by_orjson_alone(readers: Any) -> None:
    registry = load_registry(get_plugin_manager())
    for session in [*demo_sessions(), *(inflate(s, registry, 40) for s in demo_sessions())]:
        text = files.dumps(session)
        for given_as in (text, text.encode("utf-8")):
            assert readers(given_as) == session
            assert not readers.reread


EDGES: dict[str, str | bytes] = {
    "NaN": SEEDS.replace('"top_k": 4', '"top_k": NaN', 1),
    "-Infinity": SEEDS.replace('"top_k": 4', '"top_k": -Infinity', 1),
    "a number too large for a float": SEEDS.replace('"top_k": 4', '"top_k": 1e400', 1),
    "a 20-digit integer in settings": SEEDS.replace('"top_k": 4', '"top_k": 18446744073709551616', 1),
    "a 30-digit negative integer in data": _session_text(data={"n": -10**29}),
    "a 64-bit integer": _session_text(data={"n": 2**64 - 1, "m": -2**63}),
    "18-digit integers in data": _session_text(data={"n": 10**18 - 1, "m": -(10**18 - 1)}),
    "a 19-digit integer as attendance": _session_text(attendance=10**19),
    "an 18-digit integer as attendance": _session_text(attendance=10**17),
    "a 20-digit schema_version": SEEDS.replace('"schema_version": 1', '"schema_version": 100000000000000000000', 1),
    "a 20-digit integer in an unknown field": _session_text(colour=10**20),
    "a 20-digit integer as a title": _session_text(title=10**20),
    "a 4301-digit integer": SEEDS.replace('"top_k": 4', '"top_k": ' + "9" * 4301, 1),
    "a large float in data": _session_text(data={"x": 1.5e300, "y": 9.3e18, "z": -0.0}),
    "a lone surrogate escape": SEEDS.replace('"title": "', '"title": "\\ud800', 1),
    "a lone low surrogate in a key": _session_text(data={"\udc00": 1}),
    "a surrogate pair": SEEDS.replace('"title": "', '"title": "\\ud83d\\ude00', 1),
    "a surrogate encoded as UTF-8": SEEDS.encode("utf-8").replace(b'"title": "', b'"title": "\xed\xa0\x80', 1),
    "bytes that are not UTF-8": SEEDS.encode("utf-8").replace(b'"title": "', b'"title": "\xff', 1),
    "an overlong UTF-8 sequence": SEEDS.encode("utf-8").replace(b'"title": "', b'"title": "\xc0\x80', 1),
    "UTF-8 with a byte-order mark": codecs.BOM_UTF8 + SEEDS.encode("utf-8"),
    "UTF-16 with a byte-order mark": SEEDS.encode("utf-16"),
    "UTF-16 without one": SEEDS.encode("utf-16-le"),
    "a text with a BOM character": "\ufeff" + SEEDS,
    "a duplicate key at the top": SEEDS.replace('"title": ', '"title": "A", "title": ', 1),
    "a duplicate key in an answer": SEEDS.replace('"text": ', '"text": "x", "text": ', 1),
    "a duplicate key behind an escape": SEEDS.replace('"title": ', '"title": "A", "\\u0074itle": ', 1),
    "a colon in texts and keys": _session_text(data={"a:b": "c: d", "e": [":", {"f:": ":"}]}),
    "nesting 70 deep": _session_text(data=json.loads("[" * 70 + "]" * 70)),
    "nesting 2000 deep": SEEDS.replace('"top_k": 4', '"top_k": ' + "[" * 2000 + "]" * 2000, 1),
    "a raw tab in a text": SEEDS.replace('"title": "', '"title": "\t', 1),
    "a DEL and a NUL escape": SEEDS.replace('"title": "', '"title": "\x7f\\u0000', 1),
    "trailing text": SEEDS + " x",
    "a trailing comma": SEEDS.replace('"top_k": 4', '"top_k": 4,', 1),
    "not an object": "[1, 2]",
    "null": "null",
    "nothing": "",
    "a str with a raw lone surrogate": SEEDS.replace('"title": "', '"title": "\ud800', 1),
}


@pytest.mark.parametrize("name", list(EDGES))
def test_edge_cases_give_the_same_session_or_message(readers: Any, name: str) -> None:
    result = readers(EDGES[name])
    if name in ("18-digit integers in data", "a surrogate pair", "a colon in texts and keys",
                "an 18-digit integer as attendance", "UTF-8 with a byte-order mark", "a large float in data"):
        assert isinstance(result, Session), result
    if name in ("18-digit integers in data", "a colon in texts and keys", "an 18-digit integer as attendance"):
        assert not readers.reread  # orjson alone read these


def test_the_numbers_orjson_reads_as_floats_are_read_again(readers: Any) -> None:
    """orjson reads 10**20 as a float, which the 18-digit check would not see: the file is
    read again by the json module, which gives the integer and its message."""
    assert jsonsafe.parse_fast(_session_text(data={"n": 10**20})) is None
    message = readers(_session_text(data={"n": 10**20}))
    assert readers.reread
    assert message == ("error: ws.json: not a session file: the number at $.data.n has 21 digits, "
                       "more than the 18 a session file allows (is the file damaged?)")


NUMBER = st.from_regex(r"\A-?(0|[1-9][0-9]{0,24})(\.[0-9]{1,24})?([eE][+-]?[0-9]{1,3})?\Z")


@settings(max_examples=300, deadline=None)
@given(st.lists(NUMBER, min_size=1, max_size=8))
def test_orjson_reads_numbers_as_the_json_module_does(numbers: list[str]) -> None:
    """Each number text orjson reads gives the value json gives (same type, same float bits),
    but for integers beyond 64 bits, which :func:`jsonsafe.parse_fast` gives back to json."""
    text = "[" + ",".join(numbers) + "]"
    expected = json.loads(text)
    try:
        got = orjson.loads(text)
    except orjson.JSONDecodeError:  # too large for a float: json gives inf, which parse refuses
        assert any(isinstance(v, float) and abs(v) == float("inf") for v in expected)
        return
    for number, want, have in zip(numbers, expected, got, strict=True):
        if isinstance(want, int) and not -2**63 <= want < 2**64:
            assert isinstance(have, float) and abs(have) >= 2**63, number
        else:
            assert (type(have), repr(have)) == (type(want), repr(want)), number


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers(-10**18 + 1, 10**18 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner, max_size=4),
    max_leaves=20)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(st.text(max_size=6), JSON_VALUE, max_size=4),
       st.lists(st.tuples(st.text(max_size=8), st.text(max_size=8)), max_size=6))
def test_generated_sessions_read_the_same(data: dict[str, Any], answers: list[tuple[str, str]]) -> None:
    people = [Participant(key=f"p{i}", name=name or None) for i, (name, _t) in enumerate(answers)]
    entries = [Entry(id=f"e{i}", method="m", step="s", prompt="p", text=text, participant=f"p{i}",
                     data={"v": data} if i == 0 else {}) for i, (_n, text) in enumerate(answers)]
    session = Session(title="t", groups=[Group(key="g", name="g", participants=people, entries=entries)],
                      data=data, settings={"m": data})
    text = files.dumps(session)
    plain = files.loads(text)
    saved = (jsonsafe.FAST_MIN_SIZE, jsonsafe._fast_loads)
    jsonsafe.FAST_MIN_SIZE, jsonsafe._fast_loads = 0, orjson.loads
    try:
        assert files.loads(text) == plain == session
        assert files.loads(text.encode("utf-8")) == plain
    finally:
        jsonsafe.FAST_MIN_SIZE, jsonsafe._fast_loads = saved


def test_without_orjson_installed_files_load_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "orjson", None)  # import orjson fails
    monkeypatch.setattr(jsonsafe, "_fast_loads", None)  # not looked for yet
    monkeypatch.setattr(jsonsafe, "FAST_MIN_SIZE", 0)
    assert not jsonsafe.fast_available()
    assert jsonsafe.parse_fast(SEEDS) is None
    assert files.loads(SEEDS) == files.loads(SEEDS.encode("utf-8"))
    with pytest.raises(SessionFileError, match="duplicate key 'title'"):
        files.loads(SEEDS.replace('"title": ', '"title": "A", "title": ', 1))


def test_short_files_are_not_given_to_orjson(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonsafe, "_fast_loads", orjson.loads)
    assert len(SEEDS.encode("utf-8")) < jsonsafe.FAST_MIN_SIZE
    assert jsonsafe.parse_fast(SEEDS) is None
    large = _session_text(data={"pad": "x" * jsonsafe.FAST_MIN_SIZE})
    assert jsonsafe.parse_fast(large) == json.loads(large)


# ----------------------------------------------------------------------------- writing


def _reference_text(session: Session) -> str:
    """The file as cattrs and the json module's indenting encoder write it."""
    return files._json_dumps(files._reference_to_data(session))


def _written_both_ways(session: Session, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """``files.dumps`` and ``files.save`` with orjson and without: all four the same text."""
    texts = []
    for writer in (orjson_indented(), False):
        monkeypatch.setattr(files, "_fast_dumps", writer)
        texts.append(files.dumps(session))
        path = tmp_path / "s.json"
        files.save(session, path)
        texts.append(path.read_bytes().decode("utf-8"))
    assert len(set(texts)) == 1
    return texts[0]


def orjson_indented() -> Callable[[Any], bytes]:
    return lambda value: orjson.dumps(value, option=orjson.OPT_INDENT_2)


def test_orjson_writes_every_character_as_the_json_module() -> None:
    chars = [chr(c) for c in (*range(0xD800), *range(0xE000, 0x110000))]
    for start in range(0, len(chars), 4096):
        part = chars[start:start + 4096]
        assert orjson.dumps(part, option=orjson.OPT_INDENT_2) == json.dumps(
            part, ensure_ascii=False, indent=2).encode("utf-8")


def test_large_sessions_are_written_by_orjson_byte_for_byte(monkeypatch: pytest.MonkeyPatch,
                                                             tmp_path: Path) -> None:
    """More answers than one chunk, some values orjson refuses (an integer beyond 64 bits in
    a chunk, a lone surrogate in another) and a float: every chunk is the same text."""
    calls: list[int] = []

    def counted(value: Any) -> bytes:
        calls.append(len(value))
        return orjson.dumps(value, option=orjson.OPT_INDENT_2)

    people = [Participant(key=f"p{i}", name=f'ผู้ตอบ "{i}"\n\x01\u2028' if i % 3 else None)
              for i in range(files._CHUNK * 2 + 7)]
    entries = [Entry(id=f"e{i}", method="m", step="s", prompt="p", text=f"ข้อ {i} }},\n{{",
                     participant=p.key) for i, p in enumerate(people)]
    session = Session(title="t", groups=[Group(key="g", name="g", participants=people, entries=entries)])
    expected = _reference_text(session)
    monkeypatch.setattr(files, "_fast_dumps", counted)
    assert files.dumps(session) == expected
    assert len(calls) == 6  # three chunks of participants, three of answers
    assert _written_both_ways(session, monkeypatch, tmp_path) == expected
    session.groups[0].entries[5].text = "\ud800"  # a chunk orjson refuses: the json module writes it
    data = files.to_data(session)
    monkeypatch.setattr(files, "_fast_dumps", orjson_indented())
    with_orjson = files._quick_dumps(data)
    monkeypatch.setattr(files, "_fast_dumps", False)
    assert with_orjson == files._quick_dumps(data)
    assert '"text": "\ud800"' in with_orjson


SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-2**65, 2**65), st.text(max_size=6),
                   st.floats(allow_nan=False, allow_infinity=False))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.dictionaries(st.text(max_size=4), SCALAR, min_size=1, max_size=4), min_size=1,
                max_size=12),
       st.sampled_from(["", "  ", "      "]))
def test_flat_objects_are_written_the_same_with_orjson(items: list[dict[str, Any]], pad: str) -> None:
    """Whole numbers beyond 64 bits and lone surrogates (orjson refuses them) and floats
    (left to the json module) among text, booleans and nulls."""
    saved = files._fast_dumps
    try:
        files._fast_dumps = orjson_indented()
        fast = files._flat_objects(items, pad)
        files._fast_dumps = False
        assert fast == files._flat_objects(items, pad)
    finally:
        files._fast_dumps = saved
    expected = json.dumps(items, ensure_ascii=False, indent=2)[2:-2].replace("\n", "\n" + pad)
    assert fast == pad + expected


ROW = st.tuples(TEXT := st.text(max_size=10), st.one_of(st.none(), TEXT),
                st.one_of(st.none(), st.integers(-2**64, 2**64), st.booleans(), TEXT, st.floats()))


@settings(max_examples=40, deadline=None)
@given(st.lists(ROW, min_size=9, max_size=40))
def test_generated_sessions_are_written_the_same_with_orjson(rows: list[tuple[str, Any, Any]]) -> None:
    """Text of every kind (lone surrogates too: written by the json module) and plugin data
    with numbers, in lists long enough for the quick writer."""
    people = [Participant(key=f"p{i}", name=name or None, agency=agency)
              for i, (name, agency, _v) in enumerate(rows)]
    entries = [Entry(id=f"e{i}", method="m", step="s", prompt="p", text=name, participant=f"p{i}",
                     data={} if value is None else {"v": value})
               for i, (name, _a, value) in enumerate(rows)]
    session = Session(title="t", groups=[Group(key="g", name="g", participants=people, entries=entries)])
    texts = []
    for writer in (orjson_indented(), False):
        files._fast_dumps = writer
        try:
            texts.append(files._quick_dumps(files.to_data(session)))
        except Exception as exc:  # a lone surrogate reaches the json module either way
            texts.append(f"{type(exc).__name__}")
        finally:
            files._fast_dumps = None
    assert texts[0] == texts[1]
    if any("\ud800" <= c <= "\udfff" for row in rows for text in row[:2] if text for c in text):
        return
    assert texts[0] == _reference_text(session)


def test_the_hostile_corpus_reads_the_same_with_orjson(readers: Any) -> None:
    """The fuzzing corpus (byte flips, truncation, duplicated keys, wrong types, huge
    integers, lone surrogates, deep nesting, BOM/UTF-16, NaN, control characters): each
    file gives the same session or the same message with orjson and without."""
    from _hostile import mutations

    kinds = {"session": 0, "error": 0}
    for _kind, data in mutations(600, 14):
        result = readers(data)
        kinds["error" if isinstance(result, str) else "session"] += 1
    assert kinds["session"] > 50 and kinds["error"] > 50, kinds
