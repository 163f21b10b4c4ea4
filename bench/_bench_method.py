"""The method the import benchmark's survey answers: two text prompts, a list of five
activities and two scored prompts over them (a 1–5 range and labelled levels with N/A).

A plugin module: ``register_methods`` is its hook, so a fresh ``lessonkit import`` process
loads it as an entry point (bench_import.py writes one for it in a scratch folder);
:class:`BenchPlugin` registers the same method in process.
"""

from __future__ import annotations

from lessonkit import Level, LocalizedText, Method, Prompt, Scale, Step, hookimpl

T = LocalizedText
ITEMS = ["เยี่ยมบ้าน", "คลินิกเด็ก", "สภาเด็กและเยาวชน", "ศูนย์พัฒนาเด็กเล็ก", "อาสาสมัคร"]
BENCH_METHOD = Method(
    key="bench", title=T(en="Bench", th="ทดสอบ"),
    steps=(Step(key="review", title=T(en="Review", th="ทบทวน"), prompts=(
        Prompt(key="expected", kind="text",
               text=T(en="What was expected to happen?", th="สิ่งที่คาดหวังว่าจะเกิดขึ้นคืออะไร")),
        Prompt(key="actual", kind="text",
               text=T(en="What actually happened?", th="สิ่งที่เกิดขึ้นจริงคืออะไร")),
        Prompt(key="activities", kind="list", individual=False, text=T(en="Key activities")),
        Prompt(key="importance", kind="score", items_from="activities",
               text=T(en="How important?", th="สำคัญเพียงใด"), scale=Scale.range(1, 5)),
        Prompt(key="assess", kind="score", items_from="activities",
               text=T(en="Is it true?", th="เป็นจริงเพียงใด"),
               scale=Scale.of_levels(Level("never", 1, T(en="Never", th="ไม่เคย")),
                                     Level("sometimes", 2, T(en="Sometimes", th="บางครั้ง")),
                                     Level("mostly", 3, T(en="Mostly", th="ส่วนใหญ่")),
                                     allow_na=True)),
    )),),
)


@hookimpl
def register_methods(register: object) -> None:
    register(BENCH_METHOD)  # type: ignore[operator]


class BenchPlugin:
    @hookimpl
    def register_methods(self, register: object) -> None:
        register(BENCH_METHOD)  # type: ignore[operator]
