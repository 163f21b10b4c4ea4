"""The built-in report renderers, registered through ``register_renderers``.

Import-light on purpose (the CLI's start-up time is measured): each render
function imports its implementation module only when called.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

from lessonkit.hookspecs import hookimpl
from lessonkit.method import LocalizedText

#: key -> (module under lessonkit.renderers, English title, Thai title, extension, binary)
BUILTIN: dict[str, tuple[str, str, str, str, bool]] = {
    "md": ("markdown", "Markdown", "มาร์กดาวน์", ".md", False),
    "html": ("html", "HTML (standalone, printable)", "HTML (ไฟล์เดียว พิมพ์ได้)", ".html", False),
    "txt": ("text", "Plain text", "ข้อความล้วน", ".txt", False),
    "json": ("jsondoc", "JSON (the document model)", "JSON (โครงสร้างรายงาน)", ".json", False),
    "docx": ("docx", "Word (DOCX)", "เวิร์ด (DOCX)", ".docx", True),
    "pdf": ("pdf", "PDF (printed by headless Chromium)", "PDF (พิมพ์ด้วย Chromium)", ".pdf", True),
}


def _lazy(module: str) -> Callable[[Any, Mapping[str, Any]], Any]:
    def render(document: Any, options: Mapping[str, Any]) -> Any:
        implementation = importlib.import_module(f"lessonkit.renderers.{module}")
        return implementation.render(document, options)

    render.__name__ = f"render_{module}"
    return render


@hookimpl
def register_renderers(register: Any) -> None:
    """Register Markdown, HTML, plain text, JSON, DOCX and PDF."""
    from lessonkit.render import Renderer  # only when renderers are first asked for

    for key, (module, en, th, extension, binary) in BUILTIN.items():
        register(Renderer(key=key, title=LocalizedText(en=en, th=th), extension=extension,
                          render=_lazy(module), binary=binary))
