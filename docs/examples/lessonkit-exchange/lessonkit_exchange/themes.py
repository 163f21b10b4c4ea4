"""Setting a session up with the five themes (no click here: the CLI calls this)."""

from __future__ import annotations

from typing import Any

from lessonkit_exchange.method import THEMES


def add_themes(session: Any, locale: str | None = None, keys: list[str] | None = None) -> list[Any]:
    """Add one group per theme (all five, or those of ``keys``); returns the new groups.

    A theme already in the session is left as it is; an unknown key is a
    ValidationError listing the known ones.
    """
    from lessonkit import ValidationError
    from lessonkit.workshop import add_group

    known = {key: (th, en) for key, th, en in THEMES}
    wanted = keys or list(known)
    for key in wanted:
        if key not in known:
            raise ValidationError(f"unknown theme {key!r} (themes: {', '.join(known)})",
                                  where="lessonkit exchange themes")
    lang = locale or session.locale
    present = {group.key for group in session.groups}
    added = []
    for key in wanted:
        if key in present:
            continue
        th, en = known[key]
        added.append(add_group(session, key, th if lang == "th" else en))
    if "exchange" not in session.methods:
        session.methods.append("exchange")
    return added
