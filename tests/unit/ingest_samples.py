"""Small hand-written documents in every format the importer reads (made for these tests)."""

from __future__ import annotations

BODY = (
    "The city council voted on Tuesday to expand the river ferry service to four new piers."
    "\n\nCommuters from the east bank had asked for the change for years, said the council's "
    "transport chair, who called the vote a turning point for the waterfront."
)

MARKDOWN = f"""---
title: Council expands river ferries
source: Harbour Gazette
published: 2024-03-05
url: https://gazette.example/ferries
author: "Ada Lark"
id: gazette-ferries
---
{BODY}
"""

PLAIN = (
    "Library opens a night reading room for students.\n\n"
    "The central library will keep its third floor open until two in the morning during the "
    "exam season, the director announced, after a petition signed by four thousand students."
)

HTML_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Tram line reopens after repairs | Valley Courier</title>
<meta property="og:title" content="Tram line reopens after repairs">
<meta property="og:site_name" content="Valley Courier">
<meta name="author" content="Jonas Weber">
<meta property="article:published_time" content="2024-05-17T08:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/sport">Sport</a></li>
<li>Subscribe to our newsletter today</li></ul></nav>
<article>
<h1>Tram line reopens after repairs</h1>
<p>The number 4 tram line reopened on Friday morning after six weeks of track repairs between
the station and the university, the transport authority said in a statement.</p>
<p>Engineers replaced more than two kilometres of rail and rebuilt the junction at Market Square,
which had been the cause of repeated delays during the winter months.</p>
<p>Passengers on the first tram said the ride was noticeably quieter, and several praised the
new shelters at the three stops that were rebuilt as part of the works.</p>
</article>
<footer><p>Copyright 2024 Valley Courier. All rights reserved. Cookie settings.</p></footer>
</body></html>
"""

RSS20 = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<description>News from the harbour</description>
<item><title>Fish market moves indoors</title><link>https://gazette.example/fish</link>
<guid>https://gazette.example/fish</guid><pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate>
<description>Short summary only.</description>
<content:encoded><![CDATA[<p>The fish market will move into the old customs hall in April, the port
authority said.</p><p>Traders welcomed the move, which ends forty years of trading in the
open air on the quay.</p><script>alert('x')</script>]]></content:encoded></item>
<item><title>Lighthouse keeper retires</title><link>https://gazette.example/lighthouse</link>
<pubDate>Mon, 04 Mar 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;After thirty-one years, the last keeper of the north lighthouse hands over
the keys to an automatic lamp and a monitoring station on the mainland.&lt;/p&gt;</description>
</item>
</channel></rss>
"""

RSS091 = """<?xml version="1.0"?>
<rss version="0.91"><channel><title>Old Style Weekly</title><link>http://old.example/</link>
<description>Old</description><language>en-us</language>
<item><title>Bridge tolls frozen</title><link>http://old.example/tolls</link>
<description>The county will keep bridge tolls at their current level for another year.</description>
</item></channel></rss>
"""

RSS10 = """<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://rdf.example/"><title>RDF Daily</title><link>http://rdf.example/</link>
<description>d</description><items><rdf:Seq><rdf:li resource="http://rdf.example/a"/></rdf:Seq></items>
</channel>
<item rdf:about="http://rdf.example/a"><title>Orchard harvest is early</title>
<link>http://rdf.example/a</link><dc:date>2023-09-01</dc:date>
<description>Apple growers in the valley started picking two weeks early this year.</description>
</item></rdf:RDF>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<link href="https://atom.example/"/><id>urn:atom-times</id><updated>2024-01-02T00:00:00Z</updated>
<entry><title>Snow closes mountain pass</title><link href="https://atom.example/snow"/>
<id>urn:snow</id><updated>2024-01-02T10:00:00Z</updated><author><name>Mia Stone</name></author>
<summary>Pass closed.</summary>
<content type="html">&lt;p&gt;Heavy snow closed the mountain pass on Tuesday and the road
authority said it would stay shut until the avalanche risk falls.&lt;/p&gt;</content>
</entry></feed>
"""

JSON_FEED = """{"version": "https://jsonfeed.org/version/1.1", "title": "JSON Journal",
 "home_page_url": "https://json.example/",
 "items": [{"id": "1", "url": "https://json.example/solar", "title": "Solar farm approved",
   "content_html": "<p>The planning board approved a solar farm on the old airfield.</p>",
   "date_published": "2024-02-10T12:00:00Z", "authors": [{"name": "Lee Park"}]}]}
"""

OPML = """<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0"><head><title>My feeds</title></head><body>
<outline text="News"><outline text="Gazette" type="rss" xmlUrl="{feed}"/></outline>
<outline text="Broken" type="rss" xmlUrl="ftp://files.example/feed.xml"/>
</body></opml>
"""

ILLFORMED_FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Broken</title>
<item><title>Unclosed <description>oops</item></channel>
"""


def records(n: int, prefix: str = "rec") -> list[dict[str, object]]:
    """n distinct article records in the news corpus schema."""
    return [
        {
            "id": f"{prefix}-{i:05d}",
            "title": f"Report number {i} on the {prefix} harbour works",
            "source": "Harbour Gazette" if i % 2 else "Valley Courier",
            "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "url": f"https://news.example/{prefix}/{i}",
            "body": f"Item {i} of {prefix}: the harbour works moved on this week. "
            f"Crews finished section {i * 7} of the sea wall, and the next stage starts soon."
            f"\n\nResidents near pier {i % 13} said the noise had eased.",
        }
        for i in range(n)
    ]


def headline_only_feed(link: str) -> str:
    """An RSS feed whose one entry has a title and a link but no text (a headline-only feed)."""
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Bare</title>'
        f"<item><title>Tram</title><link>{link}</link></item>"
        "</channel></rss>"
    )
