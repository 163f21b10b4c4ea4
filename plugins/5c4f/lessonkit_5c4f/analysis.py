"""Coverage, gaps, profiles, ranked needs and round-to-round change for 5C4F.

The rules, in one place (the README explains them to facilitators):

* A rating is one participant's level for one activity on one dimension:
  never = 1, sometimes = 2, mostly true = 3. "Does not apply" (N/A) is **not**
  a low score: it is left out of every mean and counted on its own (``na``).
  A skipped rating is neither.
* An activity **addresses** a dimension when at least one participant gave it
  a level (not N/A) on that dimension.
* A **cell** of the coverage matrix (dimension × age band) shows how many
  activities the band has (``listed``), how many of them address the dimension
  (``activities``), the mean level over all their ratings on it (``mean``), the
  number of those ratings (``n``) and the number of N/A answers (``na``).
* **Gaps** (``weak`` means a mean level below ``weak_below``, default 2 —
  under "sometimes"):

  - a band with no activities (``none``) or whose mean level over all
    dimensions is weak (``weak``);
  - a dimension no activity addresses in any band (``none``: all N/A, or
    ``unrated``: nobody rated it yet) or whose mean over all bands is weak;
  - a cell (in a band that has activities, for a dimension that is not
    already a gap everywhere) that no activity addresses or that is weak;
  - a need with no activity in its band (any band when it has none) that
    addresses one of its dimensions (all dimensions when it names none) —
    ``none`` — or only weakly (``weak``).
* **Rounds per activity** (:func:`compare_activities`): an activity of round 1
  and one of round 2 are the same when they are in the same group and age band
  and their names are the same text after :func:`activity_key` (NFC, Thai PDF
  repair, SARA AM typed as NIKHAHIT + SARA AA folded, spaces collapsed, case
  folded). An activity listed twice in one round has its ratings pooled.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import attrs

from lessonkit import Group, NotFoundError, Session, ValidationError
from lessonkit.scores import data_number
from lessonkit_5c4f.frame import (
    METHOD_KEY,
    RESPONDENT_TYPES,
    age_bands,
    band_key,
    crosswalk,
    parse_dimensions,
    respondent_type,
    respondents,
    weak_below,
)

__all__ = [
    "Activity",
    "ActivityChange",
    "Cell",
    "Change",
    "Gap",
    "Matrix",
    "Need",
    "RankedNeed",
    "activities",
    "activity_key",
    "compare_activities",
    "compare_rounds",
    "coverage_matrix",
    "find_gaps",
    "needs",
    "radar_data",
    "rank_needs",
    "select_groups",
    "session_problems",
]

ASSESSMENT = ("assessment", "dimensions")
INVENTORY = ("inventory", "activities")
NEEDS = ("needs", "needs")
PRIORITY = ("needs", "priority")


def _dimension_keys() -> tuple[str, ...]:
    from lessonkit_5c4f import DIMENSIONS

    return tuple(d.key for d in DIMENSIONS)


@attrs.frozen
class Activity:
    """An activity of the inventory (entry ``id`` of group ``group``)."""

    group: str
    id: str
    name: str
    band: str
    agency: str = ""


@attrs.frozen
class Need:
    """A need stated by children: its age band (``None``: any) and dimensions (empty: any)."""

    group: str
    id: str
    text: str
    band: str | None
    dimensions: tuple[str, ...]


@attrs.frozen
class Cell:
    """One cell of the coverage matrix; ``band`` or ``dimension`` is ``""`` for a total."""

    dimension: str
    band: str
    listed: int
    activities: int
    total: float
    n: int
    na: int

    @property
    def mean(self) -> float | None:
        """The mean level over the ``n`` ratings (N/A left out), or ``None`` without ratings."""
        return self.total / self.n if self.n else None

    def to_data(self) -> dict[str, Any]:
        mean = self.mean
        return {"dimension": self.dimension, "band": self.band, "listed": self.listed,
                "activities": self.activities, "mean": data_number(mean),
                "n": self.n, "na": self.na}


@attrs.frozen
class Matrix:
    """The coverage matrix: cells by (dimension, band), with totals per dimension and per band."""

    bands: tuple[str, ...]
    dimensions: tuple[str, ...]
    cells: dict[tuple[str, str], Cell]
    by_dimension: dict[str, Cell]
    by_band: dict[str, Cell]
    respondent: str | None = None

    def cell(self, dimension: str, band: str) -> Cell:
        return self.cells[(dimension, band)]

    def to_data(self) -> dict[str, Any]:
        return {
            "bands": list(self.bands),
            "dimensions": list(self.dimensions),
            "respondent": self.respondent,
            "cells": [self.cells[(d, b)].to_data() for d in self.dimensions for b in self.bands],
            "by_dimension": [self.by_dimension[d].to_data() for d in self.dimensions],
            "by_band": [self.by_band[b].to_data() for b in self.bands],
        }


@attrs.frozen
class Gap:
    """A gap: ``scope`` band/dimension/cell/need, ``kind`` none/unrated/weak."""

    scope: str
    kind: str
    dimension: str = ""
    band: str = ""
    need: Need | None = None
    mean: float | None = None
    n: int = 0
    na: int = 0

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"scope": self.scope, "kind": self.kind, "dimension": self.dimension,
                                "band": self.band, "mean": data_number(self.mean),
                                "n": self.n, "na": self.na}
        if self.need is not None:
            data["need"] = {"group": self.need.group, "id": self.need.id, "text": self.need.text,
                            "band": self.need.band, "dimensions": list(self.need.dimensions)}
        return data


@attrs.frozen
class RankedNeed:
    """A need in priority order, with the activities that serve it (mean ≥ weak_below)."""

    need: Need
    rank: int
    label: str
    score: float | None
    n: int
    matches: tuple[str, ...]
    gap: str | None

    def to_data(self) -> dict[str, Any]:
        return {"rank": self.rank, "label": self.label, "id": self.need.id, "need": self.need.text,
                "band": self.need.band, "dimensions": list(self.need.dimensions),
                "score": self.score, "n": self.n, "matches": list(self.matches), "gap": self.gap}


@attrs.frozen
class Change:
    """The change of one dimension (``band`` ``""``: all bands) between two rounds."""

    dimension: str
    band: str
    before: Cell
    after: Cell

    @property
    def change(self) -> float | None:
        if self.before.mean is None or self.after.mean is None:
            return None
        return self.after.mean - self.before.mean

    def to_data(self) -> dict[str, Any]:
        change = self.change
        return {"dimension": self.dimension, "band": self.band,
                "before": self.before.to_data(), "after": self.after.to_data(),
                "change": data_number(change)}


# --------------------------------------------------------------------------- reading


def select_groups(session: Session, group: str | None) -> list[Group]:
    """``[session.group(group)]``, or every group when ``group`` is ``None``."""
    if group is not None:
        return [session.group(group)]
    if not session.groups:
        raise NotFoundError("the session has no groups yet", hint="add one with 'lessonkit group add'")
    return list(session.groups)


def _as_groups(groups: Group | Sequence[Group]) -> list[Group]:
    return [groups] if isinstance(groups, Group) else list(groups)


def activities(session: Session, groups: Group | Sequence[Group]) -> list[Activity]:
    """The inventory's activities; an unknown age band is a :class:`ValidationError`."""
    bands = age_bands(session)
    found = []
    for group in _as_groups(groups):
        for entry in group.entries_for(METHOD_KEY, *INVENTORY):
            row = entry.row or {}
            where = f"group {group.key!r} activity {entry.id!r}"
            found.append(Activity(group=group.key, id=entry.id, name=row.get("activity", "") or entry.label(),
                                  band=band_key(row.get("age_band", ""), bands, where),
                                  agency=row.get("agency", "") or ""))
    return found


def needs(session: Session, groups: Group | Sequence[Group]) -> list[Need]:
    """The children's needs; an unknown age band or dimension is a :class:`ValidationError`."""
    bands = age_bands(session)
    found = []
    for group in _as_groups(groups):
        for entry in group.entries_for(METHOD_KEY, *NEEDS):
            row = entry.row or {}
            where = f"group {group.key!r} need {entry.id!r}"
            raw_band = (row.get("age_band") or "").strip()
            found.append(Need(group=group.key, id=entry.id, text=row.get("need", "") or entry.label(),
                              band=band_key(raw_band, bands, where) if raw_band else None,
                              dimensions=parse_dimensions(row.get("dimensions", "") or "", where)))
    return found


def session_problems(session: Session) -> list[str]:
    """Every 5C4F problem of the session (settings, bands, dimensions) as readable lines."""
    problems: list[str] = []
    try:
        age_bands(session)
        weak_below(session)
        crosswalk(session)
    except ValidationError as exc:
        return [str(exc)]
    baseline = session.settings.get(METHOD_KEY, {}).get("baseline")
    if baseline is not None and not isinstance(baseline, str):
        problems.append(f"settings.{METHOD_KEY}.baseline: the baseline must be a file path (got {baseline!r})")
    for group in session.groups:
        for reader in (activities, needs):
            try:
                reader(session, group)
            except ValidationError as exc:
                problems.append(str(exc))
        try:
            for participant, kind in respondents(group).items():
                if kind not in RESPONDENT_TYPES:
                    raise ValidationError(
                        f"unknown respondent type {kind!r} of participant {participant!r} "
                        f"(known: {', '.join(RESPONDENT_TYPES)})",
                        where=f"group {group.key!r} data.{METHOD_KEY}.respondents")
        except ValidationError as exc:
            problems.append(str(exc))
    return problems


# --------------------------------------------------------------------------- statistics


Stats = tuple[float, int, int]  # total, n, na


def _included_slots(group: Group, participants: Sequence[str], respondent: str | None) -> list[int] | None:
    if respondent is None:
        return None
    types = respondents(group)
    return [i for i, p in enumerate(participants) if types.get(p) == respondent]


def activity_stats(groups: Group | Sequence[Group], respondent: str | None = None
                   ) -> dict[tuple[str, str, str], Stats]:
    """(group, activity id, dimension) → (sum of levels, n, N/A count); linear in the ratings."""
    if respondent is not None:
        respondent = respondent_type(respondent)
    stats: dict[tuple[str, str, str], Stats] = {}
    for group in _as_groups(groups):
        table = group.scores_for(METHOD_KEY, *ASSESSMENT)
        slots = _included_slots(group, table.participants, respondent)
        for item, dimension in table.keys():
            column = table.column(item, dimension)
            values: Iterable[float] = column if slots is None else (column[i] for i in slots)
            total, n, na = 0.0, 0, 0
            for value in values:
                if math.isfinite(value):
                    total += value
                    n += 1
                elif value == -math.inf:
                    na += 1
            stats[(group.key, item, dimension)] = (total, n, na)
    return stats


def coverage_matrix(session: Session, groups: Group | Sequence[Group], *,
                    respondent: str | None = None) -> Matrix:
    """The coverage matrix dimension × age band of ``groups`` (one area, or several pooled).

    With ``respondent`` only that respondent type's ratings count.
    """
    groups = _as_groups(groups)
    bands = age_bands(session)
    dims = _dimension_keys()
    acts = activities(session, groups)
    stats = activity_stats(groups, respondent)

    def cell(dim_set: Sequence[str], band_set: Sequence[str], dimension: str, band: str) -> Cell:
        listed = [a for a in acts if a.band in band_set]
        total, n, na, addressing = 0.0, 0, 0, 0
        for act in listed:
            act_addresses = False
            for dim in dim_set:
                s_total, s_n, s_na = stats.get((act.group, act.id, dim), (0.0, 0, 0))
                total += s_total
                n += s_n
                na += s_na
                act_addresses = act_addresses or s_n > 0
            addressing += act_addresses
        return Cell(dimension=dimension, band=band, listed=len(listed), activities=addressing,
                    total=total, n=n, na=na)

    cells = {(d, b): cell((d,), (b,), d, b) for d in dims for b in bands}
    return Matrix(
        bands=bands, dimensions=dims, cells=cells,
        by_dimension={d: cell((d,), bands, d, "") for d in dims},
        by_band={b: cell(dims, (b,), "", b) for b in bands},
        respondent=respondent_type(respondent) if respondent else None,
    )


def _weak(c: Cell, threshold: float) -> bool:
    mean = c.mean
    return mean is not None and mean < threshold


def _empty_kind(c: Cell) -> str:
    return "unrated" if c.na == 0 else "none"


def find_gaps(session: Session, groups: Group | Sequence[Group], matrix: Matrix | None = None) -> list[Gap]:
    """The gaps of ``groups`` by the rules in this module's docstring: bands, dimensions, cells, needs."""
    groups = _as_groups(groups)
    matrix = matrix or coverage_matrix(session, groups)
    threshold = weak_below(session)
    gaps: list[Gap] = []
    for band in matrix.bands:
        c = matrix.by_band[band]
        if c.listed == 0:
            gaps.append(Gap("band", "none", band=band))
        elif _weak(c, threshold):
            gaps.append(Gap("band", "weak", band=band, mean=c.mean, n=c.n, na=c.na))
    everywhere: set[str] = set()
    any_activities = any(matrix.by_band[b].listed for b in matrix.bands)
    for dim in matrix.dimensions:
        c = matrix.by_dimension[dim]
        if any_activities and c.activities == 0:
            everywhere.add(dim)
            gaps.append(Gap("dimension", _empty_kind(c), dimension=dim, na=c.na))
        elif _weak(c, threshold):
            gaps.append(Gap("dimension", "weak", dimension=dim, mean=c.mean, n=c.n, na=c.na))
    for dim in matrix.dimensions:
        if dim in everywhere:
            continue
        for band in matrix.bands:
            c = matrix.cell(dim, band)
            if c.listed == 0:
                continue
            if c.activities == 0:
                gaps.append(Gap("cell", _empty_kind(c), dimension=dim, band=band, na=c.na))
            elif _weak(c, threshold):
                gaps.append(Gap("cell", "weak", dimension=dim, band=band, mean=c.mean, n=c.n, na=c.na))
    stats = activity_stats(groups)
    acts = activities(session, groups)
    for need in needs(session, groups):
        kind, best, _matches = _need_match(need, acts, stats, threshold)
        if kind is not None:
            gaps.append(Gap("need", kind, band=need.band or "", need=need, mean=best))
    return gaps


def _need_match(need: Need, acts: Sequence[Activity], stats: dict[tuple[str, str, str], Stats],
                threshold: float) -> tuple[str | None, float | None, tuple[str, ...]]:
    """(gap kind or None, best mean, names of the activities serving the need)."""
    dims = need.dimensions or _dimension_keys()
    best: float | None = None
    matches: list[str] = []
    for act in acts:
        if act.group != need.group or (need.band is not None and act.band != need.band):
            continue
        serves = False
        for dim in dims:
            total, n, _na = stats.get((act.group, act.id, dim), (0.0, 0, 0))
            if n:
                mean = total / n
                best = mean if best is None else max(best, mean)
                serves = serves or mean >= threshold
        if serves:
            matches.append(act.name)
    if best is None:
        return "none", None, ()
    if not matches:
        return "weak", best, ()
    return None, best, tuple(matches)


def radar_data(matrix: Matrix) -> dict[str, Any]:
    """Radar chart data: one series per age band, one value (mean level, 0 when unrated) per dimension."""
    return {
        "labels": list(matrix.dimensions),
        "series": [{"band": b, "values": [matrix.cell(d, b).mean or 0.0 for d in matrix.dimensions],
                    "n": [matrix.cell(d, b).n for d in matrix.dimensions]} for b in matrix.bands],
    }


# --------------------------------------------------------------------------- needs


def rank_needs(session: Session, registry: Any, group: Group, *, rule: str | None = None) -> list[RankedNeed]:
    """The group's needs in priority order by a registered ranking rule (the prompt's ``dots`` by default).

    Each need carries the activities serving it and its gap kind (``None`` when served).
    """
    need_list = needs(session, group)
    by_id = {n.id: n for n in need_list}
    acts = activities(session, group)
    stats = activity_stats(group)
    threshold = weak_below(session)
    order = _ranking(session, registry, group, rule, need_list)
    result = []
    for item, rank, label, score, n in order:
        need = by_id.get(item)
        if need is None:
            continue
        kind, _best, matches = _need_match(need, acts, stats, threshold)
        result.append(RankedNeed(need=need, rank=rank, label=label, score=score, n=n,
                                 matches=matches, gap=kind))
    return result


def _ranking(session: Session, registry: Any, group: Group, rule: str | None,
             need_list: Sequence[Need]) -> list[tuple[str, int, str, float | None, int]]:
    table = group.scores_for(METHOD_KEY, *PRIORITY)
    if not len(table):
        if rule is not None:
            registry.rules.get(rule)
        return [(n.id, i + 1, str(i + 1), None, 0) for i, n in enumerate(need_list)]
    try:
        from lessonkit.ranking import rank_prompt  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return _dots_totals(group, need_list)
    ranking = rank_prompt(session, registry, group.key, METHOD_KEY, PRIORITY[1], step=PRIORITY[0], rule=rule)
    rows = [(str(r.item), int(r.rank), str(r.label),
             float(r.score) if isinstance(r.score, (int, float)) else None, int(r.n or 0))
            for r in ranking.rows]
    ranked = {r[0] for r in rows}
    last = max((r[1] for r in rows), default=0)
    rows.extend((n.id, last + 1, f"{last + 1}=", None, 0) for n in need_list if n.id not in ranked)
    return rows


def _dots_totals(group: Group, need_list: Sequence[Need]) -> list[tuple[str, int, str, float | None, int]]:
    """Fallback without the ranking engine: total dots, competition ranking ("2=")."""
    table = group.scores_for(METHOD_KEY, *PRIORITY)
    scored = []
    for need in need_list:
        values = [v for v in table.column(need.id) if math.isfinite(v)]
        scored.append((need.id, sum(values), sum(1 for v in values if v > 0)))
    scored.sort(key=lambda r: -r[1])
    rows: list[tuple[str, int, str, float | None, int]] = []
    for item, score, n in scored:
        rank = next(j for j, r in enumerate(scored) if r[1] == score) + 1
        tied = sum(1 for r in scored if r[1] == score) > 1
        rows.append((item, rank, f"{rank}=" if tied else str(rank), score, n))
    return rows


# --------------------------------------------------------------------------- rounds


def compare_rounds(first: Session, second: Session, group: str | None = None) -> list[Change]:
    """The change per dimension (all bands, then each band) between two rounds.

    ``group`` picks the same group key in both files; without it all groups are pooled.
    The two rounds must use the same age bands.
    """
    m1 = coverage_matrix(first, select_groups(first, group))
    m2 = coverage_matrix(second, select_groups(second, group))
    if m1.bands != m2.bands:
        raise ValidationError(
            f"the rounds use different age bands ({', '.join(m1.bands)} and {', '.join(m2.bands)})",
            hint="set the same bands in both files with 'lessonkit 5c4f bands'")
    changes = [Change(d, "", m1.by_dimension[d], m2.by_dimension[d]) for d in m1.dimensions]
    changes.extend(Change(d, b, m1.cell(d, b), m2.cell(d, b)) for b in m1.bands for d in m1.dimensions)
    return changes


# --------------------------------------------------------------------------- rounds per activity


def activity_key(name: str) -> str:
    """The form activity names are matched by across rounds.

    NFC and the Thai PDF repair (as stored), SARA AM typed as NIKHAHIT + SARA AA
    folded into SARA AM (a tone mark before or between included), spaces collapsed
    and case folded: ``"ทํามือ"`` typed on a phone matches ``"ทำมือ"``.
    """
    from lessonkit.thai import fold_sara_am
    from lessonkit.workshop import clean_text

    return " ".join(fold_sara_am(clean_text(name)).split()).casefold()


@attrs.frozen
class ActivityChange:
    """One activity across two rounds: ``status`` is ``both``, ``added`` (round 2 only)
    or ``dropped`` (round 1 only). ``changes`` has the activity over all dimensions
    first (``dimension`` ``""``), then each dimension rated (or N/A) in either round;
    the ``before`` of an added activity and the ``after`` of a dropped one are empty."""

    group: str
    name: str
    band: str
    status: str
    changes: tuple[Change, ...]

    @property
    def overall(self) -> Change:
        """The change over all dimensions pooled."""
        return self.changes[0]

    def to_data(self) -> dict[str, Any]:
        return {"group": self.group, "activity": self.name, "band": self.band, "status": self.status,
                "overall": self.overall.to_data(),
                "dimensions": [c.to_data() for c in self.changes[1:]]}


_Round = dict[tuple[str, str, str], tuple[str, dict[str, Stats]]]


def _round_stats(session: Session, groups: Sequence[Group]) -> _Round:
    """(group, band, activity key) → (name as first listed, dimension → (total, n, na))."""
    stats = activity_stats(groups)
    found: _Round = {}
    for act in activities(session, groups):
        key = (act.group, act.band, activity_key(act.name))
        _name, dims = found.setdefault(key, (act.name, {}))
        for dim in _dimension_keys():
            total, n, na = stats.get((act.group, act.id, dim), (0.0, 0, 0))
            old = dims.get(dim, (0.0, 0, 0))
            dims[dim] = (old[0] + total, old[1] + n, old[2] + na)
    return found


def _activity_cell(stats: dict[str, Stats] | None, dimension: str, band: str) -> Cell:
    if stats is None:
        return Cell(dimension=dimension, band=band, listed=0, activities=0, total=0.0, n=0, na=0)
    dims = [dimension] if dimension else list(stats)
    total = sum(stats[d][0] for d in dims)
    n = sum(stats[d][1] for d in dims)
    na = sum(stats[d][2] for d in dims)
    return Cell(dimension=dimension, band=band, listed=1, activities=int(n > 0), total=total, n=n, na=na)


def _activity_change(group: str, name: str, band: str, status: str,
                     before: dict[str, Stats] | None, after: dict[str, Stats] | None) -> ActivityChange:
    rows = [Change("", band, _activity_cell(before, "", band), _activity_cell(after, "", band))]
    for dim in _dimension_keys():
        b, a = _activity_cell(before, dim, band), _activity_cell(after, dim, band)
        if b.n or b.na or a.n or a.na:
            rows.append(Change(dim, band, b, a))
    return ActivityChange(group=group, name=name, band=band, status=status, changes=tuple(rows))


def compare_activities(first: Session, second: Session, group: str | None = None) -> list[ActivityChange]:
    """The change of each activity between two rounds: its mean level over all dimensions and
    on each dimension, with n, in round 1 and round 2; then the activities added in round 2.

    Activities are matched by group, age band and :func:`activity_key` of their names
    (round 1's order, round 1's spelling); ``group`` picks the same group key in both
    files, without it every group is compared. The two rounds must use the same age bands.
    """
    if age_bands(first) != age_bands(second):
        raise ValidationError(
            f"the rounds use different age bands ({', '.join(age_bands(first))} and "
            f"{', '.join(age_bands(second))})",
            hint="set the same bands in both files with 'lessonkit 5c4f bands'")
    before = _round_stats(first, select_groups(first, group))
    after = _round_stats(second, select_groups(second, group))
    result = []
    for key, (name, stats) in before.items():
        later = after.get(key)
        result.append(_activity_change(key[0], name, key[1], "dropped" if later is None else "both",
                                       stats, None if later is None else later[1]))
    result.extend(_activity_change(key[0], name, key[1], "added", None, stats)
                  for key, (name, stats) in after.items() if key not in before)
    return result
