"""A small method and a CLI runner for the export, import and ask tests."""

from __future__ import annotations

from lessonkit import Criterion, Level, LocalizedText, Method, Prompt, Scale, Step, hookimpl

T = LocalizedText

WF_METHOD = Method(
    key="wf",
    title=T(en="Workflow method", th="วิธีทดสอบขั้นตอน"),
    default_rule="sum",
    steps=(
        Step(key="review", title=T(en="Review", th="ทบทวน"), prompts=(
            Prompt(key="expected", kind="text",
                   text=T(en="What was expected to happen?", th="สิ่งที่คาดหวังว่าจะเกิดขึ้นคืออะไร")),
            Prompt(key="actual", kind="text",
                   text=T(en="What actually happened?", th="สิ่งที่เกิดขึ้นจริงคืออะไร")),
            Prompt(key="activities", kind="list", individual=False,
                   text=T(en="Key activities", th="กิจกรรมหลัก")),
            Prompt(key="importance", kind="score", items_from="activities",
                   text=T(en="How important?", th="สำคัญเพียงใด"), scale=Scale.range(1, 5)),
            Prompt(key="assess", kind="score", items_from="activities",
                   text=T(en="Is it true?", th="เป็นจริงเพียงใด"),
                   scale=Scale.of_levels(Level("never", 1, T(en="Never", th="ไม่เคย")),
                                         Level("mostly", 2, T(en="Mostly", th="ส่วนใหญ่")),
                                         allow_na=True)),
            Prompt(key="fit", kind="score", items_from="activities", text=T(en="Fits", th="เหมาะสม"),
                   scale=Scale.range(1, 3),
                   criteria=(Criterion("fun", T(en="Fun", th="สนุก")),
                             Criterion("safe", T(en="Safe", th="ปลอดภัย")))),
        )),
    ),
)


class WorkflowPlugin:
    """Registers :data:`WF_METHOD`."""

    @hookimpl
    def register_methods(self, register: object) -> None:
        register(WF_METHOD)  # type: ignore[operator]
