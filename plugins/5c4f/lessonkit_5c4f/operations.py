"""Checked changes to a session for 5C4F: activities, needs, assessments, votes, bands.

Each function validates everything first (age band, dimension keys, levels on
the kit's scale) and raises a :class:`lessonkit.ValidationError` /
:class:`lessonkit.ScoreError` naming the thing, the value and where; on error the
session is unchanged. Click-free: the CLI and host programs call these.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from lessonkit import Entry, Session, ValidationError
from lessonkit import workshop as ws
from lessonkit_5c4f.frame import (
    METHOD_KEY,
    age_bands,
    band_key,
    check_bands,
    dimension_key,
    parse_dimensions,
    settings,
)

__all__ = ["add_activity", "add_need", "assess", "comments", "set_bands", "vote"]

ALL = ("all", "*", "ทุกมิติ")


def add_activity(session: Session, registry: Any, group: str, name: str, band: str,
                 agency: str | None = None) -> Entry:
    """Add an activity of the area's inventory; ``band`` must be one of the session's age bands."""
    where = f"group {group!r} activity {name!r}"
    key = band_key(band, age_bands(session), where)
    values = [f"activity={name}", f"age_band={key}"]
    if agency:
        values.append(f"agency={agency}")
    return ws.add_answers(session, registry, group, METHOD_KEY, "activities", values, step="inventory")[0]


def add_need(session: Session, registry: Any, group: str, text: str, band: str | None = None,
             dimensions: str | Sequence[str] = ()) -> Entry:
    """Add a need stated by children, tagged with an age band and the dimensions it touches."""
    where = f"group {group!r} need {text!r}"
    values = [f"need={text}"]
    if band:
        values.append(f"age_band={band_key(band, age_bands(session), where)}")
    dims = parse_dimensions(dimensions, where)
    if dims:
        values.append(f"dimensions={','.join(dims)}")
    return ws.add_answers(session, registry, group, METHOD_KEY, "needs", values, step="needs")[0]


def assess(session: Session, registry: Any, group: str, participant: str, activity: str,
           levels: Mapping[str, Any], comment: str | None = None) -> dict[str, Any]:
    """Record one participant's levels for one activity, dimension by dimension.

    ``levels`` maps dimensions (key or label; ``all`` for every dimension not
    otherwise given) to a level: ``never``/``sometimes``/``mostly``, 1–3, a
    label in Thai or English, or ``na`` for "does not apply". Returns the
    stored values by dimension (``NA`` for N/A).
    """
    from lessonkit_5c4f import DIMENSIONS, LEVELS

    method = registry.method(METHOD_KEY)
    found = session.group(group)
    step = method.step("assessment")
    prompt = step.prompt("dimensions")
    where = f"group {group!r} {METHOD_KEY}.assessment.dimensions"
    item = ws.resolve_item(ws.items_for(found, method, step, prompt), activity, where)
    found.participant(participant)
    if not levels:
        raise ValidationError("no levels given", where=where, hint="give dimension=level pairs, e.g. fun=mostly")
    given: dict[str, Any] = {}
    rest: Any = None
    for raw_dim, raw_level in levels.items():
        if raw_dim.strip().casefold() in ALL:
            rest = raw_level
            continue
        key = dimension_key(raw_dim, f"{where} participant {participant!r} item {item.id!r}")
        if key in given:
            raise ValidationError(f"dimension {key!r} given twice", where=where)
        given[key] = raw_level
    if rest is not None:
        for dim in DIMENSIONS:
            given.setdefault(dim.key, rest)
    for key, raw_level in given.items():  # check every level before storing any
        try:
            LEVELS.parse(raw_level)
        except ValidationError as exc:
            raise type(exc)(f"participant {participant!r} activity {item.id!r} dimension {key!r}: "
                            f"{exc.message}", where=where,
                            hint=f"levels: {LEVELS.describe('en')}") from None
    stored: dict[str, Any] = {}
    for key, raw_level in given.items():
        result = ws.set_scores(session, registry, group, METHOD_KEY, "dimensions", participant,
                               {item.id: raw_level}, step="assessment", criterion=key)
        stored[key] = result[item.id]
    if comment and comment.strip():
        data = found.data.setdefault(METHOD_KEY, {})
        data.setdefault("comments", []).append(
            {"participant": participant, "item": item.id, "text": ws.clean_text(comment)})
    return stored


def comments(session: Session, group: str) -> list[dict[str, str]]:
    """The assessment comments of a group: ``{"participant", "item", "text"}`` each."""
    data = session.group(group).data.get(METHOD_KEY, {})
    found = data.get("comments", []) if isinstance(data, Mapping) else []
    return [dict(c) for c in found if isinstance(c, Mapping)]


def vote(session: Session, registry: Any, group: str, participant: str,
         dots: Mapping[str, Any]) -> dict[str, Any]:
    """Record a participant's dots over the needs (the budget is the prompt's, 5)."""
    return ws.set_scores(session, registry, group, METHOD_KEY, "priority", participant, dots, step="needs")


def set_bands(session: Session, bands: Sequence[str]) -> tuple[str, ...]:
    """Set the session's age bands; refused when an existing activity or need uses another band."""
    from lessonkit_5c4f.analysis import activities, needs

    new = check_bands(list(bands), where="age bands")
    current = settings(session)
    previous = session.settings.get(METHOD_KEY)
    session.settings[METHOD_KEY] = {**current, "age_bands": list(new)}
    try:
        for group in session.groups:
            activities(session, group)
            needs(session, group)
    except ValidationError:
        if previous is None:
            del session.settings[METHOD_KEY]
        else:
            session.settings[METHOD_KEY] = previous
        raise
    return new
