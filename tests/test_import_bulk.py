"""The bulk import (column by column) gives exactly what the row-by-row import gives: the
same file, the same counts, and on a bad row the same refusal."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import files, hookimpl, importing, workshop
from lessonkit.plugins import get_plugin_manager, load_registry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import bench_import as bench


@pytest.fixture(scope="module")
def registry() -> Any:
    return load_registry(get_plugin_manager(load_entrypoints=False,
                                            plugins=[("bench", bench.BenchPlugin())]))


def _csv(rows: list[list[str]]) -> bytes:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["ชื่อ", "หน่วยงาน", "สิ่งที่คาดหวังว่าจะเกิดขึ้นคืออะไร", "สิ่งที่เกิดขึ้นจริงคืออะไร"]
                    + [f"สำคัญเพียงใด [{item}]" for item in bench.ITEMS]
                    + [f"เป็นจริงเพียงใด [{item}]" for item in bench.ITEMS[:3]])
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def _import(registry: Any, data: bytes, bulk: bool, monkeypatch: pytest.MonkeyPatch,
            existing: int = 0, ahead: bool = False) -> tuple[str, Any]:
    session = workshop.new_session(registry, "Bench", methods=["bench"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_answers(session, registry, "g1", "bench", "activities", bench.ITEMS)
    for _ in range(existing):
        workshop.add_participant(session, "g1")
    if existing:
        workshop.set_scores(session, registry, "g1", "bench", "importance", "p1", {"1": 2})
    if ahead:  # keys and ids the new rows would take next, already in use
        workshop.add_group(session, "g2", "กลุ่ม 2")
        for key in ("p2", "p4", "p40"):
            workshop.add_participant(session, "g2", key)
        group = session.group("g1")
        for _ in range(25):
            workshop.add_answers(session, registry, "g1", "bench", "activities", ["x"])
        group.entries = [e for e in group.entries if e.id not in {f"e{n}" for n in range(7, 30)}]
    sheet = importing.read_csv(data, "survey.csv")
    mapping = importing.guess_mapping(sheet, session, registry)
    with monkeypatch.context() as patch:
        if not bulk:
            patch.setattr(importing, "_bulk_import", lambda *a, **k: False)
        try:
            result: Any = importing.import_rows(session, registry, sheet, mapping, group="g1",
                                                skip_invalid=False)
        except Exception as exc:
            return "", f"{type(exc).__name__}: {exc}"
    return files.dumps(session), result


LEVELS = ["ไม่เคย", "บางครั้ง", "ส่วนใหญ่", "ไม่เกี่ยวข้อง", ""]


def _rows(seed: int, n: int) -> list[list[str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        shape = rng.random()
        if shape < 0.05:
            rows.append([""] * 12)  # an empty row
            continue
        name = rng.choice(["", f"ผู้ตอบ {i}", "  นำ้า  "])
        agency = rng.choice(["", "อบต."])
        texts = [rng.choice(["", f"คาดว่า {i}", "ทำได้ครึ่งหนึ่ง"]) for _ in range(2)]
        scores = [rng.choice(["", "1", "2", "3", "4", "5", " 3 "]) for _ in bench.ITEMS]
        levels = [rng.choice(LEVELS) for _ in bench.ITEMS[:3]]
        if shape < 0.1:
            texts, scores, levels = ["", ""], [""] * 5, [""] * 3  # a name and nothing else
        rows.append([name, agency, *texts, *scores, *levels])
    return rows


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("chunk", [2048, 7])
def test_bulk_import_gives_the_row_by_row_result(registry: Any, seed: int, chunk: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The same file bytes and counts, also when the rows are built in several chunks."""
    monkeypatch.setattr(importing, "_CHUNK", chunk)
    data = _csv(_rows(seed, 300))
    fast = _import(registry, data, True, monkeypatch, existing=seed - 1)
    slow = _import(registry, data, False, monkeypatch, existing=seed - 1)
    assert fast[0] and fast == slow


@pytest.mark.parametrize("chunk", [2048, 5])
def test_keys_and_ids_taken_ahead_are_skipped_as_before(registry: Any, chunk: int,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Participant keys p2, p4, p40 in another group and entry ids after a gap (e30 on) are
    skipped as the row-by-row path skips them."""
    monkeypatch.setattr(importing, "_CHUNK", chunk)
    data = _csv(_rows(8, 60))
    calls = []
    real = importing._import_row
    with monkeypatch.context() as patch:
        patch.setattr(importing, "_import_row", lambda *a, **k: calls.append(1) or real(*a, **k))
        fast = _import(registry, data, True, monkeypatch, ahead=True)
    assert calls == []  # the bulk path did it
    slow = _import(registry, data, False, monkeypatch, ahead=True)
    assert fast[0] and fast == slow
    keys = [key for _group, key in fast[1].participants]
    assert keys[0] == "p5" and "p41" in keys and not {"p2", "p4", "p40"} & set(keys)


def test_the_progress_bar_counts_every_row(registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bulk path moves the bar chunk by chunk, to the number of rows."""
    monkeypatch.setattr(importing, "_CHUNK", 16)
    session = workshop.new_session(registry, "Bench", methods=["bench"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    workshop.add_answers(session, registry, "g1", "bench", "activities", bench.ITEMS)
    sheet = importing.read_csv(_csv(_rows(9, 50)), "survey.csv")
    mapping = importing.guess_mapping(sheet, session, registry)
    moves: list[int] = []
    importing.import_rows(session, registry, sheet, mapping, group="g1", progress=moves.append)
    n = len(sheet.rows)
    assert n > 32 and moves == [16] * (n // 16) + [n % 16] * bool(n % 16)


def test_the_bulk_path_is_taken(registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = importing._import_row
    monkeypatch.setattr(importing, "_import_row", lambda *a, **k: calls.append(1) or real(*a, **k))
    text, result = _import(registry, _csv(_rows(4, 50)), True, monkeypatch)
    assert text and result.participants and calls == []


@pytest.mark.parametrize("bad", [["", "", "x", "", "9", "", "", "", "", "", "", ""],
                                 ["", "", "x", "", "", "", "", "", "", "บ่อยมาก", "", ""],
                                 ["", "", "x", ""]])
def test_a_bad_row_is_refused_as_before(registry: Any, bad: list[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    rows = _rows(5, 30)
    rows.insert(7, bad)
    data = _csv(rows)
    fast = _import(registry, data, True, monkeypatch)
    slow = _import(registry, data, False, monkeypatch)
    assert fast == slow
    assert "row 9" in fast[1]


CLEANING_TEXT = st.text(st.sampled_from(
    ["ก", "น", "ท", "\u0e33", "\u0e32", "\u0e4d", "\u0e48", "\u0e49", "\u0e4b", "\u200b", "\u00ad",
     "\x00", "\x1b", "\x7f", "\u202e", "\n", "\r", "\t", " ", "e", "\u0301", "\ud800", "a"]),
    max_size=8)


@settings(max_examples=400, deadline=None)
@given(st.lists(CLEANING_TEXT, max_size=12))
def test_texts_cleaned_together_come_out_as_cleaned_alone(texts: list[str]) -> None:
    from lessonkit.errors import LessonkitError
    from lessonkit.importing import _clean_many
    from lessonkit.workshop import clean_text

    alone: dict[str, str] = {}
    refused = False
    for text in texts:
        try:
            alone[text] = clean_text(text)
        except LessonkitError:
            refused = True
    if refused:
        with pytest.raises(LessonkitError):
            _clean_many(texts)
    else:
        assert _clean_many(texts) == alone
        # texts the caller stripped (as the bulk import's cells are): None means "as they are"
        lines = list(dict.fromkeys(text.strip() for text in texts))
        found = importing._clean_all(lines, stripped=True)
        assert ({text: text for text in lines} if found is None else found) == {
            text: clean_text(text) for text in lines}


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(list('a,"\r\n \u2028\x0bก')), max_size=30))
def test_csv_lines_are_split_as_a_file_opened_with_newline_empty(text: str) -> None:
    """read_csv hands the reader the text's lines without copying it into a StringIO:
    the same rows (or the same error) come out."""
    import csv
    import io

    from lessonkit.importing import _LINE

    def rows(lines: Any) -> Any:
        try:
            return list(csv.reader(lines))
        except csv.Error as exc:
            return ("error", str(exc))

    assert rows(m.group() for m in _LINE.finditer(text)) == rows(io.StringIO(text, newline=""))
    span = importing._SPAN
    try:  # the lines read_csv gives the reader, also split a part of a few characters at a time
        for importing._SPAN in (span, 1, 4):
            assert list(importing._lines(text)) == [m.group() for m in _LINE.finditer(text)]
    finally:
        importing._SPAN = span


@pytest.mark.parametrize("bad", [False, True])
def test_garbage_collection_is_back_as_it_was_after_a_bulk_import(
        registry: Any, bad: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bulk build pauses collection; it is on again afterwards (also when the row-by-row
    path takes over), off if it was off, and the objects made are not left frozen."""
    import gc

    rows = _rows(6, 40)
    if bad:
        rows.insert(3, ["", "", "x", "", "9", "", "", "", "", "", "", ""])
    data = _csv(rows)
    frozen = gc.get_freeze_count()
    _import(registry, data, True, monkeypatch)
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        _import(registry, data, True, monkeypatch)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_bulk_import_makes_no_call_per_row(registry: Any, tmp_path: Path) -> None:
    """The work of a bulk import (Python and C calls made from Python, counted, not timed)
    grows with the chunks of rows, not with the rows: the rows are turned into
    participants and entries by C loops and plain slot stores, with no function called
    per row or cell (a helper, a validator, a generator or the row-by-row checks would
    each add thousands of calls here)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _scale_fixtures import work_of

    def work(n: int) -> int:
        path = tmp_path / f"survey{n}.csv"
        bench.make_csv(path, n)
        session = workshop.new_session(registry, "Bench", methods=["bench"])
        workshop.add_group(session, "g1", "กลุ่ม 1")
        workshop.add_answers(session, registry, "g1", "bench", "activities", bench.ITEMS)
        sheet = importing.read_csv(path.read_bytes(), "survey.csv")
        mapping = importing.guess_mapping(sheet, session, registry)
        done = work_of(lambda: importing.import_rows(session, registry, sheet, mapping, group="g1"))
        assert len(session.group("g1").participants) == n
        return done

    small, large = work(1000), work(4000)
    assert large < 1.2 * small, (small, large)  # one call per row would add 3,000


def test_rows_with_blank_extra_cells_are_imported_in_bulk_as_row_by_row(
        registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importing, "_CHUNK", 8)
    rows = _rows(10, 40)
    for k in (0, 9, 21):
        rows[k] = [*rows[k], "", " "]
    data = _csv(rows)
    calls = []
    real = importing._import_row
    with monkeypatch.context() as patch:
        patch.setattr(importing, "_import_row", lambda *a, **k: calls.append(1) or real(*a, **k))
        fast = _import(registry, data, True, monkeypatch)
    slow = _import(registry, data, False, monkeypatch)
    assert calls == [] and fast[0] and fast == slow


def test_read_csv_drops_the_rows_with_no_text_in_any_cell() -> None:
    data = b"a,b,c\r\n , ,\r\n,,x\r\n\r\n  ,\t,\r\ny,,\r\n,,\r\n"
    assert importing.read_csv(data, "t.csv").rows == [["", "", "x"], ["y", "", ""]]


class _RefusePlugin:
    """A session_problems rule for every method: an answer "ไม่รับ" is a problem."""

    calls = 0

    @hookimpl
    def session_problems(self, session: Any, method: Any) -> list[str]:
        _RefusePlugin.calls += 1
        return [f"refused {e.id}" for g in session.groups for e in g.entries if e.text == "ไม่รับ"]


@pytest.mark.parametrize("refused", [False, True])
def test_a_plugin_rule_is_checked_over_the_bulk_rows(refused: bool,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """A method some plugin checks gets its check over all the new rows (a row it refuses
    sends the import row by row, refused as before); one no plugin checks is not."""
    checked = load_registry(get_plugin_manager(load_entrypoints=False, plugins=[
        ("bench", bench.BenchPlugin()), ("refuse", _RefusePlugin())]))
    rows = _rows(11, 30)
    if refused:
        rows[4][2] = "ไม่รับ"
    data = _csv(rows)
    _RefusePlugin.calls = 0
    fast = _import(checked, data, True, monkeypatch)
    assert _RefusePlugin.calls > 0
    slow = _import(checked, data, False, monkeypatch)
    assert fast == slow and (("row 5, column" in fast[1]) if refused else bool(fast[0]))


def test_spreadsheet_numbers_and_empty_cells_are_imported_in_bulk_as_row_by_row(
        registry: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """An XLSX sheet's cells are numbers and None as well as text: the bulk path reads
    them as the row-by-row path does."""
    read = importing.read_csv(_csv(_rows(12, 60)), "survey.xlsx")

    def cell(text: str) -> Any:
        if not text:
            return None
        if text in ("2", "4"):
            return float(text)  # as a spreadsheet gives a whole number: 2.0
        return int(text) if text.isdigit() else text

    rows = [[cell(c) for c in row] for row in read.rows]
    assert {type(c) for row in rows for c in row} == {int, float, str, type(None)}

    def run(bulk: bool) -> tuple[str, Any]:
        session = workshop.new_session(registry, "Bench", methods=["bench"])
        workshop.add_group(session, "g1", "กลุ่ม 1")
        workshop.add_answers(session, registry, "g1", "bench", "activities", bench.ITEMS)
        sheet = importing.Sheet(headers=read.headers, rows=[list(r) for r in rows], where="s.xlsx")
        mapping = importing.guess_mapping(sheet, session, registry)
        with monkeypatch.context() as patch:
            calls: list[int] = []
            real = importing._import_row
            patch.setattr(importing, "_import_row", lambda *a, **k: calls.append(1) or real(*a, **k))
            if not bulk:
                patch.setattr(importing, "_bulk_import", lambda *a, **k: False)
            result = importing.import_rows(session, registry, sheet, mapping, group="g1")
        assert bool(calls) != bulk  # each path did it
        return files.dumps(session), result

    assert run(True) == run(False)


_ODD_TEXT = st.sampled_from(["", " ", "ทำได้", "  นำ้า  ", "น\u0e4d\u0e49\u0e32", "e\u0301", "caf\u00e9",
                             "a\x1bb", "x\u202ey", "two\nlines", "cr\r\nlf", "\u200bก", "\t", "ก\u0e33\u0e32",
                             "=1+2", "ไม่รับ"])
_SCORE = st.sampled_from(["", "1", "3", " 5 ", "4"])
_LEVEL = st.sampled_from(["", "ไม่เคย", "ส่วนใหญ่", "ไม่เกี่ยวข้อง", " บางครั้ง "])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_ODD_TEXT, _ODD_TEXT, _ODD_TEXT, _ODD_TEXT,
                          st.lists(_SCORE, min_size=5, max_size=5),
                          st.lists(_LEVEL, min_size=3, max_size=3)), min_size=1, max_size=12))
def test_any_sheet_imports_in_bulk_as_row_by_row(registry: Any, cells: list[Any]) -> None:
    """Odd texts (controls, line ends, SARA AM spellings, combining accents, blanks) and
    scores in any mix, built three rows at a time: the same file and result (or the same
    refusal) as row by row."""
    rows = [[name, agency, expected, actual, *scores, *levels]
            for name, agency, expected, actual, scores, levels in cells]
    data = _csv(rows)
    chunk = importing._CHUNK
    with pytest.MonkeyPatch.context() as patch:
        importing._CHUNK = 3
        try:
            fast = _import(registry, data, True, patch)
            slow = _import(registry, data, False, patch)
        finally:
            importing._CHUNK = chunk
    assert fast == slow


def test_read_csv_leaves_garbage_collection_as_it_was() -> None:
    import gc

    from lessonkit.errors import ValidationError

    frozen = gc.get_freeze_count()
    importing.read_csv(b"a,b\r\n1,2\r\n", "t.csv")
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    with pytest.raises(ValidationError, match="not valid CSV"):
        importing.read_csv(b'a\r\n"' + b'x' * 140_000 + b'"\r\n', "t.csv")  # over the field limit
    assert gc.isenabled() and gc.get_freeze_count() == frozen
    gc.disable()
    try:
        importing.read_csv(b"a,b\r\n1,2\r\n", "t.csv")
        assert not gc.isenabled()
    finally:
        gc.enable()
