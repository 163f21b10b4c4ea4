"""The ``rules``, ``score`` and ``rank`` commands, on a session built with the CLI alone."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from lessonkit import Criterion, Level, LocalizedText, Method, Prompt, Scale, Step, hookimpl
from lessonkit.cli import _common, cli
from lessonkit.plugins import get_plugin_manager, load_registry

TEST_METHOD = Method(
    key="tm",
    title=LocalizedText(en="Test method", th="วิธีทดสอบ"),
    default_rule="sum",
    steps=(
        Step(key="stock", title="Taking stock", prompts=(
            Prompt(key="activities", kind="list", text="Key activities"),
            Prompt(key="importance", kind="score", text="How important?", scale=Scale.range(1, 3),
                   items_from="activities"),
            Prompt(key="performance", kind="score", text="How well are we doing?",
                   scale=Scale.range(1, 10), items_from="activities"),
            Prompt(key="dots", kind="dots", text="Spread your dots", budget=5, per_item_cap=3,
                   items_from="activities"),
            Prompt(key="order", kind="rank", text="Put them in order", items_from="activities"),
            Prompt(key="assess", kind="score", text="Assess",
                   scale=Scale.of_levels(Level("never", 1, "Never"), Level("sometimes", 2, "Sometimes"),
                                         Level("mostly", 3, "Mostly true"), allow_na=True),
                   items_from="activities"),
            Prompt(key="fit", kind="score", text="Fits the dimension", scale=Scale.range(1, 3),
                   items_from="activities",
                   criteria=(Criterion("fun", "Fun"), Criterion("safe", "Comfort/safe"))),
        )),
    ),
)


class TestPlugin:
    @hookimpl
    def register_methods(self, register: object) -> None:
        register(TEST_METHOD)  # type: ignore[operator]


@pytest.fixture
def runner() -> Iterator[CliRunner]:
    """A CLI with only the core's plugins and the test method."""
    _common.reset()
    pm = get_plugin_manager(load_entrypoints=False, plugins=[("testplugin", TestPlugin())])
    _common._STATE["pm"] = pm
    _common._STATE["registry"] = load_registry(pm)
    yield CliRunner()
    _common.reset()


def ok(runner: CliRunner, *args: str) -> SimpleNamespace:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return SimpleNamespace(out=result.stdout, err=result.stderr)


def fails(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    return result.stderr


@pytest.fixture
def session(runner: CliRunner, tmp_path: Path) -> str:
    """Four activities, three participants in group g1 (the seeds' 1–3 importance sum)."""
    path = str(tmp_path / "ws.json")
    ok(runner, "new", path, "--title", "เวทีถอดบทเรียน", "--method", "tm", "--locale", "en")
    ok(runner, "group", "add", path, "g1", "--name", "เด็ก")
    for key in ("p1", "p2", "p3"):
        ok(runner, "participant", "add", path, key, "--group", "g1")
    ok(runner, "answer", path, "--group", "g1", "--method", "tm", "--prompt", "activities",
       "ศูนย์พัฒนาเด็กเล็ก", "เงินอุดหนุนเด็กแรกเกิด", "=cmd", "สภาเด็กและเยาวชน")
    return path


def score(runner: CliRunner, path: str, participant: str, prompt: str, *pairs: str) -> SimpleNamespace:
    return ok(runner, "score", path, "--group", "g1", "--method", "tm", "--prompt", prompt,
              "--participant", participant, *pairs)


def test_rules_lists_the_catalogue(runner: CliRunner) -> None:
    out = ok(runner, "rules", "--locale", "en").out
    for key in ("sum", "mean", "median", "dots", "approval", "borda", "truncated_borda",
                "importance_performance"):
        assert f"\n{key} — " in "\n" + out
    assert "Tie-break keys" in out
    thai = ok(runner, "rules", "--locale", "th").out
    assert "ผลรวมคะแนน" in thai
    data = json.loads(ok(runner, "rules", "--json", "--locale", "en").out)
    assert [r["key"] for r in data][:3] == ["sum", "mean", "median"]
    assert all(r["title"] and r["description"] and r["plugin"] == "lessonkit.rules" for r in data)


def test_seed_importance_sum_ranked_with_competition_ties(runner: CliRunner, session: str) -> None:
    # e1 3+3+2=8, e2 2+3+1=6, e3 2+2+2=6, e4 1+1+1=3
    score(runner, session, "p1", "importance", "e1=3", "e2=2", "3=2", "สภาเด็กและเยาวชน=1")
    score(runner, session, "p2", "importance", "e1=๓", "e2=3", "e3=2", "e4=1")
    score(runner, session, "p3", "importance", "e1=2", "e2=1", "e3=2", "e4=1")
    data = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt",
                         "importance", "--format", "json").out)
    assert data["rule"] == "sum" and data["ties"] == "competition"
    rows = [(r["label"], r["item"], r["score"], r["n"]) for r in data["rows"]]
    assert rows == [("1", "e1", 8, 3), ("2=", "e2", 6, 3), ("2=", "e3", 6, 3), ("4", "e4", 3, 3)]
    assert data["rows"][0]["text"] == "ศูนย์พัฒนาเด็กเล็ก"
    assert [r["rank"] for r in data["rows"]] == [1, 2, 2, 4]

    dense = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt",
                          "importance", "--format", "json", "--ties", "dense").out)
    assert [r["label"] for r in dense["rows"]] == ["1", "2=", "2=", "3"]

    broken = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt",
                           "importance", "--format", "json", "--tie-break", "top,spread").out)
    # e2 has one top score (3), e3 none: e2 goes above e3, and the row says why.
    assert [(r["label"], r["item"]) for r in broken["rows"]] == [("1", "e1"), ("2", "e2"), ("3", "e3"),
                                                                  ("4", "e4")]
    assert broken["rows"][2]["separated_by"] == "top"
    assert "fewer top scores" in broken["rows"][2]["note"]
    assert broken["classes"] == [["e1"], ["e2", "e3"], ["e4"]]

    table = ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt", "importance",
               "--locale", "th")
    assert "2=" in table.out and "ศูนย์พัฒนาเด็กเล็ก" in table.out and "ลำดับ" in table.out

    csv_out = ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt", "importance",
                 "--format", "csv").out
    lines = csv_out.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("rank,label,item,text,score")
    assert "'=cmd" in csv_out and ",=cmd" not in csv_out


@pytest.mark.parametrize(("pairs", "needle"), [
    (("e1=4",), "participant 'p1' item 'e1': 4 is above the scale's maximum 3"),
    (("e2=0",), "participant 'p1' item 'e2': 0 is below"),
    (("e1=1.5",), "1.5 is not on the scale"),
    (("e1=high",), "'high' is not on the scale"),
    (("e1=na",), "has no N/A"),
    (("e9=2",), "unknown item 'e9'"),
])
def test_invalid_scores_are_refused_and_file_unchanged(runner: CliRunner, session: str,
                                                       pairs: tuple[str, ...], needle: str) -> None:
    score(runner, session, "p1", "importance", "e3=2")
    before = Path(session).read_bytes()
    err = fails(runner, "score", session, "--group", "g1", "--method", "tm", "--prompt", "importance",
                "--participant", "p1", "e4=1", *pairs)
    assert needle in err
    assert Path(session).read_bytes() == before


def test_dots_budget_and_cap_refused(runner: CliRunner, session: str) -> None:
    before = Path(session).read_bytes()
    err = fails(runner, "score", session, "--group", "g1", "--method", "tm", "--prompt", "dots",
                "--participant", "p2", "e1=4")
    assert "participant 'p2' item 'e1'" in err and "over the cap of 3" in err
    err = fails(runner, "score", session, "--group", "g1", "--method", "tm", "--prompt", "dots",
                "--participant", "p2", "e1=3", "e2=3")
    assert "participant 'p2'" in err and "6 dots" in err and "budget of 5" in err
    assert Path(session).read_bytes() == before
    score(runner, session, "p1", "dots", "e1=3", "e2=2")
    score(runner, session, "p2", "dots", "e2=3", "e4=2")
    score(runner, session, "p3", "dots", "e4=1")
    data = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt", "dots",
                         "--format", "json").out)
    assert data["rule"] == "dots"
    assert [(r["label"], r["item"], r["score"]) for r in data["rows"]] == [
        ("1", "e2", 5), ("2=", "e1", 3), ("2=", "e4", 3), ("4", "e3", 0)]
    assert sum(r["score"] for r in data["rows"]) == 11  # every dot spent is counted once


def test_ranking_prompt_borda_and_repeats_refused(runner: CliRunner, session: str) -> None:
    before = Path(session).read_bytes()
    err = fails(runner, "score", session, "--group", "g1", "--method", "tm", "--prompt", "order",
                "--participant", "p1", "e1=1", "e2=1")
    assert "participant 'p1' ranks both 'e1' and 'e2' at 1" in err
    assert Path(session).read_bytes() == before
    score(runner, session, "p1", "order", "e1=1", "e2=2", "e3=3", "e4=4")
    score(runner, session, "p2", "order", "e2=1", "e1=2", "e4=3", "e3=4")
    score(runner, session, "p3", "order", "e3=1")  # a partial ballot
    data = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt",
                         "order", "--format", "json").out)
    assert data["rule"] == "borda"  # the method's default 'sum' does not fit rank prompts
    # p1: e1 3, e2 2, e3 1, e4 0; p2: e2 3, e1 2, e4 1, e3 0; p3: e3 3, the rest share (0+1+2)/3 = 1
    assert {r["item"]: r["score"] for r in data["rows"]} == {"e1": 6, "e2": 6, "e3": 4, "e4": 2}
    assert [r["label"] for r in data["rows"]] == ["1=", "1=", "3", "4"]


def test_mean_min_n_and_median(runner: CliRunner, session: str) -> None:
    score(runner, session, "p1", "performance", "e1=10", "e2=6", "e3=5")
    score(runner, session, "p2", "performance", "e2=8", "e3=5")
    score(runner, session, "p3", "performance", "e2=7", "e3=9")
    data = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt",
                         "performance", "--rule", "mean", "--min-n", "2", "--format", "json").out)
    rows = {r["item"]: r for r in data["rows"]}
    assert rows["e2"]["rank"] == 1 and rows["e2"]["score"] == 7 and rows["e2"]["n"] == 3
    assert rows["e3"]["score"] == pytest.approx(19 / 3)
    assert rows["e1"]["eligible"] is False and rows["e1"]["rank"] == 3  # one rater only
    assert "fewer than 2" in rows["e1"]["note"]
    assert rows["e4"]["note"] == "not ranked: no scores"
    median = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt",
                           "performance", "--rule", "median", "--format", "json").out)
    assert [(r["item"], r["score"]) for r in median["rows"][:3]] == [("e1", 10), ("e2", 7), ("e3", 5)]


def test_importance_times_performance(runner: CliRunner, session: str) -> None:
    for person, imp, perf in (("p1", ("e1=3", "e2=1"), ("e1=4", "e2=10")),
                              ("p2", ("e1=3", "e2=2"), ("e1=6", "e2=8"))):
        score(runner, session, person, "importance", *imp)
        score(runner, session, person, "performance", *perf)
    data = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt",
                         "importance", "--rule", "importance_performance", "--second", "performance",
                         "--format", "json").out)
    assert [(r["item"], r["score"]) for r in data["rows"][:2]] == [("e1", 15), ("e2", 13.5)]
    gap = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt",
                        "importance", "--rule", "importance_performance", "--second", "performance",
                        "--gap", "--format", "json").out)
    assert [(r["item"], r["score"]) for r in gap["rows"][:2]] == [("e1", 15), ("e2", 1.5)]


def test_rank_errors_are_one_line(runner: CliRunner, session: str) -> None:
    err = fails(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt", "order",
                "--rule", "mean")
    assert "rule 'mean' ranks score prompts, not rank prompts" in err
    err = fails(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt", "importance",
                "--rule", "nope")
    assert "unknown ranking rule 'nope'" in err
    err = fails(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt", "importance",
                "--tie-break", "top,coin")
    assert "unknown tie-break key 'coin'" in err
    err = fails(runner, "rank", session, "--group", "g9", "--method", "tm", "--prompt", "importance")
    assert "unknown group 'g9'" in err


def test_na_is_not_a_score(runner: CliRunner, session: str) -> None:
    score(runner, session, "p1", "assess", "e1=mostly", "e2=na")
    score(runner, session, "p2", "assess", "e1=Never", "e2=2")
    data = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt",
                         "assess", "--rule", "mean", "--format", "json").out)
    rows = {r["item"]: r for r in data["rows"]}
    assert rows["e2"]["n"] == 1 and rows["e2"]["na"] == 1 and rows["e2"]["score"] == 2
    assert rows["e1"]["n"] == 2 and rows["e1"]["score"] == 2
    assert rows["e3"]["absent"] == 2


def test_criteria(runner: CliRunner, session: str) -> None:
    score(runner, session, "p1", "fit", "--criterion", "fun", "e1=3", "e2=1")
    score(runner, session, "p1", "fit", "--criterion", "safe", "e1=1", "e2=3")
    err = fails(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt", "fit")
    assert "give one of fun, safe" in err
    for criterion, first in (("fun", "e1"), ("safe", "e2")):
        data = json.loads(ok(runner, "rank", session, "--group", "g1", "--method", "tm", "--prompt",
                             "fit", "--criterion", criterion, "--format", "json").out)
        assert data["criterion"] == criterion and data["rows"][0]["item"] == first
