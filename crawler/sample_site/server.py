"""Serve the sample site over real HTTP on 127.0.0.1, in a thread or in a separate process.

One port serves every host: the request's ``Host`` header picks the site (baodantoc.vn when it is
unknown, e.g. a browser at http://127.0.0.1:PORT/). The crawler maps the real hostnames to this
port and sends the real host in ``Host``. A benchmark runs the server in its own process
(:func:`start_process`) so it does not share the GIL with Scrapy.
"""

from __future__ import annotations

import json
import logging
import select
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
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
        target = urlsplit(self.path)  # origin-form "/path", or absolute-form when used as a proxy
        response = self.server.site.respond(target.netloc or self.headers.get("Host", ""), target.path or "/")
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


class _Listening:
    """Where a running sample site listens and which hosts it plays (thread or process alike)."""

    port: int

    @property
    def origin(self) -> str:
        return f"http://{BIND_ADDRESS}:{self.port}"

    @property
    def hosts(self) -> tuple[str, ...]:
        return HOSTS


@dataclass(frozen=True)
class RunningSite(_Listening):
    """A sample site running in a thread of this process."""

    port: int
    site: SampleSite | None = None


@contextmanager
def serve_sample_site(port: int = 0, synthetic: int = 0, seed: int = 0, *, site: SampleSite | None = None,
                      slow_delay: float = SLOW_DELAY, oversized_bytes: int = OVERSIZED_BYTES,
                      drifted: bool = False) -> Iterator[RunningSite]:
    """Run the sample site in a background thread for the duration of the ``with`` block.

    ``port=0`` picks a free port; ``synthetic`` adds that many generated articles (deterministic for
    ``seed``); ``drifted`` serves some sections in a redesign (the drift alarm's test). Pass ``site``
    to serve a prepared :class:`SampleSite` instead.
    """
    site = site or SampleSite(synthetic=synthetic, seed=seed, slow_delay=slow_delay,
                              oversized_bytes=oversized_bytes, drifted=drifted)
    server = _Server(port, site)
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    try:
        yield RunningSite(server.server_address[1], site)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def serve_until_stdin_closes(port: int, synthetic: int, seed: int, slow_delay: float, drifted: bool = False) -> None:
    """Body of the server process: print the port as a JSON line, serve until stdin reaches EOF.

    Watching stdin (rather than a signal) lets the parent stop the server cleanly from any
    platform, and the server also stops when the parent dies and its end of the pipe closes.
    """
    server = _Server(port, SampleSite(synthetic=synthetic, seed=seed, slow_delay=slow_delay, drifted=drifted))
    print(json.dumps({"port": server.server_address[1]}), flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        sys.stdin.read()
    finally:
        server.shutdown()
        server.server_close()


class SiteProcess(_Listening):
    """Handle of a sample site running in its own process; also a context manager."""

    def __init__(self, process: subprocess.Popen[str], port: int) -> None:
        self._process, self.port = process, port

    def stop(self, timeout: float = 5.0) -> None:
        """Close the process's stdin (it shuts down); terminate it if it has not within ``timeout``."""
        if self._process.poll() is None:
            with suppress(OSError):
                if self._process.stdin:
                    self._process.stdin.close()
            try:
                self._process.wait(timeout)
            except subprocess.TimeoutExpired:
                self._process.terminate()
                self._process.wait(timeout)
        for stream in (self._process.stdout, self._process.stderr):
            if stream:
                stream.close()

    def __enter__(self) -> SiteProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def start_process(port: int = 0, synthetic: int = 0, seed: int = 0, slow_delay: float = SLOW_DELAY,
                  start_timeout: float = 120.0, drifted: bool = False) -> SiteProcess:
    """Start the sample site in a separate Python process and wait until it listens.

    A subprocess (``python -m baodantoc.crawler.sample_site``) rather than multiprocessing: it works from any
    caller, including scripts without an ``if __name__ == "__main__"`` guard. Raises RuntimeError
    with the child's message when it cannot start (bad content, port in use, timeout).
    """
    cmd = [sys.executable, "-m", "baodantoc.crawler.sample_site", "--port", str(port), "--synthetic", str(synthetic),
           "--seed", str(seed), "--slow-delay", str(slow_delay), *(["--drifted"] if drifted else [])]
    process = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, cwd=Path(__file__).resolve().parents[2])
    ready = select.select([process.stdout], [], [], start_timeout)[0]
    line = process.stdout.readline() if ready and process.stdout else ""
    if not line:
        process.kill()
        _, err = process.communicate(timeout=10)
        reason = err.strip().splitlines()[-1] if err.strip() else f"no answer within {start_timeout:.0f}s"
        raise RuntimeError(f"sample site process failed to start: {reason}")
    return SiteProcess(process, int(json.loads(line)["port"]))
