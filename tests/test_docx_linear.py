"""DOCX work grows linearly: the running head is shortened in one pass over the title, and a
block is added to the book without searching the body (work counted, not timed)."""

from __future__ import annotations

import copy
import json
from collections import Counter
from pathlib import Path

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


def _searches(doc: Document, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """How often rendering asks python-docx to find the end of the body or the page width."""
    from docx.document import Document as DocxDocument
    from docx.oxml.document import CT_Body

    counts: Counter[str] = Counter()
    for cls, name in ((CT_Body, "_insert_p"), (CT_Body, "_insert_tbl"),
                      (DocxDocument, "_block_width")):
        real = getattr(cls, name)

        def counting(self: object, *args: object, _real: object = real, _name: str = name) -> object:
            counts[_name] += 1
            return _real(self, *args)  # type: ignore[operator]

        monkeypatch.setattr(cls, name, counting if name != "_block_width" else property(
            lambda self, _real=real, _name=name: (counts.update([_name]), _real.fget(self))[1]))
    docx_renderer.render(doc, {})
    return counts


def test_blocks_are_added_without_searching_the_body(monkeypatch: pytest.MonkeyPatch) -> None:
    registry = get_registry()
    with monkeypatch.context() as patch:
        small = _searches(build_report(_session(2), registry, locale="th"), patch)
    with monkeypatch.context() as patch:
        large = _searches(build_report(_session(12), registry, locale="th"), patch)
    # only the first paragraph of each look is made through python-docx (then copied)
    assert large == small, (small, large)
    assert large["_block_width"] == 0 and large["_insert_tbl"] == 0
