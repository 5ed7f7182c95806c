"""Feed documents: entries, refresh hints, advertised feeds in pages, and OPML lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin
from xml.etree import ElementTree

import feedparser
import listparser
import lxml.html

from bot.ingest.sources import _html_to_text, parse_date

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_MAX_AGE = re.compile(r"max-age\s*=\s*(\d+)", re.IGNORECASE)


class NotAFeed(ValueError):
    """The document is no RSS or Atom feed; the message is fit to show a user."""


@dataclass
class Entry:
    guid: str
    link: str | None
    title: str
    text: str  # the entry's own summary or content, as plain text
    published: datetime | None
    author: str | None


@dataclass
class FeedDocument:
    title: str
    site_url: str | None
    ttl: int = 0  # seconds the feed asks readers to wait (RSS <ttl>)
    entries: list[Entry] = field(default_factory=list)


def _entry_text(entry: dict) -> str:
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    return _html_to_text(body or "").strip()


def parse_feed(data: bytes) -> FeedDocument:
    """An RSS or Atom document's entries. feedparser never fetches external entities."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception")
    broken = problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride)
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed("this is not an RSS or Atom feed")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or None
        guid = entry.get("id") or link or entry.get("title")
        if not guid:
            continue
        entries.append(
            Entry(
                guid=str(guid)[:2048],
                link=link,
                title=_html_to_text(entry.get("title", "")).strip(),
                text=_entry_text(entry),
                published=parse_date(entry.get("published") or entry.get("updated")),
                author=entry.get("author") or None,
            )
        )
    # feedparser reads what it can of a damaged feed; with no entry to follow, it is an error.
    if broken and not any(entry.link or entry.text for entry in entries):
        raise NotAFeed(f"not a well-formed feed ({problem})")
    ttl = parsed.feed.get("ttl", "")
    return FeedDocument(
        title=(parsed.feed.get("title") or "").strip()[:300],
        site_url=parsed.feed.get("link") or None,
        ttl=int(ttl) * 60 if str(ttl).isdigit() else 0,
        entries=entries,
    )


def max_age(headers: dict[str, str]) -> int:
    """Seconds the server says the response stays fresh (Cache-Control max-age), else 0."""
    found = _MAX_AGE.search(headers.get("cache-control", ""))
    return int(found.group(1)) if found else 0


def discover(html: bytes, base_url: str) -> list[tuple[str, str]]:
    """The feeds a page advertises (<link rel="alternate" type="application/rss+xml">): (title, url)."""
    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    found: list[tuple[str, str]] = []
    for element in tree.iterfind(".//link[@href]"):
        rel = (element.get("rel") or "").lower().split()
        kind = (element.get("type") or "").lower().strip()
        if "alternate" in rel and kind in FEED_TYPES:
            url = urljoin(base_url, element.get("href").strip())
            if url.startswith(("http://", "https://")) and url not in (u for _, u in found):
                found.append(((element.get("title") or "").strip(), url))
    return found


def read_opml(data: bytes) -> list[tuple[str, str]]:
    """(title, url) of every feed in an OPML subscription list."""
    parsed = listparser.parse(data)
    if parsed.bozo and not parsed.feeds:
        raise NotAFeed(f"not an OPML subscription list ({parsed.bozo_exception})")
    return [(feed.title or "", feed.url) for feed in parsed.feeds if feed.url.startswith(("http://", "https://"))]


def write_opml(feeds: list[tuple[str, str, str | None]], title: str = "newsbrief feeds") -> str:
    """An OPML 2.0 subscription list of (title, feed url, site url)."""
    opml = ElementTree.Element("opml", version="2.0")
    ElementTree.SubElement(ElementTree.SubElement(opml, "head"), "title").text = title
    body = ElementTree.SubElement(opml, "body")
    for name, url, site in feeds:
        outline = ElementTree.SubElement(body, "outline", type="rss", text=name, title=name, xmlUrl=url)
        if site:
            outline.set("htmlUrl", site)
    ElementTree.indent(opml)
    return ElementTree.tostring(opml, encoding="unicode", xml_declaration=True) + "\n"
