"""``lessonkit serve``: the live workshop server (needs the optional extra ``lessonkit[serve]``)."""

from __future__ import annotations

import click

from lessonkit.cli._common import get_registry, pick_locale, say
from lessonkit.errors import LessonkitError
from lessonkit.i18n import add_messages, t

add_messages({
    "serve_missing": {"en": "lessonkit serve needs the optional extra: pip install 'lessonkit[serve]' ({error})",
                      "th": "lessonkit serve ต้องติดตั้งส่วนเสริม: pip install 'lessonkit[serve]' ({error})"},
    "serve_started": {"en": "Serving {path} at {url} (Ctrl+C stops and saves)",
                      "th": "กำลังให้บริการ {path} ที่ {url} (กด Ctrl+C เพื่อหยุดและบันทึก)"},
    "serve_loopback": {"en": "Only this computer can connect (127.0.0.1); use --lan for phones on the hall's Wi-Fi.",
                       "th": "เชื่อมต่อได้จากเครื่องนี้เท่านั้น (127.0.0.1) ใช้ --lan ให้โทรศัพท์ในห้องประชุมเชื่อมต่อผ่าน Wi-Fi"},
    "serve_lan": {"en": "Listening on the LAN: phones on the same Wi-Fi join at {urls}",
                  "th": "เปิดรับการเชื่อมต่อในเครือข่าย: โทรศัพท์ที่ใช้ Wi-Fi เดียวกันเข้าร่วมได้ที่ {urls}"},
    "serve_no_lan": {"en": "No LAN address found: is this computer on the hall's Wi-Fi?",
                     "th": "ไม่พบที่อยู่ในเครือข่าย: เครื่องนี้เชื่อมต่อ Wi-Fi ของห้องประชุมแล้วหรือยัง"},
    "serve_facilitator": {"en": "Facilitator (keep this link to yourself): {url}",
                          "th": "วิทยากร (เก็บลิงก์นี้ไว้เอง): {url}"},
    "serve_projector": {"en": "Projector: {url}", "th": "จอโปรเจกเตอร์: {url}"},
    "serve_join": {"en": "Join: {url} with the code of the group, or the group's link:",
                   "th": "เข้าร่วม: {url} แล้วพิมพ์รหัสของกลุ่ม หรือใช้ลิงก์ของกลุ่ม:"},
    "serve_group": {"en": "  {name}: {url}  (code {code})", "th": "  {name}: {url}  (รหัส {code})"},
    "serve_stopped": {"en": "Stopped; everything is saved in {path}", "th": "หยุดแล้ว บันทึกทุกอย่างไว้ใน {path}"},
})


def add_commands(cli: click.Group) -> None:
    """Add ``serve`` to the top-level group."""

    @cli.command()
    @click.argument("path", type=click.Path(dir_okay=False))
    @click.option("--host", default="127.0.0.1", show_default=True,
                  help="Address to listen on (loopback: only this computer).")
    @click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535),
                  help="Port to listen on.")
    @click.option("--lan", is_flag=True,
                  help="Listen on the LAN (0.0.0.0) so phones on the same Wi-Fi can join; prints every LAN address.")
    @click.option("--qr/--no-qr", default=True, show_default=True, help="Print the join QR code in the terminal.")
    def serve(path: str, host: str, port: int, lan: bool, qr: bool) -> None:
        """Run a live workshop from PATH: participants answer, score and vote from their phones,
        the projector shows the ranking as it forms, the facilitator steers from a dashboard.

        \b
        The server is the file's only writer while it runs (other lessonkit commands on
        it fail, naming the server); every answer is on disk before the phone is told
        it is saved. Ctrl+C stops it and folds everything into PATH.
        """
        lang = pick_locale(None)
        try:
            from lessonkit.serve.run import lan_addresses, run
        except ImportError as exc:
            raise LessonkitError(t("serve_missing", lang, error=str(exc))) from None
        bind = "0.0.0.0" if lan else host
        addresses = lan_addresses() if lan else []
        shown_host = addresses[0] if addresses else ("127.0.0.1" if bind in ("0.0.0.0", "::") else bind)

        def started(live: object, url: str) -> None:
            urls = live.urls(url)  # type: ignore[attr-defined]
            say(t("serve_started", lang, path=path, url=url))
            if lan:
                if addresses:
                    say(t("serve_lan", lang, urls=", ".join(f"http://{a}:{port}/" for a in addresses)))
                else:
                    say(t("serve_no_lan", lang))
            elif bind in ("127.0.0.1", "localhost", "::1"):
                say(t("serve_loopback", lang))
            say(t("serve_facilitator", lang, url=f"http://127.0.0.1:{port}/f/{live.tokens['facilitator']}"))  # type: ignore[attr-defined]
            say(t("serve_projector", lang, url=urls["projector"]))
            say(t("serve_join", lang, url=urls["join"]))
            for group in live.session.groups:  # type: ignore[attr-defined]
                code = live.tokens["groups"][group.key]["code"]  # type: ignore[attr-defined]
                say(t("serve_group", lang, name=group.name, url=urls[f"join:{group.key}"], code=code))
            if qr:
                import sys

                import segno

                from lessonkit.cli._common import raw_output

                with raw_output():  # the QR code is drawn with the terminal's colours
                    segno.make(urls["join"], error="m").terminal(out=sys.stderr, compact=True)

        from lessonkit.cli._common import raw_output

        with raw_output():  # the server's own log lines may be coloured; data goes through say()
            run(path, get_registry(), host=bind, port=port, public_host=shown_host,
                on_started=started)
        say(t("serve_stopped", lang, path=path))
