"""The Empowerment Evaluation plugin: worked examples checked by hand, ties at the cut,
plan checks, baseline comparison, the report sections and bad input."""

from __future__ import annotations

import copy
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lessonkit import Session, ValidationError, files, workshop
from lessonkit.errors import NotFoundError
from lessonkit.plugins import Registry
from lessonkit.report import Chart, Note, NumberedList, Table, build_report, iter_sections
from lessonkit_ee import analysis

# The seeds' group 2, as built by examples/seeds-workshop.sh: 7 activities, 8 participants.
A1 = "รณรงค์ให้แรงงานนอกระบบสมัครเป็นผู้ประกันตนตามมาตรา ๔๐"
A2 = "หน่วยรับสมัครเคลื่อนที่ในตลาดและชุมชน"
A3 = "สำรวจข้อมูลแรงงานนอกระบบ"
A4 = "ส่งเสริมการออมผ่านกองทุนการออมแห่งชาติ (กอช.)"
A5 = "ฝึกอบรมอาชีพและพัฒนาทักษะแรงงานนอกระบบ"
A6 = "เชื่อมโยงฐานข้อมูลแรงงานนอกระบบระหว่างหน่วยงาน"
A7 = "ให้ความรู้ด้านความปลอดภัยในการทำงานแก่ผู้รับงานไปทำที่บ้าน"


@pytest.fixture
def seeds(seeds_file: Path) -> Session:
    return files.load(seeds_file)


def small_session(registry: Registry, activities: list[str], people: int) -> Session:
    session = workshop.new_session(registry, "EE test", methods=["ee"], locale="en")
    workshop.add_group(session, "g", "Test group")
    workshop.add_answers(session, registry, "g", "ee", "activities", activities)
    for i in range(people):
        workshop.add_participant(session, "g", f"p{i + 1}")
    return session


def score(session: Session, registry: Registry, prompt: str, ballots: dict[str, dict[str, int]]) -> None:
    for person, ballot in ballots.items():
        workshop.set_scores(session, registry, "g", "ee", prompt, person,
                            {k: v for k, v in ballot.items()})


# --------------------------------------------------------------------------- part I


def test_seeds_importance_ranking_matches_hand_computation(seeds: Session) -> None:
    # By hand, summing the 8 participants' 1–3 scores of examples/seeds-workshop.sh:
    # A1 3+3+3+2+3+3+2+3 = 22, A2 2+3+2+2+3+2+2+3 = 19, A3 2+2+1+3+2+2+1+2 = 15,
    # A4 3+2+3+2+2+3+3+2 = 20, A5 1+2+2+1+2+1+2+1 = 12, A6 2+2+2+3+2+2+1+1 = 15,
    # A7 1+1+2+1+1+2+1+1 = 10; competition ranks 1, 2, 3, 4=, 4=, 6, 7.
    priority = analysis.prioritise(seeds, seeds.group("g2"))
    assert priority.variant == "importance"
    assert [(r.text, r.score, r.n, r.label) for r in priority.rows] == [
        (A1, 22, 8, "1"), (A4, 20, 8, "2"), (A2, 19, 8, "3"), (A3, 15, 8, "4="),
        (A6, 15, 8, "4="), (A5, 12, 8, "6"), (A7, 10, 8, "7"),
    ]
    # The example keeps the top 4; A3 and A6 tie at the cut, so both are kept: 5, not 4.
    assert priority.top_k == 4
    assert [r.text for r in priority.kept] == [A1, A4, A2, A3, A6]
    assert priority.tie_at_cut is True


def test_top_k_without_a_tie_at_the_cut(seeds: Session) -> None:
    priority = analysis.prioritise(seeds, seeds.group("g2"), top_k=3)
    assert [r.text for r in priority.kept] == [A1, A4, A2]
    assert priority.tie_at_cut is False


def test_top_k_default_is_ten(registry: Registry) -> None:
    names = [f"activity {i}" for i in range(1, 13)]
    session = small_session(registry, names, 1)
    score(session, registry, "importance", {"p1": {str(i): 1 + (i % 3) for i in range(1, 13)}})
    priority = analysis.prioritise(session, session.group("g"))
    assert priority.top_k == 10
    # scores 2,3,1,2,3,1,…: four 3s (rank 1=), four 2s (rank 5=), four 1s (rank 9=):
    # the cut at 10 falls inside the tie of 1s, so all 12 are kept.
    assert len(priority.kept) == 12 and priority.tie_at_cut


def test_dots_variant_worked_example(registry: Registry) -> None:
    session = small_session(registry, ["A", "B", "C", "D", "E"], 3)
    session.settings["ee"] = {"prioritisation": "dots", "top_k": 3}
    score(session, registry, "dots", {
        "p1": {"A": 3, "B": 2},
        "p2": {"B": 5},
        "p3": {"A": 1, "C": 2, "D": 2},
    })
    priority = analysis.prioritise(session, session.group("g"))
    # By hand: B 2+5 = 7, A 3+1 = 4, C 2, D 2, E no dots.
    assert priority.variant == "dots"
    assert [(r.text, r.score, r.label) for r in priority.rows] == [
        ("B", 7, "1"), ("A", 4, "2"), ("C", 2, "3="), ("D", 2, "3="), ("E", 0, "5"),
    ]
    assert [r.text for r in priority.kept] == ["B", "A", "C", "D"]
    assert priority.tie_at_cut
    # An activity without dots is never kept, however large k is.
    wide = analysis.prioritise(session, session.group("g"), top_k=10)
    assert [r.text for r in wide.kept] == ["B", "A", "C", "D"] and not wide.tie_at_cut


def test_dots_over_budget_is_refused(registry: Registry) -> None:
    session = small_session(registry, ["A", "B"], 1)
    with pytest.raises(ValidationError, match="budget of 5"):
        score(session, registry, "dots", {"p1": {"A": 4, "B": 2}})


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 6), min_size=1, max_size=12), st.integers(1, 12))
def test_the_cut_keeps_every_activity_tied_at_the_boundary(sums: list[int], k: int) -> None:
    labels = analysis.competition_labels([float(s) for s in sums])
    kept = [i for i, (rank, _label) in enumerate(labels) if rank <= k and sums[i] > 0]
    # Everything kept scores at least as much as everything left out (with a positive score) …
    left = [sums[i] for i in range(len(sums)) if i not in kept and sums[i] > 0]
    if kept and left:
        assert min(sums[i] for i in kept) > max(left)
    # … at least min(k, positive) are kept, and more only through a tie at the cut.
    positive = sum(1 for s in sums if s > 0)
    assert len(kept) >= min(k, positive)
    if len(kept) > k:
        lowest = min(sums[i] for i in kept)
        assert sum(1 for s in sums if s == lowest) > 1
    # competition rank = 1 + the number strictly ahead
    for i, (rank, label) in enumerate(labels):
        assert rank == 1 + sum(1 for s in sums if s > sums[i])
        assert label.endswith("=") == (sums.count(sums[i]) > 1)


# --------------------------------------------------------------------------- part II


def test_seeds_rating_mean_n_spread_and_flags(seeds: Session) -> None:
    rating = analysis.rate(seeds, seeds.group("g2"))
    by_text = {r.text: r for r in rating.rows}
    assert list(by_text) == [A1, A4, A2, A3, A6]  # the kept activities, in priority order
    # By hand: A1 ratings 4 5 3 4 6 5 4 5 → 36 / 8 = 4.5; A2 3 8 2 9 4 7 3 8 → 44 / 8 = 5.5.
    assert by_text[A1].mean == pytest.approx(4.5) and by_text[A1].n == 8
    assert by_text[A2].mean == pytest.approx(5.5)
    assert by_text[A3].mean == pytest.approx(6.75)
    assert by_text[A4].mean == pytest.approx(6.0)
    assert by_text[A6].mean == pytest.approx(3.25)
    a2 = [3, 8, 2, 9, 4, 7, 3, 8]
    assert by_text[A2].spread == pytest.approx(math.sqrt(sum((v - 5.5) ** 2 for v in a2) / 8))
    # Important (top half of the kept: ranks 1–3) and rated 5 or less: only A1.
    # A6 is rated lower still but ranks 4=, in the lower half.
    assert [r.text for r in rating.low] == [A1]
    # The widest spread (2.6) is A2's.
    assert [r.text for r in rating.disputed] == [A2]


def test_rating_counts_only_present_scores(registry: Registry) -> None:
    session = small_session(registry, ["A", "B"], 3)
    score(session, registry, "importance", {"p1": {"A": 3, "B": 1}})
    score(session, registry, "rating", {"p1": {"A": 2, "B": 9}, "p2": {"A": 4}, "p3": {"A": 9}})
    rows = {r.text: r for r in analysis.rate(session, session.group("g")).rows}
    assert (rows["A"].mean, rows["A"].n) == (pytest.approx(5.0), 3)
    assert (rows["B"].mean, rows["B"].n, rows["B"].spread) == (9.0, 1, 0.0)
    assert rows["A"].disagreement and not rows["B"].disagreement  # one rater cannot disagree


def test_rating_before_part_one_shows_every_activity(registry: Registry) -> None:
    session = small_session(registry, ["A", "B"], 1)
    rows = analysis.rate(session, session.group("g")).rows
    assert [(r.text, r.mean, r.n, r.priority_rank) for r in rows] == [("A", None, 0, None),
                                                                       ("B", None, 0, None)]


def test_rating_out_of_range_is_refused(registry: Registry) -> None:
    session = small_session(registry, ["A"], 1)
    with pytest.raises(ValidationError, match="11 is above the scale's maximum 10"):
        score(session, registry, "rating", {"p1": {"A": 11}})


# --------------------------------------------------------------------------- mission


def test_mission_merges_duplicates(registry: Registry) -> None:
    session = small_session(registry, ["A"], 0)
    workshop.add_answers(session, registry, "g", "ee", "objectives",
                         ["Children know their rights", "children  KNOW their rights", "Less inequality"],
                         tags=["t1"])
    workshop.add_answers(session, registry, "g", "ee", "goals", ["A database", "a database"])
    workshop.add_answers(session, registry, "g", "ee", "objectives", ["Less inequality"], tags=["t2"])
    group = session.group("g")
    found = analysis.mission(group)
    assert found.objectives == ("Children know their rights", "Less inequality")
    assert found.goals == ("A database",)
    assert found.merged == 3
    removed = analysis.merge_mission_duplicates(group)
    assert len(removed) == 3
    assert [e.text for e in group.entries_for("ee", "mission", "objectives")] == [
        "Children know their rights", "Less inequality"]
    assert group.entries_for("ee", "mission", "objectives")[1].tags == ["t1", "t2"]
    assert analysis.mission(group).merged == 0


def test_normalise_repairs_pdf_thai_and_folds_case() -> None:
    assert analysis.normalise("  กำาหนด  ภารกิจ ") == analysis.normalise("กำหนด ภารกิจ")
    assert analysis.normalise("Savings FUND") == "savings fund"


# --------------------------------------------------------------------------- planning


def test_seeds_plan_lacks_only_activity_six(seeds: Session) -> None:
    problems = analysis.plan_problems(seeds, seeds.group("g2"))
    assert [(p.kind, p.activity, p.row) for p in problems] == [("no_plan", A6, None)]


def test_plan_rows_without_evidence_and_unknown_activities(registry: Registry, seeds: Session) -> None:
    group = seeds.group("g2")
    workshop.add_answers(seeds, registry, "g2", "ee", "plan", ["activity=6", "goal=one database"])
    workshop.add_answers(seeds, registry, "g2", "ee", "plan",
                         ["activity=Something else", "goal=x", "evidence=y"])
    problems = analysis.plan_problems(seeds, group)
    assert [(p.kind, p.activity, p.row) for p in problems] == [
        ("no_evidence", A6, 5),                      # activity 6, by its number, has no evidence
        ("unknown_activity", "Something else", 6),   # not in the list
    ]


def test_plan_complete(registry: Registry) -> None:
    session = small_session(registry, ["A", "B"], 1)
    score(session, registry, "importance", {"p1": {"A": 3, "B": 2}})
    for name in ("a", "B "):
        workshop.add_answers(session, registry, "g", "ee", "plan",
                             [f"activity={name}", "goal=g", "evidence=e"])
    assert analysis.plan_problems(session, session.group("g")) == []


# --------------------------------------------------------------------------- comparison


def followup_of(seeds: Session, registry: Registry) -> Session:
    """A follow-up: A7 dropped, a new activity added, A1 rated higher by 6 raters."""
    follow = copy.deepcopy(seeds)
    group = follow.group("g2")
    a7 = next(e for e in group.entries if e.text == A7)
    group.entries.remove(a7)
    for table in group.scores.values():
        table.drop_item(a7.id)
    workshop.add_answers(follow, registry, "g2", "ee", "activities", ["  ระบบแจ้งเตือนการส่งเงินสมทบ "])
    a1 = next(e for e in group.entries if e.text == A1)
    table = group.scores["ee/taking_stock/rating"]
    for person in ("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8"):
        table.set(person, a1.id, None)
    for person in ("p1", "p2", "p3", "p4", "p5", "p6"):
        table.set(person, a1.id, 7)
    # A5 becomes more important: p1–p4 now give 3 (was 1, 2, 2, 1): 12 + 6 = 18, rank 6 → 4
    importance = group.scores["ee/taking_stock/importance"]
    a5 = next(e for e in group.entries if e.text == A5)
    for person in ("p1", "p2", "p3", "p4"):
        importance.set(person, a5.id, 3)
    return follow


def test_compare_with_added_and_dropped(seeds: Session, registry: Registry) -> None:
    follow = followup_of(seeds, registry)
    result = analysis.compare(seeds, follow, group="g2")
    (g2,) = result.groups
    by_text = {c.text: c for c in g2.changes}
    a1 = by_text[A1]
    assert (a1.baseline_mean, a1.baseline_n, a1.followup_mean, a1.followup_n) == (4.5, 8, 7.0, 6)
    assert a1.mean_change == pytest.approx(2.5)
    assert (a1.baseline_rank, a1.followup_rank, a1.rank_change) == ("1", "1", 0)
    a5 = by_text[A5]
    assert (a5.baseline_rank, a5.followup_rank, a5.rank_change) == ("6", "4", 2)
    assert [c.text for c in g2.dropped] == [A7]
    assert [c.text for c in g2.added] == ["ระบบแจ้งเตือนการส่งเงินสมทบ"]
    assert by_text[A7].followup_n == 0 and by_text[A7].mean_change is None
    data = result.to_data()
    assert data["groups"][0]["added"] == ["ระบบแจ้งเตือนการส่งเงินสมทบ"]


def test_compare_matches_by_normalised_text(seeds: Session, registry: Registry) -> None:
    follow = copy.deepcopy(seeds)
    entry = next(e for e in follow.group("g2").entries if e.text == A4)
    entry.text = "  ส่งเสริมการออมผ่านกองทุนการออมแห่งชาติ   (กอช.) "
    g2 = analysis.compare(seeds, follow, group="g2").groups[0]
    assert not g2.added and not g2.dropped
    assert all(c.mean_change in (None, 0) for c in g2.changes)


def test_compare_every_group_and_groups_in_one_session(seeds: Session) -> None:
    follow = copy.deepcopy(seeds)
    follow.groups = [g for g in follow.groups if g.key != "g4"]
    result = analysis.compare(seeds, follow)
    assert [g.key for g in result.groups] == ["g1", "g2", "g3"]
    assert result.only_baseline == ("g4",) and result.only_followup == ()


def test_compare_unknown_group(seeds: Session) -> None:
    with pytest.raises(NotFoundError, match=r"unknown group 'g9' \(known: g1, g2, g3, g4\) @ base.json"):
        analysis.compare(seeds, seeds, group="g9", baseline_name="base.json")


# --------------------------------------------------------------------------- settings


@pytest.mark.parametrize(("raw", "message"), [
    ({"prioritisation": "votes"}, r"prioritisation 'votes' is not one of importance, dots @ settings.ee.prioritisation"),
    ({"top_k": 0}, r"top_k must be a whole number of 1 or more \(got 0\) @ settings.ee.top_k"),
    ({"top_k": "3"}, r"top_k must be a whole number of 1 or more \(got '3'\)"),
    ({"topk": 3}, r"unknown EE setting 'topk'"),
    ({"low_rating": -1}, r"low_rating must be a number of 0 or more \(got -1\)"),
])
def test_bad_settings_are_refused(seeds: Session, raw: dict[str, object], message: str) -> None:
    seeds.settings["ee"] = raw
    with pytest.raises(ValidationError, match=message):
        analysis.prioritise(seeds, seeds.group("g2"))


# --------------------------------------------------------------------------- report


def ee_sections(doc: object, group_key: str) -> dict[str, object]:
    return {s.key: s for _d, s in iter_sections(doc.chapters)  # type: ignore[attr-defined]
            if s.key and s.key.startswith(f"ee.{group_key}.")}


@pytest.mark.parametrize("locale", ["th", "en"])
def test_report_sections_mirror_the_seeds(seeds: Session, registry: Registry, locale: str) -> None:
    doc = build_report(seeds, registry, locale=locale, group="g2", draft=True)
    sections = ee_sections(doc, "g2")
    assert list(sections) == ["ee.g2.mission", "ee.g2.taking_stock", "ee.g2.part1", "ee.g2.part2",
                              "ee.g2.planning"]
    mission = sections["ee.g2.mission"]
    # The heading names the group from the data (the seeds' printed heading names group 1).
    assert "การคุ้มครองทางสังคมสำหรับวัยแรงงาน" in mission.title  # type: ignore[attr-defined]
    assert "เด็ก" not in mission.title  # type: ignore[attr-defined]
    lists = [b for b in mission.blocks if isinstance(b, NumberedList)]  # type: ignore[attr-defined]
    assert [len(b.items) for b in lists] == [1, 1]
    part1 = sections["ee.g2.part1"]
    table = next(b for b in part1.blocks if isinstance(b, Table))  # type: ignore[attr-defined]
    ranks = [row[3] for row in table.rows]
    if locale == "th":
        assert ranks == ["๑", "๒", "๓", "๔=", "๔=", "๖", "๗"]
    else:
        assert ranks == ["1", "2", "3", "4=", "4=", "6", "7"]
    assert [row[1] for row in table.rows] == [22, 20, 19, 15, 15, 12, 10]
    assert any(isinstance(b, Note) for b in part1.blocks)  # type: ignore[attr-defined]  # the tie
    part2 = sections["ee.g2.part2"]
    table2 = next(b for b in part2.blocks if isinstance(b, Table))  # type: ignore[attr-defined]
    assert table2.rows[0][:3] == (A1, 4.5, 8)
    chart = next(b for b in part2.blocks if isinstance(b, Chart))  # type: ignore[attr-defined]
    assert chart.maximum == 10 and chart.values[0] == 4.5
    warnings = [b for b in part2.blocks if isinstance(b, Note)]  # type: ignore[attr-defined]
    assert any(A1 in w.text for w in warnings) and any(A2 in w.text for w in warnings)
    planning = sections["ee.g2.planning"]
    notes = [b.text for b in planning.blocks if isinstance(b, Note)]  # type: ignore[attr-defined]
    assert len(notes) == 1 and A6 in notes[0]


def test_report_includes_the_baseline_comparison(seeds: Session, registry: Registry,
                                                 tmp_path: Path) -> None:
    follow = followup_of(seeds, registry)
    baseline = tmp_path / "baseline.json"
    files.save(seeds, baseline)
    follow.settings["ee"] = {**follow.settings.get("ee", {}), "baseline": str(baseline)}
    doc = build_report(follow, registry, locale="en", group="g2")
    section = ee_sections(doc, "g2")["ee.g2.compare"]
    table = next(b for b in section.blocks if isinstance(b, Table))  # type: ignore[attr-defined]
    row = next(r for r in table.rows if r[0] == A1)
    assert row[1:6] == (4.5, 8, 7, 6, 2.5)
    notes = " ".join(b.text for b in section.blocks if isinstance(b, Note))  # type: ignore[attr-defined]
    assert "Dropped since the baseline" in notes and A7 in notes


def test_report_with_a_missing_baseline_is_an_error(seeds: Session, registry: Registry,
                                                    tmp_path: Path) -> None:
    """Not a hint inside a report that exits 0 (issue 13): the report is not built."""
    from lessonkit.errors import ReportInputError

    seeds.settings["ee"] = {**seeds.settings.get("ee", {}), "baseline": str(tmp_path / "nope.json")}
    with pytest.raises(ReportInputError, match=r"settings\.ee\.baseline: no such file: .*nope\.json"):
        build_report(seeds, registry, locale="en", group="g2")


@pytest.mark.parametrize("fmt", ["md", "html", "txt", "json", "docx"])
@pytest.mark.parametrize("locale", ["th", "en"])
def test_report_renders_in_every_format(seeds: Session, registry: Registry, fmt: str,
                                        locale: str) -> None:
    doc = build_report(seeds, registry, locale=locale)
    result = registry.renderers.get(fmt)(doc, {})
    assert result
    if isinstance(result, str):
        assert "สำรวจข้อมูลแรงงานนอกระบบ" in result


# --------------------------------------------------------------------------- the core engine


@pytest.mark.parametrize("prompt", ["importance", "dots", "rating"])
def test_agrees_with_the_core_ranking_engine(registry: Registry, prompt: str) -> None:
    from lessonkit.ranking import rank_prompt

    session = small_session(registry, ["A", "B", "C", "D"], 3)
    session.settings["ee"] = {"prioritisation": "dots" if prompt == "dots" else "importance"}
    ballots = {
        "importance": {"p1": {"A": 3, "B": 1, "C": 2, "D": 2}, "p2": {"A": 2, "B": 3, "C": 2},
                       "p3": {"A": 1, "B": 2, "C": 2, "D": 3}},
        "dots": {"p1": {"A": 3, "B": 2}, "p2": {"C": 5}, "p3": {"A": 1, "B": 2, "D": 1}},
        "rating": {"p1": {"A": 3, "B": 9, "C": 5, "D": 5}, "p2": {"A": 7, "B": 8},
                   "p3": {"A": 4, "C": 6, "D": 5}},
    }[prompt]
    score(session, registry, prompt, ballots)
    if prompt == "rating":
        score(session, registry, "importance", {"p1": {"A": 1, "B": 1, "C": 1, "D": 1}})
    core = {r.text: r for r in rank_prompt(session, registry, "g", "ee", prompt).rows}
    group = session.group("g")
    if prompt == "rating":
        for row in analysis.rate(session, group).rows:
            assert (row.mean, row.n) == (pytest.approx(core[row.text].score), core[row.text].n)
            assert row.spread == pytest.approx(core[row.text].spread)
    else:
        for prow in analysis.prioritise(session, group).rows:
            assert (prow.score, prow.n, prow.label) == (core[prow.text].score, core[prow.text].n,
                                                        core[prow.text].label)
