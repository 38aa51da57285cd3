"""Fetching a URL for import: http and https only, time-outs, few redirects, capped size.

HTTP goes through urllib3 (already installed by trafilatura): it honours HTTP_PROXY,
HTTPS_PROXY and NO_PROXY (a newsroom behind a proxy can subscribe), asks for gzip/deflate and
decompresses, with the size cap applied to the decompressed bytes so a small compressed bomb is
refused. Redirects are followed here, not by urllib3, so every hop is checked (http/https only)
and counted. Conditional requests (If-None-Match / If-Modified-Since) let a feed refresh cost one
small 304 response when nothing changed.
"""

from __future__ import annotations

import re
import threading
import time
import urllib.request
import zlib
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import urllib3
from urllib3.exceptions import (
    DecodeError,
    HTTPError,
    NewConnectionError,
    ProtocolError,
    ProxyError,
    SSLError,
)
from urllib3.exceptions import (
    TimeoutError as Urllib3Timeout,
)

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
ACCEPT_ENCODING = "gzip, deflate"
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
        response = _request(current, etag, last_modified, timeout)
        try:
            status = response.status
            headers = {k.lower(): v for k, v in response.headers.items()}
            if status in _REDIRECTS:
                location = headers.get("location", "")
                if not location:
                    raise FetchError(f"HTTP {status} redirect without a Location")
                current = check_url(urljoin(current, location))
                continue
            if status == 304:
                return Response(current, 304, b"", headers)
            if status >= 400:
                raise FetchError(f"HTTP {status} {response.reason or ''}".strip())
            body = _read_capped(response, headers, max_bytes, timeout, (deadline, total))
            # The body handed on is decoded: its encoding and length headers no longer apply.
            headers.pop("content-encoding", None)
            headers.pop("content-length", None)
            return Response(current, status, body, headers)
        finally:
            response.release_conn()
    raise FetchError(f"more than {max_redirects} redirects")


_POOLS: dict[str, urllib3.PoolManager] = {}
_POOLS_LOCK = threading.Lock()


def _pool(url: str) -> urllib3.PoolManager:
    """The connection pool for a URL: direct, or through the proxy the environment names.

    HTTP_PROXY / HTTPS_PROXY / NO_PROXY (either case) are read on every request, as curl and
    requests read them, so a changed environment takes effect without a restart.
    """
    parts = urlsplit(url)
    proxies = urllib.request.getproxies()
    proxy = proxies.get(parts.scheme.lower(), "")
    if proxy and urllib.request.proxy_bypass_environment(  # type: ignore[attr-defined]
        parts.netloc, proxies
    ):
        proxy = ""
    with _POOLS_LOCK:
        if proxy not in _POOLS:
            _POOLS[proxy] = (
                urllib3.ProxyManager(proxy, num_pools=8, maxsize=4)
                if proxy
                else urllib3.PoolManager(num_pools=8, maxsize=4)
            )
        return _POOLS[proxy]


def _request(url: str, etag: str, last_modified: str, timeout: float) -> urllib3.BaseHTTPResponse:
    host = urlsplit(url).hostname or ""
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT, "Accept-Encoding": ACCEPT_ENCODING}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        return _pool(url).request(
            "GET",
            url,
            headers=headers,
            timeout=urllib3.Timeout(connect=timeout, read=timeout),
            retries=False,
            redirect=False,
            preload_content=False,
            decode_content=True,
        )
    except ProxyError as exc:
        raise FetchError(f"could not connect through the proxy ({_reason(exc)})") from exc
    except NewConnectionError as exc:  # a subclass of the time-out error in urllib3 2.x
        raise FetchError(f"could not connect to {host} ({_reason(exc)})") from exc
    except Urllib3Timeout as exc:
        raise FetchError(f"timed out after {timeout:g} s") from exc
    except SSLError as exc:
        raise FetchError(f"TLS failed ({_reason(exc)})") from exc
    except (HTTPError, OSError) as exc:
        raise FetchError(f"could not connect to {host} ({_reason(exc)})") from exc


def _reason(exc: BaseException) -> str:
    """The innermost message of a urllib3 error, on one line (no object reprs)."""
    inner: BaseException | None = exc
    while inner is not None:
        found = getattr(inner, "reason", None)
        if isinstance(found, BaseException) and found is not inner:
            inner = found
            continue
        break
    current = inner or exc
    text = getattr(current, "strerror", None) or str(current) or type(current).__name__
    # "HTTPConnection(host='h', port=80): Failed to ..." -> "Failed to ..."
    text = re.sub(r"^\w+\(host=[^)]*\): |<[^>]*>: ", "", str(text))
    return " ".join(text.split())


def _read_capped(
    response: urllib3.BaseHTTPResponse,
    headers: dict[str, str],
    max_bytes: int,
    timeout: float,
    deadline: tuple[float, float],
) -> bytes:
    """The (decompressed) body, refused past `max_bytes` whatever the Content-Length says.

    Each chunk is read with the per-read `timeout`, and the total `deadline` (monotonic end,
    seconds allowed) is checked between chunks: `read1` returns what one receive brought, so a
    server dripping a byte at a time is stopped at most one per-read time-out after it.
    """
    limit = f"the {max_bytes // (1024 * 1024) or max_bytes} " + (
        "MiB limit" if max_bytes >= 1024 * 1024 else "byte limit"
    )
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > max_bytes:
        raise FetchError(f"response of {int(declared):,} bytes is over {limit}")
    inflater = _Inflater(headers.get("content-encoding", ""))
    chunks: list[bytes] = []
    size = 0
    try:
        while True:
            if time.monotonic() > deadline[0]:
                raise FetchError(f"took too long: over {deadline[1]:g} s for one response")
            # What one receive brought (not a full 64 KiB), still compressed: decompressing
            # here keeps the deadline checked even while the bytes decompress to nothing.
            raw = response.read1(64 * 1024, decode_content=False)
            chunk = inflater.feed(raw, max_bytes - size) if raw else b""
            if not raw:
                break
            size += len(chunk)
            if size > max_bytes:
                raise FetchError(f"response is over {limit}")
            chunks.append(chunk)
    except Urllib3Timeout as exc:
        raise FetchError(f"timed out after {timeout:g} s while reading") from exc
    except DecodeError as exc:
        raise FetchError(f"could not decompress the response ({_reason(exc)})") from exc
    except (ProtocolError, HTTPError, OSError) as exc:
        raise FetchError(f"connection broke while reading ({_reason(exc)})") from exc
    return b"".join(chunks)


class _Inflater:
    """gzip/deflate decompression one received chunk at a time, at most `room` + 1 bytes out
    per chunk (enough to see the size cap passed, never a bomb's worth of memory).

    urllib3's own decoding reads on, receive after receive, until some bytes come out: a
    server dripping an endless gzip header or empty deflate blocks would never meet the total
    deadline. Doing it here keeps the deadline between receives whatever the encoding.
    """

    def __init__(self, encoding: str) -> None:
        self.encoding = encoding.strip().lower()
        if self.encoding not in ("", "identity", "gzip", "x-gzip", "deflate"):
            raise FetchError(f"the response is compressed as {self.encoding!r}, not gzip/deflate")
        self._gzip = self.encoding in ("gzip", "x-gzip")
        self._first = True  # deflate: a zlib stream, or raw deflate as some servers send
        self._done = False  # gzip: data after the last member is ignored, as urllib3 does
        self._obj = self._new()

    def _new(self, raw_deflate: bool = False) -> zlib._Decompress:
        if raw_deflate:
            return zlib.decompressobj(-zlib.MAX_WBITS)
        return zlib.decompressobj(16 + zlib.MAX_WBITS if self._gzip else zlib.MAX_WBITS)

    def feed(self, data: bytes, room: int) -> bytes:
        """The decompressed bytes of the next chunk (DecodeError when it is not valid)."""
        if self.encoding in ("", "identity"):
            return data
        if self._done:
            return b""
        try:
            return self._inflate(data, max(room, 0) + 1)
        except zlib.error as exc:
            if not self._first:
                raise DecodeError(str(exc)) from exc
            if self._gzip:
                raise DecodeError(str(exc)) from exc
            self._obj = self._new(raw_deflate=True)
            try:
                return self._inflate(data, max(room, 0) + 1)
            except zlib.error as again:
                raise DecodeError(str(again)) from again
        finally:
            self._first = False

    def _inflate(self, data: bytes, limit: int) -> bytes:
        out = self._obj.decompress(data, limit)
        while self._gzip and self._obj.eof and self._obj.unused_data and len(out) < limit:
            rest = self._obj.unused_data
            self._obj = self._new()
            try:  # another gzip member follows (concatenated files), or trailing junk
                out += self._obj.decompress(rest, limit - len(out))
            except zlib.error:
                self._done = True
                break
        return out
