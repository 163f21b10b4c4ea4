"""``lessonkit.exporting`` and ``lessonkit export``: tidy tables, CSV/XLSX, formula injection."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from _workflow_method import WorkflowPlugin
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from lessonkit import files, workshop
from lessonkit.cli import _common, cli
from lessonkit.errors import LessonkitError, NotFoundError, ValidationError
from lessonkit.exporting import FORMULA_PREFIXES, export_table, neutralise, to_csv, to_xlsx
from lessonkit.plugins import Registry, get_plugin_manager, load_registry


@pytest.fixture
def wf_registry() -> Registry:
    return load_registry(get_plugin_manager(load_entrypoints=False,
                                            plugins=[("wf", WorkflowPlugin())]))


@pytest.fixture
def runner(wf_registry: Registry) -> Iterator[CliRunner]:
    _common.reset()
    _common._STATE["pm"] = wf_registry.pm
    _common._STATE["registry"] = wf_registry
    yield CliRunner()
    _common.reset()


@pytest.fixture
def session_file(tmp_path: Path, wf_registry: Registry) -> Path:
    session = workshop.new_session(wf_registry, "Export test", locale="en", methods=["wf"])
    workshop.add_group(session, "g1", "Group one")
    workshop.add_group(session, "g2", "Group two")
    for key in ("p1", "p2"):
        workshop.add_participant(session, "g1", key)
    workshop.add_participant(session, "g2", "p3")
    workshop.add_answers(session, wf_registry, "g1", "wf", "expected", ["=HYPERLINK(\"http://x\")"],
                         participant="p1")
    workshop.add_answers(session, wf_registry, "g1", "wf", "actual", ["ศูนย์พัฒนาเด็กเล็ก"],
                         participant="p2")
    workshop.add_answers(session, wf_registry, "g1", "wf", "activities",
                         ["Home visits", "-5 baht fee", "@team"])
    workshop.add_answers(session, wf_registry, "g2", "wf", "activities", ["Clinic"])
    workshop.set_scores(session, wf_registry, "g1", "wf", "importance", "p1",
                        {"e3": 5, "e4": 2, "e5": 4})
    workshop.set_scores(session, wf_registry, "g1", "wf", "importance", "p2",
                        {"e3": 4, "e4": 2, "e5": 1})
    workshop.set_scores(session, wf_registry, "g1", "wf", "assess", "p1", {"e3": "na", "e4": "mostly"})
    workshop.set_scores(session, wf_registry, "g1", "wf", "fit", "p1", {"e3": 3}, criterion="safe")
    workshop.add_action(session, "g1", "+call the district", owner="Somchai")
    path = tmp_path / "s.json"
    files.save(session, path)
    return path


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@given(st.text())
def test_neutralise_never_leaves_a_formula_start(text: str) -> None:
    safe = neutralise(text)
    assert not safe.startswith(FORMULA_PREFIXES)
    lines = text.replace("\r\n", "\n").replace("\r", "\n")  # a bare CR is a line break
    assert safe == lines or safe == "'" + lines
    assert "\r" not in safe


@pytest.mark.parametrize("value", [-5, 3.5, 0, None])
def test_neutralise_keeps_numbers(value: object) -> None:
    assert neutralise(value) is value


def test_answers_table_is_one_row_per_answer(session_file: Path, wf_registry: Registry) -> None:
    table = export_table(files.load(session_file), wf_registry, "answers")
    assert table.headers[:6] == ("group", "method", "step", "prompt", "participant", "entry")
    assert len(table.rows) == 6
    assert table.rows[0][:6] == ("g1", "wf", "review", "expected", "p1", "e1")
    assert table.rows[0][7] == '=HYPERLINK("http://x")'  # raw in the table, neutralised on write
    only_g2 = export_table(files.load(session_file), wf_registry, "answers", group="g2")
    assert [r[7] for r in only_g2.rows] == ["Clinic"]


def test_scores_table_has_item_text_criterion_and_na(session_file: Path, wf_registry: Registry) -> None:
    rows = read_csv(to_csv(export_table(files.load(session_file), wf_registry, "scores")))
    importance = [r for r in rows if r["prompt"] == "importance"]
    assert len(importance) == 6
    assert {(r["participant"], r["item"], r["value"]) for r in importance} >= {("p1", "e3", "5"),
                                                                              ("p2", "e5", "1")}
    assert next(r for r in importance if r["item"] == "e4")["item_text"] == "'-5 baht fee"
    na = next(r for r in rows if r["prompt"] == "assess" and r["item"] == "e3")
    assert (na["value"], na["na"]) == ("", "1")
    fit = next(r for r in rows if r["prompt"] == "fit")
    assert (fit["criterion"], fit["value"], fit["na"]) == ("safe", "3", "0")


def test_numbers_stay_numeric_in_csv(session_file: Path, wf_registry: Registry) -> None:
    text = to_csv(export_table(files.load(session_file), wf_registry, "scores")).decode("utf-8-sig")
    assert ",5,0\r\n" in text and "'5" not in text


def test_rankings_use_the_prompt_rule(session_file: Path, wf_registry: Registry) -> None:
    table = export_table(files.load(session_file), wf_registry, "rankings", group="g1")
    importance = [r for r in table.rows if r[3] == "importance"]
    # sums: e3 = 9, e5 = 5, e4 = 4
    assert [(r[8], r[6], r[10]) for r in importance] == [("e3", 1, 9), ("e5", 2, 5), ("e4", 3, 4)]
    assert importance[0][5] == "sum"
    fit = [r for r in table.rows if r[3] == "fit"]
    assert {r[4] for r in fit} == {"fun", "safe"}


def test_rankings_need_a_registry(session_file: Path) -> None:
    with pytest.raises(ValidationError, match="registry"):
        export_table(files.load(session_file), None, "rankings")


def test_actions_and_unknowns(session_file: Path, wf_registry: Registry) -> None:
    session = files.load(session_file)
    rows = read_csv(to_csv(export_table(session, wf_registry, "actions")))
    assert rows == [{"group": "g1", "action": "a1", "what": "'+call the district", "owner": "Somchai",
                     "due": "", "status": "open", "method": "", "source": "", "note": ""}]
    with pytest.raises(ValidationError, match="'votes'"):
        export_table(session, wf_registry, "votes")
    with pytest.raises(NotFoundError, match="'g9'"):
        export_table(session, wf_registry, "answers", group="g9")


def test_xlsx_keeps_numbers_and_neutralises_text(session_file: Path, wf_registry: Registry) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    data = to_xlsx(export_table(files.load(session_file), wf_registry, "answers"))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["answers"]
    values = list(sheet.values)
    assert values[0][0] == "group"
    assert values[1][7] == "'=HYPERLINK(\"http://x\")"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    scores = openpyxl.load_workbook(io.BytesIO(to_xlsx(
        export_table(files.load(session_file), wf_registry, "scores"))))["scores"]
    assert isinstance(list(scores.values)[1][8], int)


def test_xlsx_without_openpyxl_says_how_to_install(session_file: Path, wf_registry: Registry,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    with pytest.raises(LessonkitError) as info:
        to_xlsx(export_table(files.load(session_file), wf_registry, "answers"))
    assert "pip install 'lessonkit[xlsx]'" in str(info.value)


def test_cli_export_csv_to_stdout(runner: CliRunner, session_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(session_file), "--what", "scores", "--group", "g1"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    assert result.stdout.lstrip("\ufeff").startswith("group,method,step,prompt,participant,item")
    assert result.stderr == ""


def test_cli_export_to_files(runner: CliRunner, session_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "answers.csv"
    result = runner.invoke(cli, ["export", str(session_file), "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert "wrote 6 rows of answers" in result.stderr
    assert "'=HYPERLINK" in out.read_bytes().decode("utf-8-sig")
    xlsx = tmp_path / "rank.xlsx"
    result = runner.invoke(cli, ["export", str(session_file), "--format", "xlsx", "--what", "rankings",
                                 "-o", str(xlsx)])
    assert result.exit_code == 0, result.output
    assert xlsx.read_bytes().startswith(b"PK")


def test_cli_export_errors(runner: CliRunner, session_file: Path) -> None:
    result = runner.invoke(cli, ["export", str(session_file), "--format", "xlsx"])
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.stderr
    result = runner.invoke(cli, ["export", str(session_file), "--group", "g9"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "unknown group 'g9'" in result.stderr
