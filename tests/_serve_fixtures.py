"""A method with every prompt kind, a served session and helpers for the live workshop's tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lessonkit import (
    Choice,
    Criterion,
    Field,
    Level,
    LocalizedText,
    Method,
    Prompt,
    Scale,
    Step,
    hookimpl,
)

T = LocalizedText

LIVE_METHOD = Method(
    key="live",
    title=T(en="Live test method", th="วิธีทดสอบสด"),
    steps=(
        Step(key="gather", title=T(en="Gather", th="รวบรวม"), prompts=(
            Prompt(key="story", kind="text", text=T(en="What happened?", th="เกิดอะไรขึ้น")),
            Prompt(key="mood", kind="choice", text=T(en="How was it?", th="เป็นอย่างไร"),
                   choices=(Choice("good", T(en="Good", th="ดี")), Choice("bad", T(en="Bad", th="ไม่ดี")))),
            Prompt(key="ideas", kind="list", individual=False, text=T(en="Ideas", th="ข้อเสนอ")),
            Prompt(key="plan", kind="table", individual=False, text=T(en="Plan", th="แผน"),
                   fields=(Field("goal", T(en="Goal", th="เป้าหมาย"), required=True),
                           Field("due", T(en="Due", th="กำหนด"), kind="date"),
                           Field("cost", T(en="Cost", th="งบ"), kind="number"))),
        )),
        Step(key="vote", title=T(en="Vote", th="ลงคะแนน"), prompts=(
            Prompt(key="true", kind="score", items_from="gather.ideas", text=T(en="Is it true?", th="จริงไหม"),
                   scale=Scale.of_levels(Level("never", 1, T(en="Never", th="ไม่เคย")),
                                         Level("mostly", 2, T(en="Mostly", th="ส่วนใหญ่")), allow_na=True)),
            Prompt(key="fit", kind="score", items_from="gather.ideas", text=T(en="Fit", th="เหมาะ"),
                   scale=Scale.range(1, 3), criteria=(Criterion("fun", T(en="Fun", th="สนุก")),
                                                      Criterion("safe", T(en="Safe", th="ปลอดภัย")))),
            Prompt(key="dots", kind="dots", items_from="gather.ideas", budget=5, per_item_cap=3,
                   text=T(en="Dots", th="จุด")),
            Prompt(key="order", kind="rank", items_from="gather.ideas", max_ranked=3,
                   text=T(en="Order", th="ลำดับ")),
        )),
    ),
)


class LivePlugin:
    @hookimpl
    def register_methods(self, register: Any) -> None:
        register(LIVE_METHOD)


def live_registry() -> Any:
    from lessonkit.plugins import get_registry

    return get_registry(plugins=[("livetest", LivePlugin())])


def make_file(path: Path, registry: Any, *, methods: tuple[str, ...] = ("live",), groups: int = 2,
              locale: str = "th", names: tuple[str, ...] = ()) -> Path:
    from lessonkit import files, workshop

    session = workshop.new_session(registry, "การประชุมทดสอบ", methods=methods, locale=locale)
    for n in range(1, groups + 1):
        workshop.add_group(session, f"g{n}", f"กลุ่ม {n}")
    for name in names:
        workshop.add_participant(session, "g1", name=name)
    files.save(session, path)
    return path


CSRF = re.compile(r'name="csrf" value="([^"]+)"')
NONCE = re.compile(r'name="nonce" value="([^"]+)"')


def csrf_of(html: str) -> str:
    match = CSRF.search(html)
    assert match, "no CSRF field on the page"
    return match.group(1)


def nonce_of(html: str) -> str:
    match = NONCE.search(html)
    assert match, "no nonce field on the page"
    return match.group(1)


def join(client: Any, live: Any, group: str = "g1", **form: str) -> str:
    """Join ``group`` as a new participant; returns the CSRF field of the participant's forms."""
    token = live.tokens["groups"][group]["token"]
    page = client.get(f"/j/{token}")
    assert page.status_code == 200, page.text
    response = client.post(f"/j/{token}", data={"csrf": csrf_of(page.text), **form})
    assert response.status_code == 200 and response.url.path == "/p", response.text
    match = CSRF.search(response.text)  # none on the waiting page, when no step is open
    return match.group(1) if match else ""


def facilitator(client: Any, live: Any) -> str:
    response = client.get(f"/f/{live.tokens['facilitator']}")
    assert response.status_code == 200 and response.url.path == "/f"
    return csrf_of(response.text)


def open_step(client: Any, csrf: str, target: str | None, group: str = "") -> None:
    data = {"csrf": csrf, "action": "open" if target else "close", "group": group, "target": target or ""}
    response = client.post("/f/do", data=data)
    assert response.status_code == 200, response.text


def errors_of(html: str) -> list[str]:
    return re.findall(r'class="error"[^>]*>([^<]*)<', html)
