"""Durability with a real server: an acknowledged answer survives SIGKILL; the file always loads.

Runs ``lessonkit serve`` (uvicorn) in a subprocess on 127.0.0.1; needs ``lessonkit[serve-test]``.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")

from lessonkit import files, workshop  # noqa: E402
from lessonkit.plugins import get_registry  # noqa: E402

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    def __init__(self, path: Path, *, qr: bool = False) -> None:
        self.path = path
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "lessonkit", "serve", str(path), "--port", str(self.port),
             "--qr" if qr else "--no-qr"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{self.base}/", timeout=1)
                break
            except httpx.TransportError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    _out, err = self.process.communicate(timeout=5)
                    raise AssertionError(f"the server did not start: {err}") from None
                time.sleep(0.1)
        self.tokens = json.loads(Path(f"{path}.live").read_text(encoding="utf-8"))

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.base, follow_redirects=True, timeout=10)

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> str:
        self.process.send_signal(signal.SIGINT)
        _out, err = self.process.communicate(timeout=20)
        return err


def csrf(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found
    return found.group(1)


@pytest.fixture
def session_file(tmp_path: Path) -> Iterator[Path]:
    registry = get_registry()
    session = workshop.new_session(registry, "ทดสอบความทนทาน", methods=["ee"])
    workshop.add_group(session, "g1", "กลุ่มหนึ่ง")
    path = tmp_path / "ws.json"
    files.save(session, path)
    yield path


def test_an_acknowledged_answer_survives_sigkill_and_a_restart(session_file: Path) -> None:
    server = Server(session_file)
    try:
        with server.client() as boss, server.client() as phone:
            dash = boss.get(f"/f/{server.tokens['facilitator']}")
            boss.post("/f/do", data={"csrf": csrf(dash.text), "action": "open", "group": "",
                                     "target": "ee/mission"})
            token = server.tokens["groups"]["g1"]["token"]
            page = phone.get(f"/j/{token}")
            page = phone.post(f"/j/{token}", data={"csrf": csrf(page.text)})
            nonce = re.search(r'name="nonce" value="([^"]+)"', page.text)
            assert nonce
            ack = phone.post("/p/ee/mission/objectives", data={
                "csrf": csrf(page.text), "nonce": nonce.group(1), "items": "ลดอุบัติเหตุทางถนน"},
                follow_redirects=False)
            assert ack.status_code == 303  # acknowledged: the phone is told it is saved
            cookie_name = next(iter(phone.cookies.keys()))
            cookie = phone.cookies.get(cookie_name)
        server.kill()  # the next instant
    finally:
        if server.process.poll() is None:
            server.kill()
    # the file always loads (it was only ever replaced whole); the answer is in the journal
    assert files.load(session_file).title == "ทดสอบความทนทาน"
    assert "ลดอุบัติเหตุทางถนน" in Path(f"{session_file}.journal").read_text(encoding="utf-8")
    # a command meanwhile is not blocked by the dead server's lock
    again = Server(session_file)
    try:
        with again.client() as boss:
            boss.get(f"/f/{again.tokens['facilitator']}")
            downloaded = files.loads(boss.get("/f/session.json").content)
            texts = [e.text for e in downloaded.group("g1").entries]
            assert texts == ["ลดอุบัติเหตุทางถนน"]
        with again.client() as phone:  # the same phone is still the same participant
            phone.cookies.set(cookie_name, cookie)
            assert "กลุ่มหนึ่ง" in phone.get("/p").text
        err = again.stop()
        assert "Stopped" in err or "หยุดแล้ว" in err
    finally:
        if again.process.poll() is None:
            again.kill()
    folded = files.load(session_file)
    assert [e.text for e in folded.group("g1").entries] == ["ลดอุบัติเหตุทางถนน"]
    assert Path(f"{session_file}.journal").read_bytes() == b""
    assert cookie


def test_a_cli_command_on_a_served_file_names_the_server(session_file: Path) -> None:
    server = Server(session_file)
    try:
        result = subprocess.run([sys.executable, "-m", "lessonkit", "group", "add", str(session_file), "g2",
                                 "--name", "สอง"], capture_output=True, text=True, timeout=60)
        assert result.returncode == 1
        assert f"served by lessonkit serve (pid {server.process.pid}, http://127.0.0.1:{server.port}/)" \
            in result.stderr
        assert "Traceback" not in result.stderr
    finally:
        server.stop()
    assert [g.key for g in files.load(session_file).groups] == ["g1"]
    env = {**os.environ}
    ok = subprocess.run([sys.executable, "-m", "lessonkit", "group", "add", str(session_file), "g2",
                         "--name", "สอง"], capture_output=True, text=True, timeout=60, env=env)
    assert ok.returncode == 0, ok.stderr


def test_the_terminal_prints_the_links_and_a_qr_code_and_stays_on_loopback(session_file: Path) -> None:
    server = Server(session_file, qr=True)
    listening = _listening(server.port)
    err = server.stop()
    tokens = server.tokens
    assert f"Serving {session_file} at http://127.0.0.1:{server.port}/" in err
    assert "Only this computer can connect (127.0.0.1)" in err
    assert f"Facilitator (keep this link to yourself): http://127.0.0.1:{server.port}/f/{tokens['facilitator']}" in err
    assert f"Projector: http://127.0.0.1:{server.port}/s/{tokens['projector']}" in err
    code = tokens["groups"]["g1"]["code"]
    assert f"กลุ่มหนึ่ง: http://127.0.0.1:{server.port}/j/{tokens['groups']['g1']['token']}  (code {code})" in err
    assert "█" in err or "▀" in err  # the QR code, drawn with block characters
    if listening is not None:  # Linux: it listened on loopback only
        assert listening == ["0100007F"]


def _listening(port: int) -> list[str] | None:
    """The local IPv4 addresses (hex, as /proc shows them) listening on ``port``; None off Linux."""
    try:
        table = Path("/proc/net/tcp").read_text().splitlines()[1:]
    except OSError:
        return None
    found = []
    for line in table:
        fields = line.split()
        address, _, hex_port = fields[1].partition(":")
        if int(hex_port, 16) == port and fields[3] == "0A":  # 0A: LISTEN
            found.append(address)
    return found


def test_ctrl_c_sends_open_projectors_a_farewell_and_stops_at_once(session_file: Path) -> None:
    import threading

    server = Server(session_file)
    received: list[str] = []
    opened = threading.Event()

    def projector() -> None:
        url = f"{server.base}/s/{server.tokens['projector']}/events?lang=en"
        try:
            with httpx.stream("GET", url, timeout=30) as response:
                for line in response.iter_lines():
                    received.append(line)
                    opened.set()
        except httpx.HTTPError as exc:
            received.append(f"error: {exc!r}")

    reader = threading.Thread(target=projector)
    reader.start()
    assert opened.wait(10)
    started = time.monotonic()
    server.stop()
    reader.join(10)
    assert not reader.is_alive()
    assert "event: bye" in received, received[-3:]
    assert "data: The workshop server has stopped; this screen will update again when it is back." in received
    # the stream ended on the farewell: uvicorn did not wait out its 3-second grace for it
    assert time.monotonic() - started < 2.5
