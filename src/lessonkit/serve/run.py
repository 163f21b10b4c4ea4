"""Running the server: one uvicorn process, one event loop, the session file locked throughout."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Callable
from typing import Any

from lessonkit.serve.app import LiveServer, create_app

__all__ = ["lan_addresses", "run"]


def lan_addresses() -> list[str]:
    """Every non-loopback IPv4 address of this machine (a phone hotspot is not always the default route)."""
    found: list[str] = []
    with contextlib.suppress(OSError):
        for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET):
            address = str(info[4][0])
            if not address.startswith("127.") and address not in found:
                found.append(address)
    with contextlib.suppress(OSError):
        # The address of the default route, found without sending a packet (UDP connect).
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            probe.connect(("10.255.255.255", 1))
            address = str(probe.getsockname()[0])
            if not address.startswith("127.") and address not in found:
                found.insert(0, address)
        finally:
            probe.close()
    return found


def _raise_file_limit() -> None:
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        want = min(hard, 4096) if hard != resource.RLIM_INFINITY else 4096
        if soft < want:
            resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))


def run(path: str, registry: Any, *, host: str = "127.0.0.1", port: int = 8000,
        public_host: str | None = None, on_started: Callable[[LiveServer, str], None] | None = None,
        **options: Any) -> None:
    """Serve ``path`` until interrupted; the session file is folded and unlocked at the end."""
    import uvicorn

    shown = public_host or host
    url = f"http://{shown}:{port}/"
    hosts = sorted({"127.0.0.1", "localhost", shown, *( [] if host in ("0.0.0.0", "::") else [host])})
    if host in ("0.0.0.0", "::"):
        hosts = sorted({*hosts, *lan_addresses()})
    live = LiveServer(path, registry, url=url, allowed_hosts=hosts, **options)
    live.open()
    try:
        _raise_file_limit()
        config = uvicorn.Config(create_app(live), host=host, port=port, workers=1, reload=False,
                                log_level="warning", access_log=False, limit_concurrency=2000,
                                timeout_graceful_shutdown=3,
                                proxy_headers=False, server_header=False)
        class Server(uvicorn.Server):
            def handle_exit(self, sig: int, frame: Any) -> None:
                super().handle_exit(sig, frame)
                live.farewell()  # before uvicorn waits for open responses (the projectors' streams)

        server = Server(config)
        if on_started is not None:
            on_started(live, url)
        try:
            server.run()
        except KeyboardInterrupt:  # uvicorn re-raises the Ctrl+C it handled: a normal stop
            pass
    finally:
        live.close()
