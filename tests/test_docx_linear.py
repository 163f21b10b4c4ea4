"""DOCX work grows linearly: the running head is shortened in one pass over the title, and the
work per group of a report is the same however many groups come before (work counted, not
timed: function calls, and python-docx's tree touched only a fixed number of times)."""

from __future__ import annotations

import copy
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lessonkit import files
from lessonkit.plugins import get_registry
from lessonkit.report import Document, build_report

docx = pytest.importorskip("docx", reason="python-docx (the 'docx' extra) is not installed")

from lessonkit.renderers import docx as docx_renderer  # noqa: E402  (needs python-docx)

SEEDS = Path(__file__).resolve().parent.parent / "src" / "lessonkit" / "demo" / "seeds-workshop.json"


def slow_fit(text: str, room: float) -> str:
    """The old way: drop one character at a time and measure again (quadratic)."""
    if docx_renderer.text_width(text) <= room:
        return text
    while text and docx_renderer.text_width(text) > room:
        text = text[:-1]
    return text.rstrip() + "…"


@given(st.text(alphabet=st.sampled_from("กขคิ่้ำาabc ๑2\u200b東"), max_size=80),
       st.floats(min_value=0, max_value=30))
def test_fit_text_is_the_longest_start_that_fits(text: str, room: float) -> None:
    assert docx_renderer.fit_text(text, room) == slow_fit(text, room)


@pytest.mark.parametrize("length", [1_000, 32_000])
def test_running_head_counts_each_character_once(length: int, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = Counter()
    real = docx_renderer.char_width

    def counting(ch: str) -> float:
        calls["width"] += 1
        return real(ch)

    monkeypatch.setattr(docx_renderer, "char_width", counting)
    title = ("การคุ้มครองทางสังคม " * (length // 19 + 1))[:length]
    fitted = docx_renderer.fit_text(title, 60.0)
    assert fitted.endswith("…") and docx_renderer.text_width(fitted[:-1]) <= 60.0
    head = calls["width"] - len(fitted)  # (text_width of the result above counted too)
    assert head <= len(fitted) + 1  # only the part that fits, plus the one that does not


def _session(groups: int) -> object:
    data = json.loads(SEEDS.read_text(encoding="utf-8"))
    base = data["groups"][1]
    data["groups"] = []
    for i in range(groups):
        group = copy.deepcopy(base)
        group["key"], group["name"] = f"g{i + 1}", f"{base['name']} {i + 1}"
        for p in group["participants"]:
            p["key"] = f"{p['key']}x{i}"
        for table in group["scores"].values():
            table["participants"] = [f"{p}x{i}" for p in table["participants"]]
        for entry in group["entries"]:
            if entry.get("participant"):
                entry["participant"] = f"{entry['participant']}x{i}"
        data["groups"].append(group)
    return files.loads(json.dumps(data, ensure_ascii=False))


def _work(doc: Document, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """The work of rendering ``doc``: every function call (Python and built-in, counted with
    ``sys.setprofile``), and how often python-docx's tree is touched — a body search, a page
    width worked out from every section, an element or a parsed fragment made."""
    from docx.document import Document as DocxDocument
    from docx.oxml import parser
    from docx.oxml.document import CT_Body

    counts: Counter[str] = Counter()
    for cls, name in ((CT_Body, "_insert_p"), (CT_Body, "_insert_tbl"),
                      (parser, "OxmlElement"), (parser, "parse_xml")):
        real = getattr(cls, name)

        def counting(*args: object, _real: Any = real, _name: str = name) -> object:
            counts[_name] += 1
            return _real(*args)

        monkeypatch.setattr(cls, name, counting)
    real_width = DocxDocument._block_width
    monkeypatch.setattr(DocxDocument, "_block_width", property(
        lambda self: (counts.update(["_block_width"]), real_width.fget(self))[1]))

    def profile(frame: object, event: str, arg: object) -> None:
        if event in ("call", "c_call"):
            counts["calls"] += 1

    sys.setprofile(profile)
    try:
        docx_renderer.render(doc, {})
    finally:
        sys.setprofile(None)
    return counts


def _grows_linearly(monkeypatch: pytest.MonkeyPatch, sizes: tuple[int, int, int]) -> bool:
    """Whether the work per added group stays the same: the sessions repeat one group, so a
    linear renderer does (almost exactly) the same work for each; a quadratic one does more
    for each group than for the one before. python-docx's tree is not touched per block."""
    registry = get_registry()
    work = []
    for groups in sizes:
        with monkeypatch.context() as patch:
            work.append(_work(build_report(_session(groups), registry, locale="th"), patch))
    small, middle, large = work
    tree = [{k: v for k, v in w.items() if k != "calls"} for w in work]
    first, second = middle["calls"] - small["calls"], large["calls"] - middle["calls"]
    steps = (sizes[1] - sizes[0], sizes[2] - sizes[1])
    per_group = (first / steps[0], second / steps[1])
    return tree[0] == tree[2] and per_group[1] <= per_group[0] * 1.03


def test_rendering_work_grows_linearly_with_the_groups(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _grows_linearly(monkeypatch, (2, 7, 12))


def test_the_work_count_finds_a_quadratic_renderer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check above fails on a renderer that looks back over the body for each paragraph."""
    real = docx_renderer._Writer.p

    def looking_back(self: Any, runs: str = "", **look: Any) -> None:
        tables = sum(1 for part in self.parts if part.startswith("<w:tbl>"))  # a call a part
        if tables < 0:
            look = dict(look)
        real(self, runs, **look)

    monkeypatch.setattr(docx_renderer._Writer, "p", looking_back)
    assert not _grows_linearly(monkeypatch, (1, 3, 5))
