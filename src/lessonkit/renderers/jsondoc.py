"""JSON: the document model itself, for other systems (structure in ``docs/reports.md``)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from lessonkit.report import Document, document_to_data

__all__ = ["render"]


def render(document: Document, options: Mapping[str, Any] | None = None) -> str:
    """The document as UTF-8 JSON text (Thai unescaped), indented unless ``options["compact"]``."""
    compact = bool((options or {}).get("compact"))
    return json.dumps(document_to_data(document), ensure_ascii=False,
                      indent=None if compact else 2, allow_nan=False,
                      default=_default) + "\n"


def _default(value: Any) -> Any:
    raise TypeError(f"cannot write {type(value).__name__} to a JSON report")
