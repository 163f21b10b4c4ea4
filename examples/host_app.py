"""A small web service embedding lessonkit: join, answer, vote, live ranking, HTML report.

Standard library only (``http.server``); every lessonkit call goes through the
facade (:mod:`lessonkit.api`), the store (:mod:`lessonkit.store`) and the checked
operations of :mod:`lessonkit.workshop`. Run it with::

    python examples/host_app.py workshop.json      # then open http://127.0.0.1:8000/report
"""

from __future__ import annotations

import json
import sys
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, TypedDict
from urllib.parse import parse_qs, urlparse

import lessonkit
from lessonkit import api, workshop
from lessonkit.errors import LessonkitError, NotFoundError
from lessonkit.plugins import Registry
from lessonkit.store import JsonFileStore, SessionStore


class RankRow(TypedDict):
    """One row of the live ranking, as the service sends it."""

    rank: int
    label: str
    text: str
    score: float | None
    n: int


class WorkshopService:
    """One After Action Review session behind a store; every change is one transaction."""

    def __init__(self, store: SessionStore, *, registry: Registry | None = None,
                 timeout: float = 5.0) -> None:
        self.store = store
        self.registry = registry or api.default_registry()
        self.timeout = timeout

    @classmethod
    def create(cls, path: str, title: str, groups: Mapping[str, str], *,
               locale: str = "th") -> WorkshopService:
        """A new session file using the AAR method, with the given groups."""
        registry = api.default_registry()
        session = workshop.new_session(registry, title, locale=locale, methods=["aar"])
        for key, name in groups.items():
            workshop.add_group(session, key, name)
        store = JsonFileStore(path, registry=registry)
        store.save(session)
        return cls(store, registry=registry)

    def join(self, group: str, name: str | None = None) -> str:
        """Add a participant to a group; their key (``p1``, ``p2``…)."""
        with api.edit_session(self.store, timeout=self.timeout) as session:
            return workshop.add_participant(session, group, name=name).key

    def answer(self, group: str, participant: str, prompt: str, text: str) -> list[str]:
        """Record one answer (a text or list prompt); the new entries' ids."""
        with api.edit_session(self.store, timeout=self.timeout) as session:
            made = workshop.add_answers(session, self.registry, group, "aar", prompt, [text],
                                        participant=participant)
            return [entry.id for entry in made]

    def vote(self, group: str, participant: str, dots: Mapping[str, int]) -> dict[str, Any]:
        """Record a participant's dots over the group's improvement items."""
        with api.edit_session(self.store, timeout=self.timeout) as session:
            return workshop.set_scores(session, self.registry, group, "aar", "priority",
                                       participant, dots)

    def live_ranking(self, group: str) -> list[RankRow]:
        """The improvement items in order of dots, as they stand now."""
        ranking = api.rank(api.open_session(self.store), group, "aar", "priority",
                           registry=self.registry)
        return [RankRow(rank=row.rank, label=row.label, text=row.text, score=row.score, n=row.n)
                for row in ranking.rows]

    def report_fragment(self, locale: str | None = None) -> str:
        """The report book as a ``<div>`` to put in the service's own page."""
        data = api.render_report(api.open_session(self.store), "html", locale=locale,
                                 options={"fragment": True}, registry=self.registry)
        return data.decode("utf-8")


def error_payload(exc: LessonkitError) -> dict[str, Any]:
    """What the service answers for a refused request: the error's code and fields."""
    return {"error": exc.to_dict()}


def make_handler(service: WorkshopService) -> type[BaseHTTPRequestHandler]:
    """A request handler: POST /join, /answer, /vote (JSON); GET /ranking?group=g1, /report."""

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            try:
                body = json.loads(self.rfile.read(length) or b"{}")
                result: object
                if self.path == "/join":
                    result = {"participant": service.join(body["group"], body.get("name"))}
                elif self.path == "/answer":
                    result = {"entries": service.answer(body["group"], body["participant"],
                                                        body["prompt"], body["text"])}
                elif self.path == "/vote":
                    result = {"stored": service.vote(body["group"], body["participant"],
                                                     body["dots"])}
                else:
                    raise NotFoundError(f"no such endpoint {self.path!r}", code="no_endpoint")
            except LessonkitError as exc:
                status = 404 if isinstance(exc, NotFoundError) else 422
                self._send(status, "application/json", json.dumps(error_payload(exc)))
            except (KeyError, ValueError) as exc:
                self._send(400, "application/json", json.dumps({"error": {"code": "bad_request",
                                                                          "message": str(exc)}}))
            else:
                self._send(200, "application/json", json.dumps(result, ensure_ascii=False))

        def do_GET(self) -> None:
            url = urlparse(self.path)
            query = {key: values[0] for key, values in parse_qs(url.query).items()}
            try:
                if url.path == "/ranking":
                    rows = service.live_ranking(query.get("group", "g1"))
                    self._send(200, "application/json", json.dumps(rows, ensure_ascii=False))
                elif url.path == "/report":
                    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'>"
                            "<title>Workshop</title></head><body><h1>Our workshop</h1>"
                            f"{service.report_fragment(query.get('locale'))}</body></html>")
                    self._send(200, "text/html; charset=utf-8", page)
                else:
                    raise NotFoundError(f"no such page {url.path!r}", code="no_endpoint")
            except LessonkitError as exc:
                self._send(404 if isinstance(exc, NotFoundError) else 422, "application/json",
                           json.dumps(error_payload(exc)))

        def _send(self, status: int, kind: str, text: str) -> None:
            data = text.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            pass  # quiet

    return Handler


def start(service: WorkshopService, port: int = 0) -> ThreadingHTTPServer:
    """Serve on 127.0.0.1 (``port=0``: any free port) in a background thread."""
    server = ThreadingHTTPServer(("127.0.0.1", port), make_handler(service))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "workshop.json"
    service = WorkshopService.create(path, "ทบทวนหลังปฏิบัติ", {"g1": "กลุ่ม 1"})
    print(f"lessonkit {lessonkit.__version__}: http://127.0.0.1:8000/report")
    ThreadingHTTPServer(("127.0.0.1", 8000), make_handler(service)).serve_forever()
