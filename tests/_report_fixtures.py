"""A small test method and sessions for the report and renderer tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from lessonkit import (
    ActionItem,
    Criterion,
    Entry,
    Field,
    Group,
    LocalizedText,
    Method,
    Participant,
    Prompt,
    Scale,
    Session,
    Step,
    hookimpl,
)
from lessonkit.plugins import Registry, get_plugin_manager, load_registry
from lessonkit.scores import ScoreTable

T = LocalizedText

METHOD = Method(
    key="demo",
    title=T(en="Demo evaluation", th="การประเมินตัวอย่าง"),
    steps=(
        Step(key="mission", title=T(en="Mission", th="กำหนดภารกิจที่คาดหวัง"), prompts=(
            Prompt(key="objectives", kind="list", text=T(en="Objectives", th="วัตถุประสงค์ของภารกิจ")),
            Prompt(key="importance", kind="score", text=T(en="Importance", th="ความสำคัญ"),
                   scale=Scale.range(1, 3), items_from="objectives"),
        )),
        Step(key="plan", title=T(en="Planning", th="การวางแผน"), prompts=(
            Prompt(key="plan", kind="table", text=T(en="Plan", th="แผน"), fields=(
                Field("goal", T(en="Goal", th="เป้าหมาย")),
                Field("evidence", T(en="Evidence", th="หลักฐาน")),
            )),
            Prompt(key="note", kind="text", text=T(en="Remarks", th="ข้อสังเกต")),
            Prompt(key="dims", kind="score", text=T(en="Dimensions", th="มิติ"),
                   scale=Scale.range(1, 10), items_from="mission.objectives", criteria=(
                       Criterion("fun", T(en="Fun", th="สนุก")),
                       Criterion("safe", T(en="Safe", th="ปลอดภัย")),
                       Criterion("all", T(en="For all", th="สำหรับทุกคน")),
                   )),
        )),
    ),
)


class DemoPlugin:
    """Registers the demo method; contributes no report sections (the core's fallback shows)."""

    @hookimpl
    def register_methods(self, register: Any) -> None:
        register(METHOD)


def registry(*extra: tuple[str, object]) -> Registry:
    pm = get_plugin_manager(load_entrypoints=False, plugins=[("testplugin", DemoPlugin()), *extra])
    return load_registry(pm)


def make_group(key: str, name: str, texts: list[str], members: list[str],
               n_participants: int = 3) -> Group:
    group = Group(key=key, name=name, members=members)
    group.participants = [Participant(key=f"p{i}", name=f"ผู้เข้าร่วม {i}", agency=members[0] if members else None)
                          for i in range(1, n_participants + 1)]
    for i, text in enumerate(texts, start=1):
        group.entries.append(Entry(id=f"o{i}", method="demo", step="mission", prompt="objectives",
                                   text=text))
    group.entries.append(Entry(id="r1", method="demo", step="plan", prompt="plan",
                               row={"goal": texts[0], "evidence": "=HYPERLINK(\"x\")"}))
    group.entries.append(Entry(id="t1", method="demo", step="plan", prompt="note",
                               text="บรรทัดแรก\nบรรทัดที่สอง", participant="p1"))
    table = ScoreTable()
    dims = ScoreTable()
    for i in range(1, n_participants + 1):
        for j in range(1, len(texts) + 1):
            table.set(f"p{i}", f"o{j}", float((i + j) % 3 + 1))
            for k, crit in enumerate(("fun", "safe", "all")):
                dims.set(f"p{i}", f"o{j}", float((i * j + k) % 10 + 1), criterion=crit)
    group.scores["demo/mission/importance"] = table
    group.scores["demo/plan/dims"] = dims
    group.actions.append(ActionItem(id="a1", what=f"ติดตามผล {texts[0]}", owner="สำนักงาน",
                                    due=dt.date(2018, 1, 31)))
    return group


HOSTILE = "<script>alert(1)</script> | a|b *x* # [l](http://e) =cmd() &amp; \x01"


def make_session(locale: str = "th", hostile: bool = False) -> Session:
    g1_texts = ["เพื่อให้เด็ก/เยาวชนทราบถึงสิทธิของตนเอง", "เพื่อพัฒนาศักยภาพเด็ก/เยาวชน",
                "เพื่อลดความเหลื่อมล้ำในเด็ก/เยาวชน"]
    g2_texts = ["คุ้มครองแรงงานนอกระบบ", "ขยายหลักประกันทางสังคม"]
    if hostile:
        g1_texts = [HOSTILE, *g1_texts[1:]]
    session = Session(
        title="การประชุมเชิงปฏิบัติการด้านการคุ้มครองทางสังคม" + (f" {HOSTILE}" if hostile else ""),
        date=dt.date(2017, 12, 22), venue="โรงแรม ไพร์ม เซ็นทรัล สเตชั่น กรุงเทพฯ",
        locale=locale, methods=["demo"],
        groups=[
            make_group("children", "การคุ้มครองทางสังคมสำหรับเด็ก" + (HOSTILE if hostile else ""),
                       g1_texts, ["ฝ่ายงบประมาณ กรมกิจการเด็กและเยาวชน", "สำนักงานสถิติแห่งชาติ"]),
            make_group("workers", "การคุ้มครองทางสังคมสำหรับวัยแรงงาน", g2_texts,
                       ["กระทรวงเกษตรและสหกรณ์"], n_participants=2),
        ],
    )
    return session
