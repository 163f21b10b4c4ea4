"""The questions of an interactive walk through a method (``lessonkit ask``), without I/O.

A walk is a list of :class:`Question`: one per text, list, choice or table
prompt, one per item (and criterion) of a ``score`` or ``dots`` prompt, one
per ``rank`` prompt (the whole order at once). :func:`questions` builds it
from the session as it is now (items listed earlier in the walk become
questions of the scored prompts that follow), :func:`is_answered` says
whether a participant has already answered one (so a walk resumes where it
stopped), and :func:`save_answer` records one answer through
:mod:`lessonkit.workshop`, replacing an earlier answer to the same question.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import attrs

from lessonkit.errors import ValidationError
from lessonkit.method import Method, Prompt, Step

if TYPE_CHECKING:
    from lessonkit.model import Entry, Group, Session
    from lessonkit.plugins import Registry

__all__ = ["Question", "is_answered", "questions", "save_answer"]


@attrs.frozen
class Question:
    """One question of a walk: a prompt, and for scores the item (and criterion) asked about."""

    step: Step
    prompt: Prompt
    item: Entry | None = None
    criterion: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What identifies the question across rebuilds of the walk."""
        return (self.step.key, self.prompt.key, self.item.id if self.item else "", self.criterion)


def questions(group: Group, method: Method, step: str | None = None, *,
              participant: str | None = None, steps: Sequence[Step] | None = None) -> list[Question]:
    """The walk through ``method`` (or one step) for ``group``, as the session is now.

    Without ``step``, the walk covers ``steps`` (default: all of the method's;
    :func:`lessonkit.workshop.steps_in_use` gives those a session uses).
    Without a ``participant``, scored prompts are left out (a score is always
    someone's).
    """
    from lessonkit.workshop import items_for

    steps = [method.step(step)] if step else list(steps if steps is not None else method.steps)
    walk: list[Question] = []
    for st in steps:
        for prompt in st.prompts:
            if prompt.scored:
                if participant is None:
                    continue
                items = items_for(group, method, st, prompt)
                if prompt.kind == "rank":
                    if items:
                        walk.append(Question(st, prompt))
                    continue
                for criterion in [c.key for c in prompt.criteria] or [""]:
                    walk.extend(Question(st, prompt, item, criterion) for item in items)
            else:
                walk.append(Question(st, prompt))
    return walk


def _owner(prompt: Prompt, participant: str | None) -> str | None:
    return participant if prompt.individual else None


def _own_entries(group: Group, method: Method, question: Question, participant: str | None) -> list[Entry]:
    return group.entries_by(method.key, question.step.key, question.prompt.key,
                            _owner(question.prompt, participant))


def is_answered(group: Group, method: Method, question: Question, participant: str | None) -> bool:
    """Whether the question already has an answer (by this participant, or the group's)."""
    prompt = question.prompt
    if not prompt.scored:
        return bool(_own_entries(group, method, question, participant))
    if participant is None:
        return False
    table = group.scores_for(method.key, question.step.key, prompt.key)
    ballot = table.ballot(participant, question.criterion)
    if question.item is None:  # rank: the whole order
        return bool(ballot)
    return question.item.id in ballot


def save_answer(session: Session, registry: Registry, group_key: str, method: Method,
                question: Question, participant: str | None, values: Sequence[str]) -> Any:
    """Record the answer to one question, replacing an earlier answer to it.

    ``values``: one text (text, choice), the lines of a list, ``field=value``
    pairs (table), one score (score, dots), or the items in order (rank).
    Raises a :class:`~lessonkit.errors.LessonkitError` with the reason when
    the answer does not fit; the session is then unchanged.
    """
    from lessonkit import workshop

    group = session.group(group_key)
    prompt = question.prompt
    if prompt.scored:
        if participant is None:
            raise ValidationError("a score needs a participant")
        if prompt.kind == "rank":
            items = workshop.items_for(group, method, question.step, prompt)
            where = f"{method.key}.{question.step.key}.{prompt.key}"
            order = [workshop.resolve_item(items, ref, where).id for ref in values]
            table = group.scores.get(f"{method.key}/{question.step.key}/{prompt.key}")
            previous = table.ballot(participant, question.criterion) if table is not None else {}
            if table is not None:
                table.clear_participant(participant, question.criterion)
            try:
                return workshop.set_scores(session, registry, group_key, method.key, prompt.key,
                                           participant, {item: str(n) for n, item in
                                                         enumerate(order, 1)},
                                           step=question.step.key, criterion=question.criterion)
            except Exception:
                if table is not None:
                    table.set_ballot(participant, previous, question.criterion)
                raise
        assert question.item is not None
        return workshop.set_scores(session, registry, group_key, method.key, prompt.key, participant,
                                   {question.item.id: values[0]}, step=question.step.key,
                                   criterion=question.criterion)
    old = _own_entries(group, method, question, participant)
    made = workshop.add_answers(session, registry, group_key, method.key, prompt.key, list(values),
                                step=question.step.key, participant=_owner(prompt, participant))
    if prompt.kind in ("text", "choice"):  # a new answer replaces the old; list and table rows add up
        group.remove_entries({e.id for e in old})
    return made
