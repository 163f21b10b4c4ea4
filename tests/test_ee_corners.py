"""The worked EE scenario's corner cases, with expectations computed by hand.

Group g1, three participants, five activities (A5 is listed but nobody scores it).

Importance (1–3), p1 / p2 / p3:   A1 3 3 2 → sum 8   A2 2 2 2 → 6   A3 3 1 2 → 6
                                  A4 1 1 – → 2 (n 2)  A5 – – – → no scores
sum:      A1 1, A2 2=, A3 2=, A4 4, A5 not ranked (score null; listed last, as docs/ranking.md says)
approval (top score 3): A1 2 votes → 1, A3 1 → 2, A2 0 and A4 0 → 3=, A5 not ranked
top_k = 2: kept are the ranks ≤ 2, ties at the cut kept: A1, A2, A3.

Ratings (1–10) of the kept activities:
  A1 8 6 7 → mean 7,        population spread √(2/3)  = 0.816497
  A2 2 9 4 → mean 5,        spread √(26/3) = 2.943920 ≥ 2.5 → raters disagree
  A3 5 5 6 → mean 16/3 = 5.333333, spread √2/3 = 0.471405
  A4 (not kept) rated 3 by p1 → not counted, and said so.
Important half: ⌈3/2⌉ = 2 ranks → ranks 1 and 2 (A1, A2, A3); mean ≤ 5 → A2 "important, rated low".
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from lessonkit import files
from lessonkit.cli import _common, cli

ACTIVITIES = ["A1 home visits", "A2 savings fund", "A3 mobile unit", "A4 survey", "A5 nobody"]


def run(runner: CliRunner, *args: str | Path) -> Result:
    result = runner.invoke(cli, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def scenario(tmp_path: Path) -> Iterator[tuple[CliRunner, Path]]:
    _common.reset()
    runner = CliRunner()
    path = tmp_path / "ee.json"
    run(runner, "new", path, "--title", "EE corners", "--method", "ee", "--locale", "en")
    run(runner, "group", "add", path, "g1", "--name", "Group 1")
    run(runner, "participant", "add", path, "--group", "g1", "--count", "3")
    run(runner, "answer", path, "--group", "g1", "--method", "ee", "--prompt", "activities",
        *ACTIVITIES)
    run(runner, "ee", "settings", path, "--top-k", "2")
    importance = {"p1": "1=3 2=2 3=3 4=1", "p2": "1=3 2=2 3=1 4=1", "p3": "1=2 2=2 3=2"}
    for who, pairs in importance.items():
        run(runner, "score", path, "--group", "g1", "--method", "ee", "--prompt", "importance",
            "--participant", who, *pairs.split())
    ratings = {"p1": "1=8 2=2 3=5 4=3", "p2": "1=6 2=9 3=5", "p3": "1=7 2=4 3=6"}
    for who, pairs in ratings.items():
        run(runner, "score", path, "--group", "g1", "--method", "ee", "--prompt", "rating",
            "--participant", who, *pairs.split())
    yield runner, path
    _common.reset()


def rank_json(runner: CliRunner, path: Path, *extra: str) -> dict[str, dict[str, object]]:
    out = run(runner, "rank", path, "--group", "g1", "--method", "ee", "--prompt", "importance",
              "--format", "json", *extra).stdout
    return {row["text"][:2]: row for row in json.loads(out)["rows"]}


def test_sum_item_nobody_scored_is_null_and_not_ranked(scenario: tuple[CliRunner, Path]) -> None:
    runner, path = scenario
    rows = rank_json(runner, path)
    assert [(k, r["rank"], r["label"], r["score"], r["n"]) for k, r in rows.items()] == [
        ("A1", 1, "1", 8, 3), ("A2", 2, "2=", 6, 3), ("A3", 2, "2=", 6, 3), ("A4", 4, "4", 2, 2),
        ("A5", 5, "5", None, 0)]  # listed last (tied with any other unranked), no score
    assert rows["A5"]["eligible"] is False and rows["A5"]["not_ranked"] == "no_scores"
    assert rows["A5"]["note"] == "not ranked: no scores"
    table = run(runner, "rank", path, "--group", "g1", "--method", "ee", "--prompt", "importance",
                "--locale", "en").stdout
    a5 = next(line for line in table.splitlines() if "A5 nobody" in line)
    assert "not ranked: no scores" in a5 and a5.split()[3:5] == ["–", "0"]  # score –, n 0


def test_approval_item_nobody_scored_is_null_and_not_ranked(scenario: tuple[CliRunner, Path]) -> None:
    runner, path = scenario
    rows = rank_json(runner, path, "--rule", "approval", "--threshold", "3")
    assert [(k, r["rank"], r["label"], r["score"]) for k, r in rows.items()] == [
        ("A1", 1, "1", 2), ("A3", 2, "2", 1), ("A2", 3, "3=", 0), ("A4", 3, "3=", 0),
        ("A5", 5, "5", None)]
    assert rows["A5"]["not_ranked"] == "no_scores"


def test_csv_export_leaves_no_score_empty_not_zero(scenario: tuple[CliRunner, Path]) -> None:
    runner, path = scenario
    out = run(runner, "export", path, "--what", "rankings").stdout
    rows = list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"), newline="")))
    importance = {r["item_text"][:2]: r for r in rows if r["prompt"] == "importance"}
    assert (importance["A5"]["score"], importance["A5"]["n"], importance["A5"]["eligible"]) == (
        "", "0", "0")
    assert (importance["A1"]["score"], importance["A1"]["rank"]) == ("8", "1")
    rating = {r["item_text"][:2]: r for r in rows if r["prompt"] == "rating"}
    assert rating["A3"]["score"] == "5.333333" and rating["A3"]["spread"] == "0.471405"
    assert rating["A2"]["spread"] == "2.94392"


def test_ee_stock_json_gives_no_rank_to_an_unscored_activity(scenario: tuple[CliRunner, Path]) -> None:
    runner, path = scenario
    data = json.loads(run(runner, "ee", "stock", path, "--group", "g1", "--format", "json").stdout)
    part1 = {r["activity"][:2]: r for r in data["part1"]["rows"]}
    assert [(k, r["score"], r["rank"], r["label"], r["kept"]) for k, r in part1.items()] == [
        ("A1", 8, 1, "1", True), ("A2", 6, 2, "2=", True), ("A3", 6, 2, "2=", True),
        ("A4", 2, 4, "4", False), ("A5", None, None, "", False)]
    assert data["part1"]["kept"] == 3 and data["part1"]["tie_at_cut"] is True


def test_part2_figures_flags_and_rounding(scenario: tuple[CliRunner, Path]) -> None:
    runner, path = scenario
    data = json.loads(run(runner, "ee", "stock", path, "--group", "g1", "--format", "json").stdout)
    part2 = {r["activity"][:2]: r for r in data["part2"]["rows"]}
    assert [(k, r["mean"], r["n"], r["spread"], r["important_but_low"], r["disagreement"])
            for k, r in part2.items()] == [
        ("A1", 7, 3, 0.816497, False, False),
        ("A2", 5, 3, 2.94392, True, True),
        ("A3", 5.333333, 3, 0.471405, False, False)]
    # the same figures, rounded the same way, in the ranking JSON (rule mean of the ratings)
    rows = {r["text"][:2]: r for r in json.loads(run(
        runner, "rank", path, "--group", "g1", "--method", "ee", "--prompt", "rating",
        "--format", "json").stdout)["rows"]}
    assert (rows["A3"]["score"], rows["A3"]["spread"]) == (5.333333, 0.471405)


def test_raters_disagree_only_at_the_threshold(scenario: tuple[CliRunner, Path]) -> None:
    runner, path = scenario
    # A2's ratings made close: the widest spread is now A3's 0.471405, below 2.5
    for who, value in (("p1", "5"), ("p2", "5"), ("p3", "5")):
        run(runner, "score", path, "--group", "g1", "--method", "ee", "--prompt", "rating",
            "--participant", who, f"2={value}")
    data = json.loads(run(runner, "ee", "stock", path, "--group", "g1", "--format", "json").stdout)
    assert not any(r["disagreement"] for r in data["part2"]["rows"])
    table = run(runner, "ee", "stock", path, "--group", "g1", "--locale", "en").stdout
    assert "raters disagree" not in table
    # a lower threshold flags it
    run(runner, "ee", "settings", path, "--disagreement", "0.4")
    data = json.loads(run(runner, "ee", "stock", path, "--group", "g1", "--format", "json").stdout)
    assert [r["activity"][:2] for r in data["part2"]["rows"] if r["disagreement"]] == ["A1", "A3"]


def test_ratings_of_activities_not_kept_are_flagged(scenario: tuple[CliRunner, Path]) -> None:
    runner, path = scenario
    data = json.loads(run(runner, "ee", "stock", path, "--group", "g1", "--format", "json").stdout)
    assert data["part2"]["not_kept"] == [{"number": 4, "id": "e4", "activity": "A4 survey",
                                          "mean": 3, "n": 1}]
    result = run(runner, "ee", "stock", path, "--group", "g1", "--locale", "en")
    assert ("Rated although part I did not keep them (these ratings are not counted): "
            "4. A4 survey (n=1)") in result.stderr
    # a facilitator's warning: in the draft book, on stderr for the final one
    draft = run(runner, "report", path, "--format", "md", "--locale", "en", "--draft").stdout
    assert "Rated although part I did not keep them (these ratings are not counted): A4 survey" in draft
    final = run(runner, "report", path, "--format", "md", "--locale", "en")
    assert "Rated although part I did not keep them" not in final.stdout
    assert "Rated although part I did not keep them" in final.stderr


def test_validate_counts_one_group_in_the_singular(scenario: tuple[CliRunner, Path]) -> None:
    runner, path = scenario
    out = run(runner, "validate", path).stdout
    assert out.strip().endswith("valid (1 group, 3 participants)")


def test_answers_may_begin_with_a_dash(scenario: tuple[CliRunner, Path]) -> None:
    runner, path = scenario
    run(runner, "answer", path, "--group", "g1", "--method", "ee", "--prompt", "objectives",
        "-10% of households left behind", "- a bullet", "−5 (minus sign)")
    texts = [e.text for e in files.load(path).group("g1").entries_for("ee", "mission", "objectives")]
    assert texts == ["-10% of households left behind", "- a bullet", "−5 (minus sign)"]
    # options still work after a value, and a mistyped option is still an error with a hint
    run(runner, "answer", path, "-10% again", "--group", "g1", "--method", "ee", "--prompt", "goals")
    assert files.load(path).group("g1").entries_for("ee", "mission", "goals")[0].text == "-10% again"
    bad = runner.invoke(cli, ["answer", str(path), "--grup", "g1", "--method", "ee", "--prompt",
                              "goals", "x"])
    assert bad.exit_code == 2 and "--grup" in bad.stderr and "put -- before" in bad.stderr


def test_sara_am_typed_decomposed_matches_its_baseline_twin(scenario: tuple[CliRunner, Path],
                                                            tmp_path: Path) -> None:
    runner, base = scenario
    run(runner, "answer", base, "--group", "g1", "--method", "ee", "--prompt", "activities",
        "ติดตามการทำงาน", "น้ำสะอาด")
    follow = tmp_path / "followup.json"
    follow.write_bytes(base.read_bytes())
    # the follow-up as a phone types it: NIKHAHIT + SARA AA, and the tone mark between
    data = json.loads(follow.read_text(encoding="utf-8"))
    for entry in data["groups"][0]["entries"]:
        entry["text"] = entry["text"].replace("ทำ", "ท\u0e4d\u0e32").replace("น้ำ", "น\u0e4d\u0e49\u0e32")
    follow.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert "\u0e4d" in follow.read_text(encoding="utf-8")
    result = json.loads(run(runner, "ee", "compare", base, follow, "--format", "json").stdout)
    group = result["groups"][0]
    assert group["added"] == [] and group["dropped"] == []
    assert {a["status"] for a in group["activities"]} == {"both"}
    # and typed through the command line it is stored folded
    run(runner, "answer", base, "--group", "g1", "--method", "ee", "--prompt", "goals",
        "ท\u0e4d\u0e32งาน น\u0e4d\u0e49\u0e32")
    assert files.load(base).group("g1").entries_for("ee", "mission", "goals")[-1].text == "ทำงาน น้ำ"
