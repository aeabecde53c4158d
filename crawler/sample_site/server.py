"""Serve the sample site over real HTTP on 127.0.0.1, in a thread or in a separate process.

One port serves every host: the request's ``Host`` header picks the site (baodantoc.vn when it is
unknown, e.g. a browser at http://127.0.0.1:PORT/). The crawler maps the real hostnames to this
port and sends the real host in ``Host``. A benchmark runs the server in its own process
(:func:`start_process`) so it does not share the GIL with Scrapy.
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from .catalog import HOSTS
from .edges import OVERSIZED_BYTES, SLOW_DELAY
from .site import SampleSite

log = logging.getLogger(__name__)

#: Address the server binds; the sample site is never reachable from outside the machine.
BIND_ADDRESS = "127.0.0.1"


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive; every response carries a Content-Length."""

    protocol_version = "HTTP/1.1"
    server_version = "nginx"
    sys_version = ""
    server: _Server

    def do_GET(self) -> None:
        self._serve(send_body=True)

    def do_HEAD(self) -> None:
        self._serve(send_body=False)

    def _serve(self, send_body: bool) -> None:
        path = urlsplit(self.path).path or "/"
        response = self.server.site.respond(self.headers.get("Host", ""), path)
        if response.delay:
            time.sleep(response.delay)
        if response.action == "drop":
            self.close_connection = True
            return
        try:
            self.send_response(response.status)
            self.send_header("Content-Type", response.content_type)
            self.send_header("Content-Length", str(len(response.body)))
            for name, value in response.headers:
                self.send_header(name, value)
            if response.action == "truncate":
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            if send_body:
                body = response.body[: len(response.body) // 2] if response.action == "truncate" else response.body
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError) as exc:
            log.debug("client went away: %s", exc)
            self.close_connection = True

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s - " + format, self.address_string(), *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128

    def __init__(self, port: int, site: SampleSite) -> None:
        self.site = site
        super().__init__((BIND_ADDRESS, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.debug("error while serving %s", client_address, exc_info=True)


@dataclass(frozen=True)
class RunningSite:
    """A running sample site: where it listens and which hosts it plays."""

    port: int
    site: SampleSite | None = None

    @property
    def origin(self) -> str:
        return f"http://{BIND_ADDRESS}:{self.port}"

    @property
    def hosts(self) -> tuple[str, ...]:
        return HOSTS


@contextmanager
def serve_sample_site(port: int = 0, synthetic: int = 0, seed: int = 0, *, site: SampleSite | None = None,
                      slow_delay: float = SLOW_DELAY,
                      oversized_bytes: int = OVERSIZED_BYTES) -> Iterator[RunningSite]:
    """Run the sample site in a background thread for the duration of the ``with`` block.

    ``port=0`` picks a free port; ``synthetic`` adds that many generated articles (deterministic for
    ``seed``). Pass ``site`` to serve a prepared :class:`SampleSite` instead.
    """
    site = site or SampleSite(synthetic=synthetic, seed=seed, slow_delay=slow_delay,
                              oversized_bytes=oversized_bytes)
    server = _Server(port, site)
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    try:
        yield RunningSite(server.server_address[1], site)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _child(conn: Any, port: int, synthetic: int, seed: int, slow_delay: float) -> None:
    """Body of the server process: report the port (or the error), serve until told to stop."""
    try:
        server = _Server(port, SampleSite(synthetic=synthetic, seed=seed, slow_delay=slow_delay))
    except Exception as exc:
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("port", server.server_address[1]))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    with suppress(EOFError):
        conn.recv()
    server.shutdown()
    server.server_close()


class SiteProcess:
    """Handle of a sample site running in its own process; also a context manager."""

    def __init__(self, process: Any, conn: Any, port: int) -> None:
        self._process, self._conn, self.port = process, conn, port

    @property
    def origin(self) -> str:
        return f"http://{BIND_ADDRESS}:{self.port}"

    @property
    def hosts(self) -> tuple[str, ...]:
        return HOSTS

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the process to shut the server down; terminate it if it does not within ``timeout``."""
        if self._process.is_alive():
            with suppress(BrokenPipeError, OSError):
                self._conn.send("stop")
            self._process.join(timeout)
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(timeout)
        self._conn.close()

    def __enter__(self) -> SiteProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_process(port: int = 0, synthetic: int = 0, seed: int = 0, slow_delay: float = SLOW_DELAY,
                  start_timeout: float = 120.0) -> SiteProcess:
    """Start the sample site in a separate (spawned) process and wait until it listens.

    Raises RuntimeError with the child's message when it cannot start (bad content, port in use).
    """
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe()
    process = ctx.Process(target=_child, args=(child, port, synthetic, seed, slow_delay),
                          name="sample-site", daemon=True)
    process.start()
    child.close()
    if not parent.poll(start_timeout):
        process.terminate()
        raise RuntimeError(f"sample site process did not start within {start_timeout:.0f}s")
    kind, value = parent.recv()
    if kind == "error":
        process.join(5)
        raise RuntimeError(f"sample site process failed: {value}")
    return SiteProcess(process, parent, int(value))
