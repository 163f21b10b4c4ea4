"""Participant forms made generically from a method's prompts, and posted forms turned into ops.

:func:`prompt_view` describes one prompt for the templates (whatever the method,
TOML methods included): ``text``, ``list``, ``table``, ``choice``, ``score`` (on
the prompt's scale, labelled levels and N/A included, per criterion), ``dots``
(budget, cap, dots left) and ``rank``. :func:`parse_form` reads a posted form
into an op for :class:`lessonkit.serve.ops.LiveOps`, refusing with a
:class:`~lessonkit.serve.ops.LiveError` (Thai/English, naming the field) what is
plainly wrong before it reaches the writer; the writer then applies the op
through :mod:`lessonkit.workshop`, the final judge.

Form field names (a plugin's own view posts the same names):
``text``; ``choice`` (repeated for several); ``items`` (one per line);
``f.<field>``; ``v.<item>.<criterion>`` (a score; ``na`` for N/A);
``d.<item>`` (dots); ``r.<item>`` (a position); plus ``csrf`` and ``nonce``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from lessonkit.errors import ScoreError
from lessonkit.method import LocalizedText, Method, Prompt, Step
from lessonkit.model import Group, score_key
from lessonkit.scores import NA
from lessonkit.serve.ops import LiveError

__all__ = ["MAX_ITEMS", "MAX_TEXT", "entries_index", "parse_form", "prompt_view", "value_text"]

#: The longest text accepted in one field, in characters.
MAX_TEXT = 4000
#: The most list items accepted in one submission.
MAX_ITEMS = 50


def value_text(value: Any) -> str:
    """A stored score as a form value: ``"2"``, ``"2.5"``, ``"na"`` or ``""``."""
    if value is None:
        return ""
    if value is NA:
        return "na"
    number = float(value)
    return str(int(number)) if number.is_integer() else f"{number:g}"


def _items(group: Group, method: Method, step: Step, prompt: Prompt,
           index: Mapping[tuple[str, str, str], list[Any]] | None = None) -> list[tuple[str, str]]:
    from lessonkit.workshop import items_for

    if index is not None and prompt.items_from:
        src_step, src_prompt = method.resolve(step.key, prompt.items_from)
        entries = index.get((method.key, src_step.key, src_prompt.key), [])
    else:
        entries = items_for(group, method, step, prompt)
    return [(e.id, e.label()) for e in entries]


def entries_index(group: Group) -> dict[tuple[str, str, str], list[Any]]:
    """The group's entries by (method, step, prompt), in one pass (a page shows many prompts)."""
    index: dict[tuple[str, str, str], list[Any]] = {}
    for entry in group.entries:
        index.setdefault((entry.method, entry.step, entry.prompt), []).append(entry)
    return index


def prompt_view(group: Group, method: Method, step: Step, prompt: Prompt, participant: str,
                locale: str, posted: Mapping[str, Any] | None = None,
                index: Mapping[tuple[str, str, str], list[Any]] | None = None) -> dict[str, Any]:
    """What a template needs to show ``prompt`` to ``participant`` (``posted``: values to echo;
    ``index``: :func:`entries_index` of the group, when showing several prompts)."""
    view: dict[str, Any] = {
        "key": prompt.key, "kind": prompt.kind, "title": prompt.text.get(locale),
        "help": prompt.help.get(locale) if prompt.help else "",
        "individual": prompt.individual, "action": f"/p/{method.key}/{step.key}/{prompt.key}",
    }
    own = participant if prompt.individual else None
    entries: list[Any] = []
    if index is not None:
        entries = index.get((method.key, step.key, prompt.key), [])
    elif prompt.kind in ("list", "table") and not prompt.individual:
        entries = group.entries_for(method.key, step.key, prompt.key)  # the group's: all of them
    posted = posted or {}
    if prompt.kind in ("text", "choice"):
        mine = ([e for e in entries if e.participant == own] if index is not None
                else group.entries_by(method.key, step.key, prompt.key, own))
        if prompt.kind == "text":
            view["value"] = posted.get("text", mine[-1].text if mine else "")
        else:
            chosen = set(posted.get("choice", []) or (mine[-1].text.split(",") if mine else []))
            view["multiple"] = prompt.multiple
            view["choices"] = [(c.key, c.label.get(locale), c.key in chosen) for c in prompt.choices]
    elif prompt.kind == "list":
        shown = entries if not prompt.individual else group.entries_by(method.key, step.key, prompt.key, own)
        view["entries"] = [e.text for e in shown]
        view["value"] = posted.get("items", "")
    elif prompt.kind == "table":
        view["fields"] = [(f.key, f.label.get(locale), f.kind, f.required, posted.get(f"f.{f.key}", ""))
                          for f in prompt.fields]
        shown = entries if not prompt.individual else group.entries_by(method.key, step.key, prompt.key, own)
        view["rows"] = [[(e.row or {}).get(f.key, "") for f in prompt.fields] for e in shown]
        view["headers"] = [f.label.get(locale) for f in prompt.fields]
    else:
        items = _items(group, method, step, prompt, index)
        view["items"] = items
        table = group.scores.get(score_key(method.key, step.key, prompt.key))
        criteria = [(c.key, c.label.get(locale)) for c in prompt.criteria] or [("", "")]
        view["criteria"] = criteria
        if prompt.kind == "score":
            assert prompt.scale is not None
            scale = prompt.scale
            view["points"] = [(value_text(p), scale.label(p, locale)) for p in scale.points()]
            if scale.allow_na:
                view["points"].append(("na", scale.na_label.get(locale)))
            view["scale"] = scale.describe(locale)
            current: dict[str, str] = {}
            for ckey, _label in criteria:
                for item, _text in items:
                    name = f"v.{item}.{ckey}"
                    current[name] = posted.get(name, value_text(
                        table.get(participant, item, ckey) if table is not None else None))
            view["current"] = current
        elif prompt.kind == "dots":
            ballot = table.ballot(participant) if table is not None else {}
            current = {}
            spent = 0
            for item, _text in items:
                name = f"d.{item}"
                shown_value = posted.get(name, value_text(ballot.get(item)))
                current[name] = shown_value
                try:
                    spent += int(shown_value or 0)
                except ValueError:
                    pass
            view["current"] = current
            view["budget"] = prompt.budget
            view["cap"] = prompt.per_item_cap
            view["left"] = (prompt.budget or 0) - spent
        else:  # rank
            ballot = table.ballot(participant) if table is not None else {}
            limit = min(prompt.max_ranked or len(items), len(items))
            view["positions"] = list(range(1, limit + 1))
            view["current"] = {f"r.{item}": posted.get(f"r.{item}", value_text(ballot.get(item)))
                               for item, _text in items}
    return view


def _text(value: Any, field: str) -> str:
    text = value if isinstance(value, str) else ""
    if len(text) > MAX_TEXT:
        raise LiveError("live_err_too_long", field=field, n=MAX_TEXT)
    return text.strip()


def parse_form(group: Group, method: Method, step: Step, prompt: Prompt, participant: str,
               form: Mapping[str, Any], locale: str) -> dict[str, Any]:
    """The op a posted form asks for; raises :class:`LiveError` naming the field."""
    base = {"group": group.key, "method": method.key, "step": step.key, "prompt": prompt.key,
            "participant": participant}
    if prompt.kind == "text":
        text = _text(form.get("text"), "text")
        if not text:
            raise LiveError("live_err_empty", field="text")
        return {"op": "answer", **base, "values": [text]}
    if prompt.kind == "choice":
        chosen = [c for c in form.get("choice", []) if isinstance(c, str) and c]
        keys = {c.key for c in prompt.choices}
        if not chosen or any(c not in keys for c in chosen):
            raise LiveError("live_err_choice", field="choice")
        if len(chosen) > 1 and not prompt.multiple:
            raise LiveError("live_err_one_choice", field="choice")
        return {"op": "answer", **base, "values": list(dict.fromkeys(chosen))}
    if prompt.kind == "list":
        lines = [line.strip() for line in _text(form.get("items"), "items").splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise LiveError("live_err_empty", field="items")
        if len(lines) > MAX_ITEMS:
            raise LiveError("live_err_too_long", field="items", n=MAX_ITEMS)
        return {"op": "add", **base, "values": lines, "nonce": _nonce(form)}
    if prompt.kind == "table":
        from lessonkit.thai import parse_date

        values: list[str] = []
        for field in prompt.fields:
            name = f"f.{field.key}"
            text = _text(form.get(name), name)
            if not text:
                if field.required:
                    raise LiveError("live_err_required", field=name, label=field.label)
                continue
            if field.kind == "date":
                try:
                    text = parse_date(text).isoformat()
                except ValueError:
                    raise LiveError("live_err_date", field=name, value=text) from None
            elif field.kind == "number":
                try:
                    if not math.isfinite(float(text)):
                        raise ValueError(text)
                except ValueError:
                    raise LiveError("live_err_number", field=name, value=text) from None
            values.append(f"{field.key}={text}")
        if not values:
            raise LiveError("live_err_empty", field=f"f.{prompt.fields[0].key}")
        return {"op": "add", **base, "values": values, "nonce": _nonce(form)}
    items = [item for item, _text in _items(group, method, step, prompt)]
    known = set(items)
    prefix = {"score": "v.", "dots": "d.", "rank": "r."}[prompt.kind]
    for name, value in form.items():
        # a value for an item merged or removed since the page was shown: say so, lose nothing silently
        if (isinstance(name, str) and name.startswith(prefix) and isinstance(value, str) and value.strip()
                and name[len(prefix):].split(".", 1)[0] not in known):
            raise LiveError("live_err_unknown_item", field=name)
    if prompt.kind == "score":
        assert prompt.scale is not None
        ballots: dict[str, dict[str, Any]] = {}
        for criterion in [c.key for c in prompt.criteria] or [""]:
            ballot: dict[str, Any] = {}
            for item in items:
                name = f"v.{item}.{criterion}"
                raw = _text(form.get(name), name)
                if not raw:
                    continue
                try:
                    value = prompt.scale.parse(raw)
                except ScoreError:
                    raise LiveError("live_err_off_scale", field=name, value=raw,
                                    scale=LocalizedText(en=prompt.scale.describe("en"),
                                                        th=prompt.scale.describe("th"))) from None
                ballot[item] = "na" if value is None else value_text(value)
            ballots[criterion] = ballot
        return {"op": "scores", **base, "ballots": ballots}
    if prompt.kind == "dots":
        ballot = {}
        total = 0
        for item in items:
            name = f"d.{item}"
            raw = _text(form.get(name), name)
            if not raw:
                continue
            try:
                number = int(raw)
            except ValueError:
                raise LiveError("live_err_whole", field=name, value=raw) from None
            if number < 0:
                raise LiveError("live_err_whole", field=name, value=raw)
            if prompt.per_item_cap is not None and number > prompt.per_item_cap:
                raise LiveError("live_err_cap", field=name, value=number, cap=prompt.per_item_cap)
            if number:
                ballot[item] = number
                total += number
        if prompt.budget is not None and total > prompt.budget:
            raise LiveError("live_err_budget", field="dots", spent=total, budget=prompt.budget)
        return {"op": "scores", **base, "ballots": {"": ballot}}
    # rank
    ballot = {}
    seen: dict[int, str] = {}
    for item in items:
        name = f"r.{item}"
        raw = _text(form.get(name), name)
        if not raw:
            continue
        try:
            position = int(raw)
        except ValueError:
            raise LiveError("live_err_rank_gap", field=name, n=len(items)) from None
        if position in seen:
            raise LiveError("live_err_rank_repeat", field=name, n=position)
        seen[position] = item
        ballot[item] = position
    limit = min(prompt.max_ranked or len(items), len(items))
    if sorted(seen) != list(range(1, len(seen) + 1)) or len(seen) > limit:
        raise LiveError("live_err_rank_gap", field="rank", n=limit)
    return {"op": "scores", **base, "ballots": {"": ballot}}


def _nonce(form: Mapping[str, Any]) -> str:
    nonce = form.get("nonce")
    if not isinstance(nonce, str) or not 8 <= len(nonce) <= 64:
        raise LiveError("live_forbidden", field="nonce")
    return nonce
