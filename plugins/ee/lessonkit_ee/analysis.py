"""Empowerment Evaluation's arithmetic: mission lists, taking stock, plan checks, comparison.

Plain functions over a :class:`lessonkit.Session` — no click, no I/O — so the
CLI, the report and host programs share one implementation.

* **Mission** (:func:`mission`): objectives and goals with duplicates merged
  (same text after :func:`normalise`); :func:`merge_mission_duplicates`
  removes the duplicates from the session for good.
* **Taking stock, part I** (:func:`prioritise`): the seeds' variant sums the
  1–3 importance scores; Fetterman's sums the dots. Ranks are competition
  ranks (``1, 2=, 2=, 4``), as :func:`lessonkit.ranking.rank_prompt` gives them
  (``n`` is the number of scores; with dots, everyone who voted). The top *k* (default 10) are kept: every activity
  whose rank is *k* or better, so **activities tied at the cut are all kept**
  and the result says so (``tie_at_cut``). An activity nobody scored, or with
  no dots, is never kept.
* **Part II** (:func:`rate`): mean, n and spread (population standard
  deviation) of the 1–10 ratings of the kept activities, with two flags:
  *important but low* (in the better half of the kept activities by priority
  and mean rating at or below ``low_rating``, default 5) and *disagreement*
  (the largest spread among activities with at least two raters, or any spread
  of ``disagreement`` (default 2.5) or more).
* **Planning** (:func:`plan_problems`): every kept activity has a plan row;
  every plan row names a known activity and has evidence.
* **Comparison** (:func:`compare`): a follow-up session against its baseline,
  activities matched by normalised text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from lessonkit import Entry, Group, NotFoundError, Session, ValidationError
from lessonkit.scores import data_number
from lessonkit.workshop import clean_text

__all__ = [
    "KEY",
    "ActivityChange",
    "Comparison",
    "GroupComparison",
    "Mission",
    "Priority",
    "PriorityRow",
    "Rating",
    "RatingRow",
    "Settings",
    "compare",
    "kept_activities",
    "merge_mission_duplicates",
    "mission",
    "normalise",
    "plan_problems",
    "prioritise",
    "rate",
    "settings",
]

#: The method's key.
KEY = "ee"
PRIORITISATIONS = ("importance", "dots")
DEFAULTS: dict[str, Any] = {
    "prioritisation": "importance",
    "top_k": 10,
    "low_rating": 5,
    "disagreement": 2.5,
}


def normalise(text: str) -> str:
    """The form texts are matched by: cleaned (NFC, Thai PDF repair), spaces collapsed, casefolded."""
    return " ".join(clean_text(text).split()).casefold()


# --------------------------------------------------------------------------- settings


@attrs.frozen
class Settings:
    """The session's EE options (``settings["ee"]``), checked."""

    prioritisation: str = "importance"
    top_k: int = 10
    low_rating: float = 5
    disagreement: float = 2.5


def settings(session: Session) -> Settings:
    """Read and check ``session.settings["ee"]``; a bad value raises :class:`ValidationError`."""
    raw = session.settings.get(KEY, {})
    if not isinstance(raw, Mapping):
        raise ValidationError(f"EE settings must be an object (got {raw!r})", where="settings.ee")
    known = set(DEFAULTS) | {"baseline"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise ValidationError(f"unknown EE setting {unknown[0]!r} (known: {', '.join(sorted(known))})",
                              where="settings.ee")
    values = {**DEFAULTS, **{k: v for k, v in raw.items() if k in DEFAULTS}}
    return make_settings(**values)


def make_settings(prioritisation: Any = "importance", top_k: Any = 10, low_rating: Any = 5,
                  disagreement: Any = 2.5) -> Settings:
    """Check EE settings given one by one (the CLI's options use this too)."""
    if prioritisation not in PRIORITISATIONS:
        raise ValidationError(
            f"prioritisation {prioritisation!r} is not one of {', '.join(PRIORITISATIONS)}",
            where="settings.ee.prioritisation")
    if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
        raise ValidationError(f"top_k must be a whole number of 1 or more (got {top_k!r})",
                              where="settings.ee.top_k")
    for name, value in (("low_rating", low_rating), ("disagreement", disagreement)):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or value < 0:
            raise ValidationError(f"{name} must be a number of 0 or more (got {value!r})",
                                  where=f"settings.ee.{name}")
    return Settings(prioritisation=prioritisation, top_k=top_k, low_rating=float(low_rating),
                    disagreement=float(disagreement))


# --------------------------------------------------------------------------- mission


@attrs.frozen
class Mission:
    """A group's objectives and goals, duplicates merged; ``merged`` counts what was merged."""

    objectives: tuple[str, ...]
    goals: tuple[str, ...]
    merged: int = 0


def _unique(entries: Iterable[Entry]) -> tuple[list[Entry], list[Entry]]:
    """(first entry of each distinct text, the later duplicates)."""
    seen: set[str] = set()
    keep: list[Entry] = []
    dupes: list[Entry] = []
    for entry in entries:
        norm = normalise(entry.text)
        if not norm:
            continue
        if norm in seen:
            dupes.append(entry)
        else:
            seen.add(norm)
            keep.append(entry)
    return keep, dupes


def mission(group: Group) -> Mission:
    """The group's mission: objectives and goals in the order given, each text once."""
    objectives, dup_o = _unique(group.entries_for(KEY, "mission", "objectives"))
    goals, dup_g = _unique(group.entries_for(KEY, "mission", "goals"))
    return Mission(objectives=tuple(e.text for e in objectives), goals=tuple(e.text for e in goals),
                   merged=len(dup_o) + len(dup_g))


def merge_mission_duplicates(group: Group) -> list[Entry]:
    """Remove repeated objectives and goals from ``group`` (the first one stays; its tags gain
    the duplicates' tags). Returns the removed entries."""
    removed: list[Entry] = []
    for prompt in ("objectives", "goals"):
        entries = group.entries_for(KEY, "mission", prompt)
        keep, dupes = _unique(entries)
        first = {normalise(e.text): e for e in keep}
        for dupe in dupes:
            target = first[normalise(dupe.text)]
            for tag in dupe.tags:
                if tag not in target.tags:
                    target.tags.append(tag)
        removed.extend(dupes)
    gone = {id(e) for e in removed}
    group.entries[:] = [e for e in group.entries if id(e) not in gone]
    return removed


# --------------------------------------------------------------------------- part I


@attrs.frozen
class PriorityRow:
    """One activity in part I: its number in the list, score, raters, rank and label.

    An activity nobody scored (``n`` = 0) is not ranked: ``score`` and ``rank`` are ``None``
    and ``label`` is empty; it is listed last.
    """

    number: int
    id: str
    text: str
    score: float | None
    n: int
    rank: int | None
    label: str
    kept: bool


@attrs.frozen
class Priority:
    """Part I of taking stock for one group."""

    variant: str
    top_k: int
    rows: tuple[PriorityRow, ...]
    tie_at_cut: bool
    raters: int

    @property
    def kept(self) -> tuple[PriorityRow, ...]:
        return tuple(r for r in self.rows if r.kept)

    def to_data(self) -> dict[str, Any]:
        return {
            "variant": self.variant, "top_k": self.top_k, "raters": self.raters,
            "kept": len(self.kept), "tie_at_cut": self.tie_at_cut,
            "rows": [{"number": r.number, "id": r.id, "activity": r.text, "score": _num(r.score),
                      "n": r.n, "rank": r.rank, "label": r.label, "kept": r.kept} for r in self.rows],
        }


def _num(value: float | None) -> float | int | None:
    return data_number(value)  # the one rounding rule of JSON and CSV output


def activities(group: Group) -> list[Entry]:
    """The activities listed in taking stock, in list order."""
    return group.entries_for(KEY, "taking_stock", "activities")


def _present(column: Iterable[float]) -> list[float]:
    return [v for v in column if math.isfinite(v)]


def competition_labels(scores: Sequence[float]) -> list[tuple[int, str]]:
    """Competition ranks, high score first, and labels (``2=`` for a tie) for ``scores``."""
    ranks: list[tuple[int, str]] = []
    for value in scores:
        ahead = sum(1 for other in scores if other > value)
        tied = sum(1 for other in scores if other == value)
        rank = ahead + 1
        ranks.append((rank, f"{rank}=" if tied > 1 else str(rank)))
    return ranks


def prioritise(session: Session, group: Group, *, variant: str | None = None,
               top_k: int | None = None) -> Priority:
    """Part I: sum each activity's importance scores (or dots), rank, keep the top ``k``.

    ``variant`` and ``top_k`` default to the session's settings. Activities tied
    at the cut are all kept (``tie_at_cut`` is then true), so the kept list
    may be longer than ``k``; activities with no score (or no dots) are not kept.
    """
    conf = settings(session)
    chosen = make_settings(variant or conf.prioritisation, conf.top_k if top_k is None else top_k)
    table = group.scores_for(KEY, "taking_stock", chosen.prioritisation)
    items = activities(group)
    sums: list[float] = []
    counts: list[int] = []
    # With dots, an activity left without a dot got 0 from that voter: n is everyone who voted.
    voters = sum(1 for p in table.participants if table.ballot(p))
    for entry in items:
        values = _present(table.column(entry.id))
        sums.append(float(sum(values)))
        counts.append(voters if chosen.prioritisation == "dots" else len(values))
    scored = [i for i in range(len(items)) if counts[i] > 0]  # nobody scored: not ranked
    ranks = dict(zip(scored, competition_labels([sums[i] for i in scored]), strict=True))
    rows = []
    for i, entry in enumerate(items):
        if i not in ranks:
            rows.append(PriorityRow(number=i + 1, id=entry.id, text=entry.text, score=None,
                                    n=0, rank=None, label="", kept=False))
            continue
        rank, label = ranks[i]
        kept = rank <= chosen.top_k and sums[i] > 0
        rows.append(PriorityRow(number=i + 1, id=entry.id, text=entry.text, score=sums[i],
                                n=counts[i], rank=rank, label=label, kept=kept))
    rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.number))
    kept_count = sum(1 for r in rows if r.kept)
    return Priority(variant=chosen.prioritisation, top_k=chosen.top_k, rows=tuple(rows),
                    tie_at_cut=kept_count > chosen.top_k, raters=len(table.participants))


def kept_activities(session: Session, group: Group) -> tuple[PriorityRow, ...]:
    """The activities part I keeps for part II and planning."""
    return prioritise(session, group).kept


# --------------------------------------------------------------------------- part II


@attrs.frozen
class RatingRow:
    """One kept activity in part II: mean rating, n, spread and the flags."""

    number: int
    id: str
    text: str
    priority_rank: int | None
    mean: float | None
    n: int
    spread: float | None
    low: bool = False
    disagreement: bool = False


@attrs.frozen
class Rating:
    """Part II of taking stock for one group.

    ``rows`` are the kept activities (with ``n`` = 0 when nobody rated one);
    ``not_kept`` are activities rated although part I did not keep them: their ratings
    are not counted, and the command line and the report say so.
    """

    rows: tuple[RatingRow, ...]
    low_rating: float
    disagreement: float
    scale_max: float = 10.0
    not_kept: tuple[RatingRow, ...] = ()

    def to_data(self) -> dict[str, Any]:
        return {
            "low_rating": _num(self.low_rating), "disagreement": _num(self.disagreement),
            "rows": [{"number": r.number, "id": r.id, "activity": r.text,
                      "priority_rank": r.priority_rank, "mean": _num(r.mean), "n": r.n,
                      "spread": _num(r.spread), "important_but_low": r.low,
                      "disagreement": r.disagreement} for r in self.rows],
            "not_kept": [{"number": r.number, "id": r.id, "activity": r.text, "mean": _num(r.mean),
                          "n": r.n} for r in self.not_kept],
        }

    @property
    def low(self) -> tuple[RatingRow, ...]:
        return tuple(r for r in self.rows if r.low)

    @property
    def disputed(self) -> tuple[RatingRow, ...]:
        return tuple(r for r in self.rows if r.disagreement)


def _mean_sd(values: Sequence[float]) -> tuple[float | None, float | None]:
    if not values:
        return None, None
    mean = sum(values) / len(values)
    var = sum((v - mean) ** 2 for v in values) / len(values)
    return mean, math.sqrt(var)


def rate(session: Session, group: Group, priority: Priority | None = None) -> Rating:
    """Part II: mean, n and spread of the 1–10 ratings of the kept activities, with flags.

    When part I has no scores yet, every listed activity is shown.
    """
    conf = settings(session)
    priority = priority if priority is not None else prioritise(session, group)
    table = group.scores_for(KEY, "taking_stock", "rating")
    kept = priority.kept
    chosen: list[tuple[int, str, str, int | None]]
    if kept:
        chosen = [(r.number, r.id, r.text, r.rank) for r in kept]
    else:
        chosen = [(i + 1, e.id, e.text, None) for i, e in enumerate(activities(group))]
    stats = []
    for number, item_id, text, rank in chosen:
        values = _present(table.column(item_id))
        mean, sd = _mean_sd(values)
        stats.append((number, item_id, text, rank, mean, len(values), sd))
    half = max(1, math.ceil(len(kept) / 2)) if kept else 0
    important_ranks = sorted(r.rank or 0 for r in kept)[:half]
    cut_rank = important_ranks[-1] if important_ranks else 0
    rows = []
    for number, item_id, text, rank, mean, n, sd in stats:
        low = rank is not None and rank <= cut_rank and mean is not None and mean <= conf.low_rating
        # raters disagree only at or above the threshold (settings.ee.disagreement), never
        # merely because a spread is the widest of the group
        disputed = sd is not None and n >= 2 and sd >= conf.disagreement
        rows.append(RatingRow(number=number, id=item_id, text=text, priority_rank=rank, mean=mean,
                              n=n, spread=sd, low=low, disagreement=disputed))
    not_kept: list[RatingRow] = []
    if kept:  # ratings of activities part I did not keep: not counted, but never silently
        chosen_ids = {r.id for r in kept}
        for i, entry in enumerate(activities(group)):
            values = _present(table.column(entry.id))
            if entry.id not in chosen_ids and values:
                mean, sd = _mean_sd(values)
                not_kept.append(RatingRow(number=i + 1, id=entry.id, text=entry.text,
                                          priority_rank=None, mean=mean, n=len(values), spread=sd))
    return Rating(rows=tuple(rows), low_rating=conf.low_rating, disagreement=conf.disagreement,
                  not_kept=tuple(not_kept))


# --------------------------------------------------------------------------- planning


@attrs.frozen
class PlanProblem:
    """Something missing from the plan: ``kind`` is ``no_plan``, ``no_evidence`` or
    ``unknown_activity``; ``activity`` the activity's text; ``row`` the plan row's number."""

    kind: str
    activity: str
    row: int | None = None

    def to_data(self) -> dict[str, Any]:
        return {"kind": self.kind, "activity": self.activity, "row": self.row}


def plan_rows(group: Group) -> list[Entry]:
    """The plan table's rows, in order."""
    return group.entries_for(KEY, "planning", "plan")


def _plan_activity(row: Entry, items: Sequence[Entry]) -> Entry | None:
    ref = (row.row or {}).get("activity", "")
    norm = normalise(ref)
    for number, entry in enumerate(items, start=1):
        if ref.strip() in (entry.id, str(number)) or normalise(entry.text) == norm:
            return entry
    return None


def plan_problems(session: Session, group: Group) -> list[PlanProblem]:
    """What the plan lacks: kept activities without a plan row, rows without evidence, and
    rows whose activity is not in the list (matched by id, number or normalised text)."""
    items = activities(group)
    kept = kept_activities(session, group)
    rows = plan_rows(group)
    planned: set[str] = set()
    problems: list[PlanProblem] = []
    for number, row in enumerate(rows, start=1):
        fields = row.row or {}
        target = _plan_activity(row, items)
        if target is None:
            problems.append(PlanProblem("unknown_activity", fields.get("activity", ""), number))
        else:
            planned.add(target.id)
        if not fields.get("evidence", "").strip():
            name = target.text if target is not None else fields.get("activity", "")
            problems.append(PlanProblem("no_evidence", name, number))
    for activity in kept:
        if activity.id not in planned:
            problems.append(PlanProblem("no_plan", activity.text))
    return problems


# --------------------------------------------------------------------------- comparison


@attrs.frozen
class ActivityChange:
    """One activity across the two sessions; ``status`` is ``both``, ``added`` or ``dropped``."""

    text: str
    status: str
    baseline_mean: float | None
    baseline_n: int
    followup_mean: float | None
    followup_n: int
    baseline_rank: str | None
    followup_rank: str | None

    @property
    def mean_change(self) -> float | None:
        if self.baseline_mean is None or self.followup_mean is None:
            return None
        return self.followup_mean - self.baseline_mean

    @property
    def rank_change(self) -> int | None:
        """Places moved up (positive) or down (negative) in priority."""
        if self.baseline_rank is None or self.followup_rank is None:
            return None
        return int(self.baseline_rank.rstrip("=")) - int(self.followup_rank.rstrip("="))

    def to_data(self) -> dict[str, Any]:
        return {
            "activity": self.text, "status": self.status,
            "baseline": {"mean": _num(self.baseline_mean), "n": self.baseline_n,
                         "rank": self.baseline_rank},
            "followup": {"mean": _num(self.followup_mean), "n": self.followup_n,
                         "rank": self.followup_rank},
            "mean_change": _num(self.mean_change), "rank_change": self.rank_change,
        }


@attrs.frozen
class GroupComparison:
    """One group's activities in the baseline and the follow-up."""

    key: str
    name: str
    changes: tuple[ActivityChange, ...]

    @property
    def added(self) -> tuple[ActivityChange, ...]:
        return tuple(c for c in self.changes if c.status == "added")

    @property
    def dropped(self) -> tuple[ActivityChange, ...]:
        return tuple(c for c in self.changes if c.status == "dropped")

    def to_data(self) -> dict[str, Any]:
        return {"group": self.key, "name": self.name,
                "activities": [c.to_data() for c in self.changes],
                "added": [c.text for c in self.added], "dropped": [c.text for c in self.dropped]}


@attrs.frozen
class Comparison:
    """A follow-up session against its baseline; ``only_baseline``/``only_followup`` list
    group keys found in one session only."""

    baseline: str
    followup: str
    groups: tuple[GroupComparison, ...]
    only_baseline: tuple[str, ...] = ()
    only_followup: tuple[str, ...] = ()

    def to_data(self) -> dict[str, Any]:
        return {"baseline": self.baseline, "followup": self.followup,
                "groups": [g.to_data() for g in self.groups],
                "groups_only_in_baseline": list(self.only_baseline),
                "groups_only_in_followup": list(self.only_followup)}


def _activity_stats(session: Session, group: Group) -> dict[str, tuple[str, float | None, int, str]]:
    """normalised text → (text, mean rating, n, priority label), first listing wins."""
    priority = prioritise(session, group)
    labels = {r.id: (r.label if r.n else None) for r in priority.rows}
    table = group.scores_for(KEY, "taking_stock", "rating")
    stats: dict[str, tuple[str, float | None, int, str]] = {}
    for entry in activities(group):
        norm = normalise(entry.text)
        if norm in stats:
            continue
        values = _present(table.column(entry.id))
        mean, _sd = _mean_sd(values)
        stats[norm] = (entry.text, mean, len(values), labels.get(entry.id) or "")
    return stats


def compare_groups(baseline: Session, base_group: Group, followup: Session,
                   follow_group: Group) -> GroupComparison:
    """Match one group's activities across the two sessions by normalised text."""
    before = _activity_stats(baseline, base_group)
    after = _activity_stats(followup, follow_group)
    changes = []
    for norm, (text, mean, n, label) in before.items():
        if norm in after:
            _t, mean2, n2, label2 = after[norm]
            changes.append(ActivityChange(text, "both", mean, n, mean2, n2, label or None,
                                          label2 or None))
        else:
            changes.append(ActivityChange(text, "dropped", mean, n, None, 0, label or None, None))
    for norm, (text, mean2, n2, label2) in after.items():
        if norm not in before:
            changes.append(ActivityChange(text, "added", None, 0, mean2, n2, None, label2 or None))
    return GroupComparison(key=follow_group.key, name=follow_group.name, changes=tuple(changes))


def compare(baseline: Session, followup: Session, *, group: str | None = None,
            baseline_name: str = "baseline", followup_name: str = "follow-up") -> Comparison:
    """Compare every group present in both sessions (matched by key), or only ``group``."""
    base_keys = [g.key for g in baseline.groups]
    follow_keys = [g.key for g in followup.groups]
    if group is not None:
        for keys, name in ((base_keys, baseline_name), (follow_keys, followup_name)):
            if group not in keys:
                raise NotFoundError(f"unknown group {group!r} (known: {', '.join(keys) or 'none'})",
                                    where=name)
        keys = [group]
    else:
        keys = [k for k in follow_keys if k in base_keys]
    groups = tuple(compare_groups(baseline, baseline.group(k), followup, followup.group(k))
                   for k in keys)
    return Comparison(
        baseline=baseline_name, followup=followup_name, groups=groups,
        only_baseline=() if group else tuple(k for k in base_keys if k not in follow_keys),
        only_followup=() if group else tuple(k for k in follow_keys if k not in base_keys),
    )
