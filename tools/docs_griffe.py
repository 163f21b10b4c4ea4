"""A griffe extension for the API reference: lessonkit's reST-flavoured docstrings as Markdown.

The docstrings are written for people reading the source and for doctest:
``>>>`` examples, ``::`` literal blocks and Sphinx roles (``:class:`~x.Y```).
Markdown would read ``>>>`` as a block quote, so the examples become fenced
``pycon`` blocks, literal blocks lose their ``::`` marker (the indented block
under it is already Markdown code), and roles become inline code.
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_ROLE = re.compile(r":(?:class|func|meth|mod|attr|data|exc|obj):`~?([^`]+)`")


def markdown(text: str) -> str:
    """Convert one docstring (see the module's docstring)."""
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.lstrip()
        if stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i])
                i += 1
            if out and out[-1].strip():
                out.append("")
            # at the margin: an example indented under "Example::" would otherwise be an
            # indented code block showing the fences as text
            out += ["```pycon", *block, "```"]
            continue
        line = _ROLE.sub(lambda m: f"`{m.group(1).split('.')[-1] if '~' in m.group(0) else m.group(1)}`", line)
        if line.rstrip().endswith("::") and not line.rstrip().endswith(":::"):
            line = line.rstrip()[:-1]
        out.append(line)
        i += 1
    return "\n".join(out)


class DoctestExamples(griffe.Extension):
    """Rewrite every docstring with :func:`markdown` as griffe loads it."""

    def on_instance(self, *, node: Any, obj: griffe.Object, agent: Any, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = markdown(obj.docstring.value)
