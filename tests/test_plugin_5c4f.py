"""The 5C4F plugin: worked examples of the matrix and gap rules, N/A, bands, bad input, the CLI."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import NA, NotFoundError, ScoreError, Session, ValidationError
from lessonkit import workshop as ws
from lessonkit.cli import cli
from lessonkit.plugins import Registry
from lessonkit_5c4f import DIMENSIONS, analysis, frame, operations

G = "kokmuang"


def _session(registry: Registry, bands: list[str] | None = None) -> Session:
    session = ws.new_session(registry, "พัทลุง", methods=["5c4f"])
    if bands is not None:
        session.settings["5c4f"] = {"age_bands": bands}
    ws.add_group(session, G, "เทศบาลตำบลโคกม่วง")
    for key in ("p1", "p2", "p3"):
        ws.add_participant(session, G, key)
    return session


@pytest.fixture
def area(registry: Registry) -> Session:
    """The worked example.

    Activities: e1 welcome gift box (0-6), e2 child development centre (0-6), e3 VNjoin (7-18).
    Ratings (1 never, 2 sometimes, 3 mostly true, NA does not apply):
      e1: p1 creative 3, comfort 1, fun NA; p2 creative 2, comfort 1, fun NA
      e2: p1 creative 1
      e3: p2 connected 3, creative NA
    """
    session = _session(registry)
    operations.add_activity(session, registry, G, "กล่องรับขวัญ", "0-6", "พม.")
    operations.add_activity(session, registry, G, "ศูนย์พัฒนาเด็กเล็ก", "0–6")
    operations.add_activity(session, registry, G, "VNjoin", "๗-๑๘ ปี")
    operations.assess(session, registry, G, "p1", "1", {"creative": "mostly", "comfort": "never", "fun": "na"})
    operations.assess(session, registry, G, "p2", "1", {"creative": "2", "comfort": "ไม่เคย", "fun": "N/A"})
    operations.assess(session, registry, G, "p1", "2", {"creative": "never"})
    operations.assess(session, registry, G, "p2", "VNjoin", {"connected": 3, "creative": "does not apply"})
    return session


# --------------------------------------------------------------------------- matrix


def test_matrix_worked_example(area: Session) -> None:
    m = analysis.coverage_matrix(area, area.group(G))
    assert m.bands == ("0-6", "7-18")
    creative = m.cell("creative", "0-6")
    assert (creative.listed, creative.activities, creative.n, creative.na) == (2, 2, 3, 0)
    assert creative.mean == pytest.approx(2.0)  # (3 + 2 + 1) / 3
    comfort = m.cell("comfort", "0-6")
    assert (comfort.activities, comfort.mean, comfort.n) == (1, 1.0, 2)
    connected = m.cell("connected", "7-18")
    assert (connected.listed, connected.activities, connected.mean, connected.n) == (1, 1, 3.0, 1)
    # all dimensions over both bands: creative has 3 ratings (the N/A on VNjoin left out)
    assert m.by_dimension["creative"].n == 3
    assert m.by_dimension["creative"].na == 1
    # band 0-6 over all dimensions: 3 + 2 + 1 + 1 + 1 = 8 over 5 ratings
    assert m.by_band["0-6"].mean == pytest.approx(1.6)
    assert m.by_band["0-6"].n == 5


def test_does_not_apply_is_never_a_low_score(area: Session, registry: Registry) -> None:
    m = analysis.coverage_matrix(area, area.group(G))
    fun = m.cell("fun", "0-6")
    assert fun.mean is None  # two N/A: no mean at all, not a mean of 0 or 1
    assert (fun.n, fun.na, fun.activities) == (0, 2, 0)
    # an N/A added to a rated cell changes its N/A count only, never its mean
    operations.assess(area, registry, G, "p3", "1", {"creative": "na"})
    after = analysis.coverage_matrix(area, area.group(G)).cell("creative", "0-6")
    assert after.mean == pytest.approx(2.0)
    assert (after.n, after.na) == (3, 1)
    assert area.group(G).scores_for("5c4f", "assessment", "dimensions").get("p3", "e1", "creative") is NA


def test_gap_rules_worked_example(area: Session) -> None:
    gaps = {(g.scope, g.kind, g.dimension, g.band) for g in analysis.find_gaps(area, area.group(G))}
    # band 0-6 is weak overall (mean 1.6 < 2)
    assert ("band", "weak", "", "0-6") in gaps
    assert ("band", "weak", "", "7-18") not in gaps
    # fun: only N/A everywhere -> no activity addresses it; its cells are not repeated
    assert ("dimension", "none", "fun", "") in gaps
    assert not any(s == "cell" and d == "fun" for s, _k, d, _b in gaps)
    # dimensions nobody has rated yet
    assert ("dimension", "unrated", "friendly", "") in gaps
    # comfort in 0-6: mean 1 < 2 -> weak; connected in 0-6: activities but no rating
    assert ("cell", "weak", "comfort", "0-6") in gaps
    assert ("cell", "unrated", "connected", "0-6") in gaps
    # creative in 7-18: VNjoin said "does not apply" -> no activity addresses it
    assert ("cell", "none", "creative", "7-18") in gaps
    # creative in 0-6: mean exactly 2 is not weak
    assert ("cell", "weak", "creative", "0-6") not in gaps


def test_weak_threshold_is_a_setting(area: Session) -> None:
    area.settings["5c4f"] = {"weak_below": 2.5}
    gaps = {(g.scope, g.kind, g.dimension, g.band) for g in analysis.find_gaps(area, area.group(G))}
    assert ("cell", "weak", "creative", "0-6") in gaps
    area.settings["5c4f"] = {"weak_below": "low"}
    with pytest.raises(ValidationError, match="weak_below must be a number"):
        analysis.find_gaps(area, area.group(G))


def test_need_gaps(area: Session, registry: Registry) -> None:
    operations.add_need(area, registry, G, "พื้นที่ปลอดภัย", "7-18", ["comfort"])        # e4: none
    operations.add_need(area, registry, G, "พื้นที่ออนไลน์", "7-18", "connected")          # e5: served by VNjoin
    operations.add_need(area, registry, G, "ความปลอดภัยเด็กเล็ก", "0-6", ["ปลอดภัย"])     # e6: weak (comfort 1)
    operations.add_need(area, registry, G, "ทุกอย่าง")                                    # e7: any band/dimension
    need_gaps = {g.need.id: g.kind for g in analysis.find_gaps(area, area.group(G)) if g.need}
    assert need_gaps == {"e4": "none", "e6": "weak"}
    ranked = {r.need.id: r for r in analysis.rank_needs(area, registry, area.group(G))}
    assert ranked["e5"].matches == ("VNjoin",)
    assert ranked["e7"].matches == ("กล่องรับขวัญ", "VNjoin")  # creative 2.5 and connected 3; e2 only 1
    assert ranked["e6"].gap == "weak" and ranked["e6"].matches == ()


def test_ranked_needs_by_dots_and_by_another_rule(area: Session, registry: Registry) -> None:
    for text in ("ก", "ข", "ค"):
        operations.add_need(area, registry, G, text, "7-18", ["fun"])
    operations.vote(area, registry, G, "p1", {"ก": 1, "ข": 4})
    operations.vote(area, registry, G, "p2", {"ข": 2, "ค": 3})
    ranked = analysis.rank_needs(area, registry, area.group(G))
    assert [(r.need.text, r.score) for r in ranked] == [("ข", 6), ("ค", 3), ("ก", 1)]
    assert [r.label for r in ranked] == ["1", "2", "3"]
    by_dots = analysis.rank_needs(area, registry, area.group(G), rule="dots")
    assert [r.need.text for r in by_dots] == ["ข", "ค", "ก"]
    with pytest.raises(ValidationError, match="rule 'sum' ranks score prompts, not dots prompts"):
        analysis.rank_needs(area, registry, area.group(G), rule="sum")
    with pytest.raises(NotFoundError, match="nope"):
        analysis.rank_needs(area, registry, area.group(G), rule="nope")


def test_needs_in_entry_order_before_any_vote(area: Session, registry: Registry) -> None:
    operations.add_need(area, registry, G, "ก", "0-6")
    operations.add_need(area, registry, G, "ข", "0-6")
    ranked = analysis.rank_needs(area, registry, area.group(G))
    assert [(r.need.text, r.score) for r in ranked] == [("ก", None), ("ข", None)]


def test_radar_data_has_a_series_per_band(area: Session) -> None:
    data = analysis.radar_data(analysis.coverage_matrix(area, area.group(G)))
    assert [s["band"] for s in data["series"]] == ["0-6", "7-18"]
    assert len(data["labels"]) == 9
    first = data["series"][0]
    assert first["values"][data["labels"].index("creative")] == pytest.approx(2.0)
    assert first["values"][data["labels"].index("fun")] == 0.0 and first["n"][data["labels"].index("fun")] == 0


def test_respondent_types_filter_the_matrix(area: Session) -> None:
    group = area.group(G)
    frame.set_respondent_type(group, "p1", "children")
    frame.set_respondent_type(group, "p2", "ผู้ปกครอง")
    assert frame.respondents(group) == {"p1": "children", "p2": "parents"}
    kids = analysis.coverage_matrix(area, group, respondent="children").cell("creative", "0-6")
    assert (kids.mean, kids.n) == (2.0, 2)  # p1: 3 and 1
    parents = analysis.coverage_matrix(area, group, respondent="parents").cell("creative", "0-6")
    assert (parents.mean, parents.n) == (2.0, 1)
    with pytest.raises(ValidationError, match="unknown respondent type 'aliens'"):
        frame.set_respondent_type(group, "p3", "aliens")


def test_compare_rounds(area: Session, registry: Registry) -> None:
    later = _session(registry)
    operations.add_activity(later, registry, G, "กล่องรับขวัญ", "0-6")
    operations.assess(later, registry, G, "p1", "1", {"comfort": "mostly", "creative": "mostly"})
    changes = {(c.dimension, c.band): c for c in analysis.compare_rounds(area, later, G)}
    comfort = changes[("comfort", "")]
    assert (comfort.before.mean, comfort.after.mean, comfort.change) == (1.0, 3.0, 2.0)
    assert changes[("creative", "")].change == pytest.approx(1.0)
    assert changes[("fun", "")].change is None
    later.settings["5c4f"] = {"age_bands": ["0-6", "7-12", "13-18"]}
    with pytest.raises(ValidationError, match="different age bands"):
        analysis.compare_rounds(area, later, G)


def test_crosswalk(area: Session) -> None:
    assert frame.crosswalk(area) is None
    area.settings["5c4f"] = {"crosswalk": True}
    mapping = frame.crosswalk(area)
    assert mapping is not None and set(mapping) == {d.key for d in DIMENSIONS}
    assert all(goal in frame.GOAL_AREAS for goals in mapping.values() for goal in goals)
    area.settings["5c4f"] = {"crosswalk": {"fun": ["family_play"], "Comfort": "safe"}}
    assert frame.crosswalk(area) == {"fun": ("family_play",), "comfort": ("safe",)}
    area.settings["5c4f"] = {"crosswalk": {"fun": ["parks"]}}
    with pytest.raises(ValidationError, match="unknown CFCI goal area 'parks'"):
        frame.crosswalk(area)


# --------------------------------------------------------------------------- bands


def test_custom_age_bands(registry: Registry) -> None:
    session = _session(registry)
    assert operations.set_bands(session, ["๐–๒ ปี", "3 - 6", "7 to 12", "13-18 years"]) == (
        "0-2", "3-6", "7-12", "13-18")
    operations.add_activity(session, registry, G, "กล่องรับขวัญ", "0-2")
    operations.add_activity(session, registry, G, "VNjoin", "13-18")
    operations.assess(session, registry, G, "p1", "VNjoin", {"all": "sometimes", "fun": "mostly"})
    m = analysis.coverage_matrix(session, session.group(G))
    assert m.bands == ("0-2", "3-6", "7-12", "13-18")
    assert m.cell("fun", "13-18").mean == 3.0
    assert m.cell("friendly", "13-18").mean == 2.0
    gaps = {(g.scope, g.kind, g.band) for g in analysis.find_gaps(session, session.group(G))}
    assert {("band", "none", "3-6"), ("band", "none", "7-12")} <= gaps
    with pytest.raises(ValidationError, match="unknown age band '0-6'"):
        operations.add_activity(session, registry, G, "x", "0-6")
    # bands that would orphan an activity are refused and the old ones kept
    with pytest.raises(ValidationError, match="unknown age band '0-2'"):
        operations.set_bands(session, ["0-6", "7-18"])
    assert frame.age_bands(session) == ("0-2", "3-6", "7-12", "13-18")


@pytest.mark.parametrize(("bands", "message"), [
    (["0-6", "5-18"], "overlaps"),
    (["7-18", "0-6"], "overlaps or comes before"),
    (["6-0"], "starts after it ends"),
    (["young"], "is not 'from-to'"),
    ([], "non-empty list"),
    ("0-6", "non-empty list"),
])
def test_bad_age_bands(bands: Any, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        frame.check_bands(bands)


# --------------------------------------------------------------------------- bad input


def test_unknown_dimension(area: Session, registry: Registry) -> None:
    with pytest.raises(ValidationError, match=r"unknown dimension 'happy' \(known: creative,"):
        operations.assess(area, registry, G, "p3", "1", {"happy": "mostly"})
    with pytest.raises(ValidationError, match="unknown dimension 'happy'"):
        operations.add_need(area, registry, G, "x", "0-6", ["comfort", "happy"])


def test_level_not_on_the_scale_stores_nothing(area: Session, registry: Registry) -> None:
    before = area.group(G).scores_for("5c4f", "assessment", "dimensions").count()
    with pytest.raises(ScoreError, match="dimension 'fun': 4 is not a level"):
        operations.assess(area, registry, G, "p3", "1", {"creative": "mostly", "fun": "4"})
    with pytest.raises(ScoreError, match="'very' is not on the scale"):
        operations.assess(area, registry, G, "p3", "1", {"creative": "very"})
    assert area.group(G).scores_for("5c4f", "assessment", "dimensions").count() == before


def test_unknown_band_in_a_hand_edited_row(area: Session, registry: Registry) -> None:
    from lessonkit import Entry

    # the generic answer path refuses the row (the plugin's session_problems hook) …
    before = len(area.group(G).entries)
    with pytest.raises(ValidationError, match="unknown age band '19-25'"):
        ws.add_answers(area, registry, G, "5c4f", "activities", ["activity=x", "age_band=19-25"], step="inventory")
    assert len(area.group(G).entries) == before
    # … so such rows come only from a hand-edited file
    group = area.group(G)
    group.entries.append(Entry(id="e4", method="5c4f", step="inventory", prompt="activities",
                               row={"activity": "x", "age_band": "19-25", "agency": ""}))
    with pytest.raises(ValidationError, match=r"unknown age band '19-25' \(known: 0-6, 7-18\) @ group 'kokmuang' activity 'e4'"):
        analysis.coverage_matrix(area, area.group(G))
    group.entries.append(Entry(id="e5", method="5c4f", step="needs", prompt="needs",
                               row={"need": "y", "age_band": "", "dimensions": "fun, joy"}))
    problems = analysis.session_problems(area)
    assert len(problems) == 2 and "unknown dimension 'joy'" in problems[1]


def test_dimension_names_in_either_language() -> None:
    assert frame.parse_dimensions("Comfort, สนุก; for-all / Family-focused") == (
        "comfort", "fun", "for_all", "family_focused")
    assert frame.parse_dimensions("fun, Fun") == ("fun",)


# --------------------------------------------------------------------------- report sections


def test_report_sections(area: Session, registry: Registry) -> None:
    from lessonkit.report import Chart, Table, build_report, iter_sections

    operations.add_need(area, registry, G, "พื้นที่ปลอดภัย", "7-18", ["comfort"])
    doc = build_report(area, registry, locale="en")
    keys = {s.key: s for _d, s in iter_sections(doc.chapters)}
    for name in ("inventory", "matrix", "gaps", "profile", "needs"):
        assert f"group.{G}.5c4f.{name}" in keys
    matrix = next(b for b in keys[f"group.{G}.5c4f.matrix"].blocks if isinstance(b, Table))
    assert matrix.rows[0][:3] == ("Creative", 2, "2.00 (n = 3)")  # means always with 2 decimals
    chart = next(b for b in keys[f"group.{G}.5c4f.profile"].blocks if isinstance(b, Chart))
    assert chart.kind == "radar" and [s.name for s in chart.all_series()] == ["0–6 years", "7–18 years"]
    assert chart.maximum == 3.0 and chart.minimum == 1.0  # the axis spans the scale


def test_report_shows_a_bad_band_as_a_warning(area: Session, registry: Registry) -> None:
    from lessonkit.report import Note, build_report, iter_sections

    area.group(G).entries[0].row["age_band"] = "99-100"  # type: ignore[index]
    doc = build_report(area, registry, locale="en", draft=True)
    notes = [b for _d, s in iter_sections(doc.chapters) for b in s.blocks if isinstance(b, Note)]
    assert any("unknown age band '99-100'" in n.text and n.kind == "warning" for n in notes)
    final = build_report(area, registry, locale="en")
    assert any("unknown age band '99-100'" in w for w in final.warnings)


# --------------------------------------------------------------------------- CLI


def _run(runner: CliRunner, *args: str) -> Any:
    result = runner.invoke(cli, list(args))
    return result


def _workshop(runner: CliRunner, path: Path, locale: str = "th") -> None:
    p = str(path)
    steps = [
        ["new", p, "--title", "Child-friendly City: Khok Muang", "--method", "5c4f", "--locale", locale],
        ["group", "add", p, G, "--name", "เทศบาลตำบลโคกม่วง"],
        ["5c4f", "activity", p, "--group", G, "--band", "0-6", "--agency", "พม.",
         "กล่องรับขวัญ", "ศูนย์พัฒนาเด็กเล็ก", "เงินอุดหนุนเด็กแรกเกิด"],
        ["5c4f", "activity", p, "--group", G, "--band", "7-18", "VNjoin", "ลาน ปัน ฟัน แฟร์", "Family Plus Package"],
        ["5c4f", "respondents", p, "--group", G, "--type", "children", "--new", "2"],
        ["5c4f", "respondents", p, "--group", G, "--type", "officials", "--new", "1"],
        ["5c4f", "assess", p, "--group", G, "--participant", "p1", "--activity", "1", "all=mostly", "fun=na"],
        ["5c4f", "assess", p, "--group", G, "--participant", "p2", "--activity", "VNjoin", "all=sometimes",
         "creative=mostly", "connected=never", "--comment", "อยากให้ใช้ง่ายขึ้น"],
        ["5c4f", "assess", p, "--group", G, "--participant", "p3", "--activity", "ลาน ปัน ฟัน แฟร์", "fun=mostly",
         "comfort=sometimes", "family_focused=na"],
        ["5c4f", "need", p, "--group", G, "--band", "7-18", "-d", "comfort", "-d", "for_all",
         "พื้นที่ปลอดภัยห่างไกลยาเสพติด"],
        ["5c4f", "need", p, "--group", G, "--band", "7-18", "-d", "creative,connected", "พื้นที่สร้างสรรค์ออนไลน์"],
        ["5c4f", "vote", p, "--group", G, "--participant", "p1", "1=3", "2=2"],
        ["5c4f", "vote", p, "--group", G, "--participant", "p2", "1=1", "2=4"],
    ]
    for args in steps:
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (args, result.stderr)
        assert result.stdout == ""  # confirmations go to stderr


def test_cli_matrix_gaps_needs(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "area.json"
    _workshop(runner, path)
    result = runner.invoke(cli, ["5c4f", "matrix", str(path), "--group", G, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    cells = {(c["dimension"], c["band"]): c for c in data["cells"]}
    assert cells[("fun", "0-6")] == {"dimension": "fun", "band": "0-6", "listed": 3, "activities": 0,
                                     "mean": None, "n": 0, "na": 1}
    assert cells[("fun", "7-18")]["mean"] == 2.5 and cells[("fun", "7-18")]["n"] == 2
    assert [s["band"] for s in data["radar"]["series"]] == ["0-6", "7-18"]
    text = runner.invoke(cli, ["5c4f", "matrix", str(path), "--group", G, "--locale", "en"])
    assert text.exit_code == 0 and "Family-focused" in text.stdout and "0-6: mean" in text.stdout
    kids = json.loads(runner.invoke(cli, ["5c4f", "matrix", str(path), "--respondent", "officials",
                                          "--format", "json"]).stdout)
    assert {(c["dimension"], c["band"]): c["n"] for c in kids["cells"]}[("comfort", "7-18")] == 1
    gaps = runner.invoke(cli, ["5c4f", "gaps", str(path), "--group", G, "--locale", "en"])
    assert gaps.exit_code == 0
    assert "- Fun, age band 0-6: no activity addresses it." in gaps.stdout
    assert "- Connected, age band 7-18: weak (mean 1.00, n = 1)." in gaps.stdout
    needs = json.loads(runner.invoke(cli, ["5c4f", "needs", str(path), "--group", G, "--format", "json"]).stdout)
    assert [(n["need"], n["score"]) for n in needs] == [("พื้นที่สร้างสรรค์ออนไลน์", 6), ("พื้นที่ปลอดภัยห่างไกลยาเสพติด", 4)]
    check = runner.invoke(cli, ["5c4f", "check", str(path)])
    assert check.exit_code == 0 and "valid" in check.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["5c4f", "activity", "{p}", "--group", G, "--band", "19-25", "x"], "unknown age band '19-25'"),
    (["5c4f", "need", "{p}", "--group", G, "-d", "happy", "x"], "unknown dimension 'happy'"),
    (["5c4f", "assess", "{p}", "--group", G, "--participant", "p1", "--activity", "1", "fun=4"],
     "4 is not a level of the scale"),
    (["5c4f", "assess", "{p}", "--group", G, "--participant", "p1", "--activity", "1", "joy=mostly"],
     "unknown dimension 'joy'"),
    (["5c4f", "vote", "{p}", "--group", G, "--participant", "p3", "1=6"], "over the budget of 5"),
    (["5c4f", "bands", "{p}", "0-10", "11-18"], "unknown age band '0-6'"),
    (["5c4f", "respondents", "{p}", "--group", G, "--type", "robots", "p1"], "unknown respondent type"),
])
def test_cli_bad_input_is_one_line_and_changes_nothing(runner: CliRunner, tmp_path: Path,
                                                       args: list[str], message: str) -> None:
    path = tmp_path / "area.json"
    _workshop(runner, path)
    before = path.read_bytes()
    result = runner.invoke(cli, [a.replace("{p}", str(path)) for a in args])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert path.read_bytes() == before


def test_cli_bands_and_compare(runner: CliRunner, tmp_path: Path) -> None:
    first, second = tmp_path / "r1.json", tmp_path / "r2.json"
    _workshop(runner, first)
    _workshop(runner, second)
    result = runner.invoke(cli, ["5c4f", "assess", str(second), "--group", G, "--participant", "p2",
                                 "--activity", "VNjoin", "connected=mostly"])
    assert result.exit_code == 0, result.stderr
    compare = runner.invoke(cli, ["5c4f", "compare", str(first), str(second), "--group", G,
                                  "--format", "json"])
    assert compare.exit_code == 0, compare.stderr
    changes = {c["dimension"]: c for c in json.loads(compare.stdout)["changes"]}
    assert changes["connected"]["change"] == pytest.approx(1.0)  # (3 + 1) / 2 -> (3 + 3) / 2
    assert changes["fun"]["change"] == 0
    table = runner.invoke(cli, ["5c4f", "compare", str(first), str(second), "--by-band", "--locale", "en"])
    assert table.exit_code == 0 and "+1.00" in table.stdout and "7-18" in table.stdout
    fresh = tmp_path / "fresh.json"
    assert runner.invoke(cli, ["new", str(fresh), "--title", "x", "--method", "5c4f"]).exit_code == 0
    assert runner.invoke(cli, ["5c4f", "bands", str(fresh)]).stdout.strip() == "0-6 7-18"
    result = runner.invoke(cli, ["5c4f", "bands", str(fresh), "0-2", "3-6", "7-12", "13-18"])
    assert result.exit_code == 0 and "0-2, 3-6, 7-12, 13-18" in result.stderr
    assert runner.invoke(cli, ["5c4f", "bands", str(fresh)]).stdout.strip() == "0-2 3-6 7-12 13-18"


def test_cli_dimensions(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["5c4f", "dimensions", "--crosswalk", "--locale", "th"])
    assert result.exit_code == 0
    assert "ยึดเด็กเป็นศูนย์กลาง" in result.stdout and "ไม่เกี่ยวข้อง" in result.stdout
    data = json.loads(runner.invoke(cli, ["5c4f", "dimensions", "--format", "json"]).stdout)
    assert [d["key"] for d in data["dimensions"]][:2] == ["creative", "comfort"]
    assert data["levels"][-1]["key"] == "na" and data["levels"][-1]["value"] is None


SECTION_TITLES = {
    "en": ["Activity inventory", "Coverage by dimension and age band", "Gaps", "Profile by age band",
           "Children's needs in priority order"],
    "th": ["กิจกรรมสำหรับเด็กในพื้นที่", "ความครอบคลุมรายมิติและช่วงวัย", "ช่องว่าง",
           "ภาพรวมรายมิติจำแนกตามช่วงวัย", "ความต้องการของเด็กและเยาวชนตามลำดับความสำคัญ"],
}


@pytest.mark.parametrize("locale", ["th", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "txt", "json", "docx"])
def test_cli_report_in_every_format(runner: CliRunner, tmp_path: Path, fmt: str, locale: str) -> None:
    path = tmp_path / "area.json"
    _workshop(runner, path, locale)
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(cli, ["report", str(path), "--format", fmt, "--locale", locale, "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    if fmt == "docx":
        import docx

        document = docx.Document(str(out))
        text = "\n".join(p.text for p in document.paragraphs)
        text += "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    else:
        text = out.read_text(encoding="utf-8")
        if fmt == "html":  # table cells hold each Thai word in a span: read the page's text
            text = html.unescape(re.sub(r"<[^>]+>", "", text))
    for title in SECTION_TITLES[locale]:
        assert title in text, (fmt, title)
    assert "VNjoin" in text and "พื้นที่สร้างสรรค์ออนไลน์" in text
    if fmt == "html":
        assert "<svg" in out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        blocks = [b for ch in data["chapters"] for b in _walk(ch)]
        radar = [b for b in blocks if b["type"] == "chart" and b["kind"] == "radar"]
        assert len(radar) == 1 and len(radar[0]["series"]) == 2 and len(radar[0]["labels"]) == 9
    if locale == "th" and fmt in ("md", "txt"):
        assert "๐–๖ ปี" in text  # bands in Thai digits in a Thai report


def _walk(section: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = list(section["blocks"])
    for sub in section["subsections"]:
        blocks += _walk(sub)
    return blocks


# --------------------------------------------------------------------------- more


def test_session_part_compares_groups_and_shows_the_crosswalk(area: Session, registry: Registry) -> None:
    from lessonkit.report import Table, build_report, iter_sections

    ws.add_group(area, "bangkaew", "เทศบาลบางแก้ว")
    ws.add_participant(area, "bangkaew", "q1")
    operations.add_activity(area, registry, "bangkaew", "ลานเล่น", "7-18")
    operations.assess(area, registry, "bangkaew", "q1", "1", {"all": "sometimes"})
    area.settings["5c4f"] = {"crosswalk": True}
    doc = build_report(area, registry, locale="th")
    keys = {s.key: s for _d, s in iter_sections(doc.chapters)}
    groups = next(b for b in keys["summary.5c4f.groups"].blocks if isinstance(b, Table))
    assert groups.headers == ("มิติ", "เทศบาลตำบลโคกม่วง", "เทศบาลบางแก้ว")
    assert groups.rows[0] == ("สร้างสรรค์", "๒.๐๐ (จำนวน ๓)", "๒.๐๐ (จำนวน ๑)")
    walk = next(b for b in keys["summary.5c4f.crosswalk"].blocks if isinstance(b, Table))
    assert len(walk.rows) == 9 and "ปลอดภัย" in str(walk.rows[1][1])


@given(levels=st.lists(st.sampled_from([1, 2, 3, "na"]), min_size=1, max_size=12))
@settings(max_examples=40, deadline=None)
def test_na_answers_never_move_a_mean(levels: list[Any]) -> None:
    from lessonkit.plugins import get_registry

    registry = _registry_once(get_registry)
    session = ws.new_session(registry, "x", methods=["5c4f"])
    ws.add_group(session, G, "g")
    operations.add_activity(session, registry, G, "a", "0-6")
    for i, level in enumerate(levels):
        ws.add_participant(session, G, f"p{i}")
        operations.assess(session, registry, G, f"p{i}", "1", {"fun": level})
    cell = analysis.coverage_matrix(session, session.group(G)).cell("fun", "0-6")
    numbers = [v for v in levels if v != "na"]
    assert cell.n == len(numbers) and cell.na == len(levels) - len(numbers)
    assert cell.mean == (pytest.approx(sum(numbers) / len(numbers)) if numbers else None)


_REGISTRY: dict[str, Registry] = {}


def _registry_once(factory: Any) -> Registry:
    if "r" not in _REGISTRY:
        _REGISTRY["r"] = factory()
    return _REGISTRY["r"]


def test_readme_session_runs(runner: CliRunner, tmp_path: Path) -> None:
    """The commands in plugins/5c4f/README.md work as shown."""
    import shlex

    readme = Path(__file__).resolve().parent.parent / "plugins" / "5c4f" / "README.md"
    block = readme.read_text(encoding="utf-8").split("```sh\n", 1)[1].split("```", 1)[0]
    lines = [line.split("#", 1)[0].strip() if not line.lstrip().startswith('"') else line.strip()
             for line in block.replace("\\\n", " ").splitlines()]
    commands = [shlex.split(line) for line in lines if line.startswith("lessonkit ")]
    ran = 0
    for words in commands:
        if "compare" in words:
            continue
        args = [str(tmp_path / w) if w.endswith((".json", ".html")) else w for w in words[1:]]
        result = runner.invoke(cli, args)
        assert result.exit_code == 0, (words, result.stderr)
        ran += 1
    assert ran >= 14
    assert "VNjoin" in (tmp_path / "area.html").read_text(encoding="utf-8")


def test_check_reports_bad_settings_and_respondent_types(area: Session) -> None:
    assert analysis.session_problems(area) == []
    area.group(G).data["5c4f"] = {"respondents": {"p1": "martians"}}
    assert analysis.session_problems(area) == [
        "unknown respondent type 'martians' of participant 'p1' (known: children, adolescents, parents, "
        "officials) @ group 'kokmuang' data.5c4f.respondents"]
    area.settings["5c4f"] = {"crosswalk": "yes"}
    assert analysis.session_problems(area) == [
        "crosswalk must be true, false or an object (got 'yes') @ settings.5c4f.crosswalk"]
