"""The error family of lessonkit.

Every error a user can cause is a :class:`LessonkitError`. Its message names the
thing, the value and where it is, so that a facilitator can fix a file without
reading code; the CLI prints it on one line and exits with status 1.
"""

from __future__ import annotations

__all__ = [
    "LessonkitError",
    "NotFoundError",
    "PluginError",
    "PluginRuleError",
    "ScoreError",
    "SessionFileError",
    "ValidationError",
]


class LessonkitError(Exception):
    """Base class of every error lessonkit raises on purpose.

    ``where`` is a path into the data (``groups[1].scores[3]``) or a file name,
    ``hint`` says how to fix it.
    """

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.where = where
        self.hint = hint

    def __str__(self) -> str:
        text = self.message
        if self.where:
            text = f"{text} @ {self.where}"
        if self.hint:
            text = f"{text} ({self.hint})"
        return text


class ValidationError(LessonkitError):
    """A value does not fit the model: wrong type, unknown key, duplicate, …"""


class ScoreError(ValidationError):
    """A score does not fit its scale, budget or ranking: never clipped, always refused."""


class PluginRuleError(ValidationError):
    """A change refused by a method plugin's own rule (its ``session_problems`` hook)."""


class NotFoundError(LessonkitError):
    """A group, participant, method, step, prompt, item or rule that does not exist."""


class SessionFileError(LessonkitError):
    """A session file that cannot be read, parsed, migrated or saved.

    Its ``where`` is the file, shown first: ``workshop.json: not valid JSON …``.
    """

    def __str__(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        return f"{text} ({self.hint})" if self.hint else text


class PluginError(LessonkitError):
    """A plugin that cannot be loaded or registers something wrong."""
