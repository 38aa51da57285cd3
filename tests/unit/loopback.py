"""A tiny HTTP server on 127.0.0.1 that a test starts itself (never the internet).

Routes map a path to a Route; the server counts requests and honours ETag and
Last-Modified validators so conditional requests can be seen to work.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """What one path answers."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    etag: str = ""
    last_modified: str = ""
    location: str = ""
    delay: float = 0.0
    send_length: bool = True  # False: no Content-Length, the body ends when the connection does
    headers: dict[str, str] = field(default_factory=dict)


class Server:
    """The running server: its base URL, routes and the requests it has seen."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.url = ""
        self.in_flight = 0
        self.most_in_flight = 0
        self.lock = threading.Lock()

    def url_for(self, path: str) -> str:
        """The absolute URL of a path on this server."""
        return self.url + path

    def hits(self, path: str) -> int:
        """How many requests a path has had."""
        return sum(1 for p, _ in self.requests if p == path)


def _handler(server: Server) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802
            headers = {k.lower(): v for k, v in self.headers.items()}
            server.requests.append((self.path, headers))
            route = server.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.delay:
                with server.lock:
                    server.in_flight += 1
                    server.most_in_flight = max(server.most_in_flight, server.in_flight)
                time.sleep(route.delay)
                with server.lock:
                    server.in_flight -= 1
            matches = (route.etag and headers.get("if-none-match") == route.etag) or (
                route.last_modified and headers.get("if-modified-since") == route.last_modified
            )
            if matches:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(route.status)
            if route.location:
                self.send_header("Location", route.location)
            self.send_header("Content-Type", route.content_type)
            if route.etag:
                self.send_header("ETag", route.etag)
            if route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            for key, value in route.headers.items():
                self.send_header(key, value)
            if route.send_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            self.wfile.write(route.body)

    return Handler


@contextmanager
def serving() -> Iterator[Server]:
    """Start a server on a free port of 127.0.0.1; stop it on exit."""
    state = Server()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    httpd.daemon_threads = True
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
