"""``lessonkit.importing`` and ``lessonkit import``: Google Forms, KoboToolbox, mappings, validation."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from _workflow_method import WorkflowPlugin
from click.testing import CliRunner, Result

from lessonkit import LocalizedText, files, hookimpl, workshop
from lessonkit.cli import _common, cli
from lessonkit.errors import PluginError, ValidationError
from lessonkit.importing import (
    Importer,
    Sheet,
    detect_shape,
    guess_mapping,
    import_rows,
    mapping_from_data,
    mapping_to_data,
    normalize_header,
    read_csv,
)
from lessonkit.plugins import Registry, get_plugin_manager, load_registry

DATA = Path(__file__).resolve().parent / "data"


def make_registry(*extra: tuple[str, object]) -> Registry:
    return load_registry(get_plugin_manager(load_entrypoints=False,
                                            plugins=[("wf", WorkflowPlugin()), *extra]))


@pytest.fixture
def wf_registry() -> Registry:
    return make_registry()


@pytest.fixture
def runner(wf_registry: Registry) -> Iterator[CliRunner]:
    _common.reset()
    _common._STATE["pm"] = wf_registry.pm
    _common._STATE["registry"] = wf_registry
    yield CliRunner()
    _common.reset()


def new_file(tmp_path: Path, registry: Registry, *, thai: bool = False, groups: int = 1) -> Path:
    session = workshop.new_session(registry, "Import test", locale="th" if thai else "en",
                                   methods=["wf"])
    for n in range(1, groups + 1):
        workshop.add_group(session, f"g{n}", f"Group {n}")
        items = ["เยี่ยมบ้าน", "คลินิก"] if thai else ["Home visits", "Clinic"]
        workshop.add_answers(session, registry, f"g{n}", "wf", "activities", items)
    path = tmp_path / "s.json"
    files.save(session, path)
    return path


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args))


# -- reading and shapes -------------------------------------------------------------------


def test_shapes_and_delimiters_are_recognised() -> None:
    google = read_csv((DATA / "google-forms-en.csv").read_bytes(), "en.csv")
    assert detect_shape(google) == "google_forms" and google.delimiter == ","
    thai = read_csv((DATA / "google-forms-th.csv").read_bytes(), "th.csv")
    assert detect_shape(thai) == "google_forms" and thai.headers[0] == "ประทับเวลา"  # BOM gone
    kobo = read_csv((DATA / "kobo.csv").read_bytes(), "kobo.csv")
    assert detect_shape(kobo) == "kobo" and kobo.delimiter == ";"
    assert kobo.headers[2] == "group_review/expected"
    tabs = read_csv(b"Name\tWhat actually happened?\nA\tB, with a comma\n", "t.tsv")
    assert tabs.delimiter == "\t" and tabs.rows == [["A", "B, with a comma"]]
    assert detect_shape(tabs) == "table"


def test_not_utf8_is_refused_with_a_hint() -> None:
    with pytest.raises(ValidationError) as info:
        read_csv("ชื่อ,คำตอบ\n".encode("cp874"), "legacy.csv")
    assert "not UTF-8" in str(info.value) and "legacy.csv" in str(info.value)
    assert "CSV UTF-8" in str(info.value)


def test_normalize_header() -> None:
    assert normalize_header("  What   was\nEXPECTED? ") == "what was expected?"
    assert normalize_header("ก\u0e33\u0e32หนด") == "กำหนด"


def test_guess_mapping_matches_text_in_either_language(tmp_path: Path, wf_registry: Registry) -> None:
    session = files.load(new_file(tmp_path, wf_registry))
    sheet = read_csv((DATA / "google-forms-en.csv").read_bytes())
    mapping = guess_mapping(sheet, session, wf_registry)
    assert mapping["Timestamp"] is None and mapping["Email address"] is None
    assert mapping["Name"] is not None and mapping["Name"].kind == "name"
    assert mapping["Agency"] is not None and mapping["Agency"].kind == "agency"
    target = mapping["How important? [Home visits]"]
    assert target is not None and (target.prompt, target.item) == ("importance", "Home visits")
    thai = guess_mapping(read_csv((DATA / "google-forms-th.csv").read_bytes()), session, wf_registry)
    assert thai["สิ่งที่เกิดขึ้นจริงคืออะไร"] is not None
    assert thai["สิ่งที่เกิดขึ้นจริงคืออะไร"].prompt == "actual"  # type: ignore[union-attr]
    assert thai["เป็นจริงเพียงใด [เยี่ยมบ้าน]"].item == "เยี่ยมบ้าน"  # type: ignore[union-attr]


def test_mapping_round_trips_and_is_checked(wf_registry: Registry, tmp_path: Path) -> None:
    session = files.load(new_file(tmp_path, wf_registry))
    sheet = read_csv((DATA / "google-forms-en.csv").read_bytes())
    mapping = guess_mapping(sheet, session, wf_registry)
    data = json.loads(json.dumps(mapping_to_data(mapping, shape="google_forms")))
    assert mapping_from_data(data, wf_registry) == mapping
    bad = {"columns": {"Q": {"prompt": "wf.review.importance"}}}
    with pytest.raises(ValidationError, match="needs the 'item'") as info:
        mapping_from_data(bad, wf_registry, where="map.json")
    assert "map.json: columns['Q']" in str(info.value)
    with pytest.raises(ValidationError, match="criterion"):
        mapping_from_data({"columns": {"Q": {"prompt": "wf.review.fit", "item": "1"}}}, wf_registry)
    with pytest.raises(Exception, match="unknown prompt 'nope'"):
        mapping_from_data({"columns": {"Q": {"prompt": "wf.review.nope"}}}, wf_registry)
    with pytest.raises(ValidationError, match="not a column target"):
        mapping_from_data({"columns": {"Q": 3}}, wf_registry)


# -- importing ----------------------------------------------------------------------------


def test_google_forms_english(runner: CliRunner, tmp_path: Path, wf_registry: Registry) -> None:
    path = new_file(tmp_path, wf_registry)
    result = run(runner, "import", str(path), str(DATA / "google-forms-en.csv"), "--group", "g1")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "Google Forms export, 3 rows" in result.stderr
    assert "imported 3 participants, 5 answers and 8 scores" in result.stderr
    assert "columns not imported: Timestamp, Email address" in result.stderr
    session = files.load(path)
    group = session.group("g1")
    assert [(p.key, p.name, p.agency) for p in group.participants] == [
        ("p1", "Somchai", "District office"), ("p2", None, None), ("p3", "Malee", None)]
    expected = group.entries_for("wf", "review", "expected")
    assert [(e.participant, e.text) for e in expected] == [
        ("p1", "Every child visited"), ("p2", '=HYPERLINK("http://x")'), ("p3", "Parents join monthly")]
    table = group.scores_for("wf", "review", "importance")
    assert table.ballot("p1") == {"e1": 5, "e2": 3} and table.ballot("p3") == {"e1": 2}
    assess = group.scores_for("wf", "review", "assess")
    assert assess.ballot("p1") == {"e1": 2} and repr(assess.ballot("p2")["e1"]) == "NA"
    assert workshop.session_problems(session, wf_registry) == []


def test_google_forms_thai_cleans_text(runner: CliRunner, tmp_path: Path, wf_registry: Registry) -> None:
    path = new_file(tmp_path, wf_registry, thai=True)
    result = run(runner, "import", str(path), str(DATA / "google-forms-th.csv"))
    assert result.exit_code == 0, result.output
    assert "ไฟล์ส่งออกจาก Google Forms" in result.stderr
    group = files.load(path).group("g1")
    # the third row has only a name: nothing to import, no participant made
    assert [(p.key, p.name) for p in group.participants] == [("p1", "สมชาย ใจดี"), ("p2", None)]
    actual = group.entries_for("wf", "review", "actual")
    assert [e.text for e in actual] == ["ทำงานได้ครึ่งหนึ่ง"]  # SARA AM repaired
    expected = group.entries_for("wf", "review", "expected")
    assert expected[1].text == "ครอบครัวเข้าร่วม\nทุกเดือน"
    table = group.scores_for("wf", "review", "importance")
    assert table.ballot("p1") == {"e1": 5, "e2": 3} and table.ballot("p2") == {"e1": 4, "e2": 2}
    assert group.scores_for("wf", "review", "assess").ballot("p1") == {"e1": 2}


def test_kobo_with_a_drafted_and_edited_mapping(runner: CliRunner, tmp_path: Path,
                                                 wf_registry: Registry) -> None:
    path = new_file(tmp_path, wf_registry)
    before = path.read_bytes()
    kobo = str(DATA / "kobo.csv")
    draft = tmp_path / "map.json"
    result = run(runner, "import", str(path), kobo, "--write-mapping", str(draft))
    assert result.exit_code == 0, result.output
    assert "KoboToolbox export" in result.stderr and "--mapping" in result.stderr
    assert path.read_bytes() == before
    mapping = json.loads(draft.read_text(encoding="utf-8"))
    columns = mapping["columns"]
    assert list(columns) == ["start", "end", "group_review/expected", "group_review/actual",
                             "importance_home", "importance_clinic", "_id", "_uuid",
                             "_submission_time", "_index"]
    assert columns["group_review/expected"] == {"prompt": "wf.review.expected"}
    assert columns["importance_home"] is None and columns["_uuid"] is None and columns["start"] is None
    columns["importance_home"] = {"prompt": "wf.review.importance", "item": "Home visits"}
    columns["importance_clinic"] = {"prompt": "wf.review.importance", "item": "2"}
    draft.write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    result = run(runner, "import", str(path), kobo, "--mapping", str(draft))
    assert result.exit_code == 0, result.output
    assert "imported 2 participants, 3 answers and 4 scores" in result.stderr
    group = files.load(path).group("g1")
    assert group.scores_for("wf", "review", "importance").ballot("p2") == {"e1": 4, "e2": 1}
    assert group.entries_for("wf", "review", "expected")[1].text == "เด็กทุกคนได้รับการเยี่ยมบ้าน"


def test_malformed_file_changes_nothing_and_names_row_and_column(
        runner: CliRunner, tmp_path: Path, wf_registry: Registry) -> None:
    path = new_file(tmp_path, wf_registry)
    before = path.read_bytes()
    result = run(runner, "import", str(path), str(DATA / "malformed.csv"))
    assert result.exit_code == 1 and result.stdout == ""
    assert "2 row(s) refused, nothing imported" in result.stderr
    assert "row 3, column 'How important? [Clinic]'" in result.stderr
    assert "9 is above the scale's maximum 5" in result.stderr
    assert "row 4: 7 cells but the header has 5 columns" in result.stderr
    assert path.read_bytes() == before

    result = run(runner, "import", str(path), str(DATA / "malformed.csv"), "--skip-invalid")
    assert result.exit_code == 0, result.output
    assert "skipped row 3, column 'How important? [Clinic]'" in result.stderr
    assert "imported 1 participants" in result.stderr
    group = files.load(path).group("g1")
    assert [p.name for p in group.participants] == ["Somchai"]
    # the refused row left nothing behind: not its text answer, not its first score
    assert [e.text for e in group.entries_for("wf", "review", "expected")] == ["Every child visited"]
    assert group.scores_for("wf", "review", "importance").participants == ["p1"]


def test_dry_run_prints_and_writes_nothing(runner: CliRunner, tmp_path: Path, wf_registry: Registry) -> None:
    path = new_file(tmp_path, wf_registry)
    before = path.read_bytes()
    result = run(runner, "import", str(path), str(DATA / "google-forms-en.csv"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "  Timestamp → (not imported)" in result.stdout
    assert '  How important? [Clinic] → {"prompt": "wf.review.importance", "item": "Clinic"}' in result.stdout
    assert "dry run: would import 3 participants, 5 answers and 8 scores (0 empty rows)" in result.stdout
    assert path.read_bytes() == before


def test_group_column_and_several_groups(wf_registry: Registry, tmp_path: Path) -> None:
    session = files.load(new_file(tmp_path, wf_registry, groups=2))
    sheet = Sheet(headers=["Group", "What actually happened?"],
                  rows=[["g2", "late"], ["Group 1", "on time"], ["g7", "lost"]])
    mapping = guess_mapping(sheet, session, wf_registry)
    with pytest.raises(ValidationError) as info:
        import_rows(session, wf_registry, sheet, mapping)
    assert "row 4, column 'Group': unknown group 'g7'" in str(info.value)
    # (the rows that passed are in this session object; the CLI's files.edit then saves nothing)
    session = files.load(tmp_path / "s.json")
    result = import_rows(session, wf_registry, sheet, mapping, skip_invalid=True)
    assert result.participants == [("g2", "p1"), ("g1", "p2")]
    no_group = Sheet(headers=["What actually happened?"], rows=[["x"]])
    with pytest.raises(ValidationError, match="give --group"):
        import_rows(session, wf_registry, no_group, guess_mapping(no_group, session, wf_registry))


def test_nothing_matches(runner: CliRunner, tmp_path: Path, wf_registry: Registry) -> None:
    path = new_file(tmp_path, wf_registry)
    data = tmp_path / "odd.csv"
    data.write_text("Colour,Size\nred,big\n", encoding="utf-8")
    result = run(runner, "import", str(path), str(data))
    assert result.exit_code == 1 and "no column matches a prompt" in result.stderr
    assert "--write-mapping" in result.stderr


def test_xlsx_import(runner: CliRunner, tmp_path: Path, wf_registry: Registry) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Timestamp", "What was expected to happen?", "How important? [Clinic]"])
    sheet.append([None, "Weekly visits", 4])
    sheet.append([None, "Monthly visits", 1.0])
    data = tmp_path / "form.xlsx"
    workbook.save(data)
    path = new_file(tmp_path, wf_registry)
    result = run(runner, "import", str(path), str(data))
    assert result.exit_code == 0, result.output
    table = files.load(path).group("g1").scores_for("wf", "review", "importance")
    assert table.ballot("p1") == {"e2": 4} and table.ballot("p2") == {"e2": 1}


def test_large_file_shows_progress_on_stderr(runner: CliRunner, tmp_path: Path,
                                              wf_registry: Registry) -> None:
    path = new_file(tmp_path, wf_registry)
    data = tmp_path / "big.csv"
    lines = ["Timestamp,What actually happened?,How important? [Home visits]"]
    lines += [f"t{i},answer {i},{i % 5 + 1}" for i in range(600)]
    data.write_text("\n".join(lines), encoding="utf-8")
    result = run(runner, "import", str(path), str(data))
    assert result.exit_code == 0, result.output
    assert "Importing" in result.stderr and result.stdout == ""
    group = files.load(path).group("g1")
    assert len(group.participants) == 600
    assert group.scores_for("wf", "review", "importance").get("p600", "e1") == 599 % 5 + 1


# -- the importer hook --------------------------------------------------------------------


def _read_lines(data: bytes, where: str) -> Sheet:
    lines = data.decode().splitlines()
    return Sheet(headers=[lines[0]], rows=[[line] for line in lines[1:]], where=where)


class LinesImporter:
    @hookimpl
    def register_importers(self, register: object) -> None:
        register(Importer(key="lines", title=LocalizedText(en="Lines", th="บรรทัด"),  # type: ignore[operator]
                          extensions=(".lines",), read=_read_lines))


class ClashingImporter:
    @hookimpl
    def register_importers(self, register: object) -> None:
        register(Importer(key="csv", title=LocalizedText(en="Other CSV"), extensions=(".csv",),  # type: ignore[operator]
                          read=_read_lines))


class WrongImporter:
    @hookimpl
    def register_importers(self, register: object) -> None:
        register({"key": "dict"})  # type: ignore[operator]


def test_builtin_importers_are_registered(wf_registry: Registry) -> None:
    assert wf_registry.importers.keys() == ["csv", "xlsx"]
    assert wf_registry.importers.source("csv") == "lessonkit.importers"


def test_a_plugin_importer_is_used_by_extension(tmp_path: Path) -> None:
    registry = make_registry(("lines", LinesImporter()))
    _common.reset()
    _common._STATE["pm"] = registry.pm
    _common._STATE["registry"] = registry
    try:
        path = new_file(tmp_path, registry)
        data = tmp_path / "answers.lines"
        data.write_text("What actually happened?\nlate\non time\n", encoding="utf-8")
        result = CliRunner().invoke(cli, ["import", str(path), str(data)])
    finally:
        _common.reset()
    assert result.exit_code == 0, result.output
    assert [e.text for e in files.load(path).group("g1").entries_for("wf", "review", "actual")] == [
        "late", "on time"]


def test_importer_clash_and_wrong_type() -> None:
    with pytest.raises(PluginError) as info:
        make_registry(("clash", ClashingImporter())).importers  # noqa: B018 - collected on first use
    assert "'lessonkit.importers' and 'clash'" in str(info.value)
    registry = make_registry(("wrong", WrongImporter()))
    assert "dict" not in registry.importers
    assert any("lessonkit.importing.Importer" in w for w in registry.warnings)


def test_csv_bytes_in_memory() -> None:
    sheet = read_csv(io.BytesIO(b"\xef\xbb\xbfA;B\n1;2\n").getvalue())
    assert sheet.headers == ["A", "B"] and sheet.rows == [["1", "2"]]


def test_the_register_importers_example_in_docs_hooks_md(tmp_path: Path) -> None:
    import re
    import types

    text = (DATA.parent.parent / "docs" / "hooks.md").read_text(encoding="utf-8")
    section = text[text.index("## `register_importers`"):]
    code = re.search(r"\*\*Example\*\*\n+```python\n(.*?)```", section, re.DOTALL)
    assert code is not None
    module = types.ModuleType("example_importer")
    exec(compile(code.group(1), "docs/hooks.md", "exec"), module.__dict__)
    registry = make_registry(("example", module))
    assert registry.warnings == []
    importer = registry.importers.get("jsonl")
    sheet = importer.read(b'{"What actually happened?": "late"}\n{"What actually happened?": "ok"}\n',
                          "a.jsonl")
    session = files.load(new_file(tmp_path, registry))
    result = import_rows(session, registry, sheet, guess_mapping(sheet, session, registry))
    assert result.answers == 2
    assert [e.text for e in session.group("g1").entries_for("wf", "review", "actual")] == ["late", "ok"]


def test_rows_for_existing_participants_are_not_counted_as_new(
        runner: CliRunner, tmp_path: Path, wf_registry: Registry) -> None:
    path = new_file(tmp_path, wf_registry)
    kobo = str(DATA / "kobo.csv")
    draft = tmp_path / "map.json"
    assert run(runner, "import", str(path), kobo, "--write-mapping", str(draft)).exit_code == 0
    mapping = json.loads(draft.read_text(encoding="utf-8"))
    mapping["columns"]["importance_home"] = {"prompt": "wf.review.importance", "item": "Home visits"}
    mapping["columns"]["importance_clinic"] = {"prompt": "wf.review.importance", "item": "2"}
    draft.write_text(json.dumps(mapping, ensure_ascii=False), encoding="utf-8")
    result = run(runner, "import", str(path), kobo, "--mapping", str(draft))
    assert "imported 2 participants" in result.stderr
    # a second file of answers by the same two people: a column names them
    second = tmp_path / "more.csv"
    second.write_text("who,What actually happened?\np1,late\np2,on time\n", encoding="utf-8")
    remap = tmp_path / "remap.json"
    assert run(runner, "import", str(path), str(second), "--write-mapping", str(remap)).exit_code == 0
    data = json.loads(remap.read_text(encoding="utf-8"))
    data["columns"]["who"] = "participant"
    remap.write_text(json.dumps(data), encoding="utf-8")
    result = run(runner, "import", str(path), str(second), "--mapping", str(remap))
    assert result.exit_code == 0, result.output
    assert "imported 0 participants, 2 answers" in result.stderr
    group = files.load(path).group("g1")
    assert len(group.participants) == 2
    assert [(e.participant, e.text) for e in group.entries_for("wf", "review", "actual")][-2:] == [
        ("p1", "late"), ("p2", "on time")]


def test_import_follows_the_session_s_settings(tmp_path: Path) -> None:
    """A plugin's own rule reads the session's settings while each row is checked (AAR form)."""
    _common.reset()  # the installed plugins, not the test method
    runner = CliRunner()
    path = tmp_path / "aar.json"
    for args in (["new", str(path), "--title", "t", "--method", "aar", "--locale", "en"],
                 ["group", "add", str(path), "g1", "--name", "G"],
                 ["aar", "form", str(path), "army4"]):
        assert run(runner, *args).exit_code == 0
    data = tmp_path / "form.csv"
    data.write_text("Timestamp,What was supposed to happen?,What happened?\n"
                    "2026/11/23 9:00:00,plan,late\n", encoding="utf-8")
    result = run(runner, "import", str(path), str(data), "--group", "g1", "--method", "aar")
    assert result.exit_code == 0, result.output
    entries = files.load(path).group("g1").entries
    assert [(e.step, e.prompt, e.text) for e in entries] == [
        ("review4", "supposed", "plan"), ("review4", "happened", "late")]
    _common.reset()
