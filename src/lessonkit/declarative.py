"""Declarative methods: a method written as a TOML file, loaded without Python.

A method designer who knows a method but not Python writes one file::

    key = "exchange"
    locales = ["th", "en"]
    default_rule = "mean"
    title = { en = "Good-practice exchange", th = "การแลกเปลี่ยนแนวปฏิบัติที่ดี" }

    [[steps]]
    key = "practices"
    title = { en = "Good practices", th = "แนวปฏิบัติที่ดี" }

    [[steps.prompts]]
    key = "practices"
    kind = "list"
    individual = false
    text = { en = "Good practices", th = "แนวปฏิบัติที่ดี" }

    [[steps.prompts]]
    key = "usefulness"
    kind = "score"
    items_from = "practices"
    text = { en = "How useful elsewhere?", th = "นำไปใช้ที่อื่นได้เพียงใด" }
    scale = { min = 1, max = 5 }

and puts it in a folder named by ``LESSONKIT_METHODS_PATH`` (folders separated
by :data:`os.pathsep`), or checks it with ``lessonkit methods --path DIR``. The
default plugin ``lessonkit.declarative`` registers the methods of the
configured folders through the same ``register_methods`` hook as a Python
plugin, so they run through ``answer``, ``score``, ``rank`` and ``report`` alike.

Texts are a table of language → text, or a plain string (English). A scale is
a range (``min``, ``max``, ``step``) or ``levels`` (each ``key``, ``value``,
``label``), with ``allow_na`` and ``na_label``. Every error names the file, an
approximate line, the key path (``steps[2].prompts[1].scale``) and what to fix.
"""

from __future__ import annotations

import difflib
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from lessonkit.errors import LessonkitError, ValidationError
from lessonkit.method import (
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

__all__ = [
    "METHODS_PATH_ENV",
    "check_rules",
    "configured_folders",
    "load_folder",
    "load_folders",
    "load_method_file",
    "method_from_data",
    "method_from_toml",
]

#: Folders of method files, separated by :data:`os.pathsep`.
METHODS_PATH_ENV = "LESSONKIT_METHODS_PATH"

_METHOD_KEYS = ("key", "title", "description", "locales", "default_rule", "version", "steps")
_STEP_KEYS = ("key", "title", "description", "prompts")
_PROMPT_KEYS = ("key", "kind", "text", "help", "scale", "items_from", "criteria", "budget",
                "per_item_cap", "max_ranked", "fields", "choices", "multiple", "individual", "rule")
_SCALE_KEYS = ("min", "max", "step", "levels", "allow_na", "na_label")
_LEVEL_KEYS = ("key", "value", "label")
_CRITERION_KEYS = ("key", "label", "description")
_FIELD_KEYS = ("key", "label", "kind", "required")
_CHOICE_KEYS = ("key", "label")


def _toml_loads(text: str) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    return tomllib.loads(text)


class _Where:
    """Builds error locations: file, approximate line and key path."""

    def __init__(self, source: str, text: str | None) -> None:
        self.source = source
        self.lines = text.splitlines() if text is not None else []
        self.step_lines = self._headers(r"\[\[\s*steps\s*\]\]")
        self.prompt_lines = self._headers(r"\[\[\s*steps\s*\.\s*prompts\s*\]\]")

    def _headers(self, pattern: str) -> list[int]:
        regex = re.compile(rf"^\s*{pattern}\s*(#.*)?$")
        return [i + 1 for i, line in enumerate(self.lines) if regex.match(line)]

    def line(self, step: int | None, prompt: int | None) -> int | None:
        """The line of ``[[steps]]`` number ``step`` (or of its prompt ``prompt``), 0-based indexes."""
        if step is None or step >= len(self.step_lines):
            return None
        start = self.step_lines[step]
        if prompt is None:
            return start
        end = self.step_lines[step + 1] if step + 1 < len(self.step_lines) else 10**9
        inside = [n for n in self.prompt_lines if start < n < end]
        return inside[prompt] if prompt < len(inside) else start

    def __call__(self, path: str, step: int | None = None, prompt: int | None = None) -> str:
        line = self.line(step, prompt)
        at = f"{self.source}:{line}" if line is not None else self.source
        return f"{at}: {path}" if path else at


def _fail(message: str, where: str, hint: str | None = None) -> ValidationError:
    return ValidationError(message, where=where, hint=hint)


def _check_keys(data: Mapping[str, Any], allowed: Sequence[str], what: str, where: str) -> None:
    for name in data:
        if name not in allowed:
            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"
            raise _fail(f"unknown {what} key {name!r}", where, hint)


def _table(value: Any, where: str, what: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(f"{what} must be a table (got {type(value).__name__} {value!r})", where)
    return value


def _list(value: Any, where: str, what: str) -> list[Any]:
    if not isinstance(value, list):
        raise _fail(f"{what} must be an array (got {type(value).__name__})", where,
                    f"write [[{what}]] tables or {what} = [ ... ]")
    return value


def _text(value: Any, where: str, locales: Sequence[str] | None = None) -> LocalizedText:
    if isinstance(value, str):
        if not value.strip():
            raise _fail("text is empty", where, "give the text, e.g. { en = \"…\", th = \"…\" }")
        missing = [loc for loc in locales or () if loc != "en"]
        if missing:
            raise _fail(f"text {value!r} is a plain string, taken as English; it lacks the method's "
                        f"language(s) {', '.join(missing)}", where,
                        f"write {{ en = {value!r}, {', '.join(f'{m} = …' for m in missing)} }}"
                        ", or set locales = [\"en\"]".replace("'", '"'))
        return LocalizedText(en=value)
    if not isinstance(value, Mapping):
        raise _fail(f"a text must be a string or a table of language = text (got {value!r})", where,
                    "e.g. { en = \"Good practices\", th = \"แนวปฏิบัติที่ดี\" }")
    for locale, text in value.items():
        if not isinstance(text, str) or not text.strip():
            raise _fail(f"the {locale!r} text must be a non-empty string (got {text!r})",
                        f"{where}.{locale}")
    if not value:
        raise _fail("text has no language", where, "e.g. { en = \"…\", th = \"…\" }")
    if locales:
        missing = [loc for loc in locales if loc not in value]
        if missing:
            raise _fail(f"text lacks the method's language(s) {', '.join(missing)}", where,
                        f"add {', '.join(f'{m} = …' for m in missing)}, or change 'locales'")
    return LocalizedText(dict(value))


def _opt_text(data: Mapping[str, Any], name: str, where: str,
              locales: Sequence[str] | None) -> LocalizedText | None:
    return None if name not in data else _text(data[name], f"{where}.{name}", locales)


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(f"must be a number (got {value!r})", where)
    return value


def _int(value: Any, where: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(f"must be a whole number (got {value!r})", where)
    return value


def _bool(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(f"must be true or false (got {value!r})", where)
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise _fail(f"must be a non-empty string (got {value!r})", where)
    return value


def _scale(data: Any, where: str, locales: Sequence[str] | None) -> Scale:
    try:
        return _build_scale(data, where, locales)
    except ValidationError as exc:
        if exc.where:
            raise
        raise _fail(exc.message, where, exc.hint or "e.g. scale = { min = 1, max = 5 }") from None


def _build_scale(data: Any, where: str, locales: Sequence[str] | None) -> Scale:
    data = _table(data, where, "scale")
    _check_keys(data, _SCALE_KEYS, "scale", where)
    allow_na = _bool(data.get("allow_na", False), f"{where}.allow_na")
    extra: dict[str, Any] = {}
    if "na_label" in data:
        extra["na_label"] = _text(data["na_label"], f"{where}.na_label", locales)
    if "levels" in data:
        if "min" in data or "max" in data:
            raise _fail("a scale has either min/max or levels, not both", where)
        levels = []
        for i, raw in enumerate(_list(data["levels"], f"{where}.levels", "levels")):
            at = f"{where}.levels[{i + 1}]"
            level = _table(raw, at, "a level")
            _check_keys(level, _LEVEL_KEYS, "level", at)
            for needed in _LEVEL_KEYS:
                if needed not in level:
                    raise _fail(f"a level needs {needed!r}", at,
                                "e.g. { key = \"often\", value = 3, label = { en = \"Often\", th = \"บ่อย\" } }")
            levels.append(Level(key=_str(level["key"], f"{at}.key"),
                                value=_number(level["value"], f"{at}.value"),
                                label=_text(level["label"], f"{at}.label", locales)))
        return Scale.of_levels(*levels, allow_na=allow_na, **extra)
    if "min" not in data or "max" not in data:
        raise _fail("a scale needs min and max, or levels", where, "e.g. scale = { min = 1, max = 5 }")
    return Scale(kind="range", minimum=_number(data["min"], f"{where}.min"),
                 maximum=_number(data["max"], f"{where}.max"),
                 step=_number(data.get("step", 1), f"{where}.step"), allow_na=allow_na, **extra)


def _keyed(items: Any, where: str, name: str, allowed: Sequence[str], build: Any,
           locales: Sequence[str] | None) -> tuple[Any, ...]:
    made = []
    for i, raw in enumerate(_list(items, where, name)):
        at = f"{where}[{i + 1}]"
        item = _table(raw, at, name)
        _check_keys(item, allowed, name.rstrip("s"), at)
        for needed in ("key", "label"):
            if needed not in item:
                raise _fail(f"needs {needed!r}", at)
        try:
            made.append(build(item, at, locales))
        except ValidationError as exc:
            if exc.where:
                raise
            raise _fail(exc.message, at, exc.hint) from None
    return tuple(made)


def _criterion(item: Mapping[str, Any], at: str, locales: Sequence[str] | None) -> Criterion:
    return Criterion(key=_str(item["key"], f"{at}.key"), label=_text(item["label"], f"{at}.label", locales),
                     description=_opt_text(item, "description", at, locales))


def _field(item: Mapping[str, Any], at: str, locales: Sequence[str] | None) -> Field:
    kind = item.get("kind", "text")
    if kind not in ("text", "date", "number"):
        raise _fail(f"field kind {kind!r} is not text, date or number", f"{at}.kind")
    return Field(key=_str(item["key"], f"{at}.key"), label=_text(item["label"], f"{at}.label", locales),
                 kind=kind, required=_bool(item.get("required", False), f"{at}.required"))


def _choice(item: Mapping[str, Any], at: str, locales: Sequence[str] | None) -> Choice:
    return Choice(key=_str(item["key"], f"{at}.key"), label=_text(item["label"], f"{at}.label", locales))


def _prompt(data: Any, where: str, locales: Sequence[str] | None) -> Prompt:
    data = _table(data, where, "a prompt")
    _check_keys(data, _PROMPT_KEYS, "prompt", where)
    for needed in ("key", "kind", "text"):
        if needed not in data:
            raise _fail(f"a prompt needs {needed!r}", where)
    args: dict[str, Any] = {
        "key": _str(data["key"], f"{where}.key"),
        "kind": _str(data["kind"], f"{where}.kind"),
        "text": _text(data["text"], f"{where}.text", locales),
        "help": _opt_text(data, "help", where, locales),
    }
    if "scale" in data:
        args["scale"] = _scale(data["scale"], f"{where}.scale", locales)
    for name in ("items_from", "rule"):
        if name in data:
            args[name] = _str(data[name], f"{where}.{name}")
    for name in ("budget", "per_item_cap", "max_ranked"):
        if name in data:
            args[name] = _int(data[name], f"{where}.{name}")
    for name in ("multiple", "individual"):
        if name in data:
            args[name] = _bool(data[name], f"{where}.{name}")
    if "criteria" in data:
        args["criteria"] = _keyed(data["criteria"], f"{where}.criteria", "criteria",
                                  _CRITERION_KEYS, _criterion, locales)
    if "fields" in data:
        args["fields"] = _keyed(data["fields"], f"{where}.fields", "fields", _FIELD_KEYS, _field, locales)
    if "choices" in data:
        args["choices"] = _keyed(data["choices"], f"{where}.choices", "choices", _CHOICE_KEYS,
                                 _choice, locales)
    try:
        return Prompt(**args)
    except ValidationError as exc:
        raise _fail(exc.message, where, exc.hint or _PROMPT_HINTS.get(args["kind"])) from None


_PROMPT_HINTS = {
    "score": "a score prompt needs items_from = \"<list prompt>\" and scale = { min = 1, max = 5 }",
    "dots": "a dots prompt needs items_from = \"<list prompt>\" and budget = <dots per person>",
    "rank": "a rank prompt needs items_from = \"<list prompt>\"",
    "table": "a table prompt needs [[steps.prompts.fields]] with key and label",
    "choice": "a choice prompt needs [[steps.prompts.choices]] with key and label",
}


def method_from_data(data: Mapping[str, Any], source: str = "<method>", text: str | None = None) -> Method:
    """Build a :class:`~lessonkit.Method` from parsed TOML (or any plain mapping).

    :param source: the file name shown in errors.
    :param text: the file's text, to point errors at a line.
    :raises ValidationError: naming file, line, key path and what to fix.
    """
    where = _Where(source, text)
    data = _table(data, where(""), "a method file")
    _check_keys(data, _METHOD_KEYS, "method", where(""))
    for needed in ("key", "title", "steps"):
        if needed not in data:
            raise _fail(f"a method needs {needed!r}", where(""),
                        "start the file with key = \"…\", title = { en = \"…\", th = \"…\" } and [[steps]]")
    locales_raw = data.get("locales", ["th", "en"])
    if not isinstance(locales_raw, list) or not locales_raw or \
            not all(isinstance(x, str) and x for x in locales_raw):
        raise _fail(f"locales must be a list of language codes (got {locales_raw!r})", where("locales"),
                    "e.g. locales = [\"th\", \"en\"]")
    locales = tuple(locales_raw)
    steps = []
    for i, raw_step in enumerate(_list(data["steps"], where("steps"), "steps")):
        path = f"steps[{i + 1}]"
        step = _table(raw_step, where(path, i), "a step")
        _check_keys(step, _STEP_KEYS, "step", where(path, i))
        for needed in ("key", "title"):
            if needed not in step:
                raise _fail(f"a step needs {needed!r}", where(path, i))
        prompts = []
        for j, raw_prompt in enumerate(_list(step.get("prompts", []), where(f"{path}.prompts", i),
                                             "steps.prompts")):
            ppath = f"{path}.prompts[{j + 1}]"
            prompts.append(_prompt(raw_prompt, where(ppath, i, j), locales))
        try:
            steps.append(Step(key=_str(step["key"], where(f"{path}.key", i)),
                              title=_text(step["title"], where(f"{path}.title", i), locales),
                              description=_opt_text(step, "description", where(path, i), locales),
                              prompts=tuple(prompts)))
        except LessonkitError as exc:
            if exc.where and exc.where.startswith(source):
                raise
            raise _fail(exc.message, where(path, i), exc.hint) from None
    _check_references(steps, where)
    try:
        return Method(
            key=_str(data["key"], where("key")),
            title=_text(data["title"], where("title"), locales),
            description=_opt_text(data, "description", where(""), locales),
            steps=tuple(steps),
            locales=locales,
            default_rule=_str(data.get("default_rule", "sum"), where("default_rule")),
            version=str(data.get("version", "1")),
        )
    except LessonkitError as exc:
        if exc.where and exc.where.startswith(source):
            raise
        place = _method_error_place(exc, data, where)
        raise _fail(exc.message, place, exc.hint or "check the key names and items_from references") \
            from None


def _check_references(steps: Sequence[Step], where: _Where) -> None:
    """Every ``items_from`` names a list or table prompt: say which ones could be meant."""
    by_step = {step.key: {p.key: p for p in step.prompts} for step in steps}
    for i, step in enumerate(steps):
        for j, prompt in enumerate(step.prompts):
            ref = prompt.items_from
            if not ref:
                continue
            step_key, _dot, prompt_key = ref.rpartition(".")
            target = by_step.get(step_key or step.key, {}).get(prompt_key)
            if target is not None and target.kind in ("list", "table"):
                continue
            lists = [f"{s}.{k}" if s != step.key else k for s, ps in by_step.items()
                     for k, p in ps.items() if p.kind in ("list", "table")]
            close = difflib.get_close_matches(ref, lists, n=1)
            what = (f"names a {target.kind} prompt" if target is not None
                    else "names no prompt of the method")
            hint = (f"did you mean {close[0]!r}?" if close else
                    f"list or table prompts: {', '.join(lists) or 'none'}; "
                    "use \"prompt\" (same step) or \"step.prompt\"")
            raise _fail(f"items_from {ref!r} {what}; it must name a list or table prompt",
                        where(f"steps[{i + 1}].prompts[{j + 1}].items_from", i, j), hint)


def _method_error_place(exc: LessonkitError, data: Mapping[str, Any], where: _Where) -> str:
    """Point a Method-level error (items_from, repeated steps) at its step and prompt."""
    found = re.search(r"step '([^']+)' prompt '([^']+)'", exc.where or "")
    if found:
        for i, step in enumerate(data.get("steps", [])):
            if isinstance(step, Mapping) and step.get("key") == found.group(1):
                for j, prompt in enumerate(step.get("prompts", [])):
                    if isinstance(prompt, Mapping) and prompt.get("key") == found.group(2):
                        return where(f"steps[{i + 1}].prompts[{j + 1}].items_from", i, j)
    return where("steps")


def method_from_toml(text: str, source: str = "<method>") -> Method:
    """Parse TOML text into a method; see :func:`method_from_data`."""
    try:
        data = _toml_loads(text)
    except ValueError as exc:  # tomllib.TOMLDecodeError is a ValueError
        raise ValidationError(f"not valid TOML: {exc}", where=source,
                              hint="check quotes, brackets and '=' on that line") from None
    return method_from_data(data, source, text)


def load_method_file(path: str | os.PathLike[str]) -> Method:
    """Read one ``.toml`` method file."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(f"cannot read the method file: {exc}", where=str(file)) from None
    return method_from_toml(text, str(file))


def check_rules(method: Method, rules: Iterable[str], source: str) -> None:
    """Every ranking rule ``method`` names (``default_rule``, prompts' ``rule``) is one of ``rules``.

    :raises ValidationError: naming the file, the key and the installed rules.
    """
    known = list(rules)

    def fail(name: str, where: str) -> ValidationError:
        close = difflib.get_close_matches(name, known, n=1)
        hint = (f"did you mean {close[0]!r}? " if close else "") + \
            f"installed rules: {', '.join(known) or 'none'} ('lessonkit rules' lists them)"
        return _fail(f"ranking rule {name!r} is not installed", where, hint)

    if method.default_rule not in known:
        raise fail(method.default_rule, f"{source}: default_rule")
    for i, step in enumerate(method.steps):
        for j, prompt in enumerate(step.prompts):
            if prompt.rule and prompt.rule not in known:
                raise fail(prompt.rule, f"{source}: steps[{i + 1}].prompts[{j + 1}].rule")


def load_folder(folder: str | os.PathLike[str], *, strict: bool = True,
                rules: Iterable[str] | None = None) -> tuple[list[Method], list[str]]:
    """The methods of every ``*.toml`` file in ``folder`` (sorted by name).

    With ``strict`` the first bad file raises; otherwise bad files are returned
    as problem messages (each naming its file) and the good ones still load.
    Given the installed ranking ``rules``, a method naming another rule is bad
    (:func:`check_rules`).
    """
    base = Path(folder)
    if not base.is_dir():
        problem = ValidationError("is not a folder", where=str(base),
                                  hint=f"check --path or {METHODS_PATH_ENV}")
        if strict:
            raise problem
        return [], [str(problem)]
    methods: list[Method] = []
    problems: list[str] = []
    seen: dict[str, Path] = {}
    for file in sorted(base.glob("*.toml")):
        try:
            method = load_method_file(file)
            if rules is not None:
                check_rules(method, rules, str(file))
            if method.key in seen:
                raise ValidationError(f"method key {method.key!r} is also declared in {seen[method.key]}",
                                      where=str(file), hint="give each method its own key")
        except LessonkitError as exc:
            if strict:
                raise
            problems.append(str(exc))
            continue
        seen[method.key] = file
        methods.append(method)
    return methods, problems


def configured_folders(environ: Mapping[str, str] | None = None) -> list[str]:
    """The folders named by ``LESSONKIT_METHODS_PATH`` (empty parts ignored)."""
    raw = (os.environ if environ is None else environ).get(METHODS_PATH_ENV, "")
    return [part for part in raw.split(os.pathsep) if part.strip()]


def load_folders(folders: Iterable[str | os.PathLike[str]], *, strict: bool = False,
                 rules: Iterable[str] | None = None) -> tuple[list[Method], list[str]]:
    """:func:`load_folder` over several folders; a key declared twice is a problem."""
    methods: list[Method] = []
    problems: list[str] = []
    keys: set[str] = set()
    known = list(rules) if rules is not None else None
    for folder in folders:
        found, bad = load_folder(folder, strict=strict, rules=known)
        problems.extend(bad)
        for method in found:
            if method.key in keys:
                message = f"method key {method.key!r} is declared in two method folders (kept the first)"
                if strict:
                    raise ValidationError(message, where=str(folder))
                problems.append(f"{message} @ {folder}")
                continue
            keys.add(method.key)
            methods.append(method)
    return methods, problems
