"""The documentation site (mkdocs.yml): every page is in the nav, the reference covers the API.

CI builds the site with ``mkdocs build --strict`` (.ci/run); this test needs no mkdocs.
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
#: The modules of the API reference: the facade and what a host or a plugin uses.
REFERENCE = ("api", "store", "files", "workshop", "ranking", "report", "errors", "model", "method")


def _nav() -> set[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text[text.index("\nnav:"):text.index("\nhooks:")]
    return set(re.findall(r":\s+(\S+\.md)\s*$", nav, re.MULTILINE))


def test_every_docs_page_is_in_the_nav() -> None:
    pages = {str(p.relative_to(DOCS)) for p in DOCS.rglob("*.md") if "examples" not in p.parts}
    missing = pages - _nav()
    assert not missing, f"add these pages to mkdocs.yml's nav: {sorted(missing)}"


@pytest.mark.parametrize("module", REFERENCE)
def test_each_reference_page_renders_its_module(module: str) -> None:
    page = DOCS / "reference" / f"{module}.md"
    assert f"::: lessonkit.{module}" in page.read_text(encoding="utf-8")
    assert f"reference/{module}.md" in _nav()


def _public(module: str) -> list[tuple[str, object]]:
    found = importlib.import_module(f"lessonkit.{module}")
    return [(name, getattr(found, name)) for name in found.__all__]


@pytest.mark.parametrize("module", REFERENCE)
def test_every_public_name_has_a_docstring_with_an_example(module: str) -> None:
    """Classes and functions show a ``>>>`` example; constants say what they are."""
    lacking = []
    for name, value in _public(module):
        if inspect.isclass(value) or inspect.isfunction(value):
            doc = inspect.getdoc(value) or ""
            if ">>>" not in doc:
                lacking.append(name)
    assert not lacking, f"lessonkit.{module}: give these a docstring with a >>> example: {lacking}"


@pytest.mark.parametrize("module", [*REFERENCE, "store.base", "store.jsonfile", "store.memory",
                                    "renderers.html"])
def test_the_reference_examples_run(module: str) -> None:
    """Every ``>>>`` example in the reference is a doctest that passes."""
    import doctest

    found = importlib.import_module(f"lessonkit.{module}")
    result = doctest.testmod(found, optionflags=doctest.ELLIPSIS, report=True)
    assert result.failed == 0, f"{result.failed} example(s) of lessonkit.{module} fail (see above)"


@pytest.mark.parametrize("module", REFERENCE)
def test_every_public_method_has_a_docstring(module: str) -> None:
    lacking = []
    for name, value in _public(module):
        if not inspect.isclass(value):
            continue
        for attr, member in vars(value).items():
            if attr.startswith("_"):
                continue
            function = member.fget if isinstance(member, property) else getattr(member, "__func__", member)
            if inspect.isfunction(function) and not function.__doc__:
                lacking.append(f"{name}.{attr}")
    assert not lacking, f"lessonkit.{module}: give these a docstring: {lacking}"
