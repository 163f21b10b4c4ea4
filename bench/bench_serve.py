"""Benchmark of ``lessonkit serve``: a room of phones answering and voting at once, on loopback.

Part 1 (the room): a real server (``python -m lessonkit serve``, one uvicorn process) on
127.0.0.1; ``--participants`` simulated phones (default 200, in 4 groups as the seeds'
workshop) join, then all at once each submit 10 answers (ten text questions) and 5 votes
(three score rows on a 1–5 scale, a dot allocation, a ranking) of 10 items, one after the
other as a person would, **following each 303 to the "saved" page** as a browser does.
Reported: submissions per second (wall clock), p50/p95/p99 latency of a submission
(POST until its "saved" page has arrived), and lost answers: after the server is stopped,
the session file is read and every answer and ballot acknowledged with a 303 is looked for
(must be 0).

Part 2 (growth): the server's CPU time per submission in a session of 20 participants and
in one of 2,000 (pre-filled with every participant's answers), 20 phones submitting the
same 15 forms one after the other; the two sessions are run alternately (A/B/A/B/...),
the CPU time (user + system, from /proc) of the server process is measured around the
submissions only, and the medians are compared (min/max shown).

Runs in about a minute: ``python bench/bench_serve.py`` (``--quick`` for a smoke run).
Needs ``pip install -e '.[serve-test]'``. Linux (reads /proc for the server's CPU time).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

METHOD_TOML = """
key = "bench"
title = {{ en = "Benchmark method", th = "วิธีทดสอบสมรรถนะ" }}

[[steps]]
key = "live"
title = {{ en = "Live", th = "สด" }}
{questions}

[[steps.prompts]]
key = "ideas"
kind = "list"
individual = false
text = {{ en = "Ideas", th = "ข้อเสนอ" }}
{votes}
"""
QUESTION = """
[[steps.prompts]]
key = "q{n}"
kind = "text"
text = {{ en = "Question {n}", th = "คำถามที่ {n}" }}
"""
SCORE = """
[[steps.prompts]]
key = "s{n}"
kind = "score"
items_from = "ideas"
text = {{ en = "Score {n}", th = "คะแนน {n}" }}
scale = {{ min = 1, max = 5 }}
"""
VOTES = "".join(SCORE.format(n=n) for n in (1, 2, 3)) + """
[[steps.prompts]]
key = "dots"
kind = "dots"
items_from = "ideas"
budget = 5
per_item_cap = 3
text = { en = "Dots", th = "จุด" }

[[steps.prompts]]
key = "order"
kind = "rank"
items_from = "ideas"
max_ranked = 3
text = { en = "Order", th = "ลำดับ" }
"""
ITEMS = 10
GROUPS = 4
CSRF = re.compile(r'name="csrf" value="([^"]+)"')


def write_method(folder: Path) -> Path:
    methods = folder / "methods"
    methods.mkdir()
    text = METHOD_TOML.format(questions="".join(QUESTION.format(n=n) for n in range(1, 11)),
                              votes=VOTES)
    (methods / "bench.toml").write_text(text, encoding="utf-8")
    return methods


def make_session(path: Path, *, prefilled: int = 0) -> None:
    """A session with ``GROUPS`` groups of 10 ideas each and ``prefilled`` participants who have
    answered everything (built with the model directly: quick for thousands)."""
    from lessonkit import files
    from lessonkit.model import Entry, Group, Participant, Session
    from lessonkit.scores import ScoreTable

    session = Session(title="Benchmark", methods=["bench"], locale="th")
    for g in range(GROUPS):
        group = Group(key=f"g{g + 1}", name=f"กลุ่ม {g + 1}")
        group.entries = [Entry(id=f"i{g}x{n}", method="bench", step="live", prompt="ideas",
                               text=f"ข้อเสนอ {n}") for n in range(ITEMS)]
        session.groups.append(group)
    for n in range(prefilled):
        group = session.groups[n % GROUPS]
        key = f"old{n}"
        group.participants.append(Participant(key=key))
        for q in range(1, 11):
            group.entries.append(Entry(id=f"o{n}q{q}", method="bench", step="live", prompt=f"q{q}",
                                       text=f"คำตอบเดิม {n}", participant=key))
    for group in session.groups:
        people = [p.key for p in group.participants]
        items = [e.id for e in group.entries if e.prompt == "ideas"]
        if not people:
            continue
        for prompt in ("s1", "s2", "s3", "dots", "order"):
            table = ScoreTable()
            table.add_participants(people)
            for i, item in enumerate(items):
                if prompt.startswith("s"):
                    values = [float(1 + (i + k) % 5) for k in range(len(people))]
                elif prompt == "dots":
                    values = [float(1) if i < 5 else float("nan") for _ in people]
                else:
                    values = [float(i + 1) if i < 3 else float("nan") for _ in people]
                table.add_column(item, "", values)
            group.scores[f"bench/live/{prompt}"] = table
    session.data["live"] = {"open": {g.key: "bench/live" for g in session.groups}, "revealed": {}}
    files.save(session, path)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    def __init__(self, path: Path, methods: Path) -> None:
        self.path = path
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "LESSONKIT_METHODS_PATH": str(methods)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lessonkit", "serve", str(path), "--port", str(self.port), "--no-qr"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{self.base}/", timeout=1)
                break
            except httpx.TransportError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"the server did not start: {self.process.stderr.read()!r}") from None  # type: ignore[union-attr]
                time.sleep(0.1)
        self.tokens = json.loads(Path(f"{path}.live").read_text(encoding="utf-8"))

    def cpu(self) -> float:
        """The server process's CPU time so far (user + system), in seconds."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)
        self.process.wait(timeout=120)


class Phone:
    """One participant: a cookie jar, joins a group, submits forms and follows the redirect."""

    def __init__(self, base: str, group: str, token: str, n: int) -> None:
        self.client = httpx.AsyncClient(base_url=base, timeout=60, follow_redirects=True)
        self.group = group
        self.token = token
        self.n = n
        self.csrf = ""
        self.cookie = ""
        self.latencies: list[float] = []
        self.acked: list[tuple[str, Any]] = []
        self.failed = 0

    async def join(self) -> None:
        page = await self.client.get(f"/j/{self.token}")
        page = await self.client.post(f"/j/{self.token}", data={"csrf": CSRF.findall(page.text)[0]})
        match = CSRF.search(page.text)
        assert match, "joined, but no step is open"
        self.csrf = match.group(1)
        self.cookie = next(v for k, v in self.client.cookies.items() if k.startswith("lk_"))

    def forms(self, items: list[str]) -> list[tuple[str, dict[str, str], Any]]:
        out: list[tuple[str, dict[str, str], Any]] = []
        for q in range(1, 11):
            text = f"คำตอบ {self.n} ข้อ {q} <ทดสอบ>"
            out.append((f"q{q}", {"text": text}, text))
        for s in (1, 2, 3):
            ballot = {item: 1 + (i + self.n + s) % 5 for i, item in enumerate(items)}
            out.append((f"s{s}", {f"v.{k}.": str(v) for k, v in ballot.items()}, ballot))
        dots = {items[self.n % ITEMS]: 3, items[(self.n + 1) % ITEMS]: 2}
        out.append(("dots", {f"d.{k}": str(v) for k, v in dots.items()}, dots))
        order = {items[(self.n + k) % ITEMS]: k + 1 for k in range(3)}
        out.append(("order", {f"r.{k}": str(v) for k, v in order.items()}, order))
        return out

    async def submit_all(self, items: list[str]) -> None:
        for prompt, data, expected in self.forms(items):
            started = time.perf_counter()
            response = await self.client.post(f"/p/bench/live/{prompt}", data={"csrf": self.csrf, **data})
            self.latencies.append(time.perf_counter() - started)
            if response.history and response.history[0].status_code == 303 and response.status_code == 200:
                self.acked.append((prompt, expected))
            else:
                self.failed += 1


async def room(server: Server, participants: int, items: dict[str, list[str]]) -> dict[str, Any]:
    phones = [Phone(server.base, f"g{n % GROUPS + 1}", server.tokens["groups"][f"g{n % GROUPS + 1}"]["token"], n)
              for n in range(participants)]
    for start in range(0, participants, 50):  # joining is not timed
        await asyncio.gather(*(p.join() for p in phones[start:start + 50]))
    cpu0 = server.cpu()
    started = time.perf_counter()
    await asyncio.gather(*(p.submit_all(items[p.group]) for p in phones))
    wall = time.perf_counter() - started
    cpu = server.cpu() - cpu0
    for phone in phones:
        await phone.client.aclose()
    return {"phones": phones, "wall": wall, "server_cpu": cpu}


def lost_answers(path: Path, phones: list[Phone], private: dict[str, Any]) -> tuple[int, int]:
    """(acknowledged, lost): every acknowledged answer and ballot looked up in the stopped server's file."""
    from lessonkit import files

    session = files.load(path)
    import hashlib

    lost = 0
    total = 0
    keys = private["keys"]
    for phone in phones:
        key = keys.get(hashlib.sha256(phone.cookie.encode()).hexdigest())
        group = session.group(phone.group)
        for prompt, expected in phone.acked:
            total += 1
            if prompt.startswith("q"):
                found = [e.text for e in group.entries_for("bench", "live", prompt) if e.participant == key]
                lost += found != [expected]
            else:
                table = group.scores.get(f"bench/live/{prompt}")
                ballot = table.ballot(key) if table is not None and key is not None else {}
                lost += {k: int(v) for k, v in ballot.items()} != expected
    return total, lost


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def items_of(path: Path) -> dict[str, list[str]]:
    from lessonkit import files

    session = files.load(path)
    return {g.key: [e.id for e in g.entries if e.prompt == "ideas"] for g in session.groups}


def part_room(folder: Path, methods: Path, participants: int) -> dict[str, Any]:
    path = folder / "room.json"
    make_session(path)
    server = Server(path, methods)
    try:
        result = asyncio.run(room(server, participants, items_of(path)))
    finally:
        server.stop()
    phones: list[Phone] = result["phones"]
    private = json.loads(Path(f"{path}.live").read_text(encoding="utf-8"))
    acknowledged, lost = lost_answers(path, phones, private)
    latencies = [x for p in phones for x in p.latencies]
    submissions = len(latencies)
    return {"participants": participants, "submissions": submissions, "wall_s": result["wall"],
            "per_s": submissions / result["wall"], "p50_ms": percentile(latencies, 50) * 1000,
            "p95_ms": percentile(latencies, 95) * 1000, "p99_ms": percentile(latencies, 99) * 1000,
            "failed": sum(p.failed for p in phones), "acknowledged": acknowledged, "lost": lost,
            "server_cpu_s": result["server_cpu"]}


async def sequential(server: Server, phones: int, items: dict[str, list[str]]) -> tuple[float, int]:
    room_phones = [Phone(server.base, "g1", server.tokens["groups"]["g1"]["token"], n) for n in range(phones)]
    for phone in room_phones:
        await phone.join()
    cpu0 = server.cpu()
    for phone in room_phones:
        await phone.submit_all(items["g1"])
    cpu = server.cpu() - cpu0
    count = sum(len(p.latencies) for p in room_phones)
    for phone in room_phones:
        await phone.client.aclose()
    return cpu / count, sum(p.failed for p in room_phones)


def part_growth(folder: Path, methods: Path, rounds: int) -> dict[str, Any]:
    sizes = {"20": 20, "2000": 2000}
    paths = {}
    for name in sizes:
        paths[name] = folder / f"grow{name}.json"
    per: dict[str, list[float]] = {name: [] for name in sizes}
    failed = 0
    for _round in range(rounds):
        for name, size in sizes.items():  # interleaved: A, B, A, B…
            path = paths[name]
            for extra in (Path(f"{path}.live"), Path(f"{path}.journal")):
                if extra.exists():
                    extra.unlink()
            make_session(path, prefilled=size - 20)
            server = Server(path, methods)
            try:
                cost, bad = asyncio.run(sequential(server, 20, items_of(path)))
            finally:
                server.stop()
            per[name].append(cost)
            failed += bad
    small = statistics.median(per["20"])
    large = statistics.median(per["2000"])
    return {"rounds": rounds, "cpu_ms_20": [x * 1000 for x in per["20"]],
            "cpu_ms_2000": [x * 1000 for x in per["2000"]], "median_ms_20": small * 1000,
            "median_ms_2000": large * 1000, "growth": large / small, "failed": failed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=3, help="A/B rounds of the growth part")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 20 phones, 1 round")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.participants, args.rounds = 20, 1
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        methods = write_method(folder)
        room_result = part_room(folder, methods, args.participants)
        growth = part_growth(folder, methods, args.rounds)
    result = {"load_before": load, "cpus": os.cpu_count(), "room": room_result, "growth": growth,
              "load_after": os.getloadavg()}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    r = room_result
    print(f"machine: {os.cpu_count()} CPUs, load average before {load[0]:.2f} / after {result['load_after'][0]:.2f}")
    print(f"room: {r['participants']} phones × 15 submissions = {r['submissions']} in {r['wall_s']:.1f} s "
          f"→ {r['per_s']:.0f} submissions/s; latency p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, "
          f"p99 {r['p99_ms']:.0f} ms; refused {r['failed']}; acknowledged {r['acknowledged']}, lost {r['lost']}; "
          f"server CPU {r['server_cpu_s']:.1f} s")
    g = growth
    print(f"growth: server CPU per submission, 20 participants {g['median_ms_20']:.2f} ms "
          f"(min {min(g['cpu_ms_20']):.2f}, max {max(g['cpu_ms_20']):.2f}) vs 2,000 participants "
          f"{g['median_ms_2000']:.2f} ms (min {min(g['cpu_ms_2000']):.2f}, max {max(g['cpu_ms_2000']):.2f}) "
          f"→ {g['growth']:.2f}× over {g['rounds']} interleaved rounds; refused {g['failed']}")


if __name__ == "__main__":
    main()
