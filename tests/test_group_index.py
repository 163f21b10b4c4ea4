"""The group index: one answer costs O(answer), and every lookup gives what a scan gives.

The index (:class:`lessonkit.model._GroupIndex`) is derived state beside each group. These
tests check it against the plain scans it replaces — after any sequence of checked
answers, replaced answers, removals, and direct changes to the public lists — and count the
work of one answer (function calls plus comparisons and hashes of the keys involved):
4× more participants must not mean more than 1.2× the work.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from _scale_fixtures import CountingKey, work_of
from _workflow_method import WorkflowPlugin
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lessonkit import asking, files, hookimpl, workshop
from lessonkit.errors import NotFoundError, PluginRuleError
from lessonkit.model import Entry, Group, Participant, Session, _next_entry_id
from lessonkit.plugins import get_plugin_manager, load_registry
from lessonkit.scores import ScoreTable


class RefusePlugin:
    """A ``session_problems`` rule: an answer "ไม่รับ" is a problem (so it is refused)."""

    @hookimpl
    def session_problems(self, session: Session, method: Any) -> list[str]:
        return [f"refused {e.id}" for g in session.groups for e in g.entries if e.text == "ไม่รับ"]


@pytest.fixture(scope="module")
def wf_registry() -> Any:
    return load_registry(get_plugin_manager(load_entrypoints=False, plugins=[
        ("wf", WorkflowPlugin()), ("refuse", RefusePlugin())]))


# ----------------------------------------------------------------------- the plain scans


def scan_entries_for(group: Group, method: str, step: str, prompt: str) -> list[Entry]:
    return [e for e in group.entries if e.method == method and e.step == step and e.prompt == prompt]


def scan_next_id(group: Group, prefix: str = "e") -> str:
    used = {e.id for e in group.entries}
    n = len(group.entries) + 1
    while f"{prefix}{n}" in used:
        n += 1
    return f"{prefix}{n}"


def scan_participant(group: Group, key: str) -> Participant | None:
    return next((p for p in group.participants if p.key == key), None)


def scan_entry(group: Group, entry_id: str) -> Entry | None:
    return next((e for e in group.entries if e.id == entry_id), None)


PROMPTS = [("wf", "review", "expected"), ("wf", "review", "actual"), ("wf", "review", "activities")]
OWNERS = [None, "p1", "p2", "p3", "p4"]


def check_same_as_scans(group: Group) -> None:
    for key in PROMPTS:
        assert [id(e) for e in group.entries_for(*key)] == [id(e) for e in scan_entries_for(group, *key)]
        for owner in OWNERS:
            assert [id(e) for e in group.entries_by(*key, owner)] == [
                id(e) for e in scan_entries_for(group, *key) if e.participant == owner]
    ids = {e.id for e in group.entries} | {f"e{n}" for n in range(1, 12)}
    for entry_id in sorted(ids):
        expected = scan_entry(group, entry_id)
        if expected is None:
            with pytest.raises(NotFoundError):
                group.entry(entry_id)
        else:
            assert group.entry(entry_id) is expected
    for key in [*OWNERS[1:], "p5", "p9", "x"]:
        expected_p = scan_participant(group, key)
        assert group.has_participant(key) is (expected_p is not None)
        if expected_p is None:
            with pytest.raises(NotFoundError):
                group.participant(key)
        else:
            assert group.participant(key) is expected_p
    assert _next_entry_id(group) == scan_next_id(group)


# ------------------------------------------------------------------- random sequences

ops = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(PROMPTS), st.sampled_from(OWNERS)),
    st.tuples(st.just("replace"), st.sampled_from(PROMPTS), st.sampled_from(OWNERS)),
    st.tuples(st.just("remove_entries"), st.lists(st.integers(1, 14), max_size=3)),
    st.tuples(st.just("append_direct"), st.integers(1, 14), st.sampled_from(PROMPTS),
              st.sampled_from(OWNERS)),
    st.tuples(st.just("insert_direct"), st.integers(0, 20), st.sampled_from(PROMPTS)),
    st.tuples(st.just("remove_direct"), st.integers(0, 20)),
    st.tuples(st.just("pop_last"),),
    st.tuples(st.just("filter_direct"), st.integers(1, 14)),
    st.tuples(st.just("assign_list"),),
    st.tuples(st.just("mutate_entry"), st.integers(0, 20),
              st.sampled_from(["id", "method", "step", "prompt", "participant"])),
    st.tuples(st.just("add_person"), st.sampled_from([*OWNERS[1:], "p5"])),
    st.tuples(st.just("remove_person"), st.integers(0, 6)),
    st.tuples(st.just("assign_people"),),
    st.tuples(st.just("rename_person"), st.integers(0, 6), st.sampled_from(["p5", "p9", "p1"])),
)


def apply(group: Group, op: tuple[Any, ...]) -> None:
    kind = op[0]
    entries = group.entries
    if kind == "add":  # what workshop.add_answers does: a fresh id, appended
        group.entries.append(Entry(id=_next_entry_id(group), method=op[1][0], step=op[1][1],
                                   prompt=op[1][2], text="x", participant=op[2]))
    elif kind == "replace":  # what asking.save_answer does for a text answer
        old = group.entries_by(*op[1], op[2])
        group.entries.append(Entry(id=_next_entry_id(group), method=op[1][0], step=op[1][1],
                                   prompt=op[1][2], text="y", participant=op[2]))
        group.remove_entries({e.id for e in old})
    elif kind == "remove_entries":
        group.remove_entries({f"e{n}" for n in op[1]})
    elif kind == "append_direct":  # a plugin or host appends, maybe with an id already used
        entries.append(Entry(id=f"e{op[1]}", method=op[2][0], step=op[2][1], prompt=op[2][2],
                             participant=op[3]))
    elif kind == "insert_direct":
        entries.insert(min(op[1], len(entries)), Entry(id="e13", method=op[2][0], step=op[2][1],
                                                       prompt=op[2][2]))
    elif kind == "remove_direct" and entries:
        entries.remove(entries[op[1] % len(entries)])
    elif kind == "pop_last" and entries:
        entries.pop()
    elif kind == "filter_direct":
        entries[:] = [e for e in entries if e.id != f"e{op[1]}"]
    elif kind == "assign_list":
        group.entries = list(reversed(entries))
    elif kind == "mutate_entry" and entries:
        entry = entries[op[1] % len(entries)]
        new: Any = {"id": "e2", "method": "wf", "step": "review", "prompt": "actual",
                    "participant": "p2"}[op[2]]
        setattr(entry, op[2], new)
    elif kind == "add_person":
        group.participants.append(Participant(op[1]))
    elif kind == "remove_person" and group.participants:
        del group.participants[op[1] % len(group.participants)]
    elif kind == "assign_people":
        group.participants = list(reversed(group.participants))
    elif kind == "rename_person" and group.participants:
        group.participants[op[1] % len(group.participants)].key = op[2]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ops, max_size=25))
def test_any_sequence_of_changes_looks_up_what_a_scan_finds(sequence: list[tuple[Any, ...]]) -> None:
    group = Group(key="g1", name="กลุ่ม 1", participants=[Participant(k) for k in ("p1", "p2", "p3")])
    check_same_as_scans(group)
    for op in sequence:
        apply(group, op)
        check_same_as_scans(group)


def test_a_loaded_group_builds_its_index_on_first_use(tmp_path: Path) -> None:
    group = Group(key="g1", name="กลุ่ม 1", participants=[Participant("p1")], entries=[
        Entry(id="e1", method="wf", step="review", prompt="expected", participant="p1"),
        Entry(id="e3", method="wf", step="review", prompt="actual", participant="p1")])
    path = tmp_path / "ws.json"
    files.save(Session(title="t", groups=[group]), path)
    loaded = files.load(path).group("g1")
    assert [e.id for e in loaded.entries_for("wf", "review", "actual")] == ["e3"]
    assert _next_entry_id(loaded) == "e4"  # e3 is taken
    check_same_as_scans(loaded)


def test_the_index_is_not_part_of_the_data() -> None:
    a = Group(key="g1", name="g", entries=[Entry(id="e1", method="wf", step="review", prompt="expected")])
    b = Group(key="g1", name="g", entries=[Entry(id="e1", method="wf", step="review", prompt="expected")])
    a.entries_for("wf", "review", "expected")  # a has an index, b not
    assert a == b and repr(a) == repr(b)
    assert files.to_data(Session(title="t", groups=[a])) == files.to_data(Session(title="t", groups=[b]))


# ------------------------------------------------- the same ids and bytes as the scans


def _plain_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """Put the scans back (what lessonkit did before the index)."""
    def entries_by(self: Group, method: str, step: str, prompt: str, participant: str | None) -> list[Entry]:
        return [e for e in scan_entries_for(self, method, step, prompt) if e.participant == participant]

    def remove_entries(self: Group, ids: Any) -> None:
        ids = set(ids)
        self.entries[:] = [e for e in self.entries if e.id not in ids]

    def participant(self: Group, key: str) -> Participant:
        found = scan_participant(self, key)
        if found is None:
            raise NotFoundError(f"unknown participant {key!r}")
        return found

    monkeypatch.setattr(Group, "entries_for", scan_entries_for)
    monkeypatch.setattr(Group, "entries_by", entries_by)
    monkeypatch.setattr(Group, "remove_entries", remove_entries)
    monkeypatch.setattr(Group, "participant", participant)
    monkeypatch.setattr(workshop, "_next_entry_id", scan_next_id)


def _workshop_run(registry: Any, seed: int) -> str:
    import random

    rng = random.Random(seed)
    session = workshop.new_session(registry, "ทดสอบ", methods=["wf"])
    workshop.add_group(session, "g1", "กลุ่ม 1")
    for k in range(1, 6):
        workshop.add_participant(session, "g1", f"p{k}")
    method = registry.method("wf")
    step = method.step("review")
    for i in range(120):
        who = f"p{rng.randint(1, 5)}"
        prompt = step.prompt(rng.choice(["expected", "actual", "activities"]))
        values = [f"คำตอบ {i}"] if prompt.kind == "text" else [f"งาน {i}", f"งาน {i}b"]
        asking.save_answer(session, registry, "g1", method, asking.Question(step, prompt),
                           who if prompt.individual else None, values)
        if i % 7 == 0:  # a refused answer leaves nothing behind
            with pytest.raises(PluginRuleError):
                workshop.add_answers(session, registry, "g1", "wf", "activities", ["ok", "ไม่รับ"])
        if i % 11 == 0:
            items = workshop.items_for(session.group("g1"), method, step, step.prompt("importance"))
            if items:
                workshop.set_scores(session, registry, "g1", "wf", "importance", who,
                                    {items[rng.randrange(len(items))].id: rng.randint(1, 5)})
        if i % 13 == 0:
            group = session.group("g1")
            group.entries.append(Entry(id=f"e{len(group.entries) + 2}", method="wf", step="review",
                                       prompt="activities", text="จากปลั๊กอิน"))
    return files.dumps(session)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_answers_give_the_same_ids_and_file_bytes_as_the_scans(
        wf_registry: Any, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    indexed = _workshop_run(wf_registry, seed)
    with monkeypatch.context() as m:
        _plain_model(m)
        plain = _workshop_run(wf_registry, seed)
    assert indexed == plain
    assert '"id": "e' in indexed


def test_next_id_after_many_replaced_answers_is_the_scans_id() -> None:
    group = Group(key="g1", name="g", participants=[Participant("p1"), Participant("p2")], entries=[
        Entry(id=f"e{n}", method="wf", step="review", prompt="actual", participant="p2")
        for n in (1, 2, 3, 7)])
    made = []
    for n in range(200):
        old = group.entries_by("wf", "review", "expected", "p1")
        new_id = _next_entry_id(group)
        assert new_id == scan_next_id(group)
        made.append(new_id)
        group.entries.append(Entry(id=new_id, method="wf", step="review", prompt="expected",
                                   participant="p1", text=str(n)))
        group.remove_entries({e.id for e in old})
        if n == 100:  # a removal inside the run of taken ids
            group.remove_entries({"e7"})
    assert made[:4] == ["e5", "e6", "e8", "e6"] and len(set(made)) <= 6
    assert [e.id for e in group.entries][:3] == ["e1", "e2", "e3"] and len(group.entries) == 4


# ------------------------------------------------------------- work of one answer


def _session(n: int) -> Session:
    K = CountingKey
    keys = [K(f"p{i + 1}") for i in range(n)]
    group = Group(key="g1", name="กลุ่ม 1", participants=[Participant(k) for k in keys])
    serial = 0
    for text in ("อบรมครู", "จัดงบ", "เยี่ยมบ้าน"):
        serial += 1
        group.entries.append(Entry(id=K(f"e{serial}"), method=K("wf"), step=K("review"),
                                   prompt=K("activities"), text=text))
    for key in keys:
        for prompt in ("expected", "actual"):
            serial += 1
            group.entries.append(Entry(id=K(f"e{serial}"), method=K("wf"), step=K("review"),
                                       prompt=K(prompt), text="ทำได้ครึ่งหนึ่ง", participant=key))
    table = ScoreTable()
    table.add_participants(keys)
    for item in ("e1", "e2", "e3"):
        table.add_column(item, "", [3.0] * n)
    group.scores["wf/review/importance"] = table
    return Session(title="t", methods=["wf"], groups=[group])


def _one_answer_work(registry: Any, n: int) -> int:
    session = _session(n)
    method = registry.method("wf")
    step = method.step("review")
    expected, importance = step.prompt("expected"), step.prompt("importance")
    item = session.group("g1").entries[0]

    def answer(who: str) -> None:
        asking.save_answer(session, registry, "g1", method, asking.Question(step, expected),
                           who, [f"คำตอบใหม่ของ {who}"])
        asking.save_answer(session, registry, "g1", method, asking.Question(step, importance, item),
                           who, ["4"])

    answer("p1")  # the index is built on first use (once per session, like loading it)
    work = work_of(lambda: answer(f"p{n // 2}"))
    assert session.group("g1").entries_by("wf", "review", "expected", f"p{n // 2}")[0].text.startswith("คำตอบใหม่")
    return work


def test_one_answer_costs_the_same_in_a_group_four_times_larger(wf_registry: Any) -> None:
    small = _one_answer_work(wf_registry, 500)
    large = _one_answer_work(wf_registry, 2000)
    assert large <= 1.2 * small, (small, large)
