"""The After Action Review's operations on a session: forms, answers, themes, priorities,
actions and carry-over. No I/O and no click: the CLI and host programs call these.

Every function checks its input and raises a lessonkit error naming the thing, the value
and where it is; on error the session is left unchanged.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from lessonkit import (
    ActionItem,
    Entry,
    Group,
    LocalizedText,
    Method,
    NotFoundError,
    Prompt,
    Session,
    Step,
    ValidationError,
    workshop,
)

__all__ = [
    "CARRY_STATUSES",
    "DEFAULT_FORM",
    "FORM_TITLES",
    "METHOD_KEY",
    "GapRow",
    "Priorities",
    "PriorityRow",
    "act",
    "add_dots",
    "add_item",
    "answer",
    "answers",
    "carried_actions",
    "carry_over",
    "check_question",
    "form_of",
    "form_problems",
    "form_step",
    "gap_rows",
    "group_by_theme",
    "prioritise",
    "review_action",
    "set_form",
    "tag",
]

METHOD_KEY = "aar"
#: The form used when the session does not choose one.
DEFAULT_FORM = "seeds5"
#: Which step holds each form's questions.
FORM_STEPS = {"seeds5": "review", "army4": "review4"}
FORM_TITLES = {
    "seeds5": LocalizedText(en="the five-question form", th="แบบ ๕ คำถาม"),
    "army4": LocalizedText(en="the US Army's four-question form", th="แบบ ๔ คำถามของกองทัพบกสหรัฐฯ"),
}
#: The step of the group's synthesis (sustain, improve, priority).
SYNTHESIS = "synthesis"
#: Action statuses that a later session carries over.
CARRY_STATUSES = ("open", "in_progress")
#: Per form: the prompts shown side by side (expected, actual, why they differ).
GAP_PROMPTS = {
    "seeds5": ("expected", "actual", "why_differ"),
    "army4": ("supposed", "happened", "right_wrong"),
}


def _method(registry: Any) -> Method:
    method: Method = registry.method(METHOD_KEY)
    return method


def _uses_aar(session: Session) -> None:
    if METHOD_KEY not in session.methods:
        raise ValidationError(
            f"the session does not use the method {METHOD_KEY!r} "
            f"(in use: {', '.join(session.methods) or 'none'})",
            hint="create the session with 'lessonkit new --method aar'",
        )


# ------------------------------------------------------------------------ forms


def form_of(session: Session) -> str:
    """The session's AAR form: ``settings["aar"]["form"]``, ``"seeds5"`` by default."""
    value = session.setting(METHOD_KEY, "form", DEFAULT_FORM)
    if value not in FORM_STEPS:
        raise ValidationError(
            f"AAR form {value!r} is not one of {', '.join(FORM_STEPS)}",
            where="settings.aar.form", hint="set it with 'lessonkit aar form FILE seeds5|army4'",
        )
    return str(value)


def form_step(method: Method, form: str) -> Step:
    """The step holding ``form``'s questions."""
    if form not in FORM_STEPS:
        raise ValidationError(f"AAR form {form!r} is not one of {', '.join(FORM_STEPS)}")
    return method.step(FORM_STEPS[form])


def _form_of_step(step_key: str) -> str | None:
    for form, key in FORM_STEPS.items():
        if key == step_key:
            return form
    return None


def set_form(session: Session, form: str) -> None:
    """Choose the session's form; refused while answers to another form exist."""
    _uses_aar(session)
    if form not in FORM_STEPS:
        raise ValidationError(f"AAR form {form!r} is not one of {', '.join(FORM_STEPS)}",
                              hint="choose seeds5 (the seeds' 5 questions) or army4")
    other_steps = {key for f, key in FORM_STEPS.items() if f != form}
    for group in session.groups:
        found = [e for e in group.entries if e.method == METHOD_KEY and e.step in other_steps]
        if found:
            raise ValidationError(
                f"cannot switch the AAR form to {form!r}: group {group.key!r} already has "
                f"{len(found)} answer(s) to the {form_of(session)} form (first: {found[0].id})",
                where="settings.aar.form",
                hint="remove those answers first, or keep the current form",
            )
    session.settings.setdefault(METHOD_KEY, {})["form"] = form


def check_question(session: Session, method: Method, prompt_key: str,
                   step_key: str | None = None) -> tuple[Step, Prompt]:
    """The (step, prompt) of an AAR question, refusing unknown questions and those of the
    form the session does not use."""
    form = form_of(session)
    allowed = [form_step(method, form), method.step(SYNTHESIS)]
    if step_key is not None:
        step = method.step(step_key)
        candidates = [(step, p) for p in step.prompts if p.key == prompt_key]
    else:
        candidates = [(s, p) for s, p in method.prompts() if p.key == prompt_key]
    if not candidates:
        known = ", ".join(p.key for s in allowed for p in s.prompts)
        raise NotFoundError(
            f"unknown AAR question {prompt_key!r} (questions of the {form} form: {known})",
            where=f"method {METHOD_KEY!r}",
        )
    step, prompt = candidates[0]
    if step not in allowed:
        other = _form_of_step(step.key) or step.key
        keys = ", ".join(p.key for p in allowed[0].prompts)
        raise ValidationError(
            f"question {prompt_key!r} belongs to the {other} form, but this session uses the "
            f"{form} form",
            where=f"method {METHOD_KEY!r} step {step.key!r}",
            hint=f"answer {keys}, or switch with 'lessonkit aar form FILE {other}'",
        )
    return step, prompt


def form_problems(session: Session) -> list[str]:
    """Every AAR answer that does not fit the session's form, as readable lines."""
    if METHOD_KEY not in session.methods:
        return []
    try:
        form = form_of(session)
    except ValidationError as exc:
        return [str(exc)]
    other_steps = {key: f for f, key in FORM_STEPS.items() if f != form}
    problems = []
    for gi, group in enumerate(session.groups):
        for ei, entry in enumerate(group.entries):
            if entry.method == METHOD_KEY and entry.step in other_steps:
                problems.append(_form_problem(entry, group, gi, ei, form, other_steps))
    return problems


def _form_problem(entry: Entry, group: Group, gi: int, ei: int, form: str,
                  other_steps: dict[str, str]) -> str:
    return (f"answer {entry.id!r} of group {group.key!r} is to the {other_steps[entry.step]} "
            f"question {entry.prompt!r}, but the session uses the {form} form "
            f"@ groups[{gi}].entries[{ei}]")


def new_form_problems(session: Session, group: Group, entries: Sequence[Entry]) -> list[str]:
    """The lines :func:`form_problems` gains when ``entries`` (the last of ``group.entries``)
    have just been added: those entries' own, found without reading the rest of the session."""
    if METHOD_KEY not in session.methods or not entries:
        return []
    try:
        form = form_of(session)
    except ValidationError:
        return []  # the same line before and after
    other_steps = {key: f for f, key in FORM_STEPS.items() if f != form}
    wrong = [(k, e) for k, e in enumerate(entries) if e.method == METHOD_KEY and e.step in other_steps]
    if not wrong:
        return []
    gi = next(i for i, g in enumerate(session.groups) if g is group)
    start = len(group.entries) - len(entries)
    return [_form_problem(entry, group, gi, start + k, form, other_steps) for k, entry in wrong]


# ------------------------------------------------------------------------ answers and themes


def answer(session: Session, registry: Any, group_key: str, prompt_key: str,
           values: Sequence[str], *, participant: str | None = None,
           tags: Iterable[str] = ()) -> list[Entry]:
    """Record answers to a question of the session's form (or a synthesis list).

    Without ``participant`` the answer is anonymous (a card handed in without a name).
    """
    _uses_aar(session)
    method = _method(registry)
    session.group(group_key)
    step, prompt = check_question(session, method, prompt_key)
    if prompt.scored:
        raise ValidationError(f"{prompt_key!r} takes dots, not answers",
                              where=f"method {METHOD_KEY!r} step {step.key!r}",
                              hint="use 'lessonkit aar dots'")
    return workshop.add_answers(session, registry, group_key, METHOD_KEY, prompt.key, values,
                                step=step.key, participant=participant, tags=tags)


def answers(group: Group, step: str, prompt: str) -> list[Entry]:
    """The group's AAR entries for one prompt."""
    return group.entries_for(METHOD_KEY, step, prompt)


def tag(session: Session, group_key: str, entry_ids: Sequence[str], themes: Sequence[str],
        *, remove: bool = False) -> list[Entry]:
    """Tag AAR answers with themes (or remove those themes); returns the entries changed."""
    group = session.group(group_key)
    names = [workshop.clean_text(t) for t in themes]
    if not names or not all(names):
        raise ValidationError("give at least one non-empty theme", where=f"group {group.key!r}")
    if not entry_ids:
        raise ValidationError("give at least one answer id (e.g. e3)", where=f"group {group.key!r}")
    entries = []
    for ref in entry_ids:
        try:
            entry = group.entry(ref)
        except NotFoundError:
            known = ", ".join(e.id for e in group.entries if e.method == METHOD_KEY) or "none yet"
            raise NotFoundError(f"unknown answer {ref!r} in group {group.key!r} (AAR answers: {known})",
                                hint="'lessonkit show FILE' lists the answers with their ids") from None
        if entry.method != METHOD_KEY:
            raise ValidationError(f"entry {ref!r} is an answer of the method {entry.method!r}, "
                                  "not of the AAR", where=f"group {group.key!r}")
        entries.append(entry)
    for entry in entries:
        if remove:
            entry.tags = [t for t in entry.tags if t not in names]
        else:
            entry.tags.extend(n for n in dict.fromkeys(names) if n not in entry.tags)
    return entries


def group_by_theme(entries: Sequence[Entry]) -> tuple[list[tuple[str, list[Entry]]], list[Entry]]:
    """Answers grouped by theme, most frequent first (ties in order of first use), and the
    answers not tagged yet. An answer with two themes counts in both."""
    by_theme: dict[str, list[Entry]] = {}
    untagged = []
    for entry in entries:
        if not entry.tags:
            untagged.append(entry)
        for theme in entry.tags:
            by_theme.setdefault(theme, []).append(entry)
    order = {theme: i for i, theme in enumerate(by_theme)}
    themed = sorted(by_theme.items(), key=lambda kv: (-len(kv[1]), order[kv[0]]))
    return themed, untagged


@attrs.frozen
class GapRow:
    """One participant's expected and actual results and why they differ, side by side."""

    participant: str | None
    expected: tuple[str, ...]
    actual: tuple[str, ...]
    why: tuple[str, ...]


def gap_rows(group: Group, form: str) -> list[GapRow]:
    """Expected versus actual per participant (anonymous answers, without a participant,
    each make their own row)."""
    step = FORM_STEPS[form]
    keys = GAP_PROMPTS[form]
    per: dict[str | None, list[list[str]]] = {}
    order: dict[str | None, None] = dict.fromkeys(p.key for p in group.participants)
    anonymous: list[GapRow] = []
    for i, key in enumerate(keys):
        for entry in answers(group, step, key):
            if entry.participant is None:
                cells: list[tuple[str, ...]] = [(), (), ()]
                cells[i] = (entry.text,)
                anonymous.append(GapRow(None, *cells))
                continue
            order.setdefault(entry.participant)
            per.setdefault(entry.participant, [[], [], []])[i].append(entry.text)
    rows = [GapRow(p, tuple(per[p][0]), tuple(per[p][1]), tuple(per[p][2]))
            for p in order if p in per]
    return rows + anonymous


# ------------------------------------------------------------------------ sustain and improve


def add_item(session: Session, registry: Any, group_key: str, kind: str, text: str,
             *, sources: Sequence[str] = ()) -> Entry:
    """Add a ``sustain`` or ``improve`` item to the group's synthesis, optionally naming the
    answers it comes from (kept in the entry's ``data["from"]``)."""
    if kind not in ("sustain", "improve"):
        raise ValidationError(f"item kind {kind!r} is not 'sustain' or 'improve'")
    group = session.group(group_key)
    for ref in sources:
        group.entry(ref)
    (entry,) = answer(session, registry, group_key, kind, [text])
    if sources:
        entry.data["from"] = list(dict.fromkeys(sources))
    return entry


def add_dots(session: Session, registry: Any, group_key: str, participant: str,
             values: Mapping[str, Any]) -> dict[str, Any]:
    """Record one participant's dots over the group's improve items (budget checked)."""
    _uses_aar(session)
    return workshop.set_scores(session, registry, group_key, METHOD_KEY, "priority", participant,
                               values, step=SYNTHESIS)


@attrs.frozen
class PriorityRow:
    """An improve item with its rank, rank label (``2=`` for ties), score and voters."""

    entry: Entry
    rank: int
    label: str
    score: float
    n: int


@attrs.frozen
class Priorities:
    """The group's improve items in order, and the rule that ranked them."""

    rule: str
    rule_title: LocalizedText
    rows: tuple[PriorityRow, ...]
    scored: bool


def prioritise(session: Session, registry: Any, group_key: str,
               rule: str | None = None) -> Priorities:
    """Rank the group's improve items by their dots, with ``rule`` (any registered ranking
    rule; default the method's, dots). Before any dots, the items keep their order and
    ``scored`` is False."""
    _uses_aar(session)
    method = _method(registry)
    group = session.group(group_key)
    items = answers(group, SYNTHESIS, "improve")
    rule_key = rule or method.default_rule
    table = group.scores_for(METHOD_KEY, SYNTHESIS, "priority")
    if rule is not None and rule_key not in registry.rules:
        known = ", ".join(registry.rules.keys()) or "none"
        raise NotFoundError(f"unknown ranking rule {rule_key!r} (known: {known})",
                            hint="'lessonkit rules' lists them")
    if not items or not len(table):
        title = (registry.rules.get(rule_key).title if rule_key in registry.rules
                 else LocalizedText(en=rule_key))
        unranked = tuple(PriorityRow(e, i + 1, str(i + 1), 0.0, 0) for i, e in enumerate(items))
        return Priorities(rule_key, title, unranked, scored=False)
    from lessonkit.ranking import rank_prompt

    ranking = rank_prompt(session, registry, group.key, METHOD_KEY, "priority", step=SYNTHESIS,
                          rule=rule_key)
    by_id = {e.id: e for e in items}
    rows = []
    for row in ranking.rows:
        entry = by_id.get(str(row.item))
        if entry is not None:
            score = float(row.score) if isinstance(row.score, (int, float)) else math.nan
            rows.append(PriorityRow(entry, int(row.rank), str(row.label), score,
                                    _voters(table, entry.id)))
    return Priorities(rule_key, ranking.rule.title, tuple(rows), scored=True)


def _voters(table: Any, item: str) -> int:
    """How many participants put at least one dot on ``item``."""
    return sum(1 for v in table.column(item) if math.isfinite(v) and v > 0)


# ------------------------------------------------------------------------ actions


def act(session: Session, registry: Any, group_key: str, *, items: Sequence[str] = (),
        top: int | None = None, rule: str | None = None, what: str | None = None,
        owner: str | None = None, due: dt.date | None = None,
        status: str = "open") -> list[ActionItem]:
    """Turn improve items into action items: the ones named in ``items`` (id, number or
    text) or the ``top`` ones by priority (items tied at the cut all count). An item already
    turned into an action is refused."""
    group = session.group(group_key)
    improve = answers(group, SYNTHESIS, "improve")
    where = f"group {group.key!r} {METHOD_KEY}.{SYNTHESIS}.improve"
    if bool(items) == (top is not None):
        raise ValidationError("name the improve items or give --top N (one of the two)", where=where)
    if top is not None:
        if top < 1:
            raise ValidationError(f"top must be 1 or more (got {top})", where=where)
        ranked = prioritise(session, registry, group_key, rule)
        if not ranked.scored:
            raise ValidationError("the improve items have no dots yet, so there is no top",
                                  where=where, hint="add dots with 'lessonkit aar dots'")
        chosen = [r.entry for r in ranked.rows if r.rank <= top]
    else:
        chosen = [workshop.resolve_item(improve, ref, where) for ref in items]
    if what is not None and len(chosen) != 1:
        raise ValidationError(f"--what words one action, but {len(chosen)} items were chosen",
                              where=where)
    chosen = list({entry.id: entry for entry in chosen}.values())
    done = {a.source for a in group.actions if a.method == METHOD_KEY}
    for entry in chosen:
        if entry.id in done:
            action = next(a for a in group.actions if a.source == entry.id)
            raise ValidationError(f"improve item {entry.id!r} is already action {action.id!r}",
                                  where=where, hint="change it with 'lessonkit aar review'")
    return [workshop.add_action(session, group_key, what or entry.text, owner=owner, due=due,
                                status=status, method=METHOD_KEY, source=entry.id)
            for entry in chosen]


def review_action(session: Session, group_key: str, action_id: str, *,
                  status: str | None = None, note: str | None = None,
                  owner: str | None = None, due: dt.date | None = None) -> ActionItem:
    """Review an action item: change its status, note, owner or due date."""
    changes: dict[str, Any] = {}
    for name, value in (("status", status), ("owner", owner), ("due", due)):
        if value is not None:
            changes[name] = value
    if note is not None:
        changes["note"] = workshop.clean_text(note)
    if not changes:
        raise ValidationError("nothing to change: give a status, note, owner or due date",
                              where=f"group {group_key!r} action {action_id!r}")
    return workshop.update_action(session, group_key, action_id, **changes)


def _session_label(session: Session) -> str:
    return f"{session.title} ({session.date.isoformat()})" if session.date else session.title


def carried_actions(group: Group) -> list[dict[str, Any]]:
    """The group's records of actions carried over from earlier sessions."""
    records = group.data.get(METHOD_KEY, {}).get("carried", [])
    return [r for r in records if isinstance(r, dict)]


def carry_over(earlier: Session, later: Session, group_key: str, *,
               into: str | None = None) -> list[ActionItem]:
    """Copy the open (and in-progress) action items of ``group_key`` in ``earlier`` into the
    group ``into`` (default the same key) of ``later``, to be reviewed there.

    Each carried action remembers where it came from (``group.data["aar"]["carried"]``);
    carrying twice does not copy an action twice. Returns the new actions.
    """
    _uses_aar(later)
    target_key = into or group_key
    try:
        source = earlier.group(group_key)
    except NotFoundError as exc:
        raise NotFoundError(exc.message, where=f"earlier session {earlier.title!r}",
                            hint=exc.hint) from None
    try:
        target = later.group(target_key)
    except NotFoundError as exc:
        raise NotFoundError(exc.message, where=f"later session {later.title!r}",
                            hint=exc.hint) from None
    origin = _session_label(earlier)
    records = target.data.setdefault(METHOD_KEY, {}).setdefault("carried", [])
    seen = {(r.get("from_session"), r.get("from_group"), r.get("from_action")) for r in records}
    made = []
    for action in source.actions:
        if action.status not in CARRY_STATUSES:
            continue
        if (origin, source.key, action.id) in seen:
            continue
        new = workshop.add_action(later, target.key, action.what, owner=action.owner,
                                  due=action.due, status=action.status, method=METHOD_KEY,
                                  source="carry-over", note=action.note)
        records.append({"action": new.id, "from_session": origin, "from_group": source.key,
                        "from_action": action.id})
        made.append(new)
    return made
