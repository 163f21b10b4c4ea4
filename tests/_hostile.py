"""Hostile session files and every command that reads one (shared by the hardening tests).

:func:`mutations` makes the corpus: mutations of the demo sessions (byte flips, truncation,
deleted and duplicated keys, wrong types, huge integers, lone surrogates, deep nesting,
BOM/UTF-16, NaN/Infinity). :func:`reading_commands` lists the command lines that read a file.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DEMO = Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "demo"
SEEDS = (DEMO / "seeds-workshop.json").read_bytes()
PHATTHALUNG = (DEMO / "phatthalung-5c4f.json").read_bytes()


def reading_commands(path: Path, out_dir: Path) -> list[list[str]]:
    """Every command that reads ``path``: validate, show, rank, report in every format
    (PDF aside: it needs a browser and seconds per book), export (every table, CSV and
    XLSX), the methods' views, and one write (last)."""
    p = str(path)
    cmds = [
        ["validate", p],
        ["show", p],
        ["validate", p, "--json"],
        ["rank", p, "--group", "g2", "--method", "ee", "--prompt", "importance"],
        ["rank", p, "--group", "g2", "--method", "ee", "--prompt", "rating", "--format", "csv"],
        ["rank", p, "--group", "g2", "--method", "ee", "--prompt", "importance", "--format", "json"],
        ["ee", "stock", p, "--group", "g2"],
        ["ee", "stock", p, "--group", "g2", "--format", "json"],
        ["aar", "priorities", p, "--group", "g1"],
        ["aar", "themes", p, "--group", "g1"],
        ["5c4f", "matrix", p],
        ["5c4f", "gaps", p, "--format", "json"],
    ]
    for fmt in ("txt", "md", "html", "json"):
        cmds.append(["report", p, "--format", fmt])
    cmds.append(["report", p, "-o", str(out_dir / "r.docx")])
    cmds.append(["report", p, "-o", str(out_dir / "r.json")])
    for what in ("answers", "scores", "rankings", "actions"):
        cmds.append(["export", p, "--what", what])
    cmds.append(["export", p, "--what", "scores", "--format", "xlsx", "-o", str(out_dir / "s.xlsx")])
    cmds.append(["group", "add", p, "gfuzz", "--name", "Fuzz"])  # one write
    return cmds


def _walk(node: Any, found: list[tuple[Any, Any]]) -> None:
    if isinstance(node, dict):
        for key in node:
            found.append((node, key))
            _walk(node[key], found)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.append((node, index))
            _walk(value, found)


def _places(data: Any) -> list[tuple[Any, Any]]:
    found: list[tuple[Any, Any]] = []
    _walk(data, found)
    return found


HUGE = "9" * 5000
NASTY_STRINGS = ["\ud800", "a\udfffb", "\x1b[2J\x1b]0;owned\x07", "\u202eevil", "x\r=2+5", "\x00",
                 "=HYPERLINK(\"http://x\")", "＝1+1", "ก\u0e4d\u0e32", "", " ", "-10%"]
WRONG_VALUES: list[Any] = [None, True, 0, -1, 1.5, "", "x", [], {}, [1, "a"], {"a": 1}, 10**30,
                           float("nan"), float("inf")]


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def mutate(base: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One mutation of ``base`` and its name."""
    kind = rng.choice(["flip", "truncate", "delete_key", "duplicate_key", "wrong_type", "huge_int",
                       "surrogate", "deep", "bom_utf16", "nan", "nasty_string", "swap"])
    if kind == "flip":
        data = bytearray(base)
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return kind, bytes(data)
    if kind == "truncate":
        return kind, base[: rng.randrange(len(base))]
    if kind == "bom_utf16":
        text = base.decode("utf-8")
        return kind, rng.choice([b"\xef\xbb\xbf" + base, text.encode("utf-16"), text.encode("utf-16-le"),
                                 text.encode("utf-32"), b"\xff\xfe" + base])
    if kind == "deep":
        depth = rng.choice([100, 900, 950, 1100, 5000, 100_000])
        text = base.decode("utf-8")
        opens = [i for i, c in enumerate(text) if c == "{"]
        at = opens[0] if '"data"' not in text and rng.random() < 0.5 else rng.choice(opens)
        key = "data" if at == opens[0] and '"data"' not in text else "zz_deep"
        return kind, (text[:at + 1] + f'"{key}": {{"x": {_nested(depth)}}},' + text[at + 1:]).encode()
    if kind == "duplicate_key":
        text = base.decode("utf-8")
        keys = [i for i in range(len(text)) if text.startswith('"key"', i) or text.startswith('"text"', i)
                or text.startswith('"title"', i)]
        at = rng.choice(keys)
        end = text.index("\n", at)
        line = text[at:end].rstrip(",")
        return kind, (text[:end] + ("," if not text[:end].endswith(",") else "") + "\n" + line
                      + ("," if text[end - 1] == "," else "") + text[end:]).encode("utf-8", "surrogatepass")
    data = json.loads(base)
    places = _places(data)
    parent, key = rng.choice(places)
    if kind == "delete_key":
        del parent[key]
    elif kind == "wrong_type":
        parent[key] = rng.choice(WRONG_VALUES)
    elif kind == "huge_int":
        parent[key] = "@@HUGE@@"
        huge = rng.choice(["9" * 4301, "1" * 5000, "-" + "9" * 4400, "9" * 19, "1e400", "-1e999"])
        return kind, _dump(data).replace('"@@HUGE@@"', huge).encode("utf-8")
    elif kind == "surrogate" or kind == "nasty_string":
        strings = [(p, k) for p, k in places if isinstance(p[k], str)]
        parent, key = rng.choice(strings)
        parent[key] = rng.choice(NASTY_STRINGS if kind == "nasty_string" else ["\ud800", "x\udcff", "\udbff"])
    elif kind == "nan":
        numbers = [(p, k) for p, k in places if isinstance(p[k], (int, float)) and not isinstance(p[k], bool)]
        if numbers:
            parent, key = rng.choice(numbers)
        parent[key] = rng.choice([float("nan"), float("inf"), float("-inf")])
    elif kind == "swap":
        if isinstance(parent, list) and len(parent) > 1:
            rng.shuffle(parent)
        else:
            parent[key] = parent[key]
    return kind, _dump(data).encode("utf-8", "surrogatepass")


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def mutations(n: int, seed: int = 0) -> Iterator[tuple[str, bytes]]:
    rng = random.Random(seed)
    for _ in range(n):
        yield mutate(rng.choice([SEEDS, SEEDS, PHATTHALUNG]), rng)
