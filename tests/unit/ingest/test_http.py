"""HTTP as a newsroom has it: through a proxy (HTTP_PROXY / NO_PROXY) and compressed, with
the size cap on the decompressed bytes. The loopback server plays both the site and the proxy."""

from __future__ import annotations

import gzip
import zlib

import pytest

from reader.core.ingest import fetch as fetch_module
from reader.core.ingest.fetch import FetchError, fetch
from tests.unit import ingest_samples as samples
from tests.unit.loopback import Route, Server, serving

PROXY_NAMES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Server:
    for name in PROXY_NAMES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    with serving() as running:
        yield running


def test_requests_go_through_the_proxy_the_environment_names(server, monkeypatch) -> None:
    # A proxy receives the absolute URL; the loopback server answers it as the proxy would.
    server.routes["http://news.invalid/feed"] = Route(b"<rss>through the proxy</rss>")
    monkeypatch.setenv("HTTP_PROXY", server.url)
    response = fetch("http://news.invalid/feed")
    assert response.body == b"<rss>through the proxy</rss>"
    assert server.hits("http://news.invalid/feed") == 1


def test_no_proxy_hosts_are_fetched_directly(server, monkeypatch) -> None:
    server.routes["/direct"] = Route(b"direct")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9")  # nothing listens there
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    assert fetch(server.url_for("/direct")).body == b"direct"
    monkeypatch.delenv("NO_PROXY")
    with pytest.raises(FetchError, match="proxy|could not connect"):
        fetch(server.url_for("/direct"), timeout=2)


@pytest.mark.parametrize(
    ("encoding", "compress"),
    [("gzip", gzip.compress), ("deflate", zlib.compress)],
)
def test_compressed_responses_are_asked_for_and_decompressed(server, encoding, compress) -> None:
    page = samples.HTML_PAGE.encode()
    server.routes["/page"] = Route(compress(page), headers={"Content-Encoding": encoding})
    response = fetch(server.url_for("/page"))
    assert response.body == page
    assert "content-encoding" not in response.headers
    assert "gzip" in dict(server.requests[0][1])["accept-encoding"]


def test_the_size_cap_applies_to_the_decompressed_bytes(server, monkeypatch) -> None:
    monkeypatch.setattr(fetch_module, "MAX_RESPONSE_BYTES", 100_000)
    bomb = gzip.compress(b"a" * 5_000_000)  # about 5 KB on the wire
    server.routes["/bomb"] = Route(bomb, headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="response is over the 100000 byte limit"):
        fetch(server.url_for("/bomb"))


def test_a_corrupt_compressed_body_is_a_reason_not_a_traceback(server) -> None:
    server.routes["/broken"] = Route(b"not gzip at all", headers={"Content-Encoding": "gzip"})
    with pytest.raises(FetchError, match="decompress"):
        fetch(server.url_for("/broken"))
