"""lessonkit: facilitated evaluation workshops as a library, a plugin framework and a CLI."""

from __future__ import annotations

__version__ = "0.1.0"


from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # What the lazy names below are, for type checkers: they see these imports and
    # no module ``__getattr__``, so a misspelt ``lessonkit.Sesion`` is an error.
    from lessonkit.api import edit_session, open_session, rank, render_report
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
    from lessonkit.model import ActionItem, Entry, Group, Participant, Session
    from lessonkit.scores import NA, ScoreTable
    from lessonkit.store import JsonFileStore, MemoryStore, SessionStore

# Every name is imported on first use: ``lessonkit --version`` needs none of them, a
# plugin declaring its method at import time needs only the method classes and the
# hook markers, and the CLI starts quicker.
_LAZY = {
    **dict.fromkeys(("edit_session", "open_session", "rank", "render_report"), "lessonkit.api"),
    **dict.fromkeys(("JsonFileStore", "MemoryStore", "SessionStore"), "lessonkit.store"),
    **dict.fromkeys(("LessonkitError", "NotFoundError", "PluginError", "PluginRuleError",
                     "ScoreError", "SessionFileError", "ValidationError"), "lessonkit.errors"),
    **dict.fromkeys(("for_methods", "hookimpl"), "lessonkit.hookspecs"),
    **dict.fromkeys(("PROMPT_KINDS", "Choice", "Criterion", "Field", "Level", "LocalizedText",
                     "Method", "Prompt", "Scale", "Step"), "lessonkit.method"),
    **dict.fromkeys(("ActionItem", "Entry", "Group", "Participant", "Session"), "lessonkit.model"),
    "NA": "lessonkit.scores",
    "ScoreTable": "lessonkit.scores",
}


if not TYPE_CHECKING:

    def __getattr__(name: str) -> Any:
        module = _LAZY.get(name)
        if module is None:
            import importlib.util

            # submodules (``lessonkit.files``) are found as attributes once imported
            if not name.startswith("_") and importlib.util.find_spec(f"lessonkit.{name}"):
                import importlib

                return importlib.import_module(f"lessonkit.{name}")
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
