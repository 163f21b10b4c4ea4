"""The pages of a live workshop: joining, answering, the facilitator's dashboard, the projector."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response, StreamingResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from lessonkit.errors import LessonkitError, SessionFileError
from lessonkit.i18n import t
from lessonkit.serve.app import REJOIN_LENGTH
from lessonkit.serve.board import board_groups, dashboard_groups
from lessonkit.serve.forms import prompt_view
from lessonkit.serve.ops import LiveError, open_step
from lessonkit.serve.views import plugin_view

__all__ = ["routes"]

HERE = Path(__file__).parent
# Autoescape everything: participant text is shown as text on every page, projector included.
templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True, auto_reload=False))


def _live(request: Request) -> Any:
    return request.app.state.live


def _locale(request: Request) -> str:
    wanted = request.query_params.get("lang") or request.cookies.get("lk_lang")
    if wanted in ("th", "en"):
        return wanted
    return str(_live(request).session.locale)


def _render(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    context.update(_template_helpers(request))
    response = templates.TemplateResponse(request, name, context, status_code=status)
    if request.query_params.get("lang") in ("th", "en"):
        response.set_cookie("lk_lang", request.query_params["lang"], samesite="lax", httponly=True)
    return response


def _message(request: Request, key: str, status: int, **kw: Any) -> Response:
    return _render(request, "message.html", status=status, message_key=key, kw=kw)


def _origin_ok(request: Request) -> bool:
    """A POST's ``Origin`` (sent by every current browser on forms) must be this host."""
    origin = request.headers.get("origin")
    if origin is None:
        return True  # older browsers: the HMAC field still protects the form
    return bool(origin != "null" and urlsplit(origin).netloc == request.headers.get("host"))


def _public_base(request: Request) -> str:
    """The address phones use: the server's LAN URL (the laptop itself may be on 127.0.0.1)."""
    url = str(_live(request).url or request.base_url)
    return url.rstrip("/")


def _who(request: Request) -> tuple[str, str] | None:
    live = _live(request)
    return live.participant_of(request.cookies.get(live.cookie_name))


# -- joining --------------------------------------------------------------------------------


async def home(request: Request) -> Response:
    live = _live(request)
    error = ""
    if request.method == "POST":
        client = request.client.host if request.client else "?"
        if not live.join_rate.allow(f"code:{client}"):
            return _message(request, "live_too_many", 429)
        form = await request.form()
        if not _origin_ok(request) or not live.check_sign("home", form.get("csrf")):
            return _message(request, "live_forbidden", 403)
        code = str(form.get("code") or "")
        typed = code.strip().upper().replace(" ", "").replace("-", "")
        if len(typed) == REJOIN_LENGTH:  # a participant's rejoin code: continue as them here
            return await _rejoin(request, typed)
        group = live.group_by_code(code)
        if group is not None:
            token = live.tokens["groups"][group]["token"]
            return RedirectResponse(f"/j/{token}", status_code=303)
        error = "live_bad_code"
    if _who(request) is not None and request.method == "GET":
        return RedirectResponse("/p", status_code=303)
    return _render(request, "home.html", status=422 if error else 200, error=error,
                   csrf=live.sign("home"))


async def _rejoin(request: Request, code: str) -> Response:
    """This browser becomes the participant whose rejoin code was typed (a new cookie for them)."""
    from lessonkit.serve.app import _hash

    live = _live(request)
    cookie = secrets.token_urlsafe(24)
    op = {"op": "rejoin", "code_hash": live.code_hash(code), "key_hash": _hash(cookie),
          "rejoin_hash": live.code_hash(live.rejoin_code(cookie))}
    try:
        await live.writer.submit(op)
    except LiveError:
        return _render(request, "home.html", status=422, error="live_bad_code", csrf=live.sign("home"))
    except SessionFileError:
        return _message(request, "live_err_disk", 503)
    response = RedirectResponse("/p", status_code=303)
    response.set_cookie(live.cookie_name, cookie, max_age=7 * 24 * 3600, httponly=True, samesite="lax")
    return response


async def join(request: Request) -> Response:
    live = _live(request)
    token = request.path_params["token"]
    group_key = live.group_by_token(token)
    if group_key is None:
        return _message(request, "live_bad_link", 404)
    group = live.session.group(group_key)
    who = _who(request)
    if who is not None and who[0] == group_key:
        return RedirectResponse("/p", status_code=303)
    error = ""
    if request.method == "POST":
        form = await request.form()
        if not _origin_ok(request) or not live.check_sign(f"join:{group_key}", form.get("csrf")):
            return _message(request, "live_forbidden", 403)
        cookie = secrets.token_urlsafe(24)
        from lessonkit.serve.app import _hash

        op = {"op": "join", "group": group_key, "key_hash": _hash(cookie),
              "rejoin_hash": live.code_hash(live.rejoin_code(cookie))}
        wanted = form.get("participant")
        if isinstance(wanted, str) and wanted:
            op["participant"] = wanted
        try:
            key = await live.writer.submit(op)
        except LiveError as exc:
            error = exc.key
        except SessionFileError:
            return _message(request, "live_err_disk", 503)
        except LessonkitError:
            error = "live_bad_link"
        else:
            live.joined(key, group_key)
            response = RedirectResponse("/p", status_code=303)
            response.set_cookie(live.cookie_name, cookie, max_age=7 * 24 * 3600, httponly=True,
                                samesite="lax")
            return response
    taken = set(live.private.keys.values())
    names = [(p.key, p.name) for p in group.participants if p.name and p.key not in taken]
    return _render(request, "join.html", status=422 if error else 200, group=group, names=names,
                   error=error, csrf=live.sign(f"join:{group_key}"), token=token)


# -- participants -----------------------------------------------------------------------------


def _after_saving(step: Any, saved: str | None) -> tuple[Any, list[Any]] | None:
    """The light page a phone gets after saving prompt ``saved`` (PRG): that prompt again when it
    adds (a list or table: the next item), then the step's next prompt. None: the whole step."""
    if not saved:
        return None
    keys = [p.key for p in step.prompts]
    if saved not in keys:
        return None
    at = keys.index(saved)
    prompt = step.prompts[at]
    shown = [prompt] if prompt.kind in ("list", "table") else []
    shown += step.prompts[at + 1:at + 2]
    return prompt, shown


def _participant_page(request: Request, who: tuple[str, str], *, errors: dict[str, LiveError] | None = None,
                      posted: dict[str, Any] | None = None, posted_prompt: str = "",
                      status: int = 200, late: dict[str, str] | None = None) -> Response:
    """The open step's forms. After a save (``?saved=KEY``, no errors) only the next form is shown,
    under a "saved" notice with links to the whole step: a phone's every answer costs the server a
    small page, whatever the size of the step or of the session."""
    live = _live(request)
    locale = _locale(request)
    session = live.session
    group_key, participant = who
    group = session.group(group_key)
    current = open_step(session, group_key)
    views: list[dict[str, Any]] = []
    step_title = ""
    saved: dict[str, Any] | None = None
    if current is not None:
        method_key, step_key = current.split("/", 1)
        method = live.registry.method(method_key)
        step = method.step(step_key)
        step_title = f"{method.title.get(locale)} · {step.title.get(locale)}"
        light = None if errors else _after_saving(step, request.query_params.get("saved"))
        if light is not None:
            done, prompts = light
            saved = {"key": done.key, "title": done.text.get(locale),
                     "again": done.kind not in ("list", "table")}
        else:
            prompts = list(step.prompts)
        for prompt in prompts:
            # each prompt reads its own entries through the group's index: O(page), not O(group)
            view = prompt_view(group, method, step, prompt, participant, locale,
                               posted if prompt.key == posted_prompt else None)
            error = (errors or {}).get(prompt.key)
            view["error"] = error.text(locale) if error is not None else ""
            view["error_field"] = error.field if error is not None else ""
            view["saved"] = saved is None and request.query_params.get("saved") == prompt.key
            view["nonce"] = secrets.token_urlsafe(12)
            view["custom"] = plugin_view(live.registry, "participant", session, group, method, step,
                                         prompt, view, locale)
            views.append(view)
    p = group.participant(participant)
    if late is None and errors:  # an answer to a step that is not open (any more): echo it back
        shown = {v["key"] for v in views}
        for key, error in errors.items():
            if key not in shown:
                echo = [str(v) for k, v in (posted or {}).items()
                        if k not in {"csrf", "nonce", "choice"} and isinstance(v, str) and v.strip()]
                late = {"error": error.text(locale), "echo": "\n".join(echo)}
    rejoin = ""
    if saved is None:  # the whole step's page (not the short one after each answer) shows the code
        rejoin = live.rejoin_code(request.cookies.get(live.cookie_name) or "")
    return _render(request, "participant.html", status=status, group=group, views=views, late=late,
                   step_title=step_title, who=p.name or p.key, anonymous=not p.name,
                   csrf=live.sign(f"p:{participant}"), saved=saved, open=current is not None,
                   rejoin=rejoin, base=_public_base(request))


async def participant_page(request: Request) -> Response:
    live = _live(request)
    who = _who(request)
    if who is None:
        return _message(request, "live_not_joined", 403)
    cookie = request.cookies.get(live.cookie_name) or ""
    code_hash = live.code_hash(live.rejoin_code(cookie))
    if code_hash not in live.private.rejoin:  # joined before rejoin codes were given
        with contextlib.suppress(LessonkitError):
            await live.writer.submit({"op": "rejoin_code", "participant": who[1], "rejoin_hash": code_hash})
    return _participant_page(request, who)


async def submit(request: Request) -> Response:
    from lessonkit.serve.app import _hash
    from lessonkit.serve.forms import parse_form

    live = _live(request)
    cookie = request.cookies.get(live.cookie_name)
    who = live.participant_of(cookie)
    if who is None:
        return _message(request, "live_not_joined", 403)
    if not live.rate.allow(_hash(cookie or "")):
        return _message(request, "live_too_many", 429)
    raw = await request.form()
    group_key, participant = who
    if not _origin_ok(request) or not live.check_sign(f"p:{participant}", raw.get("csrf")):
        return _message(request, "live_forbidden", 403)
    form: dict[str, Any] = {k: raw.get(k) for k in raw if k != "choice"}
    form["choice"] = [v for v in raw.getlist("choice") if isinstance(v, str)]
    method_key = request.path_params["method"]
    step_key = request.path_params["step"]
    prompt_key = request.path_params["prompt"]
    locale = _locale(request)
    try:
        method = live.registry.method(method_key)
        step, prompt = method.find_prompt(step_key, prompt_key)
    except LessonkitError:
        return _message(request, "live_bad_link", 404)
    group = live.session.group(group_key)
    try:
        op = parse_form(group, method, step, prompt, participant, form, locale)
        await live.writer.submit(op)
    except LiveError as exc:
        if exc.key == "live_forbidden":
            return _message(request, "live_forbidden", 403)
        return _participant_page(request, who, errors={prompt.key: exc}, posted=form,
                                 posted_prompt=prompt.key, status=409 if exc.key == "live_err_closed" else 422)
    except SessionFileError:
        return _participant_page(request, who, errors={prompt.key: LiveError("live_err_disk")},
                                 posted=form, posted_prompt=prompt.key, status=503)
    except LessonkitError as exc:
        error = LiveError("live_err_refused", detail=exc.message)
        if getattr(exc, "code", "") == "unknown_item":  # merged or removed while the page was open
            error = LiveError("live_err_unknown_item")
        return _participant_page(request, who, errors={prompt.key: error}, posted=form,
                                 posted_prompt=prompt.key, status=422)
    return RedirectResponse(f"/p?saved={quote(prompt.key)}#{quote(prompt.key)}", status_code=303)


# -- facilitator ------------------------------------------------------------------------------


def _is_facilitator(request: Request) -> bool:
    live = _live(request)
    return bool(live.is_facilitator(request.cookies.get(live.facilitator_cookie)))


async def facilitator_login(request: Request) -> Response:
    live = _live(request)
    if not live.is_facilitator(request.path_params["token"]):
        return _message(request, "live_need_token", 403)
    response = RedirectResponse("/f", status_code=303)  # a clean URL: the laptop may be on the projector
    response.set_cookie(live.facilitator_cookie, live.tokens["facilitator"], httponly=True,
                        samesite="strict", max_age=7 * 24 * 3600)
    return response


async def dashboard(request: Request) -> Response:
    if not _is_facilitator(request):
        return _message(request, "live_need_token", 403)
    live = _live(request)
    locale = _locale(request)
    base = _public_base(request)
    formats = [(key, r.title.get(locale)) for key, r, _plugin in live.registry.renderers.items()]
    return _render(request, "dashboard.html", groups=dashboard_groups(live, locale, base),
                   formats=formats, csrf=live.sign("facilitator"),
                   projector=f"/s/{live.tokens['projector']}", done=request.query_params.get("done"))


async def cards(request: Request) -> Response:
    """Printable table cards: each group's name, QR code and join code, one card a page."""
    if not _is_facilitator(request):
        return _message(request, "live_need_token", 403)
    live = _live(request)
    groups = [{"key": g.key, "name": g.name, "code": live.tokens["groups"][g.key]["code"]}
              for g in live.session.groups]
    return _render(request, "cards.html", groups=groups, token=live.tokens["projector"],
                   base=_public_base(request))


async def facilitator_do(request: Request) -> Response:
    if not _is_facilitator(request):
        return _message(request, "live_need_token", 403)
    live = _live(request)
    form = await request.form()
    if not _origin_ok(request) or not live.check_sign("facilitator", form.get("csrf")):
        return _message(request, "live_forbidden", 403)
    action = str(form.get("action") or "")
    group = str(form.get("group") or "")
    op: dict[str, Any]
    if action in ("open", "close"):
        target = str(form.get("target") or "") if action == "open" else None
        op = {"op": "open", "target": target or None, "groups": [group] if group else []}
    elif action in ("reveal", "hide"):
        op = {"op": "reveal", "group": group, "prompt": str(form.get("prompt") or ""),
              "show": action == "reveal"}
    elif action == "rename":
        op = {"op": "rename", "group": group, "entry": str(form.get("entry") or ""),
              "text": str(form.get("text") or "")}
    elif action == "merge":
        op = {"op": "merge", "group": group, "keep": str(form.get("keep") or ""),
              "drop": str(form.get("entry") or "")}
    elif action == "tag":
        op = {"op": "tag", "group": group, "entry": str(form.get("entry") or ""),
              "tags": [x.strip() for x in str(form.get("tags") or "").split(",")]}
    elif action == "action":
        op = {"op": "action", "group": group, "what": str(form.get("what") or ""),
              "owner": str(form.get("owner") or ""), "due": str(form.get("due") or "")}
    else:
        return PlainTextResponse("unknown action", status_code=400)
    try:
        if action == "action" and op["due"]:
            from lessonkit.thai import parse_date

            op["due"] = parse_date(op["due"]).isoformat()
        await live.writer.submit(op)
    except (LessonkitError, ValueError) as exc:
        message = exc.text(_locale(request)) if isinstance(exc, LiveError) else str(exc)
        return _render(request, "message.html", status=422, message_key="", message=message)
    return RedirectResponse(f"/f?done={quote(action)}#g-{quote(group)}", status_code=303)


async def download_report(request: Request) -> Response:
    if not _is_facilitator(request):
        return _message(request, "live_need_token", 403)
    from lessonkit.report import build_report

    live = _live(request)
    key = request.path_params["format"]
    if key not in live.registry.renderers:
        return PlainTextResponse("unknown format", status_code=404)
    renderer = live.registry.renderers.get(key)
    document = build_report(live.session, live.registry, locale=_locale(request))
    body = renderer(document)
    data = body if isinstance(body, bytes) else body.encode("utf-8")
    name = f"{live.path.stem}-report{renderer.extension}"
    media = "application/octet-stream" if renderer.binary else "text/plain; charset=utf-8"
    return Response(data, media_type=media,
                    headers={"content-disposition": f"attachment; filename=\"{quote(name)}\""})


async def download_session(request: Request) -> Response:
    if not _is_facilitator(request):
        return _message(request, "live_need_token", 403)
    from lessonkit import files

    live = _live(request)
    return Response(files.dumps(live.session).encode("utf-8"), media_type="application/json",
                    headers={"content-disposition": f"attachment; filename=\"{quote(live.path.name)}\""})


# -- projector --------------------------------------------------------------------------------


def _projector_ok(request: Request) -> bool:
    import hmac

    return hmac.compare_digest(request.path_params["token"], _live(request).tokens["projector"])


def _board_context(request: Request) -> dict[str, Any]:
    live = _live(request)
    only = request.query_params.get("group") or None
    return {"groups": board_groups(live, _locale(request), only), "token": live.tokens["projector"],
            "revision": live.writer.revision, "only": only or "", "base": _public_base(request)}


async def projector(request: Request) -> Response:
    if not _projector_ok(request):
        return _message(request, "live_need_token", 403)
    return _render(request, "projector.html", **_board_context(request))


async def board(request: Request) -> Response:
    if not _projector_ok(request):
        return _message(request, "live_need_token", 403)
    return _render(request, "_board.html", **_board_context(request))


def _board_html(request: Request) -> str:
    """The board's HTML at the current revision, rendered once for every projector showing the
    same view (group, language, address): ranking a group costs its whole score table."""
    live = _live(request)
    key = (live.writer.revision, _locale(request), request.query_params.get("group") or "", _public_base(request))
    cache: dict[Any, str] = live.board_cache
    html = cache.get(key)
    if html is None:
        html = templates.get_template("_board.html").render(**_board_context(request), **_template_helpers(request))
        if any(k[0] != key[0] for k in cache):
            cache.clear()  # only the current revision is kept
        if len(cache) < 64:
            cache[key] = html
    return html


async def events(request: Request) -> Response:
    """Server-Sent Events: the board's HTML whenever the session changes (id = revision).

    A client whose ``Last-Event-ID`` is the current revision gets nothing until
    the next change; an older one gets the current board at once. A stream lasts
    at most ``sse_lifetime`` seconds (the browser reconnects by itself); when the
    server stops, a ``bye`` event (its text in the page's language) ends it.
    """
    if not _projector_ok(request):
        return _message(request, "live_need_token", 403)
    live = _live(request)
    try:
        last = int(request.headers.get("last-event-id", "-1"))
    except ValueError:
        last = -1
    deadline = asyncio.get_running_loop().time() + live.sse_lifetime
    locale = _locale(request)

    async def stream() -> Any:
        nonlocal last
        yield "retry: 3000\n\n"
        loop = asyncio.get_running_loop()
        while not live.stopping:
            if live.writer.revision != last:
                last = live.writer.revision
                html = _board_html(request)
                data = "".join(f"data: {line}\n" for line in html.splitlines())
                yield f"id: {last}\nevent: board\n{data}\n"
                await asyncio.sleep(0.25)  # at most 4 boards a second, however fast votes come
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            if live.stopping:  # it may have come during the pause above
                break
            try:
                await asyncio.wait_for(live.writer.changed().wait(), timeout=min(15.0, remaining))
            except asyncio.TimeoutError:
                yield ": ping\n\n"
        # the server is stopping: say so (the projector shows it and keeps trying to reconnect)
        yield f"event: bye\ndata: {t('live_server_stopped', locale)}\n\n"

    return StreamingResponse(stream(), media_type="text/event-stream",
                             headers={"x-accel-buffering": "no"})


def _template_helpers(request: Request) -> dict[str, Any]:
    from lessonkit.report import format_number
    from lessonkit.thai import format_digits

    locale = _locale(request)
    digits = "thai" if locale == "th" else "arabic"
    return {"locale": locale, "session": _live(request).session,
            "t": lambda key, **kw: t(key, locale, **kw),
            "num": lambda value, decimals=2: format_number(value, digits, decimals),
            "digits": lambda text: format_digits(str(text), digits)}


async def qr(request: Request) -> Response:
    if not _projector_ok(request):
        return _message(request, "live_need_token", 403)
    import io

    import segno

    live = _live(request)
    group = request.path_params["group"]
    data = live.tokens.get("groups", {}).get(group)
    if data is None:
        return PlainTextResponse("unknown group", status_code=404)
    url = f"{_public_base(request)}/j/{data['token']}"
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=8, border=2, xmldecl=False)
    return Response(out.getvalue(), media_type="image/svg+xml")


async def font(request: Request) -> Response:
    """The Thai font shipped in the package (``lessonkit/fonts/*.woff2``), when it is there.

    No font is ever fetched from the internet (the hall may have none); without the shipped
    files the pages use the phone's own Thai fonts.
    """
    import re
    from importlib import resources

    name = request.path_params["name"]
    if not re.fullmatch(r"[a-z0-9-]+\.woff2", name):
        return PlainTextResponse("not found", status_code=404)
    path = resources.files("lessonkit") / "fonts" / name
    try:
        data = path.read_bytes()
    except (OSError, FileNotFoundError):
        return PlainTextResponse("not found", status_code=404)
    return Response(data, media_type="font/woff2", headers={"cache-control": "public, max-age=86400"})


def routes() -> list[Any]:
    return [
        Route("/", home, methods=["GET", "POST"]),
        Route("/j/{token}", join, methods=["GET", "POST"]),
        Route("/p", participant_page),
        Route("/p/{method}/{step}/{prompt}", submit, methods=["POST"]),
        Route("/f", dashboard),
        Route("/f/do", facilitator_do, methods=["POST"]),
        Route("/f/cards", cards),
        Route("/f/report.{format}", download_report),
        Route("/f/session.json", download_session),
        Route("/f/{token}", facilitator_login),
        Route("/s/{token}", projector),
        Route("/s/{token}/board", board),
        Route("/s/{token}/events", events),
        Route("/s/{token}/qr/{group}.svg", qr),
        Route("/fonts/{name}", font),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
