"""The exchange plugin's own tests, using the fixtures of lessonkit.testing."""

from __future__ import annotations

import json

import lessonkit_exchange

from lessonkit.testing import check_method


def test_the_method_passes_the_conformance_check(lessonkit_registry):
    registry = lessonkit_registry(lessonkit_exchange)
    assert check_method(registry.method("exchange"), registry) == []


def test_broad_support_prefers_the_practice_most_rate_well(lessonkit_registry):
    from lessonkit.ranking import rank
    from lessonkit.scores import ScoreTable

    rule = lessonkit_registry(lessonkit_exchange).rules.get("broad_support")
    table = ScoreTable()
    table.set_ballot("p1", {"loved": 5, "liked": 4})
    table.set_ballot("p2", {"loved": 1, "liked": 4})
    table.set_ballot("p3", {"loved": 1, "liked": 4})
    result = rank(table, ["loved", "liked"], rule, low=1, high=5)
    assert [row.item for row in result.rows] == ["liked", "loved"]


def test_equal_shares_are_told_apart_by_the_mean_and_say_so(lessonkit_registry):
    from lessonkit.ranking import rank
    from lessonkit.scores import NA, ScoreTable

    rule = lessonkit_registry(lessonkit_exchange).rules.get("broad_support")
    table = ScoreTable()
    table.set_ballot("p1", {"visits": 5, "clubs": 4, "grants": NA})
    table.set_ballot("p2", {"visits": 5, "clubs": 4, "grants": NA})
    result = rank(table, ["visits", "clubs", "grants"], rule, low=1, high=5, locale="th")
    assert result.row("clubs").separated_by == "mean"
    assert result.row("clubs").note == "อยู่ต่ำกว่า visits เพราะค่าเฉลี่ยต่ำกว่า"
    assert result.row("grants").not_ranked == "all_na"
    assert result.row("grants").note == "ไม่จัดลำดับ: ผู้ประเมินทุกคนตอบว่าไม่เกี่ยวข้อง"


def test_the_whole_flow(lessonkit_runner, tmp_path):
    runner = lessonkit_runner.use(lessonkit_exchange)
    path = tmp_path / "meeting.json"

    def ok(*args):
        result = runner.invoke(*args)
        assert result.exit_code == 0, result.stderr
        return result

    ok("new", path, "--title", "A Caring Family for Every Child", "--locale", "en",
       "--method", "exchange")
    assert "added theme gatekeeping: Gatekeeping" in ok("exchange", "themes", path).stderr
    ok("participant", "add", path, "--group", "gatekeeping", "--count", "3")
    ok("answer", path, "--group", "gatekeeping", "--method", "exchange", "--prompt", "situation",
       "Too many children enter residential care")
    ok("answer", path, "--group", "gatekeeping", "--method", "exchange", "--prompt", "practices",
       "Case conference before placement", "Kinship care grants")
    for person, scores in {"p1": ["1=5", "2=3"], "p2": ["1=4", "2=5"], "p3": ["1=4", "2=na"]}.items():
        ok("score", path, "--group", "gatekeeping", "--method", "exchange", "--prompt", "transferable",
           "--participant", person, *scores)
    ok("answer", path, "--group", "gatekeeping", "--method", "exchange", "--prompt", "plan",
       "action=Gatekeeping committee in every province", "partners=Provincial offices", "year=2567")
    ranking = json.loads(ok("rank", path, "--group", "gatekeeping", "--method", "exchange",
                            "--prompt", "transferable", "--format", "json").stdout)
    assert ranking["rows"][0]["text"] == "Case conference before placement"
    report = ok("report", path, "--format", "md", "--locale", "en").stdout
    assert "Good practices, by broad support" in report
    assert "Gatekeeping committee in every province" in report
    assert "Across the themes" in report
