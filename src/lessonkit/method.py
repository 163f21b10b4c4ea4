"""Methods as data: a method has steps, a step has prompts, a prompt may have a scale.

A method plugin declares one :class:`Method` and registers it through the
``register_methods`` hook. Everything here is plain, frozen data validated on
construction; nothing does I/O.

>>> from lessonkit import LocalizedText as T, Method, Prompt, Scale, Step
>>> m = Method(
...     key="demo",
...     title=T(en="Demo", th="ตัวอย่าง"),
...     steps=(Step(key="s1", title=T(en="Step 1"), prompts=(
...         Prompt(key="things", kind="list", text=T(en="List things")),
...         Prompt(key="importance", kind="score", text=T(en="How important?"),
...                scale=Scale.range(1, 3), items_from="things"),
...     )),),
... )
>>> m.prompt("s1", "importance").scale.describe("en")
'1–3'
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any, Literal

import attrs

from lessonkit._records import FrozenRecord
from lessonkit.errors import NotFoundError, ScoreError, ValidationError

__all__ = [
    "PROMPT_KINDS",
    "Choice",
    "Criterion",
    "Field",
    "Level",
    "LocalizedText",
    "Method",
    "Prompt",
    "Scale",
    "Step",
]

#: The prompt kinds the core handles generically.
PROMPT_KINDS = ("text", "list", "score", "dots", "rank", "table", "choice")
#: Prompt kinds whose answers are numbers per item, kept in a score table.
SCORED_KINDS = ("score", "dots", "rank")
#: The fallback order when a text is missing in the requested locale.
FALLBACK_LOCALES = ("en", "th")

_KEY_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789_-")


def check_key(value: str, what: str) -> str:
    """Return ``value`` if it is a usable key (lower-case ASCII, digits, ``_``, ``-``)."""
    if not isinstance(value, str) or not value or not set(value) <= _KEY_CHARS:
        raise ValidationError(
            f"{what} key {value!r} is not valid",
            hint="use lower-case letters, digits, '_' or '-'", code="bad_key", value=value,
        )
    return value


@attrs.frozen(init=False, repr=False, eq=False)
class LocalizedText(FrozenRecord):
    """A text in several languages, e.g. ``LocalizedText(th="ภารกิจ", en="Mission")``.

    :meth:`get` falls back to English, then Thai, then any language present.

    >>> text = LocalizedText(th="ภารกิจ", en="Mission")
    >>> text.get("th"), text.get("fr")
    ('ภารกิจ', 'Mission')
    """

    values: Mapping[str, str]

    def __init__(self, values: Mapping[str, str] | None = None, **by_locale: str) -> None:
        merged = {**(values or {}), **by_locale}
        clean = {k: v for k, v in merged.items() if v}
        for locale, text in clean.items():
            if not isinstance(text, str):
                raise ValidationError(f"text for locale {locale!r} must be a string (got {text!r})")
        if not clean:
            raise ValidationError("a localized text needs at least one language")
        self.__attrs_init__(dict(sorted(clean.items())))

    def get(self, locale: str = "en") -> str:
        """The text in ``locale``, or the best fallback."""
        if locale in self.values:
            return self.values[locale]
        for fallback in FALLBACK_LOCALES:
            if fallback in self.values:
                return self.values[fallback]
        return next(iter(self.values.values()))

    @property
    def locales(self) -> tuple[str, ...]:
        """The languages this text is given in."""
        return tuple(self.values)

    def __str__(self) -> str:
        return self.get()

    def __hash__(self) -> int:
        return hash(tuple(self.values.items()))


def _is_na_marker(value: object) -> bool:
    from lessonkit.scores import NA

    return value is NA


def _text(value: LocalizedText | str | Mapping[str, str]) -> LocalizedText:
    if isinstance(value, LocalizedText):
        return value
    if isinstance(value, str):
        return LocalizedText(en=value)
    return LocalizedText(value)


def _opt_text(value: LocalizedText | str | Mapping[str, str] | None) -> LocalizedText | None:
    return None if value is None else _text(value)


def _as_tuple(value: Any) -> tuple[Any, ...]:
    return tuple(value)


@attrs.frozen(repr=False, eq=False)
class Level(FrozenRecord):
    """One labelled level of a scale: ``Level("sometimes", 2, T(en="Sometimes"))``.

    ``value`` is the number the level counts as when ranked.

    >>> Level("often", 3, LocalizedText(en="Often", th="บ่อย")).value
    3
    """

    key: str = attrs.field(validator=lambda _i, _a, v: check_key(v, "level"))
    value: float
    label: LocalizedText = attrs.field(converter=_text)


@attrs.frozen(repr=False, eq=False)
class Scale(FrozenRecord):
    """A scale for ``score`` prompts: a numeric range or labelled levels, optionally with N/A.

    Use :meth:`range` or :meth:`levels` to build one.

    >>> scale = Scale.range(1, 3, allow_na=True)
    >>> scale.low, scale.high, scale.allow_na
    (1, 3, True)
    """

    kind: Literal["range", "levels"]
    minimum: float = 0
    maximum: float = 0
    step: float = 1
    levels: tuple[Level, ...] = attrs.field(default=(), converter=_as_tuple)
    allow_na: bool = False
    na_label: LocalizedText = attrs.field(
        factory=lambda: LocalizedText(en="does not apply", th="ไม่เกี่ยวข้อง"), converter=_text
    )

    def __attrs_post_init__(self) -> None:
        if self.kind == "range":
            if not self.minimum < self.maximum:
                raise ValidationError(
                    f"scale minimum {self.minimum} must be below its maximum {self.maximum}"
                )
            if self.step <= 0:
                raise ValidationError(f"scale step must be positive (got {self.step})")
            steps = (self.maximum - self.minimum) / self.step
            if abs(steps - round(steps)) > 1e-9:
                raise ValidationError(
                    f"scale step {_num(self.step)} does not divide the range "
                    f"{_num(self.minimum)}–{_num(self.maximum)}",
                    hint="choose a step that reaches the maximum exactly",
                )
        elif self.kind == "levels":
            if len(self.levels) < 2:
                raise ValidationError("a scale of levels needs at least two levels")
            keys = [level.key for level in self.levels]
            if len(set(keys)) != len(keys):
                raise ValidationError(f"scale levels repeat a key: {keys}")
        else:
            raise ValidationError(f"scale kind {self.kind!r} is not 'range' or 'levels'")

    @classmethod
    def range(cls, minimum: float, maximum: float, step: float = 1, *, allow_na: bool = False) -> Scale:
        """A numeric scale from ``minimum`` to ``maximum`` in steps of ``step``."""
        return cls(kind="range", minimum=minimum, maximum=maximum, step=step, allow_na=allow_na)

    @classmethod
    def of_levels(cls, *levels: Level, allow_na: bool = False,
                  na_label: LocalizedText | str | None = None) -> Scale:
        """A scale of labelled levels (its range runs from the lowest level's value to the
        highest).
        """
        extra: dict[str, Any] = {} if na_label is None else {"na_label": na_label}
        values = [level.value for level in levels]
        return cls(kind="levels", minimum=min(values), maximum=max(values), levels=levels,
                   allow_na=allow_na, **extra)

    @property
    def low(self) -> float:
        """The lowest value of the scale."""
        return self.minimum

    @property
    def high(self) -> float:
        """The highest value of the scale."""
        return self.maximum

    def points(self) -> list[float]:
        """Every value on the scale, lowest first."""
        if self.kind == "levels":
            return sorted(level.value for level in self.levels)
        count = round((self.maximum - self.minimum) / self.step)
        return [self.minimum + i * self.step for i in range(count + 1)]

    def parse(self, raw: object) -> float | None:
        """Turn raw input into a number on the scale, or ``None`` for N/A.

        Accepts numbers, numeric strings (Thai digits too), level keys and level
        labels in any language, and :data:`lessonkit.NA` (or ``na``/``n/a``) where
        N/A is allowed. Raises
        :class:`ScoreError` naming the value otherwise; never clips.
        """
        if isinstance(raw, bool):
            raise ScoreError(f"{raw!r} is not a score")
        if isinstance(raw, str):
            text = raw.strip()
            low = text.casefold()
            if low in {"na", "n/a", "-", "ไม่เกี่ยวข้อง"} or low == self.na_label.get("en").casefold() \
                    or text in self.na_label.values.values():
                if self.allow_na:
                    return None
                raise ScoreError(f"{raw!r}: this scale ({self.describe('en')}) has no N/A")
            for level in self.levels:
                if low == level.key or text in level.label.values.values() \
                        or low in (v.casefold() for v in level.label.values.values()):
                    return level.value
            try:
                number = float(text)
            except ValueError:
                raise ScoreError(
                    f"{raw!r} is not on the scale {self.describe('en')}"
                ) from None
        elif isinstance(raw, (int, float)):
            number = float(raw)
        elif raw is None or _is_na_marker(raw):
            if self.allow_na:
                return None
            raise ScoreError(f"N/A is not allowed on the scale {self.describe('en')}")
        else:
            raise ScoreError(f"{raw!r} is not a score")
        return self.check(number)

    def check(self, number: float) -> float:
        """Return ``number`` if it is on the scale, else raise :class:`ScoreError`."""
        if not math.isfinite(number):
            raise ScoreError(f"{number!r} is not a finite number")
        if self.kind == "levels":
            if number in {level.value for level in self.levels}:
                return number
            raise ScoreError(f"{_num(number)} is not a level of the scale {self.describe('en')}")
        if number < self.minimum:
            raise ScoreError(f"{_num(number)} is below the scale's minimum {_num(self.minimum)}")
        if number > self.maximum:
            raise ScoreError(f"{_num(number)} is above the scale's maximum {_num(self.maximum)}")
        steps = (number - self.minimum) / self.step
        if abs(steps - round(steps)) > 1e-9:
            raise ScoreError(
                f"{_num(number)} is not on the scale {self.describe('en')} (steps of {_num(self.step)})"
            )
        return number

    def label(self, value: float | None, locale: str = "en") -> str:
        """How a value reads on this scale: a level label or the number."""
        if value is None:
            return self.na_label.get(locale)
        for level in self.levels:
            if level.value == value:
                return level.label.get(locale)
        return _num(value)

    def describe(self, locale: str = "en") -> str:
        """A short description: ``1–3``, ``never / sometimes / mostly true``, plus N/A."""
        if self.kind == "levels":
            text = " / ".join(level.label.get(locale) for level in self.levels)
        else:
            text = f"{_num(self.minimum)}–{_num(self.maximum)}"
            if self.step != 1:
                text += f" (step {_num(self.step)})"
        if self.allow_na:
            text += f" / {self.na_label.get(locale)}"
        return text


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


@attrs.frozen(repr=False, eq=False)
class Field(FrozenRecord):
    """A column of a ``table`` prompt (goal, strategy, evidence, owner, due…).

    >>> Field("owner", LocalizedText(en="Owner", th="ผู้รับผิดชอบ")).kind
    'text'
    """

    key: str = attrs.field(validator=lambda _i, _a, v: check_key(v, "field"))
    label: LocalizedText = attrs.field(converter=_text)
    kind: Literal["text", "date", "number"] = "text"
    required: bool = False


@attrs.frozen(repr=False, eq=False)
class Choice(FrozenRecord):
    """An option of a ``choice`` prompt.

    >>> Choice("yes", LocalizedText(en="Yes", th="ใช่")).key
    'yes'
    """

    key: str = attrs.field(validator=lambda _i, _a, v: check_key(v, "choice"))
    label: LocalizedText = attrs.field(converter=_text)


@attrs.frozen(repr=False, eq=False)
class Criterion(FrozenRecord):
    """A criterion items are scored on, one score per item per criterion (5C4F's dimensions).

    >>> Criterion("participation", LocalizedText(en="Participation", th="การมีส่วนร่วม")).key
    'participation'
    """

    key: str = attrs.field(validator=lambda _i, _a, v: check_key(v, "criterion"))
    label: LocalizedText = attrs.field(converter=_text)
    description: LocalizedText | None = attrs.field(default=None, converter=_opt_text)


@attrs.frozen(repr=False, eq=False)
class Prompt(FrozenRecord):
    """A question or task of a step.

    ``kind`` is one of :data:`PROMPT_KINDS`. Scored kinds (``score``, ``dots``,
    ``rank``) name in ``items_from`` the ``list`` (or ``table``) prompt whose entries they score
    (``"prompt"`` in the same step or ``"step.prompt"``); ``score`` needs a
    ``scale``, ``dots`` a ``budget``, ``table`` its ``fields``, ``choice`` its
    ``choices``. ``individual`` prompts are answered by each participant, the
    others once by the group.

    >>> prompt = Prompt(key="importance", kind="score", items_from="activities",
    ...                 text=LocalizedText(en="How important?", th="สำคัญเพียงใด"),
    ...                 scale=Scale.range(1, 3))
    >>> prompt.scored
    True
    """

    key: str = attrs.field(validator=lambda _i, _a, v: check_key(v, "prompt"))
    kind: str
    text: LocalizedText = attrs.field(converter=_text)
    help: LocalizedText | None = attrs.field(default=None, converter=_opt_text)
    scale: Scale | None = None
    items_from: str | None = None
    criteria: tuple[Criterion, ...] = attrs.field(default=(), converter=_as_tuple)
    budget: int | None = None
    per_item_cap: int | None = None
    max_ranked: int | None = None
    fields: tuple[Field, ...] = attrs.field(default=(), converter=_as_tuple)
    choices: tuple[Choice, ...] = attrs.field(default=(), converter=_as_tuple)
    multiple: bool = False
    individual: bool = True
    rule: str | None = None

    def __attrs_post_init__(self) -> None:
        where = f"prompt {self.key!r}"
        if self.kind not in PROMPT_KINDS:
            raise ValidationError(
                f"prompt kind {self.kind!r} is not one of {', '.join(PROMPT_KINDS)}", where=where
            )
        if self.kind == "score" and self.scale is None:
            raise ValidationError("a score prompt needs a scale", where=where)
        if self.kind == "dots" and (self.budget is None or self.budget < 1):
            raise ValidationError(f"a dots prompt needs a positive budget (got {self.budget})", where=where)
        if self.per_item_cap is not None and self.per_item_cap < 1:
            raise ValidationError(f"per_item_cap must be positive (got {self.per_item_cap})", where=where)
        if self.kind == "table" and not self.fields:
            raise ValidationError("a table prompt needs fields", where=where)
        if self.kind == "choice" and not self.choices:
            raise ValidationError("a choice prompt needs choices", where=where)
        if self.kind in SCORED_KINDS and not self.items_from:
            raise ValidationError(f"a {self.kind} prompt needs items_from (the list it scores)", where=where)
        for what, keys in (("field", [f.key for f in self.fields]),
                           ("choice", [c.key for c in self.choices]),
                           ("criterion", [c.key for c in self.criteria])):
            if len(set(keys)) != len(keys):
                raise ValidationError(f"{what} keys repeat: {keys}", where=where)

    @property
    def scored(self) -> bool:
        """True for the kinds that take scores (``score``, ``dots``, ``rank``)."""
        return self.kind in SCORED_KINDS

    def criterion(self, key: str) -> Criterion:
        """The criterion ``key``; :class:`~lessonkit.errors.NotFoundError` listing them if none."""
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        known = ", ".join(c.key for c in self.criteria) or "none"
        raise NotFoundError(f"unknown criterion {key!r} (known: {known})", where=f"prompt {self.key!r}",
                            code="unknown_criterion", value=key)


@attrs.frozen(repr=False, eq=False)
class Step(FrozenRecord):
    """A step of a method, e.g. Empowerment Evaluation's *taking stock*.

    >>> step = Step(key="mission", title=LocalizedText(en="Mission", th="พันธกิจ"),
    ...             prompts=[Prompt(key="mission", kind="text", text=LocalizedText(en="Our mission?"))])
    >>> step.prompt("mission").kind
    'text'
    """

    key: str = attrs.field(validator=lambda _i, _a, v: check_key(v, "step"))
    title: LocalizedText = attrs.field(converter=_text)
    prompts: tuple[Prompt, ...] = attrs.field(converter=_as_tuple)
    description: LocalizedText | None = attrs.field(default=None, converter=_opt_text)

    def __attrs_post_init__(self) -> None:
        keys = [p.key for p in self.prompts]
        if len(set(keys)) != len(keys):
            raise ValidationError(f"prompt keys repeat: {keys}", where=f"step {self.key!r}")

    def prompt(self, key: str) -> Prompt:
        """The prompt ``key`` of this step; :class:`~lessonkit.errors.NotFoundError` listing them
        if none.
        """
        for prompt in self.prompts:
            if prompt.key == key:
                return prompt
        known = ", ".join(p.key for p in self.prompts)
        raise NotFoundError(f"unknown prompt {key!r} (known: {known})", where=f"step {self.key!r}",
                            code="unknown_prompt", value=key)


@attrs.frozen(repr=False, eq=False)
class Method(FrozenRecord):
    """An evaluation method: its steps, languages and default ranking rule.

    >>> method = Method(key="mini", title=LocalizedText(en="Mini", th="ย่อ"), steps=[
    ...     Step(key="s", title=LocalizedText(en="Step"), prompts=[
    ...         Prompt(key="ideas", kind="list", text=LocalizedText(en="Ideas?"))])])
    >>> step, prompt = method.find_prompt(None, "ideas")
    >>> step.key, prompt.kind
    ('s', 'list')
    """

    key: str = attrs.field(validator=lambda _i, _a, v: check_key(v, "method"))
    title: LocalizedText = attrs.field(converter=_text)
    steps: tuple[Step, ...] = attrs.field(converter=_as_tuple)
    description: LocalizedText | None = attrs.field(default=None, converter=_opt_text)
    locales: tuple[str, ...] = attrs.field(default=("th", "en"), converter=_as_tuple)
    default_rule: str = "sum"
    version: str = "1"

    def __attrs_post_init__(self) -> None:
        keys = [s.key for s in self.steps]
        if not keys:
            raise ValidationError("a method needs at least one step", where=f"method {self.key!r}")
        if len(set(keys)) != len(keys):
            raise ValidationError(f"step keys repeat: {keys}", where=f"method {self.key!r}")
        for step in self.steps:
            for prompt in step.prompts:
                if prompt.items_from:
                    source = self.resolve(step.key, prompt.items_from)
                    if source[1].kind not in ("list", "table"):
                        raise ValidationError(
                            f"items_from {prompt.items_from!r} must name a list or table prompt "
                            f"(it is a {source[1].kind} prompt)",
                            where=f"method {self.key!r} step {step.key!r} prompt {prompt.key!r}",
                        )

    def step(self, key: str) -> Step:
        """The step ``key``; :class:`~lessonkit.errors.NotFoundError` listing the steps if none."""
        for step in self.steps:
            if step.key == key:
                return step
        known = ", ".join(s.key for s in self.steps)
        raise NotFoundError(f"unknown step {key!r} (known: {known})", where=f"method {self.key!r}",
                            code="unknown_step", value=key)

    def prompts(self) -> Iterator[tuple[Step, Prompt]]:
        """Every (step, prompt) pair in order."""
        for step in self.steps:
            for prompt in step.prompts:
                yield step, prompt

    def prompt(self, step: str | None, key: str) -> Prompt:
        """A prompt by step and key; with ``step=None`` the prompt key must be unique."""
        return self.find_prompt(step, key)[1]

    def find_prompt(self, step: str | None, key: str) -> tuple[Step, Prompt]:
        """The step and prompt ``key`` (searched in every step when ``step`` is None; it must
        then be unique).
        """
        if step is not None:
            found = self.step(step)
            return found, found.prompt(key)
        matches = [(s, p) for s, p in self.prompts() if p.key == key]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            known = ", ".join(f"{s.key}.{p.key}" for s, p in self.prompts())
            raise NotFoundError(f"unknown prompt {key!r} (known: {known})", where=f"method {self.key!r}",
                                code="unknown_prompt", value=key)
        raise NotFoundError(
            f"prompt {key!r} is in several steps; give the step",
            where=f"method {self.key!r}",
        )

    def resolve(self, step: str, reference: str) -> tuple[Step, Prompt]:
        """Resolve ``"prompt"`` (same step) or ``"step.prompt"`` from within ``step``."""
        if "." in reference:
            step_key, prompt_key = reference.split(".", 1)
            return self.find_prompt(step_key, prompt_key)
        return self.find_prompt(step, reference)

    def scored_prompts(self) -> Iterator[tuple[Step, Prompt]]:
        """The ``score``, ``dots`` and ``rank`` prompts, with their steps."""
        return ((s, p) for s, p in self.prompts() if p.scored)
