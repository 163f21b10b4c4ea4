"""Meta-tests: every hook is documented in docs/hooks.md with its exact signature, and tested."""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lessonkit import hookspecs

ROOT = Path(__file__).resolve().parent.parent
HOOKS_DOC = ROOT / "docs" / "hooks.md"
TESTS = ROOT / "tests"


def hookspec_functions() -> dict[str, Callable[..., Any]]:
    """The functions of hookspecs.py marked ``@hookspec`` (read afresh, so new hooks count)."""
    return {
        name: value
        for name, value in vars(hookspecs).items()
        if callable(value) and hasattr(value, "lessonkit_spec")
    }


def _annotation(value: Any) -> str:
    if value is inspect.Parameter.empty or value is inspect.Signature.empty:
        return ""
    text = value if isinstance(value, str) else getattr(value, "__name__", repr(value))
    return ast.unparse(ast.parse(text, mode="eval"))


def spec_signature(function: Callable[..., Any]) -> tuple[list[tuple[str, str, str]], str]:
    """Parameters as (name, kind, annotation) and the return annotation."""
    signature = inspect.signature(function)
    params = [(p.name, p.kind.name, _annotation(p.annotation)) for p in signature.parameters.values()]
    return params, _annotation(signature.return_annotation)


def documented_signatures(text: str) -> dict[str, str]:
    """``def name(...) -> ...`` lines of the python blocks right under each ``## `name``` heading."""
    found: dict[str, str] = {}
    for match in re.finditer(r"^## `(\w+)`\n+```python\n(def [^\n]+)\n```", text, re.MULTILINE):
        found[match.group(1)] = match.group(2)
    return found


def parse_doc_signature(line: str) -> tuple[list[tuple[str, str, str]], str]:
    tree = ast.parse(line.rstrip(":") + ": ...")
    function = tree.body[0]
    assert isinstance(function, ast.FunctionDef)
    args = function.args
    params: list[tuple[str, str, str]] = []
    for arg in args.posonlyargs:
        params.append((arg.arg, "POSITIONAL_ONLY", ast.unparse(arg.annotation) if arg.annotation else ""))
    for arg in args.args:
        params.append((arg.arg, "POSITIONAL_OR_KEYWORD",
                       ast.unparse(arg.annotation) if arg.annotation else ""))
    if args.vararg:
        params.append((args.vararg.arg, "VAR_POSITIONAL", ""))
    for arg in args.kwonlyargs:
        params.append((arg.arg, "KEYWORD_ONLY", ast.unparse(arg.annotation) if arg.annotation else ""))
    if args.kwarg:
        params.append((args.kwarg.arg, "VAR_KEYWORD", ""))
    returns = ast.unparse(function.returns) if function.returns else ""
    return params, returns


def test_the_doc_parser_reads_a_signature() -> None:
    doc = "## `example`\n\n```python\ndef example(a: Any, b: int) -> None\n```\n"
    line = documented_signatures(doc)["example"]
    assert parse_doc_signature(line) == (
        [("a", "POSITIONAL_OR_KEYWORD", "Any"), ("b", "POSITIONAL_OR_KEYWORD", "int")], "None")


def test_there_are_hooks_to_check() -> None:
    assert {"register_methods", "report_sections", "register_commands"} <= set(hookspec_functions())


@pytest.mark.parametrize("name", sorted(hookspec_functions()))
def test_hook_is_documented_with_its_exact_signature(name: str) -> None:
    text = HOOKS_DOC.read_text(encoding="utf-8")
    documented = documented_signatures(text)
    assert name in documented, (
        f"hook {name!r} is not documented in docs/hooks.md: add a section '## `{name}`' "
        f"followed by a python block with its signature 'def {name}(...) -> ...'")
    expected = spec_signature(hookspec_functions()[name])
    assert parse_doc_signature(documented[name]) == expected, (
        f"docs/hooks.md documents {documented[name]!r} but hookspecs.py has "
        f"{name}{inspect.signature(hookspec_functions()[name])}")


@pytest.mark.parametrize("name", sorted(hookspec_functions()))
def test_hook_section_says_when_it_was_added_and_has_an_example(name: str) -> None:
    text = HOOKS_DOC.read_text(encoding="utf-8")
    start = text.index(f"## `{name}`")
    end = text.find("\n## ", start + 1)
    section = text[start:end if end != -1 else len(text)]
    assert re.search(r"\*\*Added in:\*\* \d+\.\d+", section), f"{name}: say when it was added"
    assert "**Parameters**" in section, f"{name}: describe its parameters"
    assert "**Returns**" in section, f"{name}: say what it returns"
    assert "**Example**" in section and "@hookimpl" in section, f"{name}: give an example"


def test_each_hook_is_documented_once() -> None:
    headings = re.findall(r"^## `(\w+)`", HOOKS_DOC.read_text(encoding="utf-8"), re.MULTILINE)
    repeated = sorted({name for name in headings if headings.count(name) > 1})
    assert not repeated, f"docs/hooks.md documents these hooks twice: {repeated}"


def test_documented_hooks_all_exist() -> None:
    documented = documented_signatures(HOOKS_DOC.read_text(encoding="utf-8"))
    stale = sorted(set(documented) - set(hookspec_functions()))
    assert not stale, f"docs/hooks.md documents hooks that do not exist: {stale}"


@pytest.mark.parametrize("name", sorted(hookspec_functions()))
def test_hook_has_a_test(name: str) -> None:
    this = Path(__file__).resolve()
    users = [path.name for path in sorted(TESTS.glob("test_*.py"))
             if path.resolve() != this and name in path.read_text(encoding="utf-8")]
    assert users, f"hook {name!r} is not exercised by any tests/test_*.py: add a test implementing it"
