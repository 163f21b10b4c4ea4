"""The error family of lessonkit.

Every error a user can cause is a :class:`LessonkitError`. It is written for two
readers:

* **people**: its message names the thing, the value and where it is, so that a
  facilitator can fix a file without reading code (the CLI prints it on one line
  and exits with status 1, adding the command to run where one helps);
* **programs**: it carries a stable :attr:`~LessonkitError.code` and structured
  fields (``where``, ``value``, ``expected``, ``hint``), so a host can react
  without parsing text (:meth:`LessonkitError.to_dict` gives them as JSON-able
  data).

>>> from lessonkit.errors import ValidationError
>>> err = ValidationError("an action's owner must be text or None (got 5)",
...                       code="wrong_type", value=5, expected="text or None")
>>> err.code, err.value, err.expected
('wrong_type', 5, 'text or None')

Library messages never name CLI commands: a host program has none.

The codes in use (an error made without one has its class's
:attr:`~LessonkitError.default_code`: ``error``, ``invalid``, ``bad_score``,
``plugin_rule``, ``not_found``, ``session_file``, ``plugin``):

* ``wrong_type``: a value of the wrong type (a number as an owner, one string
  where a list is meant); ``expected`` names the type.
* ``bad_value``: a value of the right type that does not fit (a status, a
  locale, a date text); ``expected`` lists what fits.
* ``bad_key``: a key that is not lower-case letters, digits, ``_`` or ``-``.
* ``duplicate``: a group, participant or method key given twice.
* ``unknown_group``, ``unknown_participant``, ``unknown_item``,
  ``unknown_action``, ``unknown_method``, ``unknown_step``, ``unknown_prompt``,
  ``unknown_criterion``, ``unknown_format``: no such thing (``value``).
* ``method_not_in_session``: the method exists but the session does not use it.
* ``takes_scores``: answers given to a scored prompt (``takes_answers``: the reverse).
* ``session_problems``: a session the methods find inconsistent.
* ``locked``: another writer holds the session's lock (try again later).
* ``no_file``: the session file does not exist; ``no_importer``: no
  installed importer reads the file.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

__all__ = [
    "LessonkitError",
    "NotFoundError",
    "PluginError",
    "PluginRuleError",
    "ReportInputError",
    "ScoreError",
    "SessionFileError",
    "ValidationError",
    "cut_list",
]

_NOTHING: Any = object()


def cut_list(items: Iterable[object], limit: int = 10, empty: str = "none") -> str:
    """Items joined with commas, cut after ``limit`` with a count of the rest.

    Keeps an error about one of 3,000 participants one line long.

    >>> cut_list([f"p{n}" for n in range(1, 3001)], limit=3)
    'p1, p2, p3, … and 2,997 more'
    >>> cut_list(["g1", "g2"])
    'g1, g2'
    >>> cut_list([], empty="none yet")
    'none yet'
    """
    shown: list[str] = []
    rest = 0
    for item in items:
        if len(shown) < limit:
            shown.append(str(item))
        else:
            rest += 1
    if not shown:
        return empty
    if rest:
        return f"{', '.join(shown)}, … and {rest:,} more"
    return ", ".join(shown)


class LessonkitError(Exception):
    """Base class of every error lessonkit raises on purpose.

    ``message`` says what is wrong; ``where`` is a path into the data
    (``groups[1].scores[3]``) or a file name; ``hint`` says how to fix it;
    ``code`` is a stable identifier for programs (default: the class's
    :attr:`default_code`); ``value`` is the offending value and ``expected``
    what would have been accepted, when known.

    >>> err = LessonkitError("unknown group 'g9'", code="unknown_group", value="g9",
    ...                      expected=["g1", "g2"])
    >>> str(err)
    "unknown group 'g9'"
    >>> err.to_dict()["expected"]
    ['g1', 'g2']
    """

    #: The :attr:`code` of an error made without one.
    default_code: ClassVar[str] = "error"

    def __init__(
        self,
        message: str,
        *,
        where: str | None = None,
        hint: str | None = None,
        code: str | None = None,
        value: Any = _NOTHING,
        expected: Any = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint
        self.code: str = code or self.default_code
        self.has_value = value is not _NOTHING
        self.value: Any = None if value is _NOTHING else value
        self.expected: Any = expected

    def __str__(self) -> str:
        text = self.message
        if self.where:
            text = f"{text} @ {self.where}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The error as JSON-able data: ``code``, ``message``, ``where``, ``hint`` and,
        when known, ``value`` and ``expected`` (non-JSON values as their ``repr``).

        >>> ValidationError("no answer given", where="group 'g1'").to_dict()
        {'code': 'invalid', 'message': 'no answer given', 'where': "group 'g1'", 'hint': None}
        """
        data: dict[str, Any] = {"code": self.code, "message": self.message,
                                "where": self.where, "hint": self.hint}
        if self.has_value:
            data["value"] = _jsonable(self.value)
        if self.expected is not None:
            data["expected"] = _jsonable(self.expected)
        return data


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return repr(value)


class ValidationError(LessonkitError):
    """A value does not fit the model: wrong type, unknown key, duplicate, …

    >>> ValidationError("status 'late' is not one of open, done", code="bad_value").code
    'bad_value'
    """

    default_code = "invalid"


class ScoreError(ValidationError):
    """A score does not fit its scale, budget or ranking: never clipped, always refused.

    >>> ScoreError("score 4 is above 3").code
    'bad_score'
    """

    default_code = "bad_score"


class PluginRuleError(ValidationError):
    """A change refused by a method plugin's own rule (its ``session_problems`` hook).

    >>> PluginRuleError("the army4 form has no such step").code
    'plugin_rule'
    """

    default_code = "plugin_rule"


class NotFoundError(LessonkitError):
    """A group, participant, method, step, prompt, item or rule that does not exist.

    >>> NotFoundError("unknown group 'g9' (known: g1)", code="unknown_group").code
    'unknown_group'
    """

    default_code = "not_found"


class SessionFileError(LessonkitError):
    """A session file that cannot be read, parsed, migrated or saved.

    Its ``where`` is the file, shown first: ``workshop.json: not valid JSON …``.

    >>> str(SessionFileError("not valid JSON: Expecting value at line 1, column 1",
    ...                      where="workshop.json"))
    'workshop.json: not valid JSON: Expecting value at line 1, column 1'
    """

    default_code = "session_file"

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class ReportInputError(LessonkitError):
    """A report cannot be built from what it was asked to read (a baseline file that is
    missing or not a session): the report is not written, and the command exits 1.

    A plugin's ``report_sections`` raises it for an input the user named; any other
    exception from a plugin becomes a warning inside the report instead.

    >>> str(ReportInputError("settings.ee.baseline: no such file: base.json"))
    'settings.ee.baseline: no such file: base.json'
    """

    default_code = "report_input"


class PluginError(LessonkitError):
    """A plugin that cannot be loaded or registers something wrong.

    >>> PluginError("plugin 'x' failed to import").code
    'plugin'
    """

    default_code = "plugin"
