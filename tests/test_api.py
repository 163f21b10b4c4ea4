"""The facade for host programs: lessonkit.api."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import lessonkit
from lessonkit import api, files, workshop
from lessonkit.errors import NotFoundError, SessionFileError, ValidationError
from lessonkit.model import Session
from lessonkit.ranking import Ranking
from lessonkit.store import JsonFileStore, MemoryStore

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _scored(registry: lessonkit.plugins.Registry) -> Session:
    session = workshop.new_session(registry, "ทบทวนหลังปฏิบัติ", methods=["aar"], locale="en")
    workshop.add_group(session, "g1", "กลุ่ม 1")
    for key in ("p1", "p2"):
        workshop.add_participant(session, "g1", key)
    workshop.add_answers(session, registry, "g1", "aar", "improve", ["ประสานงาน", "งบประมาณ"])
    workshop.set_scores(session, registry, "g1", "aar", "priority", "p1", {"1": 1, "2": 2})
    workshop.set_scores(session, registry, "g1", "aar", "priority", "p2", {"2": 3})
    return session


def test_open_and_edit_a_path(tmp_path: Path) -> None:
    registry = api.default_registry()
    path = tmp_path / "w.json"
    with api.edit_session(path, create=_scored(registry), timeout=2) as session:
        session.venue = "Hat Yai"
    assert api.open_session(path).venue == "Hat Yai"
    assert api.open_session(str(path)).venue == "Hat Yai"


def test_edit_session_refuses_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    files.save(_scored(api.default_registry()), path)
    before = path.read_bytes()
    with pytest.raises(ValidationError), api.edit_session(path) as session:
        session.methods.append("nope")
    assert path.read_bytes() == before


def test_edit_session_timeout(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    files.save(_scored(api.default_registry()), path)
    with files.lock(path), pytest.raises(SessionFileError), api.edit_session(path, timeout=0.05):
        pass


def test_open_and_edit_a_store() -> None:
    store = MemoryStore(_scored(api.default_registry()))
    with api.edit_session(store) as session:
        session.venue = "Yala"
    assert api.open_session(store).venue == "Yala"
    assert api.store_for(store) is store
    assert isinstance(api.store_for("x.json"), JsonFileStore)


def test_rank_returns_a_typed_ranking() -> None:
    ranking = api.rank(_scored(api.default_registry()), "g1", "aar", "priority")
    assert isinstance(ranking, Ranking)
    assert [(row.rank, row.text, row.score) for row in ranking.rows] == [
        (1, "งบประมาณ", 5.0), (2, "ประสานงาน", 1.0)]
    assert json.loads(json.dumps(ranking.to_data()))["rule"] == ranking.rule.key


def test_rank_with_a_named_rule() -> None:
    ranking = api.rank(_scored(api.default_registry()), "g1", "aar", "priority", rule="dots")
    assert ranking.rule.key == "dots"
    with pytest.raises(ValidationError, match="rule 'mean' ranks score prompts"):
        api.rank(_scored(api.default_registry()), "g1", "aar", "priority", rule="mean")


def test_render_report_every_text_format_is_bytes() -> None:
    session = _scored(api.default_registry())
    for fmt in ("html", "md", "txt", "json"):
        out = api.render_report(session, fmt)
        assert isinstance(out, bytes)
        assert "ประสานงาน" in out.decode("utf-8")
    assert json.loads(api.render_report(session, "json"))["title"] == session.title


def test_render_report_locale_and_digits() -> None:
    session = _scored(api.default_registry())
    thai = api.render_report(session, "txt", locale="th").decode()
    assert "กลุ่มที่ ๑" in thai
    arabic = api.render_report(session, "txt", locale="th", digits="arabic").decode()
    assert "กลุ่มที่ 1" in arabic


def test_render_report_unknown_format() -> None:
    with pytest.raises(NotFoundError, match="unknown report format 'pdfx'") as info:
        api.render_report(_scored(api.default_registry()), "pdfx")
    assert info.value.code == "unknown_format"


def test_html_fragment_is_a_div_with_scoped_style() -> None:
    session = api.open_session(EXAMPLES / "seeds-workshop.json")
    page = api.render_report(session, "html").decode()
    fragment = api.render_report(session, "html", options={"fragment": True}).decode()
    assert fragment.startswith('<div class="lessonkit-report" lang="th">')
    assert fragment.rstrip().endswith("</div>")
    for tag in ("<html", "<head>", "<body", "<!DOCTYPE", "<meta"):
        assert tag not in fragment
    style = re.search(r"<style>(.*?)</style>", fragment, re.S)
    assert style is not None
    # every rule applies only inside the fragment: the host page's look is untouched
    for rule in re.findall(r"([^{}]+)\{", style.group(1)):
        if rule.strip().startswith(("@media", "@supports", "@font-face")):
            continue  # the rules inside are checked in turn; @font-face styles nothing
        for selector in rule.split(","):
            assert selector.strip().startswith(".lessonkit-report"), selector
    assert "@page" not in fragment and "@media" not in style.group(1)
    # the body's content is the same as the page's
    body = page[page.index("<body>") + 6:page.index("</body>")].strip()
    assert body in fragment
    bare = api.render_report(session, "html", options={"fragment": True, "style": False}).decode()
    assert "<style>" not in bare


def test_facade_is_reexported_from_lessonkit() -> None:
    assert lessonkit.open_session is api.open_session
    assert lessonkit.edit_session is api.edit_session
    assert lessonkit.render_report is api.render_report
    assert lessonkit.rank is api.rank
    assert lessonkit.JsonFileStore is JsonFileStore
