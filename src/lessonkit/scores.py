"""Compact storage of scores: one column of floats per (item, criterion).

A national survey has tens of thousands of participants scoring dozens of items,
so scores are not objects per cell. A :class:`ScoreTable` keeps one
``array('d')`` per (item, criterion) with one slot per participant:

* ``nan`` — *absent*: the participant skipped the item (or never saw it);
* ``-inf`` — *N/A*: the participant said "does not apply" (:data:`NA` in the API);
* any other float — the score (for ``dots`` the number of dots, for ``rank`` the position).

Ranking rules read whole columns (:meth:`ScoreTable.column`), so ranking is
linear in the number of scores.
"""

from __future__ import annotations

import math
import struct
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any, Final

from lessonkit.errors import ValidationError

__all__ = ["ABSENT_VALUE", "DATA_PLACES", "NA", "NA_TEXT", "NA_VALUE", "ScoreTable", "data_number",
           "is_absent", "is_na"]


#: Decimal places of a computed number (mean, spread, score) in JSON and CSV output.
DATA_PLACES = 6


def data_number(value: float | None) -> int | float | None:
    """A computed number as JSON and CSV output write it: the one rounding rule.

    Whole numbers are written as integers, others rounded to :data:`DATA_PLACES`
    places (so ``4.6 - 4.5`` is ``0.1``, not ``0.09999999999999964``); ``None``,
    NaN and infinities are ``None`` (an empty cell, JSON null).

    >>> data_number(22.0), data_number(0.1 + 0.2), data_number(2 / 3), data_number(None)
    (22, 0.3, 0.666667, None)
    """
    if value is None or not math.isfinite(value):
        return None
    rounded = round(float(value), DATA_PLACES)
    return int(rounded) if rounded.is_integer() else rounded


class _NAType:
    """The explicit "does not apply" answer, distinct from a skipped item."""

    _instance: _NAType | None = None

    def __new__(cls) -> _NAType:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NA"

    def __reduce__(self) -> str:
        return "NA"


#: The public N/A value: ``table.set("p1", "a1", NA)``.
NA: Final = _NAType()
#: How N/A is written in session files, ballots and on the command line.
NA_TEXT: Final = "na"
#: How an absent score is stored in a column.
ABSENT_VALUE: Final = math.nan
#: How N/A is stored in a column.
NA_VALUE: Final = -math.inf


def is_absent(value: float) -> bool:
    return value != value


def is_na(value: float) -> bool:
    return value == NA_VALUE


Value = float | _NAType | None


class ScoreTable:
    """Scores of participants for items, optionally per criterion.

    Participants and items are identified by their keys; the order of
    participants and of (item, criterion) columns is the order in which they
    were first scored, which no ranking depends on.
    """

    __slots__ = ("_columns", "_pindex", "participants")

    def __init__(self) -> None:
        self.participants: list[str] = []
        self._pindex: dict[str, int] = {}
        self._columns: dict[tuple[str, str], array[float]] = {}

    # -- writing ---------------------------------------------------------
    def _participant_slot(self, participant: str) -> int:
        slot = self._pindex.get(participant)
        if slot is None:
            slot = len(self.participants)
            self.participants.append(participant)
            self._pindex[participant] = slot
            for column in self._columns.values():
                column.append(ABSENT_VALUE)
        return slot

    def _column(self, item: str, criterion: str) -> array[float]:
        key = (item, criterion)
        column = self._columns.get(key)
        if column is None:
            column = array("d", [ABSENT_VALUE]) * len(self.participants)
            self._columns[key] = column
        return column

    def set(self, participant: str, item: str, value: Value | str, criterion: str = "") -> None:
        """Store one score; :data:`NA` (or its file spelling ``"na"``) for "does not apply",
        ``None`` to clear (absent)."""
        if value is NA or (isinstance(value, str) and value.strip().casefold() == NA_TEXT):
            stored = NA_VALUE
        elif value is None:
            stored = ABSENT_VALUE
        elif isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            stored = float(value)
        else:
            raise ValidationError(f"score {value!r} is not a finite number, NA (\"na\") or None",
                                  where=f"participant {participant!r} item {item!r}")
        slot = self._participant_slot(participant)
        self._column(item, criterion)[slot] = stored

    def set_ballot(self, participant: str, values: Mapping[str, Value | str],
                   criterion: str = "") -> None:
        """Replace a participant's scores for the given items (one criterion); values as :meth:`set`."""
        for item, value in values.items():
            self.set(participant, item, value, criterion)

    def clear_participant(self, participant: str, criterion: str | None = None) -> None:
        """Make every score of ``participant`` absent (for one criterion, or all)."""
        slot = self._pindex.get(participant)
        if slot is None:
            return
        for (_item, crit), column in self._columns.items():
            if criterion is None or crit == criterion:
                column[slot] = ABSENT_VALUE

    def drop_item(self, item: str) -> None:
        for key in [k for k in self._columns if k[0] == item]:
            del self._columns[key]

    def add_column(self, item: str, criterion: str, values: Sequence[float]) -> None:
        """Bulk-load a whole column (the file loader and importers use this)."""
        if len(values) != len(self.participants):
            raise ValidationError(
                f"column for item {item!r} has {len(values)} values for {len(self.participants)} participants"
            )
        self._columns[(item, criterion)] = array("d", values)

    def add_participants(self, keys: Iterable[str]) -> None:
        if not self.participants and not self._columns and isinstance(keys, list):  # at once
            index = dict(zip(keys, range(len(keys)), strict=True))
            if len(index) == len(keys):
                self.participants.extend(keys)
                self._pindex = index
                return
        for key in keys:
            if key in self._pindex:
                raise ValidationError(f"participant {key!r} appears twice in a score table")
            self._participant_slot(key)

    def extend(self, participants: Sequence[str],
               columns: Mapping[tuple[str, str], Sequence[float]]) -> None:
        """Add new participants and their scores column by column, in one step: each
        ``(item, criterion)`` column gets one value per new participant (``nan`` absent,
        ``-inf`` N/A); a column not given stays absent for them, one not there yet is
        added (in the given order). For bulk imports: no per-cell call."""
        if not self._pindex.keys().isdisjoint(participants):
            raise ValidationError("a participant already in the score table cannot be added again")
        for key, values in columns.items():
            if len(values) != len(participants):
                raise ValidationError(f"column {key!r} has {len(values)} values for "
                                      f"{len(participants)} participants")
        if len(set(participants)) != len(participants):
            raise ValidationError("a participant appears twice among those added")
        before, n = len(self.participants), len(participants)
        self.participants.extend(participants)
        self._pindex.update(zip(participants, range(before, before + n), strict=True))
        absent = array("d", [ABSENT_VALUE]) * n
        for key, column in self._columns.items():
            if key not in columns:
                column.extend(absent)
        for key, values in columns.items():
            found = self._columns.get(key)
            if found is None:
                found = self._columns[key] = array("d", [ABSENT_VALUE]) * before
            found.extend(values)

    # -- reading ---------------------------------------------------------
    def get(self, participant: str, item: str, criterion: str = "") -> Value:
        """The score, :data:`NA`, or ``None`` when absent."""
        slot = self._pindex.get(participant)
        column = self._columns.get((item, criterion))
        if slot is None or column is None:
            return None
        value = column[slot]
        if value != value:
            return None
        if value == NA_VALUE:
            return NA
        return value

    def column(self, item: str, criterion: str = "") -> array[float]:
        """The raw column (nan = absent, -inf = N/A); an empty table gives all absent."""
        column = self._columns.get((item, criterion))
        if column is None:
            return array("d", [ABSENT_VALUE]) * len(self.participants)
        return column

    @property
    def items(self) -> list[str]:
        seen: dict[str, None] = {}
        for item, _crit in self._columns:
            seen.setdefault(item, None)
        return list(seen)

    @property
    def criteria(self) -> list[str]:
        seen: dict[str, None] = {}
        for _item, crit in self._columns:
            seen.setdefault(crit, None)
        return list(seen)

    def keys(self) -> list[tuple[str, str]]:
        return list(self._columns)

    def has_participant(self, participant: str) -> bool:
        return participant in self._pindex

    def ballot(self, participant: str, criterion: str = "") -> dict[str, Value]:
        """A participant's present scores (N/A included, absent left out) for one criterion."""
        slot = self._pindex.get(participant)
        if slot is None:
            return {}
        result: dict[str, Value] = {}
        for (item, crit), column in self._columns.items():
            if crit != criterion:
                continue
            value = column[slot]
            if value != value:
                continue
            result[item] = NA if value == NA_VALUE else value
        return result

    def cells(self) -> Iterator[tuple[str, str, str, Value]]:
        """Every present cell as (participant, item, criterion, value)."""
        for (item, crit), column in self._columns.items():
            for slot, value in enumerate(column):
                if value != value:
                    continue
                yield self.participants[slot], item, crit, (NA if value == NA_VALUE else value)

    def count(self) -> int:
        """How many scores are present (N/A included)."""
        return sum(1 for column in self._columns.values() for v in column if v == v)

    def __len__(self) -> int:
        return len(self.participants)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ScoreTable):
            return NotImplemented
        return sorted(self.cells(), key=_cell_key) == sorted(other.cells(), key=_cell_key)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (f"ScoreTable({len(self.participants)} participants, "
                f"{len(self.items)} items, {self.count()} scores)")

    # -- plain data --------------------------------------------------------
    def to_data(self) -> dict[str, Any]:
        """Plain JSON-able form: participants plus one list of values per column.

        In the lists ``null`` is absent and ``"na"`` is N/A.
        """
        columns = []
        for (item, crit), column in self._columns.items():
            # each distinct value written once, then looked up (absent, nan, is never found)
            spelled = {v: ("na" if v == NA_VALUE else (int(v) if v.is_integer() else v))
                       for v in set(column) if v == v}
            values: list[Any] = list(map(spelled.get, column))
            entry: dict[str, Any] = {"item": item}
            if crit:
                entry["criterion"] = crit
            entry["values"] = values
            columns.append(entry)
        return {"participants": list(self.participants), "columns": columns}

    @classmethod
    def from_data(cls, data: Any, where: str = "scores", *, like: ScoreTable | None = None) -> ScoreTable:
        """Inverse of :meth:`to_data`; raises :class:`ValidationError` naming the place.

        ``like``: a table read before, whose participants (the same, in the same order, as
        a group's tables usually have) lend their index instead of it being built again."""
        if not isinstance(data, Mapping):
            raise ValidationError(f"expected an object, got {type(data).__name__}", where=where)
        unknown = data.keys() - _TABLE_FIELDS
        if unknown:
            raise ValidationError(f"unknown field(s) {', '.join(sorted(map(str, unknown)))}", where=where)
        participants = data.get("participants", [])
        columns = data.get("columns", [])
        if not isinstance(participants, list) or not all(map(isinstance, participants, repeat(str))):
            raise ValidationError("participants must be a list of strings", where=f"{where}.participants")
        if not isinstance(columns, list):
            raise ValidationError("columns must be a list", where=f"{where}.columns")
        table = cls()
        if like is not None and like.participants == participants:
            table.participants = list(participants)
            table._pindex = dict(like._pindex)
        else:
            table.add_participants(participants)
        for i, col in enumerate(columns):
            cwhere = f"{where}.columns[{i}]"
            if not isinstance(col, Mapping) or not isinstance(col.get("item"), str):
                raise ValidationError("a column needs an 'item' string", where=cwhere)
            unknown = col.keys() - _COLUMN_FIELDS
            if unknown:
                raise ValidationError(f"unknown field(s) {', '.join(sorted(map(str, unknown)))}", where=cwhere)
            crit = col.get("criterion", "")
            if not isinstance(crit, str):
                raise ValidationError(f"criterion must be a string (got {crit!r})", where=cwhere)
            values = col.get("values")
            if not isinstance(values, list) or len(values) != len(participants):
                raise ValidationError(
                    f"values must be a list of {len(participants)} entries, one per participant",
                    where=f"{cwhere}.values",
                )
            if (col["item"], crit) in table._columns:
                raise ValidationError(f"item {col['item']!r} has two columns", where=cwhere)
            quick = _quick_column(values)
            if quick is not None:
                table._columns[(col["item"], crit)] = quick
                continue
            floats = array("d")
            for j, v in enumerate(values):
                if v is None:
                    floats.append(ABSENT_VALUE)
                elif v == "na":
                    floats.append(NA_VALUE)
                elif isinstance(v, (int, float)) and not isinstance(v, bool) and -1e15 < v < 1e15:
                    floats.append(float(v))
                else:
                    raise ValidationError(
                        f"score {v!r} is not a number, null or \"na\"", where=f"{cwhere}.values[{j}]"
                    )
            table._columns[(col["item"], crit)] = floats
        return table


_PLAIN_TYPES = frozenset({int, float, type(None), str})
#: The fields a score table and each of its columns may hold (as the file format's schema says).
_TABLE_FIELDS = frozenset({"participants", "columns"})
_COLUMN_FIELDS = frozenset({"item", "criterion", "values"})


_ZERO = {None: 0.0, "na": 0.0}
_STORED = {None: ABSENT_VALUE, "na": NA_VALUE}


def _quick_column(values: list[Any]) -> array[float] | None:
    """A column of plain data as an array, with C-level loops; ``None`` when a value is not a
    finite number, ``null`` or ``"na"`` (the checking loop then says which and where)."""
    kinds = set(map(type, values))
    if not kinds <= _PLAIN_TYPES:  # bool, lists, objects: let the loop name them
        return None
    numbers_only = kinds <= {int, float}
    try:
        # null and "na" as 0 for the range check; any other string fails min/max
        numbers = values if numbers_only else list(map(_ZERO.get, values, values))
        if float in kinds and not all(map(math.isfinite, numbers)):
            return None
        if numbers and not (-1e15 < min(numbers) and max(numbers) < 1e15):  # as the loop refuses
            return None
        stored = values if numbers_only else list(map(_STORED.get, values, values))
        # packed as doubles at once: quicker than the array converting each number (whole
        # numbers most of all, as files write them)
        return array("d", struct.pack(f"{len(stored)}d", *stored))
    except (TypeError, OverflowError, struct.error):
        return None


def _cell_key(cell: tuple[str, str, str, Value]) -> tuple[str, str, str]:
    return cell[0], cell[1], cell[2]
