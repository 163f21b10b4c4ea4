"""What the dashboard and the projector show: counts until revealed, then content and rankings."""

from __future__ import annotations

from typing import Any

from lessonkit.model import Group, score_key
from lessonkit.serve.ops import open_step

__all__ = ["answered", "board_groups", "dashboard_groups"]


def answered(group: Group, method: Any, step: Any, prompt: Any) -> int:
    """How many participants answered ``prompt`` (a list or table counts its items)."""
    if prompt.scored:
        table = group.scores.get(score_key(method.key, step.key, prompt.key))
        if table is None:
            return 0
        criteria = {c.key for c in prompt.criteria} or {""}
        slots: set[int] = set()
        for item, criterion in table.keys():  # column by column: O(scores), no ballot per participant
            if criterion in criteria:
                column = table.column(item, criterion)
                slots.update(i for i, value in enumerate(column) if value == value)  # NaN: absent
        return len(slots)
    entries = group.entries_for(method.key, step.key, prompt.key)
    if prompt.kind in ("list", "table"):
        return len(entries)
    if not prompt.individual:
        return 1 if entries else 0
    return len({e.participant for e in entries if e.participant})


def _revealed(session: Any, group: Group) -> list[str]:
    value = session.data.get("live", {}).get("revealed", {}).get(group.key, [])
    return value if isinstance(value, list) else []


def _steps(live: Any, session: Any, locale: str) -> list[tuple[str, str]]:
    from lessonkit.workshop import steps_in_use

    out = []
    for key in session.methods:
        method = live.registry.method(key)
        for step in steps_in_use(session, live.registry, method):
            out.append((f"{method.key}/{step.key}", f"{method.title.get(locale)} · {step.title.get(locale)}"))
    return out


def _prompts(live: Any, session: Any, group: Group, locale: str, *, projector: bool,
             ranked: bool) -> tuple[str, list[dict[str, Any]]]:
    from lessonkit.ranking import rank_prompt

    current = open_step(session, group.key)
    if current is None:
        return "", []
    method_key, step_key = current.split("/", 1)
    method = live.registry.method(method_key)
    step = method.step(step_key)
    revealed = _revealed(session, group)
    total = len(group.participants)
    out: list[dict[str, Any]] = []
    for prompt in step.prompts:
        ref = f"{method.key}/{step.key}/{prompt.key}"
        info: dict[str, Any] = {
            "ref": ref, "key": prompt.key, "kind": prompt.kind, "title": prompt.text.get(locale),
            "answered": answered(group, method, step, prompt), "total": total,
            "revealed": ref in revealed, "entries": [], "rankings": [],
        }
        if info["revealed"] and not prompt.scored:
            info["entries"] = [
                {"id": e.id, "text": e.label(), "tags": e.tags,
                 "row": list((e.row or {}).values()) if e.row is not None else None}
                for e in group.entries_for(method.key, step.key, prompt.key)]
        if prompt.scored:
            from lessonkit.workshop import items_for

            info["items"] = [{"id": e.id, "text": e.label(), "tags": e.tags}
                             for e in items_for(group, method, step, prompt)]
            if info["revealed"] and ranked:
                for criterion in [c for c in prompt.criteria] or [None]:
                    ranking = rank_prompt(session, live.registry, group.key, method.key, prompt.key,
                                          step=step.key, criterion=criterion.key if criterion else "",
                                          locale=locale)
                    scores = [row.score for row in ranking.rows if row.score is not None]
                    top = max([abs(s) for s in scores] or [0]) or 1
                    info["rankings"].append({
                        "criterion": criterion.label.get(locale) if criterion else "",
                        "rule": ranking.rule.title.get(locale),
                        "rows": [{"label": r.label, "text": r.text, "score": r.score, "n": r.n,
                                  "note": r.note, "eligible": r.eligible,
                                  "bar": 0 if r.score is None else max(0.0, r.score) / top}
                                 for r in ranking.rows],
                    })
        if projector:
            from lessonkit.serve.views import plugin_view

            info["custom"] = plugin_view(live.registry, "projector", session, group, method, step,
                                         prompt, info, locale)
        out.append(info)
    return f"{method.title.get(locale)} · {step.title.get(locale)}", out


def dashboard_groups(live: Any, locale: str, base: str) -> list[dict[str, Any]]:
    session = live.session
    steps = _steps(live, session, locale)
    out = []
    for group in session.groups:
        title, prompts = _prompts(live, session, group, locale, projector=False, ranked=False)
        tokens = live.tokens.get("groups", {}).get(group.key, {})
        out.append({
            "key": group.key, "name": group.name, "participants": len(group.participants),
            "open": open_step(session, group.key) or "", "open_title": title, "prompts": prompts,
            "steps": steps, "join": f"{base}/j/{tokens.get('token', '')}", "code": tokens.get("code", ""),
            "actions": [{"what": a.what, "owner": a.owner or "", "due": a.due.isoformat() if a.due else ""}
                        for a in group.actions],
        })
    return out


def board_groups(live: Any, locale: str, only: str | None) -> list[dict[str, Any]]:
    session = live.session
    out = []
    for group in session.groups:
        if only and group.key != only:
            continue
        title, prompts = _prompts(live, session, group, locale, projector=True, ranked=True)
        out.append({"key": group.key, "name": group.name, "open_title": title, "prompts": prompts,
                    "participants": len(group.participants),
                    "code": live.tokens.get("groups", {}).get(group.key, {}).get("code", "")})
    return out
