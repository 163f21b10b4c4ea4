"""lessonkit: facilitated evaluation workshops as a library, a plugin framework and a CLI."""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

from lessonkit.errors import (
    LessonkitError,
    NotFoundError,
    PluginError,
    PluginRuleError,
    ScoreError,
    SessionFileError,
    ValidationError,
)
from lessonkit.hookspecs import for_methods, hookimpl
from lessonkit.method import (
    PROMPT_KINDS,
    Choice,
    Criterion,
    Field,
    Level,
    LocalizedText,
    Method,
    Prompt,
    Scale,
    Step,
)

if TYPE_CHECKING:
    # What the lazy names below are, for type checkers: they see these imports and
    # no module ``__getattr__``, so a misspelt ``lessonkit.Sesion`` is an error.
    from lessonkit.api import edit_session, open_session, rank, render_report
    from lessonkit.model import ActionItem, Entry, Group, Participant, Session
    from lessonkit.scores import NA, ScoreTable
    from lessonkit.store import JsonFileStore, MemoryStore, SessionStore

# The session model and the facade are imported on first use: a plugin declaring
# its method at import time needs only the method classes, and the CLI starts quicker.
_LAZY = {
    "edit_session": "lessonkit.api",
    "open_session": "lessonkit.api",
    "rank": "lessonkit.api",
    "render_report": "lessonkit.api",
    "JsonFileStore": "lessonkit.store",
    "MemoryStore": "lessonkit.store",
    "SessionStore": "lessonkit.store",
    "ActionItem": "lessonkit.model",
    "Entry": "lessonkit.model",
    "Group": "lessonkit.model",
    "Participant": "lessonkit.model",
    "Session": "lessonkit.model",
    "NA": "lessonkit.scores",
    "ScoreTable": "lessonkit.scores",
}


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module = _LAZY.get(name)
        if module is None:
            raise AttributeError(f"module 'lessonkit' has no attribute {name!r}")
        import importlib

        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value


__all__ = [
    "NA",
    "PROMPT_KINDS",
    "ActionItem",
    "Choice",
    "Criterion",
    "Entry",
    "Field",
    "Group",
    "JsonFileStore",
    "LessonkitError",
    "Level",
    "LocalizedText",
    "MemoryStore",
    "Method",
    "NotFoundError",
    "Participant",
    "PluginError",
    "PluginRuleError",
    "Prompt",
    "Scale",
    "ScoreError",
    "ScoreTable",
    "Session",
    "SessionFileError",
    "SessionStore",
    "Step",
    "ValidationError",
    "__version__",
    "edit_session",
    "for_methods",
    "hookimpl",
    "open_session",
    "rank",
    "render_report",
]
