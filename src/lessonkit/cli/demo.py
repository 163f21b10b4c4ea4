"""``lessonkit demo``: build the seeds' examples and print their report books in every format."""

from __future__ import annotations

import click

from lessonkit.cli._common import digits_option, echo_table, get_registry, say
from lessonkit.i18n import add_messages, t

add_messages({
    "demo_wrote": {"en": "Wrote {n} files into {path}", "th": "เขียนไฟล์ {n} ไฟล์ไว้ใน {path} แล้ว"},
    "demo_skipped": {"en": "Skipped the {format} format: {reason}", "th": "ข้ามรูปแบบ {format}: {reason}"},
    "demo_ranking": {"en": "{title} — group {group}: {prompt} ({rule})",
                     "th": "{title} — กลุ่ม {group}: {prompt} ({rule})"},
    "demo_next": {"en": "Open {path} in a browser to read the report book.",
                  "th": "เปิด {path} ในเว็บเบราว์เซอร์เพื่ออ่านรายงาน"},
})


def add_commands(cli: click.Group) -> None:
    """Add ``demo`` to the top-level group."""

    @cli.command()
    @click.option("--out", "out_dir", default="lessonkit-demo", show_default=True,
                  type=click.Path(file_okay=False), help="Folder for the session files and reports.")
    @click.option("--locale", type=click.Choice(["th", "en"]), default=None,
                  help="Language of the reports (default: the sessions' own, Thai).")
    @digits_option
    def demo(out_dir: str, locale: str | None, digits: str | None) -> None:
        """Build the seeds' examples from data shipped with lessonkit — the workshop
        of 22 Dec 2560 BE and a 5C4F assessment of Khok Muang, Phatthalung —
        write their report books in every format into --out, and print each
        one's ranked table (taking stock; children's needs)."""
        from lessonkit import files
        from lessonkit.demo_run import run_demo
        from lessonkit.thai import format_digits

        registry = get_registry()
        results = run_demo(registry, out_dir, locale=locale, digits=digits)
        written = 0
        for result in results:
            session = files.load(result.session_path)
            lang = locale or session.locale
            written += 1 + len(result.reports)
            for key, reason in result.skipped.items():
                say(t("demo_skipped", lang, format=key, reason=reason))
            ranking, of = result.ranking, result.ranking_of
            if ranking is None or of is None:
                continue
            prompt = registry.method(of["method"]).prompt(of.get("step"), of["prompt"])
            click.echo(t("demo_ranking", lang, title=session.title, group=session.group(of["group"]).name,
                         prompt=prompt.text.get(lang), rule=ranking.rule.title.get(lang)))
            # numerals as in the report: Thai for Thai unless --digits says otherwise
            numerals = digits or ("thai" if lang == "th" else "arabic")

            def shown(value: object, numerals: str = numerals) -> str:
                return format_digits(str(value), numerals)

            echo_table([[shown(row.label), row.text or row.item, shown(_number(row.score)), shown(row.n),
                         shown(_number(row.spread))] for row in ranking.rows],
                       [t("rank", lang), t("item", lang), t("score", lang), t("n", lang), t("spread", lang)])
            click.echo("")
        lang = locale or "th"
        count = format_digits(str(written), digits or ("thai" if lang == "th" else "arabic"))
        say(t("demo_wrote", lang, n=count, path=out_dir))
        html = [p for r in results for p in r.reports if p.suffix == ".html"]
        if html:
            say(t("demo_next", lang, path=html[0]))


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"
