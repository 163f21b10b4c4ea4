"""Testing helpers for method designers, shipped with lessonkit as a pytest plugin.

The plugin is opt-in, so it never loads into the test runs of programs that
merely depend on lessonkit. A plugin's tests turn it on with one line in their
top-level ``conftest.py``::

    pytest_plugins = ["lessonkit.testing"]

or on the command line with ``pytest -p lessonkit.testing``. It provides:

``lessonkit_pm``
    a factory: ``lessonkit_pm(my_plugin, entrypoints=False)`` is a fresh
    :class:`~lessonkit.plugins.PluginManager` with the core's default plugins
    and the plugins you choose (modules, objects or ``(name, plugin)`` pairs).
``lessonkit_registry``
    the same, returning the loaded :class:`~lessonkit.plugins.Registry`.
``lessonkit_session``
    a factory writing a temporary session file: ``lessonkit_session(registry,
    methods=["exchange"], groups=1, participants=3, filled=True)``.
``lessonkit_runner``
    a :class:`LessonkitRunner`: ``runner.use(my_plugin)`` makes the command
    line see exactly those plugins; ``runner.invoke("rank", path, …)`` returns
    click's result (``stdout``, ``stderr``, ``exit_code`` apart).

:func:`check_method` is the conformance check: it returns a list of problems,
each saying what to fix (an empty list means the method passes).
:func:`sessions_for` and :func:`scores_for` are hypothesis strategies.
Hypothesis and click's test runner are imported only when used.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from lessonkit.errors import LessonkitError
from lessonkit.method import LocalizedText, Method, Prompt, Step
from lessonkit.plugins import Catalog, PluginManager, Registry, get_plugin_manager, load_registry

if TYPE_CHECKING:
    from click.testing import Result

    from lessonkit.model import Session

__all__ = [
    "LessonkitRunner",
    "check_method",
    "fill_session",
    "lessonkit_pm",
    "lessonkit_registry",
    "lessonkit_runner",
    "lessonkit_session",
    "make_pm",
    "make_registry",
    "registry_with",
    "sample_scores",
    "scores_for",
    "sessions_for",
]

PluginSpec = Any  # a module/object, or a (name, plugin) pair


def _pairs(plugins: Iterable[PluginSpec]) -> list[tuple[str, object]]:
    pairs: list[tuple[str, object]] = []
    for i, plugin in enumerate(plugins):
        if isinstance(plugin, tuple) and len(plugin) == 2 and isinstance(plugin[0], str):
            pairs.append((plugin[0], plugin[1]))
        else:
            name = getattr(plugin, "__name__", None) or f"{type(plugin).__name__}-{i + 1}"
            pairs.append((name, plugin))
    return pairs


def make_pm(*plugins: PluginSpec, entrypoints: bool = False, defaults: bool = True) -> PluginManager:
    """A fresh plugin manager with the core's defaults (unless ``defaults=False``),
    the installed entry points (only with ``entrypoints=True``) and ``plugins``."""
    return get_plugin_manager(load_entrypoints=entrypoints, defaults=defaults, plugins=_pairs(plugins))


def make_registry(*plugins: PluginSpec, entrypoints: bool = False, defaults: bool = True) -> Registry:
    """:func:`make_pm`, then :func:`~lessonkit.plugins.load_registry`."""
    return load_registry(make_pm(*plugins, entrypoints=entrypoints, defaults=defaults))


def registry_with(registry: Registry, method: Method) -> Registry:
    """A copy of ``registry`` that also holds ``method`` (the original is unchanged)."""
    if method.key in registry.methods and registry.method(method.key) is method:
        return registry
    catalogs: dict[str, Catalog[Any]] = {}
    for name in ("methods", "rules", "renderers", "importers"):
        source = getattr(registry, name)
        target: Catalog[Any] = Catalog(source.what)
        for key, value, plugin in source.items():
            if name == "methods" and key == method.key:
                continue
            target.add(key, value, plugin)
        catalogs[name] = target
    copy = Registry(registry.pm, **catalogs)
    # a new version of a registered method keeps its plugin (its per-method hooks still apply)
    owner = registry.methods.source(method.key) if method.key in registry.methods else "check_method"
    copy.methods.add(method.key, method, owner)
    return copy


# -- fixtures ------------------------------------------------------------------


@pytest.fixture
def lessonkit_pm() -> Callable[..., PluginManager]:
    """A factory of fresh plugin managers: ``lessonkit_pm(plugin, entrypoints=False)``."""
    return make_pm


@pytest.fixture
def lessonkit_registry() -> Callable[..., Registry]:
    """A factory of fresh registries: ``lessonkit_registry(plugin, entrypoints=False)``."""
    return make_registry


@pytest.fixture
def lessonkit_session(tmp_path: Path) -> Callable[..., Path]:
    """A factory of temporary session files.

    ``lessonkit_session(registry, methods=[...], groups=1, participants=3,
    filled=False, locale="th")``: with ``filled=True`` every prompt gets sample
    answers and scores (see :func:`fill_session`).
    """
    counter = iter(range(1, 10**6))

    def make(registry: Registry, methods: Sequence[str] = (), *, groups: int = 1,
             participants: int = 3, filled: bool = False, locale: str = "th",
             title: str = "Test workshop") -> Path:
        from lessonkit import files, workshop

        session = workshop.new_session(registry, title, locale=locale, methods=list(methods))
        for g in range(1, groups + 1):
            workshop.add_group(session, f"g{g}", f"Group {g}")
            for _ in range(participants):
                workshop.add_participant(session, f"g{g}", None)
        if filled:
            for key in methods:
                fill_session(session, registry, registry.method(key))
        path = tmp_path / f"session-{next(counter)}.json"
        with files.lock(path):
            files.save(session, path)
        return path

    return make


class LessonkitRunner:
    """click's runner for the ``lessonkit`` command line, with chosen plugins.

    The command line keeps its plugin manager for the process; the runner
    resets it around every call, so each test sees only what it chose.
    """

    def __init__(self) -> None:
        from click.testing import CliRunner

        self.runner = CliRunner()
        self.pm: PluginManager | None = None

    def use(self, *plugins: PluginSpec, entrypoints: bool = False) -> LessonkitRunner:
        """Let the command line see exactly these plugins (plus the core's defaults)."""
        self.pm = make_pm(*plugins, entrypoints=entrypoints)
        return self

    def invoke(self, *args: Any, input: str | None = None) -> Result:
        """Run ``lessonkit ARGS…``; ``result.stdout``, ``.stderr``, ``.exit_code``."""
        from lessonkit.cli import _common, cli

        _common.reset()
        if self.pm is not None:
            _common._STATE["pm"] = self.pm
        commands = dict(cli.commands)  # the plugins' commands are added for this call only
        try:
            return self.runner.invoke(cli, [str(a) for a in args], input=input)
        finally:
            _common.reset()
            cli.commands.clear()
            cli.commands.update(commands)


@pytest.fixture
def lessonkit_runner() -> Iterator[LessonkitRunner]:
    """A :class:`LessonkitRunner` (installed plugins unless you call ``.use(...)``)."""
    from lessonkit.cli import _common

    _common.reset()
    yield LessonkitRunner()
    _common.reset()


# -- sample data -----------------------------------------------------------------


def _sample_row(prompt: Prompt, n: int) -> list[str]:
    values = []
    for field in prompt.fields:
        if field.kind == "date":
            values.append(f"{field.key}=2026-0{1 + n % 9}-15")
        elif field.kind == "number":
            values.append(f"{field.key}={n + 1}")
        else:
            values.append(f"{field.key}=Sample {field.key} {n + 1} ตัวอย่าง")
    return values


def sample_scores(prompt: Prompt, items: Sequence[str], person: int) -> dict[str, Any]:
    """A valid ballot of participant number ``person`` (0-based) over ``items``."""
    if not items:
        return {}
    if prompt.kind == "score":
        assert prompt.scale is not None
        points = [p for p in prompt.scale.points() if _on_scale(prompt, p)] or [prompt.scale.low]
        return {item: points[(person + i) % len(points)] for i, item in enumerate(items)}
    if prompt.kind == "dots":
        budget = prompt.budget or 1
        cap = prompt.per_item_cap or budget
        ballot: dict[str, Any] = {}
        left = budget
        for i in range(len(items)):
            item = items[(person + i) % len(items)]
            give = min(cap, left, 1 + (person + i) % 2)
            if give <= 0:
                break
            ballot[item] = give
            left -= give
        return ballot
    depth = min(len(items), prompt.max_ranked or len(items))
    order = [items[(person + i) % len(items)] for i in range(len(items))]
    return {item: position + 1 for position, item in enumerate(order[:depth])}


def _on_scale(prompt: Prompt, value: float) -> bool:
    assert prompt.scale is not None
    try:
        prompt.scale.check(value)
    except LessonkitError:
        return False
    return True


def _unless_refused(call: Any, *args: Any, **kwargs: Any) -> None:
    """Make a sample change, unless a method plugin's own rule refuses it.

    Sample data cannot know a plugin's rules (the AAR's form, 5C4F's age
    bands); such a refusal is not a fault of the declaration, so that sample is
    left out.
    """
    from lessonkit.errors import PluginRuleError

    try:
        call(*args, **kwargs)
    except PluginRuleError:
        pass


def fill_session(session: Session, registry: Registry, method: Method) -> None:
    """Give every group of ``session`` sample answers and scores for every prompt of ``method``.

    A sample a method plugin's own rule refuses (its ``session_problems`` hook)
    is left out.
    """
    from lessonkit import workshop

    for group in session.groups:
        if not group.participants:
            workshop.add_participant(session, group.key, None)
        for step, prompt in method.prompts():
            if prompt.scored:
                continue
            if prompt.kind == "table":
                for n in range(3):
                    _unless_refused(workshop.add_answers, session, registry, group.key, method.key, prompt.key,
                                         _sample_row(prompt, n), step=step.key)
            elif prompt.kind == "choice":
                _unless_refused(workshop.add_answers, session, registry, group.key, method.key, prompt.key,
                                     [prompt.choices[0].key], step=step.key)
            else:
                count = 3 if prompt.kind == "list" else 1
                texts = [f"{prompt.text.get('en')} — sample {n + 1} ตัวอย่าง" for n in range(count)]
                _unless_refused(workshop.add_answers, session, registry, group.key, method.key, prompt.key, texts,
                                     step=step.key)
        for step, prompt in method.scored_prompts():
            items = [e.id for e in workshop.items_for(group, method, step, prompt)]
            criteria = [c.key for c in prompt.criteria] or [""]
            for n, participant in enumerate(group.participants):
                for criterion in criteria:
                    _unless_refused(workshop.set_scores, session, registry, group.key, method.key, prompt.key,
                                        participant.key, sample_scores(prompt, items, n),
                                        step=step.key, criterion=criterion)


# -- the conformance check -------------------------------------------------------------


def _texts(method: Method) -> Iterator[tuple[str, LocalizedText]]:
    base = f"method {method.key!r}"
    yield f"{base} title", method.title
    if method.description is not None:
        yield f"{base} description", method.description
    for step in method.steps:
        at = f"{base} step {step.key!r}"
        yield f"{at} title", step.title
        if step.description is not None:
            yield f"{at} description", step.description
        for prompt in step.prompts:
            p_at = f"{at} prompt {prompt.key!r}"
            yield f"{p_at} text", prompt.text
            if prompt.help is not None:
                yield f"{p_at} help", prompt.help
            if prompt.scale is not None:
                for level in prompt.scale.levels:
                    yield f"{p_at} scale level {level.key!r}", level.label
                if prompt.scale.allow_na:
                    yield f"{p_at} scale N/A label", prompt.scale.na_label
            for criterion in prompt.criteria:
                yield f"{p_at} criterion {criterion.key!r}", criterion.label
                if criterion.description is not None:
                    yield f"{p_at} criterion {criterion.key!r} description", criterion.description
            for field in prompt.fields:
                yield f"{p_at} field {field.key!r}", field.label
            for choice in prompt.choices:
                yield f"{p_at} choice {choice.key!r}", choice.label


def _check_texts(method: Method) -> list[str]:
    problems = []
    for where, text in _texts(method):
        for locale in method.locales:
            if not text.values.get(locale, "").strip():
                problems.append(f"{where} has no {locale!r} text: add {locale}=\"…\" to its "
                                f"LocalizedText (the method declares locales {list(method.locales)})")
    return problems


def _check_scale(where: str, prompt: Prompt) -> list[str]:
    scale = prompt.scale
    if scale is None:
        return [] if prompt.kind != "score" else [f"{where}: a score prompt needs a scale"]
    problems = []
    if scale.kind == "range":
        steps = (scale.maximum - scale.minimum) / scale.step
        if abs(steps - round(steps)) > 1e-9:
            problems.append(
                f"{where}: the scale's step {scale.step:g} does not divide its range "
                f"{scale.minimum:g}–{scale.maximum:g}, so {scale.maximum:g} cannot be given: "
                f"choose a step that divides {scale.maximum - scale.minimum:g}")
    else:
        values = [level.value for level in scale.levels]
        if len(set(values)) != len(values):
            problems.append(f"{where}: two scale levels have the same value {values}: "
                            "give each level its own value")
        if not all(math.isfinite(v) for v in values):
            problems.append(f"{where}: scale level values must be finite numbers (got {values})")
    for point in scale.points() if not problems else ():
        try:
            scale.check(point)
        except LessonkitError as exc:
            problems.append(f"{where}: the scale refuses its own point {point:g}: {exc.message}")
            break
    if prompt.kind != "score":
        problems.append(f"{where}: a {prompt.kind} prompt does not use a scale: remove it")
    return problems


def _check_structure(method: Method, registry: Registry) -> list[str]:
    problems: list[str] = []
    if method.locales and not set(method.locales) <= {"th", "en"}:
        problems.append(f"method {method.key!r} declares locales {list(method.locales)}; "
                        "lessonkit's reports are in 'th' and 'en'")
    for step, prompt in method.prompts():
        where = f"method {method.key!r} step {step.key!r} prompt {prompt.key!r}"
        problems.extend(_check_scale(where, prompt))
        if prompt.items_from:
            try:
                _src_step, source = method.resolve(step.key, prompt.items_from)
            except LessonkitError as exc:
                problems.append(f"{where}: items_from {prompt.items_from!r} does not resolve "
                                f"({exc.message}): name a list prompt as \"prompt\" or \"step.prompt\"")
            else:
                if source.kind not in ("list", "table"):
                    problems.append(f"{where}: items_from {prompt.items_from!r} is a {source.kind} "
                                    "prompt: name a list or table prompt")
        elif prompt.scored:
            problems.append(f"{where}: a {prompt.kind} prompt needs items_from")
        if prompt.kind == "dots" and prompt.per_item_cap and prompt.budget \
                and prompt.per_item_cap > prompt.budget:
            problems.append(f"{where}: per_item_cap {prompt.per_item_cap} is above the budget "
                            f"{prompt.budget}: lower it or leave it out")
    return problems


def _rule_kinds_ok(rule: Any, prompt: Prompt) -> bool:
    return prompt.kind in tuple(getattr(rule, "kinds", ()))


def _check_rules(method: Method, registry: Registry) -> list[str]:
    from lessonkit.ranking import MISSING_POLICIES, rank
    from lessonkit.scores import ScoreTable

    problems: list[str] = []
    base = f"method {method.key!r}"
    rules_used: list[tuple[str, Step, Prompt, str]] = []
    if method.default_rule not in registry.rules:
        problems.append(f"{base}: default_rule {method.default_rule!r} is not a registered ranking "
                        f"rule (known: {', '.join(registry.rules.keys())}): register it or pick one of those")
    else:
        default = registry.rules.get(method.default_rule)
        scored = list(method.scored_prompts())
        fitting = [p for _s, p in scored if not p.rule and _rule_kinds_ok(default, p)]
        if scored and not fitting and not all(p.rule for _s, p in scored):
            kinds = ", ".join(sorted({p.kind for _s, p in scored}))
            problems.append(f"{base}: default_rule {method.default_rule!r} ranks "
                            f"{', '.join(default.kinds)} prompts, but the method's scored prompts are "
                            f"{kinds}: pick a default rule for those kinds")
        rules_used.extend((method.default_rule, s, p, "default_rule") for s, p in scored
                          if not p.rule and _rule_kinds_ok(default, p))
    for step, prompt in method.scored_prompts():
        if not prompt.rule:
            continue
        where = f"{base} step {step.key!r} prompt {prompt.key!r}"
        if prompt.rule not in registry.rules:
            problems.append(f"{where}: rule {prompt.rule!r} is not a registered ranking rule "
                            f"(known: {', '.join(registry.rules.keys())})")
            continue
        rule = registry.rules.get(prompt.rule)
        if not _rule_kinds_ok(rule, prompt):
            problems.append(f"{where}: rule {prompt.rule!r} ranks {', '.join(rule.kinds)} prompts, "
                            f"not {prompt.kind}: pick a rule for {prompt.kind} prompts")
            continue
        rules_used.append((prompt.rule, step, prompt, "rule"))
    checked: set[tuple[str, str]] = set()
    for rule_key, _step, prompt, _how in rules_used:
        rule = registry.rules.get(rule_key)
        if (rule_key, prompt.kind) in checked:
            continue
        checked.add((rule_key, prompt.kind))
        where = f"ranking rule {rule_key!r} (from plugin {registry.rules.source(rule_key)!r})"
        if rule.missing not in MISSING_POLICIES:
            problems.append(f"{where}: missing policy {rule.missing!r} is not one of {MISSING_POLICIES}")
        items = ["i1", "i2", "i3", "i4"]
        tables = []
        for order in (range(5), reversed(range(5))):
            table = ScoreTable()
            for n in order:
                table.set_ballot(f"p{n + 1}", sample_scores(prompt, items, n))
            tables.append(table)
        low, high = _ends(prompt, len(items))
        try:
            results = [rank(t, items, rule, kind=prompt.kind, low=low, high=high) for t in tables]
        except Exception as exc:
            problems.append(f"{where} fails on valid {prompt.kind} scores: {type(exc).__name__}: {exc}")
            continue
        rows = results[0].rows
        if sorted(row.item for row in rows) != sorted(items):
            problems.append(f"{where}: its compute() must return a Scored for every item "
                            f"(got rows for {sorted(row.item for row in rows)} of {items})")
            continue
        for row in rows:
            if row.score is not None and not math.isfinite(row.score):
                problems.append(f"{where}: score {row.score!r} of item {row.item!r} is not finite")
            if row.n > 5:
                problems.append(f"{where}: item {row.item!r} rests on n={row.n} scores, "
                                "but only 5 participants scored")
        problems += _check_rule_words(where, rule, results[0], method)
        first = [(r.item, r.label, r.score) for r in results[0].rows]
        second = [(r.item, r.label, r.score) for r in results[1].rows]
        if first != second:
            problems.append(f"{where}: the ranking changes with the order of participants; "
                            "a rule must depend only on the scores")
    return problems


_RAW_KEY = re.compile(r"\b(?:tie_break|rank_note)_\w+|\b[a-z0-9]+:[a-z]\w*\b")


def _check_rule_words(where: str, rule: Any, result: Any, method: Method) -> list[str]:
    """The rule's ``order_note`` and ``reason`` codes have words in every language: no raw keys."""
    from lessonkit.ranking import note_words

    problems: list[str] = []
    locales = [loc for loc in method.locales or ("th", "en") if loc in ("th", "en")] or ["en"]
    codes = sorted({code for scored in result.scored.values()
                    for code in (scored.order_note, scored.reason) if code})
    for code in codes:
        if note_words(rule, code, "en") is None:
            problems.append(
                f"{where}: its Scored results use the note code {code!r}, which has no words, so "
                f"rankings would show it raw: add messages={{{code!r}: LocalizedText(en=\"…\", "
                f"th=\"…\")}} to the Rule (or use a registered message key 'namespace:key')")
            continue
        declared = rule.messages.get(code)
        for locale in locales:
            if declared is not None and not declared.values.get(locale):
                problems.append(f"{where}: the words of note code {code!r} have no {locale!r} text: "
                                f"add {locale}=\"…\" to messages[{code!r}]")
    for row in result.rows:
        leak = _RAW_KEY.search(row.note)
        if leak:
            problems.append(f"{where}: the note of item {row.item!r} shows the raw message key "
                            f"{leak.group(0)!r} ({row.note!r}): declare its words in Rule.messages")
    return problems


def _ends(prompt: Prompt, count: int) -> tuple[float, float]:
    if prompt.kind == "score" and prompt.scale is not None:
        return prompt.scale.low, prompt.scale.high
    if prompt.kind == "dots":
        return 0.0, float(prompt.per_item_cap or prompt.budget or 1)
    return 1.0, float(count)


def _check_report(method: Method, registry: Registry) -> list[str]:
    from lessonkit import workshop
    from lessonkit.report import GenericPart, ReportContext, Section, build_report

    problems: list[str] = []
    base = f"method {method.key!r}"
    try:
        session = workshop.new_session(registry, "Conformance check", methods=[method.key])
        for g in (1, 2):
            workshop.add_group(session, f"g{g}", f"Group {g}")
            for _ in range(3):
                workshop.add_participant(session, f"g{g}", None)
        fill_session(session, registry, method)
    except LessonkitError as exc:
        return [f"{base}: sample answers and scores are refused ({exc}): check the prompts' "
                "scales, budgets and items_from"]
    for locale in method.locales or ("th",):
        if locale not in ("th", "en"):
            continue
        context = ReportContext(session=session, registry=registry, locale=locale,
                                digits="thai" if locale == "th" else "arabic")
        for group in [*session.groups, None]:
            try:
                results = registry.call_for_method("report_sections", method, context=context,
                                                   group=group)
            except Exception as exc:
                problems.append(f"{base}: a report_sections implementation raised "
                                f"{type(exc).__name__}: {exc}")
                continue
            for plugin, result in results:
                if result is None:
                    continue
                if not isinstance(result, list) or not all(isinstance(s, (Section, GenericPart))
                                                           for s in result):
                    problems.append(f"plugin {plugin!r}: report_sections must return a list of "
                                    f"lessonkit.report.Section or None (got {type(result).__name__})")
        try:
            document = build_report(session, registry, locale=locale)
        except Exception as exc:
            problems.append(f"{base}: the {locale} report cannot be built: {type(exc).__name__}: {exc}")
            continue
        for key, renderer, plugin in registry.renderers.items():
            try:
                output = renderer(document)
            except Exception as exc:
                if _missing_library(exc):
                    continue  # an optional format (DOCX without python-docx): not the method's fault
                problems.append(f"{base}: the {locale} report does not render as {key!r} "
                                f"(renderer of plugin {plugin!r}): {type(exc).__name__}: {exc}")
                continue
            if not output:
                problems.append(f"{base}: the {locale} report renders as an empty {key!r} document")
            elif isinstance(output, str) and key in ("md", "txt", "html") \
                    and method.title.get(locale) not in output:
                problems.append(f"{base}: the {locale} {key!r} report does not show the method's "
                                f"title {method.title.get(locale)!r}")
    return problems


def _missing_library(exc: BaseException) -> bool:
    """Whether ``exc`` says an optional library is not installed (an ImportError, or raised on one)."""
    return isinstance(exc, ImportError) or isinstance(exc.__context__, ImportError) \
        or isinstance(exc.__cause__, ImportError)


def check_method(method: Method, registry: Registry) -> list[str]:
    """Check that ``method`` is fit to be used; return the problems (empty: it passes).

    Checks that every text (titles, prompts, help, scale levels, criteria,
    fields, choices) has each of the method's ``locales``; scales are valid
    (a range's step divides it, levels have distinct values) and used only by
    score prompts; every ``items_from`` resolves to a list or table prompt;
    the default rule and the prompts' rules are registered, fit the prompt
    kinds, return a score for every item, never count more scores than were
    given, do not depend on the order of participants, and have words in every
    language for the note codes they use (``Scored.order_note`` and
    ``Scored.reason``: no raw message keys in the rankings); and a report with
    sample answers and scores builds, its ``report_sections`` return lists of
    sections, and it renders in every registered format in every locale (a
    format whose optional library is not installed, such as DOCX without
    python-docx, is left out). Each problem names where it is and what to fix.
    """
    registry = registry_with(registry, method)
    problems = _check_texts(method)
    problems += _check_structure(method, registry)
    problems += _check_rules(method, registry)
    problems += _check_report(method, registry)
    return problems


# -- hypothesis strategies ---------------------------------------------------------------


def scores_for(prompt: Prompt, items: Sequence[str] = ("i1", "i2", "i3")) -> Any:
    """A hypothesis strategy of valid ballots ``{item: value}`` for ``prompt`` over ``items``.

    Score prompts give any subset of items a point of the scale (or
    :data:`lessonkit.NA` where N/A is allowed); dots prompts stay within the
    budget and the cap;
    rank prompts rank a prefix of the items 1, 2, 3… without gaps.
    """
    from hypothesis import strategies as st

    items = list(items)
    if prompt.kind == "score":
        assert prompt.scale is not None
        values: Any = st.sampled_from(prompt.scale.points())
        if prompt.scale.allow_na:
            from lessonkit.scores import NA

            values = values | st.just(NA)
        return st.dictionaries(st.sampled_from(items), values) if items else st.just({})
    if prompt.kind == "dots":
        budget = prompt.budget or 1
        cap = prompt.per_item_cap or budget

        @st.composite
        def dots(draw: Any) -> dict[str, int]:
            ballot: dict[str, int] = {}
            left = budget
            for item in draw(st.permutations(items)):
                if left <= 0:
                    break
                give = draw(st.integers(0, min(cap, left)))
                if give:
                    ballot[item] = give
                    left -= give
            return ballot

        return dots()
    if prompt.kind == "rank":
        depth = min(len(items), prompt.max_ranked or len(items))

        @st.composite
        def ranking(draw: Any) -> dict[str, int]:
            order = draw(st.permutations(items))
            count = draw(st.integers(0, depth))
            return {item: position + 1 for position, item in enumerate(order[:count])}

        return ranking()
    raise ValueError(f"prompt {prompt.key!r} is a {prompt.kind} prompt, which takes no scores")


_WORDS = ("Home visits", "Parent clubs", "เยี่ยมบ้าน", "ครอบครัวอุปถัมภ์", "Case conference",
          "การคัดกรอง", "Kinship care", "ศูนย์พัฒนาเด็กเล็ก")


def sessions_for(method: Method, *, max_groups: int = 2, max_participants: int = 4,
                 max_items: int = 4, locale: str | None = None,
                 registry: Registry | None = None) -> Any:
    """A hypothesis strategy of valid sessions using ``method``.

    Each session has 1..``max_groups`` groups of 1..``max_participants``
    participants; every list prompt gets 1..``max_items`` entries, text,
    table and choice prompts an answer, and each participant a ballot from
    :func:`scores_for` for every scored prompt (and criterion). Everything is
    added through :mod:`lessonkit.workshop`, so the sessions pass its checks.
    Give ``registry`` (with the method's plugin) to have the plugins' own rules
    apply too: a sample they refuse is left out.
    """
    from hypothesis import strategies as st

    from lessonkit import workshop

    if registry is None:
        registry = Registry(pm=PluginManager())
        registry.methods.add(method.key, method, "sessions_for")
    else:
        registry = registry_with(registry, method)

    @st.composite
    def build(draw: Any) -> Session:
        lang = locale or draw(st.sampled_from(["th", "en"]))
        session = workshop.new_session(registry, "Generated workshop", locale=lang, methods=[method.key])
        for g in range(1, draw(st.integers(1, max_groups)) + 1):
            group = workshop.add_group(session, f"g{g}", draw(st.sampled_from(_WORDS)))
            for _ in range(draw(st.integers(1, max_participants))):
                workshop.add_participant(session, group.key, None)
            for step, prompt in method.prompts():
                if prompt.scored:
                    continue
                if prompt.kind == "list":
                    texts = draw(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=max_items,
                                          unique=True))
                    _unless_refused(workshop.add_answers, session, registry, group.key, method.key, prompt.key, texts,
                                         step=step.key)
                elif prompt.kind == "table":
                    for n in range(draw(st.integers(1, max_items))):
                        _unless_refused(workshop.add_answers, session, registry, group.key, method.key, prompt.key,
                                             _sample_row(prompt, n), step=step.key)
                elif prompt.kind == "choice":
                    choice = draw(st.sampled_from([c.key for c in prompt.choices]))
                    _unless_refused(workshop.add_answers, session, registry, group.key, method.key, prompt.key,
                                         [choice], step=step.key)
                else:
                    _unless_refused(workshop.add_answers, session, registry, group.key, method.key, prompt.key,
                                         [draw(st.sampled_from(_WORDS))], step=step.key)
            for step, prompt in method.scored_prompts():
                items = [e.id for e in workshop.items_for(group, method, step, prompt)]
                for participant in group.participants:
                    for criterion in [c.key for c in prompt.criteria] or [""]:
                        ballot = draw(scores_for(prompt, items))
                        if ballot:
                            _unless_refused(workshop.set_scores, session, registry, group.key, method.key, prompt.key,
                                                participant.key, ballot, step=step.key,
                                                criterion=criterion)
        return session

    return build()
