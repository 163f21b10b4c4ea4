"""mkdocs hooks: the method plugins' READMEs become pages of the site.

The READMEs live beside their plugins (so PyPI and GitHub show them) and the
docs link to them as ``../plugins/NAME/README.md``; the site gets them as
``methods/NAME.md`` and those links are pointed there.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ("aar", "ee", "5c4f")
_LINK = re.compile(r"\]\(\.\./plugins/(aar|ee|5c4f)/README\.md(#[^)]*)?\)")


def on_files(files: Files, config: Any) -> Files:
    for name in PLUGINS:
        text = (ROOT / "plugins" / name / "README.md").read_text(encoding="utf-8")
        files.append(File.generated(config, f"methods/{name}.md", content=text))
    return files


def on_page_markdown(markdown: str, page: Any, config: Any, files: Files) -> str:
    depth = page.file.src_uri.count("/")
    prefix = "../" * depth
    return _LINK.sub(lambda m: f"]({prefix}methods/{m.group(1)}.md{m.group(2) or ''})", markdown)
