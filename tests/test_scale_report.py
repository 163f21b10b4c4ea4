"""Reports grow linearly with the participants: work is counted, not timed.

Work is the number of function calls (Python and C, through ``sys.setprofile``) plus the
comparisons and hashes of participant keys (the keys are a ``str`` subclass that counts its
``==`` and hashes, so a scan of a list of participants, in Python or inside
``list.__contains__``, is seen).
A report over 4× the participants may do at most 5× the work.
"""

from __future__ import annotations

from typing import Any

import pytest
from _scale_fixtures import CountingKey, calls_and_keys, demo_sessions, inflate

from lessonkit.plugins import get_plugin_manager, load_registry
from lessonkit.report import build_report


@pytest.fixture(scope="module")
def registry() -> Any:
    return load_registry(get_plugin_manager())


def _work(registry: Any, n: int, formats: tuple[str, ...]) -> dict[str, int]:
    sessions = [inflate(s, registry, n, key=CountingKey) for s in demo_sessions()]
    for fmt in formats:
        registry.renderers.get(fmt)  # import the renderers outside the count

    def report() -> None:
        for session in sessions:
            document = build_report(session, registry)
            for fmt in formats:
                registry.renderers.get(fmt)(document)

    calls, compared = calls_and_keys(report)
    return {"calls": calls, "compared": compared}


@pytest.mark.parametrize("formats", [(), ("md", "html", "txt", "json")], ids=["build", "render"])
def test_report_work_is_linear_in_participants(registry: Any, formats: tuple[str, ...]) -> None:
    small = _work(registry, 300, formats)
    large = _work(registry, 1200, formats)
    assert large["calls"] <= 5 * small["calls"], (small, large)
    # comparisons and hashes of participant keys: index lookups only, never a scan per row
    assert large["compared"] <= 5 * max(small["compared"], 1), (small, large)


def test_large_report_summarises_and_lists_on_request(registry: Any) -> None:
    (aar_ee, _c4f) = [inflate(s, registry, 400) for s in demo_sessions()]
    document = build_report(aar_ee, registry, locale="en")
    html = registry.renderers.get("html")(document)
    names = [p.name for g in aar_ee.groups for p in g.participants if p.name]
    assert len(names) >= 800
    # summarised: participants counted, not listed; answers as the most frequent ones
    assert "ผู้ตอบ 399" not in html
    assert "participants (list left out of the report)" in html
    assert "the 30 most frequent are shown" in html or "most frequent are shown" in html
    # no list grows with the participants: the AAR's sustain, improve and recommendations
    # drawn from the form's answers are summarised too
    bigger = registry.renderers.get("html")(build_report(
        inflate(demo_sessions()[0], registry, 1600), registry, locale="en"))
    assert bigger.count("<li") <= html.count("<li") + 10, (html.count("<li"), bigger.count("<li"))
    full = build_report(aar_ee, registry, locale="en", options={"full_listing": True}, draft=True)
    full_html = registry.renderers.get("html")(full)
    assert "ผู้ตอบ 399" in full_html
    # the AAR lists each participant once in its participant table, not twice
    from lessonkit.report import iter_sections

    (section,) = [sec for _d, sec in iter_sections(full.chapters) if sec.key == "aar.g2.participants"]
    (table,) = [b for b in section.blocks if getattr(b, "type", "") == "table"]
    people = aar_ee.group("g2").participants
    listed = [row[0] for row in table.rows]
    assert len(people) >= 400
    assert len(set(listed[:len(people)])) == len(people)  # each one once
    assert all(p.name in listed for p in people if p.name)
    assert len(listed) <= len(people) + 1  # and one row for the anonymous cards
