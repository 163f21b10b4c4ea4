"""``lessonkit ee …`` through click's runner: stdout, stderr and exit codes apart, and a
facilitator's whole EE run from the CLI alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lessonkit import files
from lessonkit.cli import cli

A1 = "รณรงค์ให้แรงงานนอกระบบสมัครเป็นผู้ประกันตนตามมาตรา ๔๐"
A6 = "เชื่อมโยงฐานข้อมูลแรงงานนอกระบบระหว่างหน่วยงาน"
A7 = "ให้ความรู้ด้านความปลอดภัยในการทำงานแก่ผู้รับงานไปทำที่บ้าน"


def ok(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result.stdout


def test_stock_json_matches_the_hand_computation(runner: CliRunner, seeds_file: Path) -> None:
    result = runner.invoke(cli, ["ee", "stock", str(seeds_file), "--group", "g2", "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    part1 = data["part1"]
    assert [(r["score"], r["label"], r["kept"]) for r in part1["rows"]] == [
        (22, "1", True), (20, "2", True), (19, "3", True), (15, "4=", True), (15, "4=", True),
        (12, "6", False), (10, "7", False)]
    assert part1["tie_at_cut"] is True and part1["kept"] == 5 and part1["top_k"] == 4
    first = data["part2"]["rows"][0]
    assert (first["activity"], first["mean"], first["n"], first["important_but_low"]) == (A1, 4.5, 8, True)


def test_stock_table_says_what_happens_at_the_cut(runner: CliRunner, seeds_file: Path) -> None:
    out = ok(runner, "ee", "stock", str(seeds_file), "--group", "g2", "--locale", "en")
    assert "Activities tied at the cut are all kept: 5 activities instead of 4." in out
    assert "important, rated low" in out and "raters disagree" in out


def test_settings_change_and_refuse(runner: CliRunner, seeds_file: Path) -> None:
    ok(runner, "ee", "settings", str(seeds_file), "--top-k", "3", "--prioritisation", "dots")
    data = json.loads(ok(runner, "ee", "settings", str(seeds_file), "--json"))
    assert (data["prioritisation"], data["top_k"]) == ("dots", 3)
    before = seeds_file.read_bytes()
    result = runner.invoke(cli, ["ee", "settings", str(seeds_file), "--top-k", "0"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.strip() == "Error: top_k must be a whole number of 1 or more (got 0) @ settings.ee.top_k"
    assert seeds_file.read_bytes() == before
    result = runner.invoke(cli, ["ee", "settings", str(seeds_file), "--prioritisation", "votes"])
    assert result.exit_code == 2 and "'votes' is not one of 'importance', 'dots'" in result.stderr


def test_stock_unknown_group(runner: CliRunner, seeds_file: Path) -> None:
    result = runner.invoke(cli, ["ee", "stock", str(seeds_file), "--group", "g9"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith("Error: unknown group 'g9' (known: g1, g2, g3, g4)")
    assert len(result.stderr.strip().splitlines()) == 1


def test_check_reports_missing_plans_and_exits_1(runner: CliRunner, seeds_file: Path) -> None:
    result = runner.invoke(cli, ["ee", "check", str(seeds_file), "--locale", "en"])
    assert result.exit_code == 1
    assert result.stdout.strip() == f"g2: Kept activity without a plan: {A6}"
    assert result.stderr.strip() == "Error: 1 plan problem(s)"
    data = json.loads(runner.invoke(cli, ["ee", "check", str(seeds_file), "--format", "json"]).stdout)
    assert data["complete"] is False
    assert data["groups"][1]["problems"] == [{"kind": "no_plan", "activity": A6, "row": None}]


def test_merge(runner: CliRunner, seeds_file: Path) -> None:
    ok(runner, "answer", str(seeds_file), "--group", "g2", "--method", "ee", "--prompt", "objectives",
       "เพื่อให้แรงงานสามารถเข้าถึงการคุ้มครองทางสังคมได้อย่างทั่วถึง ")
    result = runner.invoke(cli, ["ee", "merge", str(seeds_file), "--group", "g2"])
    assert result.exit_code == 0 and result.stdout == ""
    assert "1" in result.stderr
    group = files.load(seeds_file).group("g2")
    assert len(group.entries_for("ee", "mission", "objectives")) == 1


def make_followup(runner: CliRunner, seeds_file: Path, tmp_path: Path) -> Path:
    """A follow-up built with the CLI: the same group re-lists its activities (A7 dropped,
    one added) and re-rates A1 higher."""
    follow = tmp_path / "followup.json"
    ok(runner, "new", str(follow), "--title", "Follow-up", "--method", "ee", "--locale", "en")
    ok(runner, "group", "add", str(follow), "g2", "--name", "การคุ้มครองทางสังคมสำหรับวัยแรงงาน")
    baseline = files.load(seeds_file).group("g2")
    texts = [e.text for e in baseline.entries_for("ee", "taking_stock", "activities") if e.text != A7]
    ok(runner, "answer", str(follow), "--group", "g2", "--method", "ee", "--prompt", "activities",
       *texts, "ระบบแจ้งเตือนการส่งเงินสมทบ")
    ok(runner, "participant", "add", str(follow), "--group", "g2", "--count", "2")
    for person, scores in (("p1", ["3", "2", "2", "3", "1", "1", "1"]),
                           ("p2", ["3", "2", "1", "2", "1", "1", "2"])):
        ok(runner, "score", str(follow), "--group", "g2", "--method", "ee", "--prompt", "importance",
           "--participant", person, *[f"{i}={s}" for i, s in enumerate(scores, start=1)])
    ok(runner, "score", str(follow), "--group", "g2", "--method", "ee", "--prompt", "rating",
       "--participant", "p1", "1=8")
    ok(runner, "score", str(follow), "--group", "g2", "--method", "ee", "--prompt", "rating",
       "--participant", "p2", "1=7")
    return follow


def test_compare_side_by_side(runner: CliRunner, seeds_file: Path, tmp_path: Path) -> None:
    follow = make_followup(runner, seeds_file, tmp_path)
    result = runner.invoke(cli, ["ee", "compare", str(seeds_file), str(follow), "--group", "g2",
                                 "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    data = json.loads(result.stdout)
    (g2,) = data["groups"]
    assert g2["dropped"] == [A7] and g2["added"] == ["ระบบแจ้งเตือนการส่งเงินสมทบ"]
    a1 = next(a for a in g2["activities"] if a["activity"] == A1)
    assert a1["baseline"] == {"mean": 4.5, "n": 8, "rank": "1"}
    assert a1["followup"] == {"mean": 7.5, "n": 2, "rank": "1"}
    assert a1["mean_change"] == 3 and a1["rank_change"] == 0
    table = ok(runner, "ee", "compare", str(seeds_file), str(follow), "--locale", "en")
    assert "Baseline Mean" in table and "+3" in table and "dropped" in table and "added" in table
    # group g1, g3, g4 are only in the baseline: said on stderr, the table on stdout
    result = runner.invoke(cli, ["ee", "compare", str(seeds_file), str(follow), "--locale", "en"])
    assert result.stderr.strip() == "Groups only in Baseline: g1, g3, g4"


def test_compare_bad_input(runner: CliRunner, seeds_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["ee", "compare", str(seeds_file), str(seeds_file), "--group", "g9"])
    assert result.exit_code == 1 and result.stdout == ""
    assert "unknown group 'g9'" in result.stderr and str(seeds_file) in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    result = runner.invoke(cli, ["ee", "compare", str(seeds_file), str(broken)])
    assert result.exit_code == 1 and result.stdout == ""
    assert "broken.json" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = runner.invoke(cli, ["ee", "compare", str(seeds_file)])
    assert result.exit_code == 2


@pytest.mark.parametrize("variant", ["importance", "dots"])
def test_a_facilitator_runs_all_three_steps_from_the_cli(runner: CliRunner, tmp_path: Path,
                                                         variant: str) -> None:
    ws = str(tmp_path / "ws.json")
    ok(runner, "new", ws, "--title", "ถอดบทเรียน", "--method", "ee", "--locale", "th")
    ok(runner, "group", "add", ws, "g1", "--name", "กลุ่มทดลอง", "--member", "หน่วยงาน ก")
    ok(runner, "ee", "settings", ws, "--prioritisation", variant, "--top-k", "2")
    ok(runner, "answer", ws, "--group", "g1", "--method", "ee", "--prompt", "objectives", "วัตถุประสงค์ ๑")
    ok(runner, "answer", ws, "--group", "g1", "--method", "ee", "--prompt", "goals", "เป้าหมาย ๑")
    ok(runner, "answer", ws, "--group", "g1", "--method", "ee", "--prompt", "activities",
       "กิจกรรม ก", "กิจกรรม ข", "กิจกรรม ค")
    ok(runner, "participant", "add", ws, "--group", "g1", "--count", "2")
    if variant == "importance":
        ballots = {"p1": ["1=3", "2=1", "3=2"], "p2": ["1=2", "2=1", "3=3"]}   # 5, 2, 5
    else:
        ballots = {"p1": ["1=3", "3=2"], "p2": ["1=1", "2=1", "3=2"]}        # 4, 1, 4
    for person, pairs in ballots.items():
        ok(runner, "score", ws, "--group", "g1", "--method", "ee", "--prompt", variant,
           "--participant", person, *pairs)
    for person, pairs in {"p1": ["1=๔", "3=9"], "p2": ["1=6", "3=8"]}.items():
        ok(runner, "score", ws, "--group", "g1", "--method", "ee", "--prompt", "rating",
           "--participant", person, *pairs)
    ok(runner, "answer", ws, "--group", "g1", "--method", "ee", "--prompt", "plan",
       "activity=กิจกรรม ก", "goal=ขยายผล", "evidence=จำนวนผู้เข้าร่วม", "owner=หน่วยงาน ก",
       "due=๓๑ มีนาคม ๒๕๖๑")
    result = runner.invoke(cli, ["ee", "check", ws, "--locale", "en"])
    assert result.exit_code == 1 and "Kept activity without a plan: กิจกรรม ค" in result.stdout
    ok(runner, "answer", ws, "--group", "g1", "--method", "ee", "--prompt", "plan",
       "activity=3", "goal=ปรับปรุง", "evidence=รายงาน")
    assert "Every kept activity has a plan" in ok(runner, "ee", "check", ws, "--locale", "en")
    stock = json.loads(ok(runner, "ee", "stock", ws, "--group", "g1", "--format", "json"))
    assert [(r["activity"], r["label"], r["kept"]) for r in stock["part1"]["rows"]] == [
        ("กิจกรรม ก", "1=", True), ("กิจกรรม ค", "1=", True), ("กิจกรรม ข", "3", False)]
    assert [(r["mean"], r["n"]) for r in stock["part2"]["rows"]] == [(5, 2), (8.5, 2)]
    for locale in ("th", "en"):
        for fmt in ("md", "html", "txt", "json"):
            out = ok(runner, "report", ws, "--format", fmt, "--locale", locale)
            assert "กิจกรรม ค" in out and "กลุ่มทดลอง" in out
        docx = tmp_path / f"report-{locale}.docx"
        ok(runner, "report", ws, "-o", str(docx), "--locale", locale)
        assert docx.read_bytes()[:2] == b"PK"
    th = ok(runner, "report", ws, "--format", "txt", "--locale", "th")
    assert "ขั้นตอนที่ ๒ ตรวจสอบต้นทุน : กลุ่มทดลอง" in th
    en = ok(runner, "report", ws, "--format", "md", "--locale", "en")
    assert "Part II: rating and dialogue" in en and "Step 3: Planning for the future — กลุ่มทดลอง" in en
