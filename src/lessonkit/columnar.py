"""Sessions as a columnar dataset: tidy long tables in Parquet, for DuckDB, Spark or pandas.

One session file or hundreds (a province's 5C4F assessments, a ministry's EE baselines)
become one dataset: a folder with one Parquet file per table, each row one observation.

* ``sessions`` — one row per session file;
* ``groups`` — one row per group (an area, a working group);
* ``participants`` — one row per participant;
* ``entries`` — one row per answer (a table prompt's row gives one row per field);
* ``scores`` — one row per score cell (participant × item × criterion), N/A flagged;
* ``actions`` — one row per action item.

Every table starts with ``session`` (the file's name as given, the key joining the tables)
and, below sessions, ``group_key`` (not ``group``, a reserved word in SQL). The columns and their types are in :data:`SCHEMA` and in
``docs/data-model.md``. Writing needs pyarrow (``pip install 'lessonkit[parquet]'``); the
tables themselves (:class:`Dataset`) are plain Python lists.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from lessonkit.errors import LessonkitError, ValidationError
from lessonkit.model import Session

__all__ = ["SCHEMA", "TABLES", "Dataset", "collect", "read_counts", "session_files", "write_parquet"]

#: The tables of a dataset, in order.
TABLES = ("sessions", "groups", "participants", "entries", "scores", "actions")

#: Each table's columns and their types: ``string``, ``date``, ``int``, ``double``, ``bool``,
#: ``list<string>``.
SCHEMA: Mapping[str, tuple[tuple[str, str], ...]] = {
    "sessions": (("session", "string"), ("title", "string"), ("date", "date"),
                 ("venue", "string"), ("locale", "string"), ("methods", "list<string>"),
                 ("groups", "int"), ("participants", "int")),
    "groups": (("session", "string"), ("group_key", "string"), ("group_name", "string"),
               ("facilitator", "string"), ("members", "list<string>"), ("participants", "int")),
    "participants": (("session", "string"), ("group_key", "string"), ("participant", "string"),
                     ("name", "string"), ("agency", "string")),
    "entries": (("session", "string"), ("group_key", "string"), ("entry", "string"),
                ("method", "string"), ("step", "string"), ("prompt", "string"),
                ("participant", "string"), ("field", "string"), ("text", "string"),
                ("tags", "list<string>")),
    "scores": (("session", "string"), ("group_key", "string"), ("method", "string"),
               ("step", "string"), ("prompt", "string"), ("participant", "string"),
               ("item", "string"), ("item_text", "string"), ("criterion", "string"),
               ("value", "double"), ("na", "bool")),
    "actions": (("session", "string"), ("group_key", "string"), ("action", "string"),
                ("what", "string"), ("owner", "string"), ("due", "date"), ("status", "string"),
                ("method", "string"), ("source", "string"), ("note", "string")),
}


class Dataset:
    """The tidy tables of one or more sessions, column by column (plain lists)."""

    def __init__(self) -> None:
        self.columns: dict[str, dict[str, list[Any]]] = {
            table: {name: [] for name, _type in SCHEMA[table]} for table in TABLES}
        self.sessions: set[str] = set()

    def rows(self, table: str) -> int:
        """How many rows ``table`` has."""
        return len(self.columns[table]["session"])

    def add(self, session: Session, name: str) -> None:
        """Add a session's rows under the key ``name`` (its file name, say); names are unique."""
        if name in self.sessions:
            raise ValidationError(f"two sessions are named {name!r} in one dataset",
                                  hint="give each file once")
        self.sessions.add(name)
        c = self.columns
        _append(c["sessions"], session=name, title=session.title, date=session.date,
                venue=session.venue, locale=session.locale, methods=list(session.methods),
                groups=len(session.groups), participants=session.participant_count())
        for group in session.groups:
            g = group.key
            _append(c["groups"], session=name, group_key=g, group_name=group.name,
                    facilitator=group.facilitator, members=list(group.members),
                    participants=len(group.participants))
            people = c["participants"]
            n = len(group.participants)
            people["session"].extend([name] * n)
            people["group_key"].extend([g] * n)
            people["participant"].extend(p.key for p in group.participants)
            people["name"].extend(p.name for p in group.participants)
            people["agency"].extend(p.agency for p in group.participants)
            entries = c["entries"]
            for e in group.entries:
                tags = list(e.tags)
                fields: Iterable[tuple[str | None, str]] = (
                    e.row.items() if e.row is not None else ((None, e.text),))
                for field, text in fields:
                    _append(entries, session=name, group_key=g, entry=e.id, method=e.method,
                            step=e.step, prompt=e.prompt, participant=e.participant,
                            field=field, text=text, tags=tags)
            self._add_scores(name, group)
            for a in group.actions:
                _append(c["actions"], session=name, group_key=g, action=a.id, what=a.what,
                        owner=a.owner, due=a.due, status=a.status, method=a.method,
                        source=a.source, note=a.note)

    def _add_scores(self, name: str, group: Any) -> None:
        scores = self.columns["scores"]
        labels = {e.id: e.label() for e in group.entries}
        for key, table in group.scores.items():
            method, step, prompt = [*key.split("/"), "", ""][:3]
            keys = table.participants
            for item, criterion in table.keys():
                column = table.column(item, criterion)
                present = [slot for slot, v in enumerate(column) if v == v]  # nan: absent
                k = len(present)
                scores["session"].extend([name] * k)
                scores["group_key"].extend([group.key] * k)
                scores["method"].extend([method] * k)
                scores["step"].extend([step] * k)
                scores["prompt"].extend([prompt] * k)
                scores["participant"].extend(keys[slot] for slot in present)
                scores["item"].extend([item] * k)
                scores["item_text"].extend([labels.get(item)] * k)
                scores["criterion"].extend([criterion or None] * k)
                values = [column[slot] for slot in present]
                scores["value"].extend(v if math.isfinite(v) else None for v in values)
                scores["na"].extend(not math.isfinite(v) for v in values)


def _append(columns: dict[str, list[Any]], **row: Any) -> None:
    for key, value in row.items():
        columns[key].append(value)


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise LessonkitError("writing Parquet needs pyarrow",
                             hint="pip install 'lessonkit[parquet]'") from None
    return pyarrow


def _arrow_type(pa: Any, name: str) -> Any:
    return {"string": pa.string(), "date": pa.date32(), "int": pa.int64(),
            "double": pa.float64(), "bool": pa.bool_(),
            "list<string>": pa.list_(pa.string())}[name]


def write_parquet(dataset: Dataset, folder: str | os.PathLike[str], *,
                  force: bool = False) -> dict[str, int]:
    """Write the dataset as ``folder/<table>.parquet``, one file per table; returns the rows
    per table. The folder is written beside its final place and moved there in one step, so
    a failed write leaves no half dataset; an existing folder is replaced only with
    ``force``."""
    pa = _pyarrow()
    import shutil
    import tempfile

    import pyarrow.parquet as pq

    target = Path(folder)
    if target.exists() and not force:
        raise ValidationError(f"{target} already exists", hint="give another folder or --force")
    if target.exists() and not target.is_dir():
        raise ValidationError(f"{target} is a file, not a folder", hint="give a folder name")
    parent = target.parent if str(target.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".lessonkit-dataset-", dir=parent))
    try:
        for table in TABLES:
            schema = pa.schema([(n, _arrow_type(pa, t)) for n, t in SCHEMA[table]])
            arrays = [pa.array(dataset.columns[table][n], type=_arrow_type(pa, t))
                      for n, t in SCHEMA[table]]
            pq.write_table(pa.Table.from_arrays(arrays, schema=schema),
                           staging / f"{table}.parquet", compression="zstd")
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=".lessonkit-old-", dir=parent))
            os.replace(target, old / "dataset")
        os.replace(staging, target)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {table: dataset.rows(table) for table in TABLES}


def read_counts(folder: str | os.PathLike[str]) -> dict[str, int]:
    """The rows of each table of a written dataset (read from the Parquet metadata)."""
    _pyarrow()
    import pyarrow.parquet as pq

    return {table: pq.ParquetFile(Path(folder) / f"{table}.parquet").metadata.num_rows
            for table in TABLES}


def collect(paths: Iterable[str | os.PathLike[str]],
            load: Callable[[str], Session] | None = None,
            progress: Callable[[str], None] | None = None) -> Dataset:
    """Load every session file of ``paths`` (folders are searched for ``*.json``,
    recursively, in name order) into one :class:`Dataset`. A file that is not a session
    stops the collection with an error naming it."""
    if load is None:
        from lessonkit import files

        load = files.load
    dataset = Dataset()
    for path in session_files(paths):
        if progress is not None:
            progress(path)
        try:
            session = load(path)
        except LessonkitError as exc:
            if path not in str(exc):
                exc.where = f"{path}: {exc.where}" if exc.where else path
            raise
        dataset.add(session, path)
    return dataset


def session_files(paths: Iterable[str | os.PathLike[str]]) -> list[str]:
    """The session files named, folders expanded to their ``*.json`` files (recursively)."""
    found: list[str] = []
    for path in paths:
        p = Path(path)
        if p.is_dir():
            found.extend(str(f) for f in sorted(p.rglob("*.json")) if f.is_file())
        elif p.exists():
            found.append(str(p))
        else:
            raise ValidationError(f"{p} does not exist", hint="name session files or folders")
    if not found:
        raise ValidationError("no session files found", hint="name .json session files or folders")
    return found
