"""The report book's metadata on a session: organiser, head count, foreword, introduction,
agenda.

These feed the cover, the foreword (คำนำ), the introduction chapter and the appendices of
:func:`lessonkit.report.build_report`. They are optional; a session without them still
gives a complete book (the cover then counts the registered participants).

>>> from lessonkit import Session
>>> s = Session(title="t")
>>> set_book_info(s, organiser="กองยุทธศาสตร์", attendance=81, agenda=["09.00 ลงทะเบียน"])
>>> s.head_count()
81
"""

from __future__ import annotations

from collections.abc import Iterable

from lessonkit.errors import ValidationError
from lessonkit.model import Session
from lessonkit.thai import normalize_thai

__all__ = ["UNSET", "set_book_info"]


class _Unset:
    def __repr__(self) -> str:
        return "UNSET"


#: "leave as it is" (``None`` clears a value)
UNSET: object = _Unset()

MAX_TEXT = 200_000


def _text(value: str | None, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError(f"the {what} must be text, not {type(value).__name__}")
    value = normalize_thai(value.replace("\r\n", "\n").replace("\r", "\n")).strip()
    if len(value) > MAX_TEXT:
        raise ValidationError(f"the {what} has {len(value):,} characters; at most {MAX_TEXT:,}",
                              hint="shorten it")
    return value or None


def set_book_info(
    session: Session,
    *,
    organiser: str | object | None = UNSET,
    attendance: int | object | None = UNSET,
    foreword: str | object | None = UNSET,
    introduction: str | object | None = UNSET,
    agenda: Iterable[str] | object | None = UNSET,
) -> Session:
    """Set the book's metadata; arguments left out stay as they are, ``None`` clears one.

    :raises ValidationError: a negative or non-integer head count, or text that is not text.
    """
    if attendance is not UNSET:
        if attendance is not None and (isinstance(attendance, bool) or not isinstance(attendance, int)
                                       or attendance < 0):
            raise ValidationError(f"the attendance must be a whole number of people (0 or more), "
                                  f"not {attendance!r}", hint="e.g. --attendance 81")
    changes: dict[str, object] = {}
    if organiser is not UNSET:
        changes["organiser"] = _text(organiser, "organiser")  # type: ignore[arg-type]
    if foreword is not UNSET:
        changes["foreword"] = _text(foreword, "foreword")  # type: ignore[arg-type]
    if introduction is not UNSET:
        changes["introduction"] = _text(introduction, "introduction")  # type: ignore[arg-type]
    if agenda is not UNSET:
        lines = [] if agenda is None else [_text(a, "agenda line") for a in agenda]  # type: ignore[attr-defined]
        changes["agenda"] = [a for a in lines if a]
    if attendance is not UNSET:
        changes["attendance"] = attendance
    for key, value in changes.items():
        setattr(session, key, value)
    return session
