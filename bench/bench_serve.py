"""Benchmark of ``lessonkit serve``: a room of phones answering and voting at once, on loopback.

Part 1 (the room): a real server (``python -m lessonkit serve``, one uvicorn process) on
127.0.0.1; ``--participants`` simulated phones (default 200, in 4 groups as the seeds'
workshop) join (not timed), then each submits 10 answers (ten text questions) and 5 votes
(three score rows on a 1–5 scale, a dot allocation, a ranking) of 10 items, one after the
other as a person would. **A submission** is the form's POST until the page the browser shows
after it has arrived: the POST, its 303 (sent once the change is durable on disk) and the GET
of the "saved" page it points to (which holds the next question's form). It counts as
acknowledged when the POST got its 303 and the page its 200 with the "saved" notice. The room
is run twice, each on a fresh session and server:

- **paced**: the whole room offers ``--rate`` submissions a second (default 300, the target),
  spread evenly (phone ``n``'s ``k``-th submission is due at ``(k × phones + n) / rate`` s);
  a phone never has two in flight, so a submission whose predecessor has not come back by
  its time starts late (counted). This gives the latency at the target rate.
- **back to back**: every phone submits the next form as soon as the last page came back.
  This gives the server's capacity (submissions/s). Its latency is queueing: with ``P``
  phones always waiting, latency ≈ ``P`` / throughput (Little's law), e.g. 200 phones at
  400/s ≈ 500 ms, so a p95 under 150 ms is read from the paced run, not from this one.

Reported per run: submissions per second (wall clock), p50/p95/p99 latency, submissions
refused, lost answers (after the server is stopped, the session file is read and every answer
and ballot acknowledged is looked for: must be 0), and CPU per submission of the server (user +
system from /proc) and of the load generator (this process).

The load generator runs on the same cores as the server, so it is a minimal asyncio HTTP/1.1
client (one keep-alive connection per phone, a cookie jar, urlencoded forms with the
``Origin`` a browser sends, 303s followed with a GET), about 0.5 ms of CPU per submission:
httpx, used before, cost several times the server's CPU and the benchmark measured mostly it.

Part 2 (growth): the server's CPU time per submission in a session of 20 participants and
in one of 2,000 (pre-filled with every participant's answers), 20 phones submitting the
same 15 forms one after the other; the two sessions are run alternately (A/B/A/B/...),
the CPU time of the server process is measured around the submissions only, and the medians
are compared (min/max shown).

``python bench/bench_serve.py [--write]`` runs in about a minute on a quiet 2-core machine
(``--quick`` for a smoke run: 20 phones, one growth round). ``--write`` puts the figures into
docs/performance.md. Needs ``pip install -e '.[serve]'``. Linux (reads /proc for the server's
CPU time).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
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
from urllib.parse import urlencode, urlsplit

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
SAVED = '<p class="saved" role="status">'  # the "saved" notice of the page after a 303


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
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
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


class Http:
    """A minimal HTTP/1.1 client over one keep-alive connection (asyncio streams), as a phone's
    browser keeps one: GET and form POSTs, a cookie jar, ``Content-Length`` and chunked bodies.

    The benchmark's load generator runs on the same two cores as the server, so it must cost
    little: httpx spent several times the server's CPU per request. This client sends the
    same requests a browser does (``Origin``, ``Cookie``, a urlencoded form) and follows a 303
    with a GET, as a browser does.
    """

    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.cookies: dict[str, str] = {}
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.last = 0.0
        self.connects = 0

    async def _connect(self) -> None:
        await self.close()
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        self.connects += 1

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None

    async def request(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
        """One request; returns (status, headers, body text). Reconnects when the server may
        have closed an idle connection (uvicorn keeps one open 5 s)."""
        if self.writer is None or time.monotonic() - self.last > 3.0:
            await self._connect()
        assert self.reader is not None and self.writer is not None
        body = urlencode(form).encode() if form is not None else b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "User-Agent: bench-phone",
                 "Accept: text/html"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            lines += [f"Origin: http://{self.host}:{self.port}",
                      "Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + body)
        status_line = await self.reader.readline()
        if not status_line:
            raise ConnectionError(f"the server closed the connection ({method} {path})")
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            value = value.strip()
            if name == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, cookie = pair.partition("=")
                self.cookies[key.strip()] = cookie.strip()
            headers[name] = value
        if headers.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readline()).split(b";")[0], 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                chunks.append(chunk[:-2])
            data = b"".join(chunks)
        else:
            data = await self.reader.readexactly(int(headers.get("content-length", "0")))
        if headers.get("connection", "").lower() == "close":
            await self.close()
        self.last = time.monotonic()
        return status, headers, data.decode("utf-8")

    async def fetch(self, method: str, path: str, form: dict[str, str] | None = None) -> tuple[list[int], str]:
        """A request and the redirects it leads to, as a browser follows them: (statuses, last body)."""
        statuses = []
        for _hop in range(5):
            status, headers, text = await self.request(method, path, form)
            statuses.append(status)
            if status not in (301, 302, 303, 307, 308):
                return statuses, text
            location = urlsplit(headers["location"])
            path = location.path + (f"?{location.query}" if location.query else "")
            method, form = "GET", None
        return statuses, text


class Phone:
    """One participant: a cookie jar, joins a group, submits forms and follows the redirect."""

    def __init__(self, base: str, group: str, token: str, n: int) -> None:
        where = urlsplit(base)
        self.client = Http(where.hostname or "127.0.0.1", where.port or 80)
        self.group = group
        self.token = token
        self.n = n
        self.csrf = ""
        self.cookie = ""
        self.latencies: list[float] = []
        self.acked: list[tuple[str, Any]] = []
        self.failed = 0
        self.late = 0

    async def join(self) -> None:
        _statuses, page = await self.client.fetch("GET", f"/j/{self.token}")
        _statuses, page = await self.client.fetch("POST", f"/j/{self.token}", {"csrf": CSRF.findall(page)[0]})
        match = CSRF.search(page)
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

    async def submit_all(self, items: list[str], schedule: list[float] | None = None) -> None:
        """Submit the 15 forms one after the other; with ``schedule`` (loop times), each one not
        before its time (a person's pace), else back to back. A phone never has two in flight."""
        loop = asyncio.get_running_loop()
        for k, (prompt, data, expected) in enumerate(self.forms(items)):
            if schedule is not None:
                wait = schedule[k] - loop.time()
                if wait > 0:
                    await asyncio.sleep(wait)
                elif wait < -0.010:
                    self.late += 1  # its previous submission was still in flight at this one's time
            started = time.perf_counter()
            statuses, page = await self.client.fetch("POST", f"/p/bench/live/{prompt}", {"csrf": self.csrf, **data})
            self.latencies.append(time.perf_counter() - started)
            if statuses == [303, 200] and SAVED in page:
                self.acked.append((prompt, expected))
            else:
                self.failed += 1


async def room(server: Server, participants: int, items: dict[str, list[str]],
               rate: float | None) -> dict[str, Any]:
    """All phones submit at once: back to back (``rate`` None: the server's capacity) or paced
    so that the room as a whole offers ``rate`` submissions a second, evenly spread (phone ``n``'s
    ``k``-th submission is due at ``(k * participants + n) / rate`` seconds)."""
    phones = [Phone(server.base, f"g{n % GROUPS + 1}", server.tokens["groups"][f"g{n % GROUPS + 1}"]["token"], n)
              for n in range(participants)]
    for start in range(0, participants, 50):  # joining is not timed
        await asyncio.gather(*(p.join() for p in phones[start:start + 50]))
    loop = asyncio.get_running_loop()
    cpu0 = server.cpu()
    client0 = time.process_time()
    started = time.perf_counter()
    t0 = loop.time() + 0.05
    forms = len(phones[0].forms(items[phones[0].group])) if phones else 0
    schedules = [None if rate is None else [t0 + (k * participants + n) / rate for k in range(forms)]
                 for n in range(participants)]
    await asyncio.gather(*(p.submit_all(items[p.group], schedules[p.n]) for p in phones))
    wall = time.perf_counter() - started
    cpu = server.cpu() - cpu0
    client = time.process_time() - client0
    for phone in phones:
        await phone.client.close()
    return {"phones": phones, "wall": wall, "server_cpu": cpu, "client_cpu": client}


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


def part_room(folder: Path, methods: Path, participants: int, rate: float | None) -> dict[str, Any]:
    path = folder / f"room-{rate or 'max'}.json"
    make_session(path)
    server = Server(path, methods)
    try:
        result = asyncio.run(room(server, participants, items_of(path), rate))
    finally:
        server.stop()
    phones: list[Phone] = result["phones"]
    private = json.loads(Path(f"{path}.live").read_text(encoding="utf-8"))
    acknowledged, lost = lost_answers(path, phones, private)
    latencies = [x for p in phones for x in p.latencies]
    submissions = len(latencies)
    return {"participants": participants, "offered_per_s": rate, "submissions": submissions,
            "wall_s": result["wall"], "per_s": submissions / result["wall"],
            "p50_ms": percentile(latencies, 50) * 1000, "p95_ms": percentile(latencies, 95) * 1000,
            "p99_ms": percentile(latencies, 99) * 1000, "late": sum(p.late for p in phones),
            "failed": sum(p.failed for p in phones), "acknowledged": acknowledged, "lost": lost,
            "server_cpu_s": result["server_cpu"], "server_ms": result["server_cpu"] / submissions * 1000,
            "client_ms": result["client_cpu"] / submissions * 1000}


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
        await phone.client.close()
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


def room_line(r: dict[str, Any]) -> str:
    how = "back to back" if r["offered_per_s"] is None else f"paced at {r['offered_per_s']:.0f}/s offered"
    return (f"{r['participants']} phones × 15 submissions, {how}: {r['submissions']} in {r['wall_s']:.1f} s "
            f"→ {r['per_s']:.0f} submissions/s; latency p50 {r['p50_ms']:.0f} ms, p95 {r['p95_ms']:.0f} ms, "
            f"p99 {r['p99_ms']:.0f} ms; started late {r['late']}; refused {r['failed']}; acknowledged "
            f"{r['acknowledged']}, lost {r['lost']}; server CPU {r['server_ms']:.2f} ms, "
            f"client CPU {r['client_ms']:.2f} ms per submission")


def markdown(result: dict[str, Any], command: str) -> str:
    """The block ``--write`` puts into docs/performance.md."""
    paced, peak, g = result["paced"], result["peak"], result["growth"]
    load = result["load_before"][0], result["load_after"][0]
    rows = [
        f"`{command}` — {result['date']}, {platform.machine()}, {result['cpus']} cores, Python "
        f"{platform.python_version()}, uvicorn with {result['stack']}; load average {load[0]:.1f} before, "
        f"{load[1]:.1f} after (the phones run on the same cores as the server).",
        "",
        "| room: 200 phones × (10 answers + 5 votes) | paced (room offers "
        f"{paced['offered_per_s']:.0f}/s) | back to back (capacity) | target |",
        "|---|---:|---:|---:|",
        f"| submissions | {paced['submissions']:,} in {paced['wall_s']:.1f} s | {peak['submissions']:,} in "
        f"{peak['wall_s']:.1f} s | |",
        f"| throughput | {paced['per_s']:.0f}/s | **{peak['per_s']:.0f}/s** | ≥ 300/s |",
        f"| latency p50 / p95 / p99 | {paced['p50_ms']:.0f} / **{paced['p95_ms']:.0f}** / {paced['p99_ms']:.0f} ms "
        f"| {peak['p50_ms']:.0f} / {peak['p95_ms']:.0f} / {peak['p99_ms']:.0f} ms | p95 < 150 ms (paced) |",
        f"| started late (previous one still in flight) | {paced['late']} | – | |",
        f"| refused | {paced['failed']} | {peak['failed']} | |",
        f"| acknowledged / lost | {paced['acknowledged']:,} / **{paced['lost']}** | {peak['acknowledged']:,} / "
        f"**{peak['lost']}** | 0 lost |",
        f"| server CPU per submission | {paced['server_ms']:.2f} ms | {peak['server_ms']:.2f} ms | |",
        f"| server's CPU time / wall time (1.0 = one whole core) | {paced['server_cpu_s'] / paced['wall_s']:.2f} | "
        f"{peak['server_cpu_s'] / peak['wall_s']:.2f} | |",
        f"| load generator CPU per submission | {paced['client_ms']:.2f} ms | {peak['client_ms']:.2f} ms | |",
        "",
        "| growth: server CPU per submission, 20 phones one after the other | median (min–max) |",
        "|---|---:|",
        f"| session of 20 participants | {g['median_ms_20']:.2f} ms ({min(g['cpu_ms_20']):.2f}–{max(g['cpu_ms_20']):.2f}) |",
        f"| session of 2,000 participants | {g['median_ms_2000']:.2f} ms ({min(g['cpu_ms_2000']):.2f}–"
        f"{max(g['cpu_ms_2000']):.2f}) |",
        f"| ratio ({g['rounds']} interleaved rounds) | **{g['growth']:.2f} ×** (target ≤ 1.5 ×) |",
    ]
    return "\n".join(rows)


def stack() -> str:
    import importlib.util

    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    loop = "uvloop" if importlib.util.find_spec("uvloop") and sys.platform != "win32" else "asyncio"
    return f"{http} + {loop}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument("--rate", type=float, default=300.0,
                        help="submissions a second the whole room offers in the paced run (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="A/B rounds of the growth part")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 20 phones, 1 round")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--write", action="store_true", help="write the figures into docs/performance.md")
    args = parser.parse_args()
    if args.quick:
        args.participants, args.rounds = 20, 1
    load = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        methods = write_method(folder)
        paced = part_room(folder, methods, args.participants, args.rate)
        peak = part_room(folder, methods, args.participants, None)
        growth = part_growth(folder, methods, args.rounds)
    result = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "load_before": load,
              "cpus": os.cpu_count(), "stack": stack(), "paced": paced, "peak": peak, "growth": growth,
              "load_after": os.getloadavg()}
    if args.write:
        from _paired import write

        command = "python bench/bench_serve.py" + ("" if args.participants == 200 else f" --participants {args.participants}") + ("" if args.rate == 300 else f" --rate {args.rate:g}")
        write("bench_serve", markdown(result, command))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"machine: {os.cpu_count()} CPUs, load average before {load[0]:.2f} / after {result['load_after'][0]:.2f}; "
          f"server: uvicorn with {result['stack']}")
    print("room (paced):", room_line(paced))
    print("room (capacity):", room_line(peak))
    g = growth
    print(f"growth: server CPU per submission, 20 participants {g['median_ms_20']:.2f} ms "
          f"(min {min(g['cpu_ms_20']):.2f}, max {max(g['cpu_ms_20']):.2f}) vs 2,000 participants "
          f"{g['median_ms_2000']:.2f} ms (min {min(g['cpu_ms_2000']):.2f}, max {max(g['cpu_ms_2000']):.2f}) "
          f"→ {g['growth']:.2f}× over {g['rounds']} interleaved rounds; refused {g['failed']}")


if __name__ == "__main__":
    main()
