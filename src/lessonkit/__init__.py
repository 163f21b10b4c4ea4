"""lessonkit: facilitated evaluation workshops as a library, a plugin framework and a CLI."""

from __future__ import annotations

__version__ = "0.1.0"

from lessonkit.errors import (
    LessonkitError,
    NotFoundError,
    PluginError,
    ScoreError,
    SessionFileError,
    ValidationError,
)
from lessonkit.hookspecs import hookimpl
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
from lessonkit.model import ActionItem, Entry, Group, Participant, Session
from lessonkit.scores import NA, ScoreTable

__all__ = [
    "NA",
    "PROMPT_KINDS",
    "ActionItem",
    "Choice",
    "Criterion",
    "Entry",
    "Field",
    "Group",
    "LessonkitError",
    "Level",
    "LocalizedText",
    "Method",
    "NotFoundError",
    "Participant",
    "PluginError",
    "Prompt",
    "Scale",
    "ScoreError",
    "ScoreTable",
    "Session",
    "SessionFileError",
    "Step",
    "ValidationError",
    "__version__",
    "hookimpl",
]
