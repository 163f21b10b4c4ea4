"""The live workshop server through Starlette's TestClient: LIVE.md's checklist, every prompt kind.

Needs the optional extra ``lessonkit[serve-test]`` (skipped without it).
"""

from __future__ import annotations

import asyncio
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")

from _serve_fixtures import (
    csrf_of,
    errors_of,
    facilitator,
    join,
    live_registry,
    make_file,
    nonce_of,
    open_step,
)
from click.testing import CliRunner
from starlette.testclient import TestClient

from lessonkit import files
from lessonkit.serve.app import LiveServer, create_app

HOSTILE = '<script>alert("x")</script>"><img src=x onerror=alert(1)>'


@pytest.fixture
def registry() -> Any:
    return live_registry()


@pytest.fixture
def live(tmp_path: Path, registry: Any) -> Iterator[LiveServer]:
    path = make_file(tmp_path / "ws.json", registry, names=("สมชาย",))
    server = LiveServer(path, registry, idle_fold=30.0, sse_lifetime=0.3)
    server.open()
    yield server
    server.close()


@pytest.fixture
def app(live: LiveServer) -> Any:
    return create_app(live)


def client(app: Any) -> TestClient:
    return TestClient(app, base_url="http://testserver")


def snapshot(live: LiveServer) -> tuple[bytes, bytes]:
    journal = live.store.journal_path.read_bytes() if live.store.journal_path.exists() else b""
    return live.path.read_bytes(), journal


def add_ideas(phone: TestClient, csrf: str, *ideas: str) -> None:
    page = phone.get("/p")
    response = phone.post("/p/live/gather/ideas", data={"csrf": csrf, "nonce": nonce_of(page.text),
                                                          "items": "\n".join(ideas)})
    assert response.status_code == 200 and "saved=ideas" in str(response.url), response.text


def group(live: LiveServer, key: str = "g1") -> Any:
    return live.session.group(key)


# -- 1. binding and the lock ---------------------------------------------------------------------


def test_serve_binds_loopback_by_default_and_says_how_to_open_the_lan(runner: CliRunner) -> None:
    from lessonkit.cli import cli

    result = runner.invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0, result.output
    assert "127.0.0.1" in result.output and "--lan" in result.output


def test_a_cli_command_on_a_served_file_exits_1_naming_the_server(live: LiveServer, runner: CliRunner) -> None:
    from lessonkit.cli import cli

    before = live.path.read_bytes()
    result = runner.invoke(cli, ["group", "add", str(live.path), "g9", "--name", "x"])
    assert result.exit_code == 1
    assert "served by lessonkit serve" in result.stderr and f"pid {os.getpid()}" in result.stderr
    assert "Traceback" not in result.output
    assert live.path.read_bytes() == before


def test_the_lock_file_is_cleared_when_the_server_stops(tmp_path: Path, registry: Any) -> None:
    path = make_file(tmp_path / "ws.json", registry)
    server = LiveServer(path, registry)
    server.open()
    assert "lessonkit serve" in Path(f"{path}.lock").read_text(encoding="utf-8")
    server.close()
    lock = Path(f"{path}.lock")
    assert not lock.exists() or lock.read_text(encoding="utf-8") == ""  # removed after use (kept on Windows)
    with files.edit(path) as session:  # the lock is free again
        session.venue = "Hat Yai"


# -- 2, 3. CSRF, Origin and forged participants -----------------------------------------------------


def test_a_missing_or_bad_csrf_field_is_403_and_changes_nothing(live: LiveServer, app: Any) -> None:
    with client(app) as boss, client(app) as phone:
        open_step(boss, facilitator(boss, live), "live/gather")
        good = join(phone, live)
        before = snapshot(live)
        for data in ({"text": "no token"}, {"text": "bad token", "csrf": "0" * 64},
                     {"text": "another's token", "csrf": live.sign("p:p999")}):
            response = phone.post("/p/live/gather/story", data=data)
            assert response.status_code == 403
            assert "แบบฟอร์มนี้หมดอายุ" in response.text
        assert snapshot(live) == before
        response = phone.post("/p/live/gather/story", data={"text": "cross-site", "csrf": good},
                              headers={"origin": "http://evil.example"})
        assert response.status_code == 403
        assert snapshot(live) == before
        ok = phone.post("/p/live/gather/story", data={"text": "same site", "csrf": good},
                        headers={"origin": "http://testserver"})
        assert ok.status_code == 200 and "saved=story" in str(ok.url)


def test_facilitator_forms_need_the_facilitator_token_and_csrf(live: LiveServer, app: Any) -> None:
    with client(app) as stranger, client(app) as boss:
        assert stranger.get("/f").status_code == 403
        assert stranger.get("/f/not-the-token").status_code == 403
        assert stranger.post("/f/do", data={"action": "open", "target": "live/gather"}).status_code == 403
        assert stranger.get("/f/report.md").status_code == 403
        assert stranger.get("/f/session.json").status_code == 403
        csrf = facilitator(boss, live)
        before = snapshot(live)
        assert boss.post("/f/do", data={"action": "open", "target": "live/gather",
                                        "csrf": live.sign("p:p1")}).status_code == 403
        assert snapshot(live) == before
        open_step(boss, csrf, "live/gather")
        assert live.session.data["live"]["open"] == {"g1": "live/gather", "g2": "live/gather"}


def test_a_participant_cannot_edit_another_participants_answer(live: LiveServer, app: Any) -> None:
    with client(app) as boss, client(app) as one, client(app) as two:
        open_step(boss, facilitator(boss, live), "live/gather")
        csrf1 = join(one, live)
        csrf2 = join(two, live)
        one.post("/p/live/gather/story", data={"csrf": csrf1, "text": "first's story"})
        # a forged participant field is ignored: the cookie says who posts
        two.post("/p/live/gather/story", data={"csrf": csrf2, "text": "forged", "participant": "p2"})
        stories = {e.participant: e.text for e in group(live).entries_for("live", "gather", "story")}
        first, second = sorted(live.private.keys.values())
        assert stories[first] == "first's story" and stories[second] == "forged"
        # the second phone with the first's CSRF field: refused
        assert two.post("/p/live/gather/story",
                        data={"csrf": csrf1, "text": "take over"}).status_code == 403
        # a made-up cookie is nobody
        with client(app) as forger:
            forger.cookies.set(live.cookie_name, "guess")
            assert forger.post("/p/live/gather/story",
                               data={"csrf": csrf1, "text": "x"}).status_code == 403
        stories = {e.participant: e.text for e in group(live).entries_for("live", "gather", "story")}
        assert stories[first] == "first's story"


def test_the_participant_cookie_is_stored_only_as_a_hash_outside_the_session_file(
        live: LiveServer, app: Any) -> None:
    with client(app) as phone:
        join(phone, live)
        cookie = phone.cookies.get(live.cookie_name)
        assert cookie and len(cookie) >= 32
    live.writer.store.fold()
    live.save_private()
    assert cookie not in live.path.read_text(encoding="utf-8")
    private = live.private_path.read_text(encoding="utf-8")
    assert cookie not in private
    import hashlib

    assert hashlib.sha256(cookie.encode()).hexdigest() in private
    assert oct(live.private_path.stat().st_mode & 0o777) == "0o600"


def test_rejoining_from_the_same_phone_continues_as_the_same_participant(live: LiveServer, app: Any) -> None:
    with client(app) as phone:
        join(phone, live)
        again = phone.get(f"/j/{live.tokens['groups']['g1']['token']}")
        assert again.url.path == "/p"
        assert len(live.private.keys) == 1
        assert len(group(live).participants) == 2  # สมชาย (named, not joined) and the new one


def test_joining_by_name_and_a_name_is_taken_once(live: LiveServer, app: Any) -> None:
    named = group(live).participants[0]
    with client(app) as one, client(app) as two:
        page = one.get(f"/j/{live.tokens['groups']['g1']['token']}")
        assert "สมชาย" in page.text
        join(one, live, participant=named.key)
        assert live.participant_of(one.cookies.get(live.cookie_name)) == ("g1", named.key)
        page = two.get(f"/j/{live.tokens['groups']['g1']['token']}")
        assert "สมชาย" not in page.text
        response = two.post(f"/j/{live.tokens['groups']['g1']['token']}",
                            data={"csrf": csrf_of(page.text), "participant": named.key})
        assert response.status_code == 422 and "มีผู้เข้าร่วมใช้ชื่อนี้แล้ว" in response.text


def test_a_typed_join_code_leads_to_the_group_and_a_wrong_one_is_explained(live: LiveServer, app: Any) -> None:
    with client(app) as phone:
        home = phone.get("/")
        code = live.tokens["groups"]["g2"]["code"]
        response = phone.post("/", data={"csrf": csrf_of(home.text), "code": code.lower()})
        assert response.status_code == 200 and "กลุ่ม 2" in response.text
        wrong = phone.post("/", data={"csrf": csrf_of(home.text), "code": "ZZZZZZ"})
        assert wrong.status_code == 422 and "ไม่พบกลุ่มที่ใช้รหัสนี้" in wrong.text


def test_tokens_are_long_enough(live: LiveServer) -> None:
    import base64

    def bits(token: str) -> int:
        return len(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))) * 8

    assert bits(live.tokens["facilitator"]) >= 128
    assert bits(live.tokens["projector"]) >= 128
    assert all(bits(g["token"]) >= 64 for g in live.tokens["groups"].values())
    assert len({g["code"] for g in live.tokens["groups"].values()}) == 2


# -- 4. validation, in Thai and English, nothing saved -------------------------------------------------


def _scored(live: LiveServer, app: Any) -> tuple[TestClient, TestClient, str, str]:
    boss, phone = client(app), client(app)
    boss.__enter__()
    phone.__enter__()
    fcsrf = facilitator(boss, live)
    open_step(boss, fcsrf, "live/gather")
    csrf = join(phone, live)
    add_ideas(phone, csrf, "ฝึกอบรม", "ซ้อมแผน", "ประชุม")
    open_step(boss, fcsrf, "live/vote")
    return boss, phone, csrf, fcsrf


@pytest.mark.parametrize("locale", ["th", "en"])
def test_refused_scores_show_a_message_next_to_the_field_and_save_nothing(
        live: LiveServer, app: Any, locale: str) -> None:
    boss, phone, csrf, _ = _scored(live, app)
    phone.get(f"/p?lang={locale}")
    before = snapshot(live)
    cases = [
        ("/p/live/vote/dots", {"d.e1": "3", "d.e2": "3"},
         {"th": "คุณใช้ไป ๖ จุด แต่มีเพียง ๕ จุด", "en": "You spent 6 dots; you have 5."}),
        ("/p/live/vote/dots", {"d.e1": "4"}, {"th": "เกินเพดานรายการละ", "en": "over the cap of 3"}),
        ("/p/live/vote/dots", {"d.e1": "1.5"}, {"th": "ไม่ใช่จำนวนจุดเต็มหน่วย", "en": "not a whole number"}),
        ("/p/live/vote/fit", {"v.e1.fun": "4"}, {"th": "ไม่อยู่ในมาตรวัด", "en": "is not on the scale 1–3"}),
        ("/p/live/vote/true", {"v.e1.": "sometimes"}, {"th": "ไม่อยู่ในมาตรวัด ไม่เคย / ส่วนใหญ่",
                                                       "en": "Never / Mostly"}),
        ("/p/live/vote/order", {"r.e1": "1", "r.e2": "1"}, {"th": "ถูกใช้ซ้ำ", "en": "given twice"}),
        ("/p/live/vote/order", {"r.e1": "1", "r.e2": "3"}, {"th": "ไม่ข้าม", "en": "without gaps"}),
    ]
    for url, data, message in cases:
        response = phone.post(url, data={"csrf": csrf, **data})
        assert response.status_code == 422, (url, data)
        shown = " ".join(errors_of(response.text))
        assert message[locale] in shown, (url, data, shown)
        # the refused values are echoed back for the participant to fix
        for name, value in data.items():
            assert f'name="{name}"' in response.text
            if name.startswith("d."):
                assert f'name="{name}" min="0" max="3" step="1" inputmode="numeric" value="{value}"' in response.text
    assert snapshot(live) == before
    boss.__exit__(None, None, None)
    phone.__exit__(None, None, None)


def test_a_closed_step_refuses_answers_with_409_and_echoes_them(live: LiveServer, app: Any) -> None:
    with client(app) as boss, client(app) as phone:
        fcsrf = facilitator(boss, live)
        open_step(boss, fcsrf, "live/gather")
        csrf = join(phone, live)
        open_step(boss, fcsrf, None)
        before = snapshot(live)
        response = phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "เขียนช้าไป"})
        assert response.status_code == 409
        assert "ขั้นตอนนี้ปิดแล้ว" in response.text
        assert snapshot(live) == before
        open_step(boss, fcsrf, "live/gather", group="g2")  # another group's step does not open ours
        response = phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "เขียนช้าไป"})
        assert response.status_code == 409


def test_table_rows_and_choices_are_checked_like_the_cli(live: LiveServer, app: Any) -> None:
    with client(app) as boss, client(app) as phone:
        open_step(boss, facilitator(boss, live), "live/gather")
        csrf = join(phone, live, lang="en")
        page = phone.get("/p?lang=en")
        bad = phone.post("/p/live/gather/plan", data={"csrf": csrf, "nonce": nonce_of(page.text),
                                                      "f.due": "someday"})
        assert bad.status_code == 422 and "Goal is required." in errors_of(bad.text)[0]
        bad = phone.post("/p/live/gather/plan", data={"csrf": csrf, "nonce": nonce_of(page.text),
                                                      "f.goal": "x", "f.due": "someday"})
        assert "is not a date" in errors_of(bad.text)[0]
        bad = phone.post("/p/live/gather/mood", data={"csrf": csrf, "choice": ["good", "bad"]})
        assert "Only one choice" in errors_of(bad.text)[0]
        ok = phone.post("/p/live/gather/plan", data={"csrf": csrf, "nonce": nonce_of(page.text),
                                                     "f.goal": "ซ้อมแผน", "f.due": "๒๒ ธันวาคม ๒๕๖๐",
                                                     "f.cost": "1200"})
        assert ok.status_code == 200
        row = group(live).entries_for("live", "gather", "plan")[0].row
        assert row == {"goal": "ซ้อมแผน", "due": "2017-12-22", "cost": "1200"}
        ok = phone.post("/p/live/gather/mood", data={"csrf": csrf, "choice": "good"})
        assert ok.status_code == 200
        ok = phone.post("/p/live/gather/mood", data={"csrf": csrf, "choice": "bad"})
        moods = group(live).entries_for("live", "gather", "mood")
        assert [e.text for e in moods] == ["bad"]  # changed, not added


def test_every_prompt_kind_renders_and_saves(live: LiveServer, app: Any) -> None:
    boss, phone, csrf, _ = _scored(live, app)
    page = phone.get("/p")
    for text in ("ไม่เคย", "ส่วนใหญ่", "ไม่เกี่ยวข้อง", "สนุก", "ปลอดภัย", "เหลือ ๕ จุด จาก ๕ จุด",
                 "ไม่เกินรายการละ ๓ จุด", 'name="r.e1"', 'name="v.e1.fun"'):
        assert text in page.text, text
    assert phone.post("/p/live/vote/true", data={"csrf": csrf, "v.e1.": "mostly", "v.e2.": "na"}).status_code == 200
    assert phone.post("/p/live/vote/fit", data={"csrf": csrf, "v.e1.fun": "3", "v.e1.safe": "1"}).status_code == 200
    assert phone.post("/p/live/vote/dots", data={"csrf": csrf, "d.e1": "3", "d.e3": "2"}).status_code == 200
    assert phone.post("/p/live/vote/order", data={"csrf": csrf, "r.e3": "1", "r.e1": "2"}).status_code == 200
    g = group(live)
    pid = next(iter(live.private.keys.values()))
    from lessonkit.scores import NA

    assert g.scores["live/vote/true"].ballot(pid) == {"e1": 2.0, "e2": NA}
    assert g.scores["live/vote/fit"].ballot(pid, "fun") == {"e1": 3.0}
    assert g.scores["live/vote/fit"].ballot(pid, "safe") == {"e1": 1.0}
    assert g.scores["live/vote/dots"].ballot(pid) == {"e1": 3.0, "e3": 2.0}
    assert g.scores["live/vote/order"].ballot(pid) == {"e3": 1.0, "e1": 2.0}
    # absolute state: a new allocation replaces the old one, it does not add to it
    assert phone.post("/p/live/vote/dots", data={"csrf": csrf, "d.e2": "5"}).status_code == 422
    assert phone.post("/p/live/vote/dots", data={"csrf": csrf, "d.e2": "3"}).status_code == 200
    assert g.scores["live/vote/dots"].ballot(pid) == {"e2": 3.0}
    page = phone.get("/p")
    assert "เหลือ ๒ จุด จาก ๕ จุด" in page.text
    from lessonkit.workshop import session_problems

    assert session_problems(live.session, live.registry) == []
    boss.__exit__(None, None, None)
    phone.__exit__(None, None, None)


# -- 5, 6. idempotence and group commit ---------------------------------------------------------------


def test_the_same_post_twice_stores_one_answer(live: LiveServer, app: Any) -> None:
    with client(app) as boss, client(app) as phone:
        open_step(boss, facilitator(boss, live), "live/gather")
        csrf = join(phone, live)
        page = phone.get("/p")
        form = {"csrf": csrf, "nonce": nonce_of(page.text), "items": "หนึ่ง\nสอง"}
        for _ in range(2):
            assert phone.post("/p/live/gather/ideas", data=form).status_code == 200
        assert [e.text for e in group(live).entries_for("live", "gather", "ideas")] == ["หนึ่ง", "สอง"]
        for _ in range(2):
            phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "เรื่องเดียว"})
        assert len(group(live).entries_for("live", "gather", "story")) == 1


def test_fifty_concurrent_submissions_are_all_stored_with_fewer_fsyncs(
        live: LiveServer, app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import httpx

    with client(app) as boss:
        open_step(boss, facilitator(boss, live), "live/gather")
    phones: list[tuple[dict[str, str], str]] = []
    with client(app) as setup:
        for _ in range(50):
            setup.cookies.clear()
            csrf = join(setup, live)
            phones.append(({live.cookie_name: str(setup.cookies.get(live.cookie_name))}, csrf))
    calls = []
    real = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (calls.append(fd), real(fd))[1])
    commits_before = live.store.commits

    async def main() -> list[int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            async def one(n: int) -> int:
                cookies, csrf = phones[n]
                response = await http.post("/p/live/gather/story", data={"csrf": csrf, "text": f"เรื่อง {n}"},
                                           cookies=cookies)
                return response.status_code
            return await asyncio.gather(*(one(n) for n in range(50)))

    codes = asyncio.run(main())
    assert codes == [303] * 50
    stories = group(live).entries_for("live", "gather", "story")
    assert sorted(e.text for e in stories) == sorted(f"เรื่อง {n}" for n in range(50))
    assert 1 <= live.store.commits - commits_before < 50
    assert 1 <= len(calls) < 50
    reloaded = live.store.journal_path.read_text(encoding="utf-8").count('"op":"answer"')
    assert reloaded == 50


# -- 8. escaping everywhere -----------------------------------------------------------------------------


def test_hostile_text_shows_as_text_on_every_page_svg_and_report(live: LiveServer, app: Any) -> None:
    boss, phone, csrf, fcsrf = _scored(live, app)
    open_step(boss, fcsrf, "live/gather")
    add_ideas(phone, csrf, HOSTILE)
    phone.post("/p/live/gather/story", data={"csrf": csrf, "text": HOSTILE})
    open_step(boss, fcsrf, "live/vote")
    phone.post("/p/live/vote/dots", data={"csrf": csrf, "d.e4": "2"})
    for prompt in ("live/vote/dots", "live/gather/ideas"):
        boss.post("/f/do", data={"csrf": fcsrf, "action": "reveal", "group": "g1", "prompt": prompt})
    boss.post("/f/do", data={"csrf": fcsrf, "action": "action", "group": "g1", "what": HOSTILE})
    projector = f"/s/{live.tokens['projector']}"
    pages = {
        "phone": phone.get("/p").text,
        "dashboard": boss.get("/f").text,
        "projector": boss.get(projector).text,
        "board": boss.get(f"{projector}/board").text,
        "report.html": boss.get("/f/report.html").text,
    }
    open_step(boss, fcsrf, "live/gather")
    pages["phone (gather)"] = phone.get("/p").text
    for name, html in pages.items():
        assert "<script>alert" not in html, name
        assert "<img src=x" not in html, name
    assert "&lt;script&gt;" in pages["projector"] and "&lt;img src=x onerror" in pages["projector"]
    assert '<title>&lt;script&gt;alert(&#34;x&#34;)' in pages["board"]  # the SVG bar's label
    assert "&lt;script&gt;" in pages["dashboard"] and "&lt;script&gt;" in pages["phone (gather)"]
    assert "<script>alert" not in boss.get("/f/report.svg").text if "svg" in live.registry.renderers else True
    headers = boss.get(projector).headers
    assert headers["content-security-policy"].startswith("default-src 'self'")
    assert "'unsafe-inline'" not in headers["content-security-policy"]
    boss.__exit__(None, None, None)
    phone.__exit__(None, None, None)


# -- 9. Server-Sent Events -------------------------------------------------------------------------------


def test_events_send_the_board_to_a_client_behind_and_nothing_to_one_up_to_date(live: LiveServer, app: Any) -> None:
    url = f"/s/{live.tokens['projector']}/events"
    with client(app) as boss:
        open_step(boss, facilitator(boss, live), "live/gather")
        current = live.writer.revision
        with boss.stream("GET", url, headers={"last-event-id": str(current)}) as response:
            body = "".join(response.iter_text())  # the stream ends after sse_lifetime
        assert "event: board" not in body and "retry: 3000" in body
        with boss.stream("GET", url, headers={"last-event-id": str(current - 1)}) as response:
            body = "".join(response.iter_text())
        assert body.count("event: board") == 1 and f"id: {current}\n" in body
        assert "data: " in body and "กลุ่ม 1" in body
        assert boss.get(url.replace(live.tokens["projector"], "nope")).status_code == 403


def test_projectors_at_the_same_revision_share_one_board_render(live: LiveServer, app: Any,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from lessonkit.serve import routes

    built: list[int] = []
    real = routes._board_context

    def counted(request: Any) -> dict[str, Any]:
        built.append(live.writer.revision)
        return real(request)

    monkeypatch.setattr(routes, "_board_context", counted)
    url = f"/s/{live.tokens['projector']}/events"
    with client(app) as boss:
        open_step(boss, facilitator(boss, live), "live/gather")
        bodies = []
        for _screen in range(3):  # three projectors (or three reconnects) at the same revision
            with boss.stream("GET", url) as response:
                bodies.append("".join(response.iter_text()))
        assert all(b.count("event: board") == 1 for b in bodies)
        boards = {b[b.index("id: "):].split("\n\n")[0] for b in bodies}  # (a ping may follow, timing)
        assert len(boards) == 1
        assert len(built) == 1
        boss.post("/f/do", data={"csrf": facilitator(boss, live), "action": "close", "group": ""})
        with boss.stream("GET", url) as response:
            assert "event: board" in "".join(response.iter_text())
        assert len(built) == 2 and built[1] > built[0]  # a change: rendered again


def test_answered_counts_participants_with_any_score_of_the_prompts_criteria() -> None:
    from lessonkit.model import Group
    from lessonkit.scores import NA, ScoreTable
    from lessonkit.serve.board import answered

    registry = live_registry()
    method = registry.method("live")
    step, fit = method.find_prompt("vote", "fit")  # criteria fun, safe
    _step, dots = method.find_prompt("vote", "dots")
    g = Group(key="g1", name="กลุ่ม 1")
    table = ScoreTable()
    table.set("p1", "e1", 3, "fun")
    table.set("p2", "e2", NA, "safe")  # "does not apply" is an answer
    table.set("p3", "e1", 2, "other")  # a criterion the prompt does not have
    table.set("p4", "e1", 1, "fun")
    table.set("p4", "e1", None, "fun")  # cleared again: absent
    g.scores["live/vote/fit"] = table
    assert answered(g, method, step, fit) == 2
    assert answered(g, method, step, dots) == 0
    ballots = ScoreTable()
    ballots.set_ballot("p1", {"e1": 3, "e2": 2})
    ballots.set_ballot("p2", {"e3": 1})
    g.scores["live/vote/dots"] = ballots
    assert answered(g, method, step, dots) == 2


def test_events_end_when_the_server_stops(live: LiveServer, app: Any) -> None:
    live.sse_lifetime = 60
    url = f"/s/{live.tokens['projector']}/events"
    with client(app) as boss:
        live.stopping = True
        with boss.stream("GET", url + "?lang=en") as response:
            body = "".join(response.iter_text())
        assert body == ("retry: 3000\n\nevent: bye\ndata: The workshop server has stopped; this screen "
                        "will update again when it is back.\n\n")


# -- 10, 11. the projector ----------------------------------------------------------------------------


def test_the_projector_shows_counts_until_revealed_then_the_ranked_table(live: LiveServer, app: Any) -> None:
    boss, phone, csrf, fcsrf = _scored(live, app)
    phone.post("/p/live/vote/dots", data={"csrf": csrf, "d.e2": "3", "d.e1": "1"})
    projector = f"/s/{live.tokens['projector']}"
    hidden = boss.get(projector).text
    assert "ซ้อมแผน" not in hidden and "ตอบแล้ว ๑ คน" in hidden and "คำตอบจะซ่อนไว้" in hidden
    boss.post("/f/do", data={"csrf": fcsrf, "action": "reveal", "group": "g1", "prompt": "live/vote/dots"})
    shown = boss.get(projector + "?group=g1").text
    rows = re.findall(r"<tr[^>]*><td class=\"num\">([^<]*)</td><td>([^<]*)", shown)
    assert rows[:3] == [("๑", "ซ้อมแผน"), ("๒", "ฝึกอบรม"), ("๓", "ประชุม")]
    assert "<svg class=\"bar\"" in shown and 'width="100.0"' in shown
    assert "กลุ่ม 2" not in shown  # one group's projector
    assert '<meta http-equiv="refresh" content="2">' in shown  # inside <noscript>
    assert f"/s/{live.tokens['projector']}/qr/g1.svg" in shown
    qr = boss.get(f"{projector}/qr/g1.svg")
    assert qr.status_code == 200 and qr.text.lstrip().startswith("<svg")
    assert boss.get("/s/wrong-token").status_code == 403
    assert boss.get("/s/wrong-token/qr/g1.svg").status_code == 403
    boss.__exit__(None, None, None)
    phone.__exit__(None, None, None)


def test_an_empty_projector_renders(tmp_path: Path, registry: Any) -> None:
    path = make_file(tmp_path / "empty.json", registry, groups=0)
    server = LiveServer(path, registry)
    server.open()
    try:
        with client(create_app(server)) as boss:
            response = boss.get(f"/s/{server.tokens['projector']}")
            assert response.status_code == 200 and "<main>" in response.text
            assert boss.get(f"/f/{server.tokens['facilitator']}").status_code == 200
    finally:
        server.close()


def test_the_dashboard_shows_counts_not_content_until_revealed(live: LiveServer, app: Any) -> None:
    with client(app) as boss, client(app) as phone:
        fcsrf = facilitator(boss, live)
        open_step(boss, fcsrf, "live/gather")
        csrf = join(phone, live)
        phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "ความลับของกลุ่ม"})
        add_ideas(phone, csrf, "ข้อเสนอหนึ่ง")
        dash = boss.get("/f").text
        assert "ความลับของกลุ่ม" not in dash and "ข้อเสนอหนึ่ง" not in dash
        assert "ตอบแล้ว ๑ จาก ๒ คน" in dash and "๑ รายการ" in dash
        boss.post("/f/do", data={"csrf": fcsrf, "action": "reveal", "group": "g1",
                                 "prompt": "live/gather/ideas"})
        assert "ข้อเสนอหนึ่ง" in boss.get("/f").text


# -- facilitator controls -------------------------------------------------------------------------------


def test_rename_merge_tag_and_action_items(live: LiveServer, app: Any) -> None:
    boss, phone, csrf, fcsrf = _scored(live, app)
    phone.post("/p/live/vote/dots", data={"csrf": csrf, "d.e3": "2"})

    def do(**data: str) -> Any:
        response = boss.post("/f/do", data={"csrf": fcsrf, "group": "g1", **data})
        assert response.status_code == 200, response.text
        return response

    do(action="rename", entry="e1", text="ฝึกอบรมประจำปี")
    do(action="merge", entry="e3", keep="e2")
    do(action="tag", entry="e2", tags="ความพร้อม, แผน")
    do(action="action", what="จัดซ้อมแผน", owner="อบต.", due="๒๒ ธันวาคม ๒๕๖๐")
    g = group(live)
    assert [e.text for e in g.entries_for("live", "gather", "ideas")] == ["ฝึกอบรมประจำปี", "ซ้อมแผน"]
    assert g.entry("e2").tags == ["ความพร้อม", "แผน"]
    pid = next(iter(live.private.keys.values()))
    assert g.scores["live/vote/dots"].ballot(pid) == {"e2": 2.0}  # the merged item's dots moved
    assert live.session.data["live"]["aliases"]["g1"] == {"e3": "e2"}
    assert g.actions[0].what == "จัดซ้อมแผน" and str(g.actions[0].due) == "2017-12-22"
    bad = boss.post("/f/do", data={"csrf": fcsrf, "group": "g1", "action": "merge", "entry": "e2", "keep": "e2"})
    assert bad.status_code == 422
    from lessonkit.workshop import session_problems

    assert session_problems(live.session, live.registry) == []
    boss.__exit__(None, None, None)
    phone.__exit__(None, None, None)


def test_downloads_every_installed_format_and_the_session_file(live: LiveServer, app: Any) -> None:
    boss, phone, _csrf, _ = _scored(live, app)
    for key in live.registry.renderers:
        response = boss.get(f"/f/report.{key}")
        assert response.status_code == 200, key
        assert "attachment" in response.headers["content-disposition"]
        if not live.registry.renderers.get(key).binary:
            assert "ซ้อมแผน" in response.text, key
    session = files.loads(boss.get("/f/session.json").content)
    assert [e.text for e in session.group("g1").entries] == ["ฝึกอบรม", "ซ้อมแผน", "ประชุม"]
    assert boss.get("/f/report.nope").status_code == 404
    boss.__exit__(None, None, None)
    phone.__exit__(None, None, None)


# -- 12. limits ---------------------------------------------------------------------------------------------


def test_an_oversized_body_is_413_and_a_burst_is_429(live: LiveServer, app: Any) -> None:
    with client(app) as boss, client(app) as phone:
        open_step(boss, facilitator(boss, live), "live/gather")
        csrf = join(phone, live)
        before = snapshot(live)
        big = phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "ก" * 70_000})
        assert big.status_code == 413 and "64 KiB" in big.text
        assert snapshot(live) == before
        long_text = phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "a" * 5000})
        assert long_text.status_code == 422 and "ยาวเกินไป" in long_text.text
        live.rate.burst = 5
        live.rate.rate = 0.1  # refills slower than any machine sends: the 429 does not depend on load
        codes = [phone.post("/p/live/gather/story", data={"csrf": csrf, "text": f"{n}"}).status_code
                 for n in range(10)]
        assert 429 in codes and codes[0] != 429
        assert "ส่งถี่เกินไป" in phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "x"}).text
        # another participant in the same room (same address) is not slowed down
        with client(app) as other:
            csrf2 = join(other, live)
            assert other.post("/p/live/gather/story", data={"csrf": csrf2, "text": "ok"}).status_code == 200


# -- 13. without JavaScript ----------------------------------------------------------------------------------


def test_pages_work_without_javascript(live: LiveServer, app: Any) -> None:
    with client(app) as boss, client(app) as phone:
        open_step(boss, facilitator(boss, live), "live/gather")
        csrf = join(phone, live)
        page = phone.get("/p")
        assert '<form method="post" action="/p/live/gather/story#story"' in page.text
        assert "<script src=\"/static/phone.js\" defer></script>" in page.text
        assert "onclick" not in page.text and "<script>" not in page.text
        response = phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "ไม่มีจาวาสคริปต์"})
        assert response.history[0].status_code == 303  # post, redirect, get
        assert "บันทึกแล้ว" in response.text
        boss.post("/f/do", data={"csrf": facilitator(boss, live), "action": "close", "group": ""})
        waiting = phone.get("/p")
        assert '<meta http-equiv="refresh" content="10">' in waiting.text and "ยังไม่มีขั้นตอน" in waiting.text


def test_the_page_after_saving_shows_only_the_next_question(live: LiveServer, app: Any) -> None:
    """PRG's "saved" page is small whatever the step: the saved notice, the next form (and the
    list again after adding to it), links to the whole step; the whole step stays at /p."""
    with client(app) as boss, client(app) as phone:
        open_step(boss, facilitator(boss, live), "live/gather")
        csrf = join(phone, live)
        whole = phone.get("/p?lang=en").text
        assert whole.count("<form method=\"post\"") == 4  # story, mood, ideas, plan
        page = phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "เกิดเหตุ"})
        assert page.history[0].status_code == 303 and "saved=story" in str(page.url)
        forms = re.findall(r'<form method="post" action="([^"#]+)', page.text)
        assert forms == ["/p/live/gather/mood"], forms  # the next question only
        assert "Saved." in page.text and "What happened?" in page.text
        assert 'href="/p#story"' in page.text and 'href="/p"' in page.text  # change it, or see all
        page = phone.post("/p/live/gather/ideas", data={"csrf": csrf, "nonce": nonce_of(page.text) or "n" * 12,
                                                         "items": "หนึ่ง"})
        forms = re.findall(r'<form method="post" action="([^"#]+)', page.text)
        assert forms == ["/p/live/gather/ideas", "/p/live/gather/plan"], forms  # add another, or go on
        assert "หนึ่ง" in page.text
        page = phone.post("/p/live/gather/plan", data={"csrf": csrf, "nonce": "m" * 12, "f.goal": "ทำ"})
        forms = re.findall(r'<form method="post" action="([^"#]+)', page.text)
        assert forms == ["/p/live/gather/plan"], forms  # the last prompt: no next one
        page = phone.post("/p/live/gather/mood", data={"csrf": csrf, "choice": "good"})
        assert "That was the last question" not in page.text
        # an unknown or stale "saved" shows the whole step
        assert phone.get("/p?saved=nope").text.count("<form method=\"post\"") == 4
        # after the story (not the last), the page has no step-end note; the last answer kind has one
        boss.post("/f/do", data={"csrf": facilitator(boss, live), "action": "open", "group": "",
                                 "target": "live/vote"})
        page = phone.get("/p?saved=order&lang=en")
        assert "That was the last question of this step." in page.text
        assert "<form method=\"post\"" not in page.text and "refresh" not in page.text


class _CountingList(list):  # type: ignore[type-arg]
    """A list that counts how often it is walked through whole."""

    walks = 0

    def __iter__(self) -> Any:
        type(self).walks += 1
        return super().__iter__()


def test_a_submission_does_not_walk_the_whole_group(live: LiveServer, app: Any) -> None:
    """An answer and its saved page cost O(answer): with thousands of entries in the group, a
    submission never iterates over the group's entries or participants (the model's index does
    the lookups)."""
    from lessonkit.model import Entry, Participant

    g = group(live)
    for n in range(2000):
        g.participants.append(Participant(key=f"old{n}"))
        g.entries.append(Entry(id=f"o{n}", method="live", step="gather", prompt="story",
                               text=f"เดิม {n}", participant=f"old{n}"))
    with client(app) as boss, client(app) as phone:
        open_step(boss, facilitator(boss, live), "live/gather")
        csrf = join(phone, live)
        assert phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "อุ่นเครื่อง"}).status_code == 200
        g.entries = _CountingList(g.entries)
        g.participants = _CountingList(g.participants)
        # the index notices the new lists and gathers each prompt's entries once (as after loading)
        for prompt, form in (("mood", {"choice": "good"}), ("story", {"text": "อีกครั้ง"})):
            warm = phone.post(f"/p/live/gather/{prompt}", data={"csrf": csrf, **form})
            assert warm.status_code == 200, warm.text
        _CountingList.walks = 0
        for n in range(3):
            page = phone.post("/p/live/gather/story", data={"csrf": csrf, "text": f"ครั้งที่ {n}"})
            assert page.status_code == 200 and "saved=story" in str(page.url)
            page = phone.post("/p/live/gather/mood", data={"csrf": csrf, "choice": "bad"})
            assert page.status_code == 200 and "saved=mood" in str(page.url)
        assert _CountingList.walks == 0
        who = live.participant_of(phone.cookies.get(live.cookie_name))
    assert who is not None
    assert [e.text for e in g.entries_by("live", "gather", "story", who[1])] == ["ครั้งที่ 2"]


def test_the_live_state_survives_a_restart(tmp_path: Path, registry: Any) -> None:
    path = make_file(tmp_path / "ws.json", registry)
    server = LiveServer(path, registry)
    server.open()
    with client(create_app(server)) as boss, client(create_app(server)) as phone:
        pass
    app = create_app(server)
    with client(app) as boss, client(app) as phone:
        open_step(boss, facilitator(boss, server), "live/gather")
        csrf = join(phone, server)
        phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "ก่อนหยุด"})
        cookie = phone.cookies.get(server.cookie_name)
        tokens = dict(server.tokens)
    server.close()
    assert files.load(path).data["live"]["open"]["g1"] == "live/gather"
    again = LiveServer(path, registry)
    again.open()
    try:
        assert again.tokens["facilitator"] == tokens["facilitator"]
        assert again.participant_of(cookie) is not None
    finally:
        again.close()


def test_a_rejoin_code_continues_as_the_same_participant_in_another_browser(tmp_path: Path, registry: Any) -> None:
    path = make_file(tmp_path / "ws.json", registry)
    server = LiveServer(path, registry)
    server.open()
    app = create_app(server)
    with client(app) as boss, client(app) as phone, client(app) as laptop, client(app) as stranger:
        open_step(boss, facilitator(boss, server), "live/gather")
        csrf = join(phone, server)
        page = phone.get("/p?lang=en").text
        found = re.search(r'<p class="code" lang="en">([A-Z2-9]{5}-[A-Z2-9]{5})</p>', page)
        assert found and "open http://testserver/ there and type this code" in page
        code = found.group(1)
        assert "class=\"code\"" not in phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "จากโทรศัพท์"}).text
        who = server.participant_of(phone.cookies.get(server.cookie_name))
        # another browser types the code (any case, without the dash) on the join page
        home = laptop.get("/")
        typed = laptop.post("/", data={"csrf": csrf_of(home.text), "code": code.replace("-", " ").lower()})
        assert typed.history[0].status_code == 303 and typed.url.path == "/p"
        assert server.participant_of(laptop.cookies.get(server.cookie_name)) == who
        assert "จากโทรศัพท์" in typed.text  # the same participant's answer, to change
        later = laptop.post("/p/live/gather/story", data={"csrf": csrf_of(typed.text), "text": "จากแล็ปท็อป"})
        assert later.status_code == 200
        answers = [e.text for e in group(server).entries_for("live", "gather", "story")]
        assert answers == ["จากแล็ปท็อป"]  # changed, not a second participant's answer
        assert len(group(server).participants) == 1
        # a wrong code of the same length: refused, nobody joined
        home = stranger.get("/")
        wrong = stranger.post("/", data={"csrf": csrf_of(home.text), "code": "AAAAA-AAAAA"})
        assert wrong.status_code == 422 and "ไม่พบกลุ่มที่ใช้รหัสนี้" in wrong.text
        assert server.participant_of(stranger.cookies.get(server.cookie_name)) is None
    server.close()
    # only hashes are kept, outside the session file; the code still works after a restart
    kept = (path.parent / "ws.json.live").read_text(encoding="utf-8")
    assert code not in kept and code.replace("-", "") not in kept and code not in path.read_text(encoding="utf-8")
    again = LiveServer(path, registry)
    again.open()
    try:
        with client(create_app(again)) as other:
            home = other.get("/")
            assert other.post("/", data={"csrf": csrf_of(home.text), "code": code}).url.path == "/p"
            assert again.participant_of(other.cookies.get(again.cookie_name)) == who
    finally:
        again.close()


def test_a_participant_who_joined_before_rejoin_codes_gets_one(live: LiveServer, app: Any) -> None:
    with client(app) as phone, client(app) as other:
        join(phone, live)
        live.private.rejoin.clear()  # as a FILE.live written before this version
        code = re.search(r'<p class="code" lang="en">([^<]+)</p>', phone.get("/p").text)
        assert code and len(live.private.rejoin) == 1
        home = other.get("/")
        assert other.post("/", data={"csrf": csrf_of(home.text), "code": code.group(1)}).url.path == "/p"


# -- the live_view hook -----------------------------------------------------------------------------------


GRID = """<table class="grid">{% for item, text in view["items"] %}<tr><th>{{ text }}</th>
{% for key, label in view.criteria %}{% set name = "v." ~ item ~ "." ~ key %}<td><select name="{{ name }}">
<option value="">–</option>{% for value, vlabel in view.points %}<option value="{{ value }}"{% if view.current[name] == value %} selected{% endif %}>{{ vlabel }}</option>{% endfor %}
</select></td>{% endfor %}</tr>{% endfor %}</table>"""


class GridPlugin:
    """A plugin's own participant view (a grid of selects) and projector view."""

    from lessonkit import hookimpl

    @hookimpl
    def live_view(self, view: str, method: Any, prompt: Any) -> Any:
        if method.key == "live" and prompt.key == "fit":
            return GRID if view == "participant" else "<p class=\"mine\">{{ view.answered }} · {{ prompt.key }}</p>"
        return None


class BrokenViewPlugin:
    from lessonkit import hookimpl

    @hookimpl
    def live_view(self, prompt: Any) -> Any:
        if prompt.key == "true":
            return "{% for x in %}"  # not a template
        return None


def test_a_plugin_view_replaces_the_built_in_one_and_posts_the_same_fields(tmp_path: Path) -> None:
    from _serve_fixtures import LivePlugin

    from lessonkit.plugins import get_registry

    registry = get_registry(plugins=[("livetest", LivePlugin()), ("grid", GridPlugin()),
                                     ("broken", BrokenViewPlugin())])
    path = make_file(tmp_path / "ws.json", registry)
    server = LiveServer(path, registry)
    server.open()
    try:
        app = create_app(server)
        with client(app) as boss, client(app) as phone:
            fcsrf = facilitator(boss, server)
            open_step(boss, fcsrf, "live/gather")
            csrf = join(phone, server)
            add_ideas(phone, csrf, HOSTILE, "ซ้อมแผน")
            open_step(boss, fcsrf, "live/vote")
            page = phone.get("/p").text
            assert '<table class="grid">' in page and '<select name="v.e1.fun">' in page
            assert "&lt;script&gt;" in page and "<script>alert" not in page  # still escaped
            # the broken plugin is left out: the built-in view shows, with a warning
            assert 'type="radio" name="v.e1."' in page
            assert any("plugin 'broken' failed in live_view" in w for w in registry.warnings)
            response = phone.post("/p/live/vote/fit", data={"csrf": csrf, "v.e2.fun": "3", "v.e2.safe": "2"})
            assert response.status_code == 200
            pid = next(iter(server.private.keys.values()))
            assert server.session.group("g1").scores["live/vote/fit"].ballot(pid, "safe") == {"e2": 2.0}
            assert '<option value="3" selected>' in phone.get("/p").text
            assert phone.post("/p/live/vote/fit", data={"csrf": csrf, "v.e2.fun": "7"}).status_code == 422
            board = boss.get(f"/s/{server.tokens['projector']}").text
            assert '<p class="mine">1 · fit</p>' in board
    finally:
        server.close()


def test_a_failed_fsync_is_a_503_with_the_form_shown_again(live: LiveServer, app: Any,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import lessonkit.store.journal as journal

    with client(app) as boss, client(app) as phone:
        open_step(boss, facilitator(boss, live), "live/gather")
        csrf = join(phone, live)
        size = live.store.journal_path.stat().st_size

        def full_disk(_fd: int) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(journal, "durable_fsync", full_disk)
        response = phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "ยังไม่ได้บันทึก"})
        assert response.status_code == 503
        assert "เซิร์ฟเวอร์บันทึกลงดิสก์ไม่ได้" in response.text and "ยังไม่ได้บันทึก" in response.text
        assert live.store.journal_path.stat().st_size == size  # the half-written batch was cut off
        monkeypatch.undo()
        response = phone.post("/p/live/gather/story", data={"csrf": csrf, "text": "บันทึกได้แล้ว"})
        assert response.status_code == 200
        assert "บันทึกได้แล้ว" in live.store.journal_path.read_text(encoding="utf-8")


def test_fonts_come_from_the_package_or_not_at_all(live: LiveServer, app: Any) -> None:
    from importlib import resources

    with client(app) as anyone:
        css = anyone.get("/static/live.css").text
        assert "url(/fonts/sarabun-thai-400-normal.woff2)" in css and "http" not in css
        shipped = resources.files("lessonkit") / "fonts" / "sarabun-thai-400-normal.woff2"
        response = anyone.get("/fonts/sarabun-thai-400-normal.woff2")
        if shipped.is_file():
            assert response.status_code == 200 and response.content == shipped.read_bytes()
        else:
            assert response.status_code == 404
        assert anyone.get("/fonts/..%2F__init__.py").status_code == 404
        assert anyone.get("/fonts/OFL.txt").status_code == 404


# -- a whole AAR → EE workshop with the built-in methods --------------------------------------------------


def test_a_whole_aar_then_ee_workshop_ends_in_the_report(tmp_path: Path) -> None:
    from lessonkit.plugins import get_registry

    registry = get_registry()
    path = make_file(tmp_path / "ws.json", registry, methods=("aar", "ee"), groups=1)
    server = LiveServer(path, registry)
    server.open()
    app = create_app(server)
    with client(app) as boss, client(app) as one, client(app) as two:
        fcsrf = facilitator(boss, server)
        steps = re.findall(r'<option value="([a-z0-9_]+/[a-z0-9_]+)"', boss.get("/f").text)
        assert steps[:2] == ["aar/review", "aar/synthesis"] and "aar/review4" not in steps  # the form in use
        phones = [(one, join(one, server)), (two, join(two, server))]

        def post(phone: TestClient, csrf: str, url: str, **data: str) -> None:
            page = phone.get("/p")
            response = phone.post(url, data={"csrf": csrf, "nonce": nonce_of(page.text), **data})
            assert response.status_code == 200 and "saved=" in str(response.url), (url, errors_of(response.text))

        open_step(boss, fcsrf, "aar/review")
        for n, (phone, _) in enumerate(phones):
            csrf = csrf_of(phone.get("/p").text)
            for prompt in ("expected", "actual", "why_differ", "went_well", "recommend"):
                post(phone, csrf, f"/p/aar/review/{prompt}", text=f"{prompt} ของคนที่ {n + 1}")
        open_step(boss, fcsrf, "aar/synthesis")
        csrf1 = csrf_of(one.get("/p").text)
        csrf2 = csrf_of(two.get("/p").text)
        post(one, csrf1, "/p/aar/synthesis/sustain", items="ซ้อมแผนทุกปี")
        post(two, csrf2, "/p/aar/synthesis/improve", items="ประสานงานล่วงหน้า\nเพิ่มอาสาสมัคร")
        improve = [e.id for e in group(server).entries_for("aar", "synthesis", "improve")]
        post(one, csrf1, "/p/aar/synthesis/priority", **{f"d.{improve[0]}": "2", f"d.{improve[1]}": "1"})
        post(two, csrf2, "/p/aar/synthesis/priority", **{f"d.{improve[1]}": "3"})

        open_step(boss, fcsrf, "ee/mission")
        post(one, csrf1, "/p/ee/mission/objectives", items="ลดอุบัติเหตุ")
        post(two, csrf2, "/p/ee/mission/goals", items="ไม่มีผู้เสียชีวิต")
        open_step(boss, fcsrf, "ee/taking_stock")
        post(one, csrf1, "/p/ee/taking_stock/activities", items="ตั้งด่านชุมชน\nรณรงค์สวมหมวก")
        activities = [e.id for e in group(server).entries_for("ee", "taking_stock", "activities")]
        for phone, csrf, scores in ((one, csrf1, ("3", "2")), (two, csrf2, ("3", "3"))):
            post(phone, csrf, "/p/ee/taking_stock/importance",
                 **{f"v.{a}.": s for a, s in zip(activities, scores, strict=True)})
            post(phone, csrf, "/p/ee/taking_stock/dots", **{f"d.{activities[0]}": "3", f"d.{activities[1]}": "2"})
            post(phone, csrf, "/p/ee/taking_stock/rating", **{f"v.{a}.": "7" for a in activities})
        open_step(boss, fcsrf, "ee/planning")
        post(two, csrf2, "/p/ee/planning/plan", **{"f.activity": "ตั้งด่านชุมชน", "f.goal": "ไม่มีผู้เสียชีวิต",
                                                    "f.due": "๓๑ ธันวาคม ๒๕๖๑"})
        boss.post("/f/do", data={"csrf": fcsrf, "group": "g1", "action": "reveal",
                                 "prompt": "ee/taking_stock/importance"})
        open_step(boss, fcsrf, "ee/taking_stock")
        board = boss.get(f"/s/{server.tokens['projector']}").text
        assert re.search(r'<td class="num">๑</td><td>ตั้งด่านชุมชน', board)
        report = boss.get("/f/report.md").text
        for text in ("expected ของคนที่ 1", "recommend ของคนที่ 2", "ซ้อมแผนทุกปี", "เพิ่มอาสาสมัคร",
                     "ลดอุบัติเหตุ", "ไม่มีผู้เสียชีวิต", "รณรงค์สวมหมวก", "ตั้งด่านชุมชน"):
            assert text in report, text
    server.close()
    from lessonkit.workshop import session_problems

    saved = files.load(path)
    assert session_problems(saved, registry) == []
    assert len(saved.group("g1").participants) == 2


def test_a_vote_for_an_item_merged_meanwhile_is_explained(live: LiveServer, app: Any) -> None:
    boss, phone, csrf, fcsrf = _scored(live, app)
    phone.get("/p")  # the page still shows e3
    boss.post("/f/do", data={"csrf": fcsrf, "group": "g1", "action": "merge", "entry": "e3", "keep": "e2"})
    response = phone.post("/p/live/vote/dots", data={"csrf": csrf, "d.e3": "2"})
    assert response.status_code == 422
    assert "มีรายการถูกลบหรือรวมระหว่างนี้" in " ".join(errors_of(response.text))
    assert 'name="d.e3"' not in response.text and 'name="d.e2"' in response.text
    boss.__exit__(None, None, None)
    phone.__exit__(None, None, None)


def test_printable_table_cards_show_each_groups_qr_and_code(live: LiveServer, app: Any) -> None:
    with client(app) as boss, client(app) as stranger:
        assert stranger.get("/f/cards").status_code == 403
        facilitator(boss, live)
        page = boss.get("/f/cards").text
        for key in ("g1", "g2"):
            assert f"/s/{live.tokens['projector']}/qr/{key}.svg" in page
            assert live.tokens["groups"][key]["code"] in page
        assert page.count('class="table-card"') == 2 and "/f/cards" in boss.get("/f").text
