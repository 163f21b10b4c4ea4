"""The live workshop server: a Starlette app over one :class:`~lessonkit.store.journal.JournalStore`.

:class:`LiveServer` holds what the pages share — the store (the session, held
under the file's lock), the :class:`~lessonkit.serve.writer.Writer`, the tokens
and participant keys (``FILE.live``, beside the session file and never inside
it) — and :func:`create_app` builds the Starlette application around it.

Security, in one place: a facilitator token of 192 bits (its pages need it, as a
cookie set from the printed link), a read-only projector token, a join token per
group (96 bits) plus a short typed code; a participant is an anonymous random
key in an HttpOnly cookie of which only the SHA-256 is kept; every form carries
an HMAC of its owner (CSRF) and a POST whose ``Origin`` is not this host is
refused; bodies over 64 KiB get 413, bursts from one participant 429; every
page is a Jinja2 template with autoescape, under ``Content-Security-Policy:
default-src 'self'``.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import attrs

from lessonkit.serve.messages import install as install_messages
from lessonkit.serve.ops import LiveOps, Private
from lessonkit.serve.writer import Writer
from lessonkit.store.journal import JournalStore

__all__ = ["BODY_LIMIT", "LiveServer", "create_app"]

#: The largest request body accepted, in bytes.
BODY_LIMIT = 64 * 1024
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed on phones
#: How many characters a participant's rejoin code has (a group's join code has 6).
REJOIN_LENGTH = 10


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


@attrs.define
class RateLimit:
    """A token bucket per key: ``burst`` requests at once, refilled at ``rate`` per second."""

    rate: float = 10.0
    burst: float = 30.0
    _buckets: dict[str, tuple[float, float]] = attrs.field(factory=dict)

    def allow(self, key: str) -> bool:
        now = time.monotonic()
        tokens, last = self._buckets.get(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens < 1:
            self._buckets[key] = (tokens, now)
            return False
        self._buckets[key] = (tokens - 1, now)
        if len(self._buckets) > 100_000:  # forget idle keys rather than grow without bound
            self._buckets.clear()
        return True


class LiveServer:
    """The shared state of one served session file.

    :param path: the session file.
    :param registry: the plugin registry (methods, rules, renderers).
    :param url: the base URL printed and written into the lock file.
    """

    def __init__(self, path: str | os.PathLike[str], registry: Any, *, url: str = "",
                 idle_fold: float = 2.0, rate: float = 10.0, burst: float = 30.0,
                 sse_lifetime: float = 300.0, allowed_hosts: list[str] | None = None) -> None:
        install_messages()
        self.path = Path(path)
        self.private_path = Path(f"{os.fspath(self.path)}.live")
        self.registry = registry
        self.url = url
        self.private = Private()
        self.ops = LiveOps(registry, self.private)
        self.store = JournalStore(self.path, self.ops, holder={"what": "lessonkit serve", "url": url})
        self.writer = Writer(self.store, before_fold=self.save_private, idle_fold=idle_fold)
        self.rate = RateLimit(rate=rate, burst=burst)
        self.join_rate = RateLimit(rate=1.0, burst=10.0)
        self.sse_lifetime = sse_lifetime
        self.allowed_hosts = allowed_hosts
        self.tokens: dict[str, Any] = {}
        self.stopping = False
        self._where: dict[str, str] = {}
        #: The projector board's HTML per (revision, locale, group shown, base URL): one render per
        #: change however many projectors are open.
        self.board_cache: dict[tuple[int, str, str, str], str] = {}

    # -- life cycle -------------------------------------------------------------------------

    def open(self) -> Any:
        """Lock and load the session, replay its journal, load or make the tokens."""
        self._load_private()
        session = self.store.open()
        self._ensure_tokens(session)
        return session

    def close(self) -> None:
        """Fold everything into the session file and release the lock."""
        if self.store.is_open:
            if self.store.seq > self.store.folded_seq:
                self.save_private()
            self.store.close()

    def farewell(self) -> None:
        """The server is about to stop (Ctrl+C): open projector streams send their farewell event
        and end, so the graceful shutdown does not wait for them (safe from a signal handler)."""
        self.stopping = True
        self.writer.wake()

    @property
    def session(self) -> Any:
        return self.store.session

    def _load_private(self) -> None:
        try:
            data = json.loads(self.private_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            data = {}
        except (OSError, ValueError) as exc:
            from lessonkit.errors import SessionFileError

            raise SessionFileError(f"cannot read {self.private_path}: {exc}",
                                   hint="move it away to start with new links (joined phones will "
                                        "have to join again)") from None
        self.tokens = {k: v for k, v in data.items() if k not in {"keys", "nonces", "rejoin"}}
        self.private.keys.update(data.get("keys") or {})
        self.private.rejoin.update(data.get("rejoin") or {})
        self.private.nonces.update(data.get("nonces") or [])

    def _ensure_tokens(self, session: Any) -> None:
        changed = False
        for name, nbytes in (("secret", 32), ("facilitator", 24), ("projector", 16)):
            if not isinstance(self.tokens.get(name), str):
                self.tokens[name] = secrets.token_urlsafe(nbytes)
                changed = True
        groups = self.tokens.setdefault("groups", {})
        codes = {g.get("code") for g in groups.values()}
        for group in session.groups:
            if group.key not in groups:
                code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))
                while code in codes:
                    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))
                codes.add(code)
                groups[group.key] = {"token": secrets.token_urlsafe(12), "code": code}
                changed = True
        if changed or not self.private_path.exists():
            self.save_private()

    def save_private(self) -> None:
        """Write ``FILE.live`` (tokens and participant key hashes) atomically, readable by its owner only."""
        data = {**self.tokens, "keys": self.private.keys, "rejoin": self.private.rejoin,
                "nonces": sorted(self.private.nonces)}
        from lessonkit.errors import SessionFileError
        from lessonkit.output import write_file

        write_file(self.private_path, json.dumps(data, ensure_ascii=False), mode=0o600,
                   error=SessionFileError, what="live workshop file")

    # -- tokens -------------------------------------------------------------------------------

    @property
    def cookie_name(self) -> str:
        return "lk_" + _hash(self.tokens["secret"])[:10]

    @property
    def facilitator_cookie(self) -> str:
        return "lkf_" + _hash(self.tokens["secret"])[:10]

    def sign(self, owner: str) -> str:
        """The CSRF field of a form belonging to ``owner`` (a participant, ``facilitator``, a join)."""
        return hmac.new(self.tokens["secret"].encode(), owner.encode("utf-8"), "sha256").hexdigest()

    def check_sign(self, owner: str, value: Any) -> bool:
        return isinstance(value, str) and hmac.compare_digest(self.sign(owner), value)

    def group_by_token(self, token: str) -> str | None:
        for key, data in self.tokens.get("groups", {}).items():
            if hmac.compare_digest(str(data.get("token", "")), token):
                return key
        return None

    def rejoin_code(self, cookie: str) -> str:
        """The rejoin code of the browser holding ``cookie``: typed on another browser's join page,
        it continues as the same participant. Derived from the cookie (so never stored; only its
        hash is, as for the cookie): ten characters of the join codes' alphabet, 50 bits."""
        digest = hmac.new(self.tokens["secret"].encode(), b"rejoin:" + cookie.encode("utf-8"), "sha256").digest()
        number = int.from_bytes(digest[:8], "big")
        chars = [_CODE_ALPHABET[(number >> (5 * i)) & 31] for i in range(REJOIN_LENGTH)]
        return "".join(chars[:5]) + "-" + "".join(chars[5:])

    @staticmethod
    def code_hash(code: str) -> str:
        """The stored form of a rejoin code, whatever way it was typed (case, spaces, dashes)."""
        return _hash("rejoin:" + code.strip().upper().replace(" ", "").replace("-", ""))

    def group_by_code(self, code: str) -> str | None:
        code = code.strip().upper().replace(" ", "").replace("-", "")
        for key, data in self.tokens.get("groups", {}).items():
            if code and hmac.compare_digest(str(data.get("code", "")), code):
                return key
        return None

    def participant_of(self, cookie: str | None) -> tuple[str, str] | None:
        """(group key, participant key) of a participant cookie, or None."""
        if not cookie:
            return None
        key = self.private.keys.get(_hash(cookie))
        if key is None:
            return None
        group = self._where.get(key)
        if group is None:  # a participant whose join was not seen by this process (replayed)
            # (re)build the index once per new participant, not a scan per request; the
            # server never removes a participant, so an entry stays right
            self._where = {p.key: g.key for g in self.session.groups for p in g.participants}
            group = self._where.get(key)
        return None if group is None else (group, key)

    def joined(self, key: str, group: str) -> None:
        """Note which group a participant who has just joined is in (no rebuild of the index)."""
        self._where[key] = group

    def is_facilitator(self, value: str | None) -> bool:
        return bool(value) and hmac.compare_digest(str(value), self.tokens["facilitator"])

    def urls(self, base: str | None = None) -> dict[str, str]:
        """The facilitator, projector and join links (under ``base``, default the server's URL)."""
        root = (base or self.url).rstrip("/")
        out = {"facilitator": f"{root}/f/{self.tokens['facilitator']}",
               "projector": f"{root}/s/{self.tokens['projector']}", "join": f"{root}/"}
        for key, data in self.tokens.get("groups", {}).items():
            out[f"join:{key}"] = f"{root}/j/{data['token']}"
        return out


def create_app(live: LiveServer) -> Any:
    """The Starlette application serving ``live`` (opened already)."""
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    from lessonkit.serve.routes import routes

    @contextlib.asynccontextmanager
    async def lifespan(_app: Any) -> AsyncIterator[None]:
        live.writer.start()
        try:
            yield
        finally:
            live.stopping = True
            await live.writer.stop()

    middleware = [Middleware(SecurityHeaders), Middleware(BodyLimit, limit=BODY_LIMIT)]
    if live.allowed_hosts:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=live.allowed_hosts))
    app = Starlette(routes=routes(), middleware=middleware, lifespan=lifespan)
    app.state.live = live
    return app


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413, before they are read whole."""

    def __init__(self, app: Callable[..., Any], limit: int = BODY_LIMIT) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.limit
            except ValueError:
                too_big = True
            if too_big:
                await _too_large(scope, send)
                return
        seen = 0

        async def limited() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge()
            return message

        try:
            await self.app(scope, limited, send)
        except _BodyTooLarge:
            await _too_large(scope, send)


class _BodyTooLarge(Exception):
    pass


async def _too_large(scope: dict[str, Any], send: Callable[..., Any]) -> None:
    from lessonkit.i18n import t

    install_messages()
    body = (f"{t('live_too_large', 'th')}\n{t('live_too_large', 'en')}\n").encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


class SecurityHeaders:
    """CSP ``default-src 'self'`` (no inline script, no CDN), no sniffing, no referrer, no framing."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Callable[..., Any], send: Callable[..., Any]) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers += [(b"content-security-policy", CSP.encode()),
                            (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"same-origin"),
                            (b"x-frame-options", b"DENY"),
                            (b"cache-control", b"no-store")]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
