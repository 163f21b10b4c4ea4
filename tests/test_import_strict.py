"""Import refuses what would silently change or lose data: blank and unknown participant
codes, short rows, XLSX formulas without a saved result; ``--skip-invalid`` lists what it drops."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from _workflow_method import WorkflowPlugin
from click.testing import CliRunner, Result

from lessonkit import files, workshop
from lessonkit.cli import _common, cli
from lessonkit.errors import ValidationError
from lessonkit.importing import Sheet, UnreadCell, guess_mapping, import_rows, read_csv
from lessonkit.plugins import Registry, get_plugin_manager, load_registry


@pytest.fixture
def registry() -> Registry:
    return load_registry(get_plugin_manager(load_entrypoints=False, plugins=[("wf", WorkflowPlugin())]))


@pytest.fixture
def runner(registry: Registry) -> Iterator[CliRunner]:
    _common.reset()
    _common._STATE["pm"] = registry.pm
    _common._STATE["registry"] = registry
    yield CliRunner()
    _common.reset()


def session_file(tmp_path: Path, registry: Registry, participants: int = 2) -> Path:
    session = workshop.new_session(registry, "Strict import", locale="en", methods=["wf"])
    workshop.add_group(session, "g1", "Group 1")
    workshop.add_answers(session, registry, "g1", "wf", "activities", ["Home visits", "Clinic"])
    for n in range(1, participants + 1):
        workshop.add_participant(session, "g1", f"p{n}")
    path = tmp_path / "s.json"
    files.save(session, path)
    return path


def run(runner: CliRunner, *args: str) -> Result:
    return runner.invoke(cli, list(args))


def write(tmp_path: Path, text: str, name: str = "in.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_empty_cells_only_is_not_an_index_error() -> None:
    for data in (b",,,\n", b",,,\r\n,,\n", b" , \n"):
        with pytest.raises(ValidationError, match="no header row"):
            read_csv(data, "x.csv")


def test_participant_header_maps_to_codes_not_names(tmp_path: Path, registry: Registry) -> None:
    session = files.load(session_file(tmp_path, registry))
    for header in ("Participant", "participant code", "รหัสผู้เข้าร่วม"):
        sheet = Sheet(headers=[header, "What actually happened?"], rows=[["p1", "late"]])
        target = guess_mapping(sheet, session, registry)[header]
        assert target is not None and target.kind == "participant", header
    sheet = Sheet(headers=["Name", "What actually happened?"], rows=[["A", "late"]])
    assert guess_mapping(sheet, session, registry)["Name"].kind == "name"  # type: ignore[union-attr]


def test_codes_p1_to_p9_do_not_create_nine_people(runner: CliRunner, tmp_path: Path,
                                                  registry: Registry) -> None:
    path = session_file(tmp_path, registry, participants=9)
    lines = ["Participant,What actually happened?"] + [f"p{n},answer {n}" for n in range(1, 10)]
    result = run(runner, "import", str(path), str(write(tmp_path, "\n".join(lines))))
    assert result.exit_code == 0, result.output
    assert "imported 0 participants, 9 answers" in result.stderr
    group = files.load(path).group("g1")
    assert [p.key for p in group.participants] == [f"p{n}" for n in range(1, 10)]
    assert [e.participant for e in group.entries_for("wf", "review", "actual")] == \
        [f"p{n}" for n in range(1, 10)]


@pytest.mark.parametrize("code", ["", "   ", "\t"])
def test_blank_participant_code_is_refused_with_row_and_column(
        runner: CliRunner, tmp_path: Path, registry: Registry, code: str) -> None:
    path = session_file(tmp_path, registry)
    before = path.read_bytes()
    data = write(tmp_path, f"Participant,What actually happened?\np1,late\n{code},on time\n")
    result = run(runner, "import", str(path), str(data))
    assert result.exit_code == 1 and result.stdout == ""
    assert "row 3, column 'Participant': no participant code" in result.stderr
    assert "Traceback" not in result.output
    assert path.read_bytes() == before


def test_typoed_code_is_refused_unless_new_participants_are_allowed(
        runner: CliRunner, tmp_path: Path, registry: Registry) -> None:
    path = session_file(tmp_path, registry)
    before = path.read_bytes()
    data = write(tmp_path, "Participant,What actually happened?\np1,late\np01,on time\n")
    result = run(runner, "import", str(path), str(data))
    assert result.exit_code == 1
    assert "row 3, column 'Participant': participant 'p01' is not in group 'g1' (known: p1, p2)" \
        in result.stderr
    assert "--new-participants" in result.stderr
    assert path.read_bytes() == before
    # the dry run with the flag shows the new participant, on stdout, and writes nothing
    result = run(runner, "import", str(path), str(data), "--dry-run", "--new-participants")
    assert result.exit_code == 0, result.output
    assert "row 3: new participant 'p01' in group g1" in result.stdout
    assert "would import 1 participants, 2 answers" in result.stdout
    assert path.read_bytes() == before
    result = run(runner, "import", str(path), str(data), "--new-participants")
    assert result.exit_code == 0, result.output
    assert "row 3: new participant 'p01' in group g1" in result.stderr
    assert [p.key for p in files.load(path).group("g1").participants] == ["p1", "p2", "p01"]


def test_short_row_is_refused_not_padded(runner: CliRunner, tmp_path: Path, registry: Registry) -> None:
    path = session_file(tmp_path, registry)
    before = path.read_bytes()
    data = write(tmp_path, "Timestamp,What actually happened?,How important? [Home visits],"
                           "How important? [Clinic]\nt1,late,3,4\nt2,on time,2\n")
    result = run(runner, "import", str(path), str(data))
    assert result.exit_code == 1
    assert ("row 3: 3 cells but the header has 4 columns (no cell for 'How important? [Clinic]')"
            in result.stderr)
    assert path.read_bytes() == before


def test_skip_invalid_lists_every_row_it_dropped(runner: CliRunner, tmp_path: Path,
                                                 registry: Registry) -> None:
    path = session_file(tmp_path, registry)
    data = write(tmp_path, "Participant,What actually happened?,How important? [Clinic]\n"
                           "p1,late,3\n,blank,2\np9,typo,1\np2,short\np2,fine,4\n")
    result = run(runner, "import", str(path), str(data), "--skip-invalid")
    assert result.exit_code == 0, result.output
    for line in ("skipped row 3, column 'Participant': no participant code",
                 "skipped row 4, column 'Participant': participant 'p9' is not in group 'g1'",
                 "skipped row 5: 2 cells but the header has 3 columns",
                 "skipped 3 row(s) (--skip-invalid)"):
        assert line in result.stderr, line
    assert "imported 0 participants, 2 answers and 2 scores" in result.stderr
    table = files.load(path).group("g1").scores_for("wf", "review", "importance")
    assert table.ballot("p1") == {"e2": 3} and table.ballot("p2") == {"e2": 4}


def test_unread_cell_is_refused(tmp_path: Path, registry: Registry) -> None:
    session = files.load(session_file(tmp_path, registry))
    sheet = Sheet(headers=["Participant", "How important? [Clinic]", "Notes"],
                  rows=[["p1", UnreadCell("=2+1"), ""], ["p2", 4, UnreadCell("=A1")]])
    with pytest.raises(ValidationError) as info:
        import_rows(session, registry, sheet, guess_mapping(sheet, session, registry))
    assert "1 row(s) refused" in str(info.value)  # the unmapped "Notes" formula does not matter
    assert "row 2, column 'How important? [Clinic]': the formula =2+1 has no saved result" \
        in str(info.value)


def test_xlsx_formula_without_cached_value_is_refused(runner: CliRunner, tmp_path: Path,
                                                      registry: Registry) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Participant", "How important? [Home visits]", "How important? [Clinic]"])
    sheet.append(["p1", 4, "=1+2"])  # openpyxl saves the formula, never its result
    sheet.append(["p2", 2, 5])
    data = tmp_path / "form.xlsx"
    workbook.save(data)
    path = session_file(tmp_path, registry)
    before = path.read_bytes()
    result = run(runner, "import", str(path), str(data))
    assert result.exit_code == 1, result.output
    assert "row 2, column 'How important? [Clinic]': the formula =1+2 has no saved result" \
        in result.stderr
    assert path.read_bytes() == before
    # a workbook without formulas reads once, as before
    sheet["C2"] = 3
    workbook.save(data)
    result = run(runner, "import", str(path), str(data))
    assert result.exit_code == 0, result.output
    table = files.load(path).group("g1").scores_for("wf", "review", "importance")
    assert table.ballot("p1") == {"e1": 4, "e2": 3}
