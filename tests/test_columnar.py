"""The Parquet dataset: counts round-trip against the sessions, 'export --format parquet'
and 'collect' on the command line, and the documented DuckDB roll-ups over 200 sessions."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path
from typing import Any

import pytest
from _scale_fixtures import demo_sessions, inflate
from click.testing import CliRunner

from lessonkit import Session, ValidationError, files
from lessonkit.cli import _common, cli
from lessonkit.columnar import SCHEMA, TABLES, Dataset, read_counts, write_parquet
from lessonkit.plugins import get_plugin_manager, load_registry

pq = pytest.importorskip("pyarrow.parquet")
DOCS = Path(__file__).resolve().parent.parent / "docs" / "data-model.md"
PROVINCES = ["พัทลุง", "สงขลา", "ตรัง", "ยะลา", "น่าน", "เชียงราย", "ขอนแก่น", "ชลบุรี"]


@pytest.fixture(scope="module")
def registry() -> Any:
    return load_registry(get_plugin_manager())


def expected_counts(sessions: dict[str, Session]) -> dict[str, int]:
    groups = [g for s in sessions.values() for g in s.groups]
    return {
        "sessions": len(sessions),
        "groups": len(groups),
        "participants": sum(len(g.participants) for g in groups),
        "entries": sum(len(e.row) if e.row is not None else 1 for g in groups for e in g.entries),
        "scores": sum(t.count() for g in groups for t in g.scores.values()),
        "actions": sum(len(g.actions) for g in groups),
    }


def test_parquet_round_trips_the_sessions_counts(tmp_path: Path, registry: Any) -> None:
    sessions = {f"s{i}.json": inflate(s, registry, 60) for i, s in enumerate(demo_sessions())}
    dataset = Dataset()
    for name, session in sessions.items():
        dataset.add(session, name)
    written = write_parquet(dataset, tmp_path / "ds")
    expected = expected_counts(sessions)
    assert written == expected
    assert read_counts(tmp_path / "ds") == expected
    assert expected["scores"] > 1000 and expected["entries"] > 100
    scores = pq.read_table(tmp_path / "ds" / "scores.parquet").to_pydict()
    assert list(scores) == [name for name, _type in SCHEMA["scores"]]
    cells = [(p, i, c, v) for s in sessions.values() for g in s.groups
             for t in g.scores.values() for p, i, c, v in t.cells()]
    finite = [float(v) for *_x, v in cells if isinstance(v, float) and math.isfinite(v)]
    assert math.isclose(sum(v for v in scores["value"] if v is not None), math.fsum(finite))
    assert sum(scores["na"]) == len(cells) - len(finite)
    people = pq.read_table(tmp_path / "ds" / "participants.parquet").to_pydict()
    assert set(people["participant"]) >= {"g2x59"}


def test_a_name_twice_is_refused() -> None:
    dataset = Dataset()
    session = demo_sessions()[0]
    dataset.add(session, "a.json")
    with pytest.raises(ValidationError, match=r"two sessions are named 'a\.json'"):
        dataset.add(session, "a.json")


def _invoke(*args: str) -> Any:
    _common.reset()
    return CliRunner().invoke(cli, list(args))


def test_export_parquet_and_collect_on_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    for i, session in enumerate(demo_sessions()):
        files.save(session, folder / f"ws{i}.json")
    result = _invoke("export", str(folder / "ws0.json"), "--format", "parquet",
                     "-o", str(tmp_path / "one"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "เขียนชุดข้อมูลจาก 1 ไฟล์การประชุม" in result.stderr  # the session is Thai
    assert "sessions 1, groups 4" in result.stderr
    assert read_counts(tmp_path / "one")["sessions"] == 1
    result = _invoke("export", str(folder / "ws0.json"), "--format", "parquet")
    assert result.exit_code == 2
    assert "-o FOLDER" in result.stderr

    result = _invoke("collect", str(folder), "-o", str(tmp_path / "all"))
    assert result.exit_code == 0, result.output
    loaded = {str(p): files.load(p) for p in sorted(folder.glob("*.json"))}
    assert read_counts(tmp_path / "all") == expected_counts(loaded)
    # an existing dataset is kept unless --force
    result = _invoke("collect", str(folder), "-o", str(tmp_path / "all"))
    assert result.exit_code == 1
    assert "already exists" in result.stderr and "Traceback" not in result.output
    assert _invoke("collect", str(folder), "-o", str(tmp_path / "all"), "--force").exit_code == 0


def test_collect_stops_at_a_bad_file_and_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    files.save(demo_sessions()[0], folder / "a.json")
    (folder / "b.json").write_text('{"schema_version": 1, "title": 5}', encoding="utf-8")
    result = _invoke("collect", str(folder), "-o", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "b.json" in result.stderr and "Traceback" not in result.output
    assert result.stdout == ""
    assert not (tmp_path / "out").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".lessonkit")]


# ------------------------------------------------------------------ the documented roll-ups


def _generated(registry: Any, n: int = 200, seed: int = 5) -> dict[str, Session]:
    """``n`` sessions: half 5C4F assessments of areas, half EE baselines in provinces,
    with random ratings (N/A kept where the demo has it)."""
    rng = random.Random(seed)
    seeds, c4f = demo_sessions()
    made: dict[str, Session] = {}
    for i in range(n):
        session = files.loads(files.dumps(c4f if i % 2 else seeds))
        province = PROVINCES[(i // 2) % len(PROVINCES)]
        session.venue = province
        for group in session.groups:
            if i % 2:
                group.name = f"เทศบาล {i % 13} {province}"
            for table in group.scores.values():
                for participant, item, crit, value in list(table.cells()):
                    if isinstance(value, float) and math.isfinite(value):
                        table.set(participant, item, float(rng.randint(1, 3)), crit)
        made[f"ws{i:03d}.json"] = session
    return made


def _sql(marker: str) -> str:
    text = DOCS.read_text(encoding="utf-8")
    block = text[text.index(f"<!-- rollup:{marker}:start -->"):text.index(f"<!-- rollup:{marker}:end -->")]
    found = re.search(r"```sql\n(.*?)```", block, re.S)
    assert found is not None
    return found.group(1)


def test_documented_duckdb_rollups_over_200_sessions(tmp_path: Path, registry: Any) -> None:
    duckdb = pytest.importorskip("duckdb")
    sessions = _generated(registry)
    folder = tmp_path / "sessions"
    folder.mkdir()
    for name, session in sessions.items():
        files.save(session, folder / name)
    result = _invoke("collect", str(folder), "-o", str(tmp_path / "dataset"))
    assert result.exit_code == 0, result.output
    con = duckdb.connect()
    for table in TABLES:
        con.execute(f"CREATE VIEW {table} AS SELECT * FROM "
                    f"read_parquet('{tmp_path / 'dataset' / table}.parquet')")
    assert con.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 200

    # 5C4F: mean rating by dimension and area, computed here from the sessions
    sums: dict[tuple[str, str], list[float]] = {}
    for session in sessions.values():
        for group in session.groups:
            table = group.scores.get("5c4f/assessment/dimensions")
            if table is None:
                continue
            for _p, _item, crit, value in table.cells():
                if isinstance(value, float) and math.isfinite(value):
                    sums.setdefault((group.name, crit), []).append(value)
    rows = con.execute(_sql("5c4f")).fetchall()
    assert len(rows) == len(sums) > 20
    for area, dimension, mean, n in rows:
        values = sums[(area, dimension)]
        assert n == len(values)
        assert abs(mean - sum(values) / len(values)) < 0.006

    # EE: the three activities of each province with the highest total importance
    totals: dict[str, dict[str, list[float]]] = {}
    for session in sessions.values():
        for group in session.groups:
            table = group.scores.get("ee/taking_stock/importance")
            if table is None:
                continue
            labels = {e.id: e.label() for e in group.entries}
            for _p, item, _c, value in table.cells():
                if isinstance(value, float) and math.isfinite(value):
                    per = totals.setdefault(session.venue or "", {})
                    per.setdefault(labels[item], []).append(value)
    expected = []
    for province in sorted(totals):
        ranked = sorted(totals[province].items(), key=lambda kv: (-sum(kv[1]), kv[0]))[:3]
        expected += [(province, activity, sum(v), len(v)) for activity, v in ranked]
    got = [(p, a, float(s), n) for p, a, s, n in con.execute(_sql("ee")).fetchall()]
    assert got == sorted(expected, key=lambda r: (r[0], -r[2], r[1]))
    assert len({p for p, *_r in got}) == len(PROVINCES)
