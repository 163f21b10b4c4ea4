"""``lessonkit demo``: the seeds' workshops, their report books in every format.

Data-driven: the example sessions and what to print come from the package's
``lessonkit/demo/manifest.json``, so the core names no method here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from lessonkit.errors import LessonkitError, SessionFileError
from lessonkit.plugins import Registry

__all__ = ["DemoResult", "demo_sessions", "run_demo"]


@attrs.define
class DemoResult:
    """What one example session produced."""

    name: str
    session_path: Path
    reports: list[Path] = attrs.field(factory=list)
    skipped: dict[str, str] = attrs.field(factory=dict)
    ranking: Any = None
    ranking_of: dict[str, str] | None = None


def _manifest() -> dict[str, Any]:
    text = resources.files("lessonkit.demo").joinpath("manifest.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def demo_sessions() -> Iterator[tuple[dict[str, Any], str]]:
    """Each example's manifest entry and its session file's text."""
    for entry in _manifest()["sessions"]:
        text = resources.files("lessonkit.demo").joinpath(entry["file"]).read_text(encoding="utf-8")
        yield entry, text


def run_demo(
    registry: Registry,
    out_dir: str | Path,
    *,
    locale: str | None = None,
    digits: str | None = None,
    formats: list[str] | None = None,
    progress: Callable[[str], None] | None = None,
) -> list[DemoResult]:
    """Write each example session and its report in every format into ``out_dir``.

    A format whose renderer cannot run here (DOCX without python-docx) is
    skipped with the reason in :attr:`DemoResult.skipped`; everything else is
    still written.
    """
    from lessonkit import files
    from lessonkit.output import write_file
    from lessonkit.ranking import rank_prompt
    from lessonkit.report import build_report

    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SessionFileError(f"cannot create the folder {out}: {exc.strerror}") from None
    # PDF needs a browser and takes seconds per book: 'lessonkit report --format pdf' makes it
    keys = formats or [k for k in registry.renderers if k != "pdf"]
    results = []
    for entry, text in demo_sessions():
        session = files.loads(text, where=entry["file"])
        name = Path(entry["file"]).stem
        session_path = out / entry["file"]
        files.save(session, session_path)
        result = DemoResult(name=name, session_path=session_path)
        document = build_report(session, registry, locale=locale, digits=digits,
                                options={"session_file": str(session_path.resolve())})
        for key in keys:
            renderer = registry.renderers.get(key)
            try:
                payload = renderer(document, {})
            except LessonkitError as exc:
                result.skipped[key] = exc.message
                continue
            target = out / f"{name}-report{renderer.extension}"
            write_file(target, payload, error=SessionFileError, what="report")
            result.reports.append(target)
            if progress is not None:
                progress(str(target))
        show = entry.get("show_ranking")
        if show:
            result.ranking_of = dict(show)
            result.ranking = rank_prompt(session, registry, show["group"], show["method"], show["prompt"],
                                         step=show.get("step"))
        results.append(result)
    return results
