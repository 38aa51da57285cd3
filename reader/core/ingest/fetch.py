"""Fetching a URL for import: http and https only, time-outs, few redirects, capped size.

Conditional requests (If-None-Match / If-Modified-Since) let a feed refresh cost one small
304 response when nothing changed.
"""

from __future__ import annotations

import http.client
import re
import ssl
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from reader import __version__

TIMEOUT_SECONDS = 15.0  # for connecting, and for each read
# For the whole request, however the body arrives: a server dripping one byte every few
# seconds never trips the per-read time-out. Checked between reads (each at most one
# receive, so at most TIMEOUT_SECONDS late), whichever HTTP client does the reading.
TOTAL_SECONDS = 60.0
MAX_REDIRECTS = 5
MAX_RESPONSE_BYTES = 16 * 1024 * 1024  # 16 MiB: far above any article page or feed
USER_AGENT = f"Broadsheet/{__version__} (terminal news reader)"
ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, "
    "text/xml;q=0.9, text/html;q=0.8, application/json;q=0.8, text/plain;q=0.5, */*;q=0.1"
)
_REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(Exception):
    """A URL that could not be fetched; the message says why, for people."""


@dataclass(frozen=True)
class Response:
    """What a fetch brought back (status 304 means unchanged since the validators given)."""

    url: str  # the final URL, after redirects
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def not_modified(self) -> bool:
        """True for 304 Not Modified."""
        return self.status == 304

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-cased ('' when not given)."""
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str:
        """The charset parameter of Content-Type, or ''."""
        for part in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = part.partition("=")
            if key.strip().lower() == "charset":
                return value.strip().strip('"').strip("'")
        return ""

    @property
    def etag(self) -> str:
        """The ETag validator, or ''."""
        return self.headers.get("etag", "")

    @property
    def last_modified(self) -> str:
        """The Last-Modified validator, or ''."""
        return self.headers.get("last-modified", "")


def is_url(text: str) -> bool:
    """True when the text looks like a URL (`scheme://`), whatever the scheme."""
    return re.match(r"^[A-Za-z][A-Za-z0-9+.-]+://", text) is not None


def check_url(url: str) -> str:
    """The URL if its scheme is http or https, else FetchError."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise FetchError(f"only http and https URLs can be fetched, not {parts.scheme or 'this'}")
    if not parts.hostname:
        raise FetchError("the URL has no host")
    return url


def fetch(
    url: str,
    etag: str = "",
    last_modified: str = "",
    timeout: float | None = None,
    max_bytes: int | None = None,
    max_redirects: int | None = None,
    total: float | None = None,
) -> Response:
    """GET a URL, following at most `max_redirects` redirects; FetchError for any failure,
    including taking longer than `total` seconds in all (TOTAL_SECONDS by default)."""
    total = TOTAL_SECONDS if total is None else total
    deadline = time.monotonic() + total
    timeout = TIMEOUT_SECONDS if timeout is None else timeout
    max_bytes = MAX_RESPONSE_BYTES if max_bytes is None else max_bytes
    max_redirects = MAX_REDIRECTS if max_redirects is None else max_redirects
    current = check_url(url)
    for _hop in range(max_redirects + 1):
        status, reason, headers, conn, response = _request(current, etag, last_modified, timeout)
        try:
            if status in _REDIRECTS:
                location = headers.get("location", "")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                current = check_url(urljoin(current, location))
                continue
            if status == 304:
                return Response(current, 304, b"", headers)
            if status >= 400:
                raise FetchError(f"HTTP {status} {reason}".strip())
            body = _read_capped(response, headers, max_bytes, timeout, (deadline, total))
            return Response(current, status, body, headers)
        finally:
            conn.close()
    raise FetchError(f"more than {max_redirects} redirects")


def _request(
    url: str, etag: str, last_modified: str, timeout: float
) -> tuple[int, str, dict[str, str], http.client.HTTPConnection, http.client.HTTPResponse]:
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port
    conn: http.client.HTTPConnection
    if parts.scheme.lower() == "https":
        conn = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        conn = http.client.HTTPConnection(host, port, timeout=timeout)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": "identity"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
    except TimeoutError as exc:
        conn.close()
        raise FetchError(f"timed out after {timeout:g} s") from exc
    except ssl.SSLError as exc:
        conn.close()
        raise FetchError(f"TLS failed ({exc.reason or exc})") from exc
    except (OSError, http.client.HTTPException) as exc:
        conn.close()
        reason = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise FetchError(f"could not connect to {host} ({reason})") from exc
    found = {k.lower(): v for k, v in response.getheaders()}
    return response.status, response.reason, found, conn, response


def _read_capped(
    response: http.client.HTTPResponse,
    headers: dict[str, str],
    max_bytes: int,
    timeout: float,
    deadline: tuple[float, float],
) -> bytes:
    limit = f"the {max_bytes // (1024 * 1024) or max_bytes} " + (
        "MiB limit" if max_bytes >= 1024 * 1024 else "byte limit"
    )
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"response of {int(declared):,} bytes is over {limit}")
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            if time.monotonic() > deadline[0]:
                raise FetchError(f"took too long: over {deadline[1]:g} s for one response")
            chunk = response.read1(64 * 1024)  # what has arrived, not a full 64 KiB
            if not chunk:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"response is over {limit}")
            chunks.append(chunk)
    except TimeoutError as exc:
        raise FetchError(f"timed out after {timeout:g} s while reading") from exc
    except (OSError, http.client.HTTPException) as exc:
        raise FetchError(f"connection broke while reading ({exc})") from exc
    return b"".join(chunks)
