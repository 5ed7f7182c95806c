"""Feed documents: entries, refresh hints, advertised feeds in pages, and OPML lists."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urljoin
from xml.etree import ElementTree

import feedparser
import listparser
import lxml.html

from bot.i18n import _
from bot.ingest.sources import _html_to_text, parse_date
from bot.ingest.text import MAX_URL_CHARS, one_line, outside_url, url_problem
from domain.text import without_controls, without_userinfo

log = logging.getLogger(__name__)

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_MAX_AGE = re.compile(r"max-age\s*=\s*([0-9]+)", re.IGNORECASE)
# A feed may ask to be polled less often, but not more than a day apart: `<ttl>40000000</ttl>` or
# `max-age=31536000` would otherwise silence it for years.
MAX_REFRESH_HINT = 86_400


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
    """The longest of the entry's bodies: a feed may send an empty <content:encoded/> beside a
    full <description>, or a one-line description beside the whole content."""
    bodies = [content.get("value") or "" for content in entry.get("content") or []]
    bodies.append(entry.get("summary") or "")
    return max((_html_to_text(body).strip() for body in bodies), key=len)


def parse_feed(data: bytes) -> FeedDocument:
    """An RSS or Atom document's entries. feedparser never fetches external entities."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    problem = parsed.get("bozo_exception")
    broken = problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride)
    if not parsed.get("version") and not parsed.entries:
        raise NotAFeed(_("this is not an RSS or Atom feed"))
    entries = []
    for entry in parsed.entries:
        raw_link = entry.get("link") if isinstance(entry.get("link"), str) else None
        # The same GUID on every poll, whatever its characters: a NUL (<guid>a&#0;b</guid>) is
        # dropped, since PostgreSQL refuses it, and a link's credential never becomes an identity.
        guid = without_controls(str(entry.get("id") or without_userinfo(raw_link or "") or entry.get("title") or ""))
        if not guid:
            continue
        entries.append(
            Entry(
                guid=guid[:MAX_URL_CHARS],
                link=outside_url(raw_link),
                title=one_line(_html_to_text(entry.get("title", "")), 500),
                text=_entry_text(entry),
                published=parse_date(entry.get("published") or entry.get("updated")),
                author=one_line(entry.get("author"), 300) or None,
            )
        )
    # feedparser reads what it can of a damaged feed; with no entry to follow, it is an error.
    if broken and not any(entry.link or entry.text for entry in entries):
        raise NotAFeed(_("not a well-formed feed ({problem})").format(problem=problem))
    return FeedDocument(
        title=one_line(parsed.feed.get("title"), 300),
        site_url=outside_url(parsed.feed.get("link")),
        ttl=_refresh_hint(str(parsed.feed.get("ttl", "")), unit=60),  # <ttl> is in minutes
        entries=entries,
    )


def _refresh_hint(digits: str, unit: int = 1) -> int:
    """A refresh hint in seconds, at most MAX_REFRESH_HINT; 0 if it is no whole number."""
    digits = digits.strip()
    if not (digits.isascii() and digits.isdigit()):
        return 0
    digits = digits.lstrip("0") or "0"
    # Thousands of digits would make int() refuse (and mean "never" anyway): clamp them unread.
    if len(digits) > len(str(MAX_REFRESH_HINT)):
        return MAX_REFRESH_HINT
    return min(int(digits) * unit, MAX_REFRESH_HINT)


def max_age(headers: dict[str, str]) -> int:
    """Seconds the server says the response stays fresh (Cache-Control max-age), at most a day, else 0."""
    found = _MAX_AGE.search(headers.get("cache-control", ""))
    return _refresh_hint(found.group(1)) if found else 0


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
            url = outside_url(urljoin(base_url, element.get("href").strip())) or ""
            if url.startswith(("http://", "https://")) and url not in (u for _, u in found):
                found.append(((element.get("title") or "").strip(), url))
    return found


def read_opml(data: bytes) -> list[tuple[str, str]]:
    """(title, url) of every feed in an OPML subscription list. An entry whose URL cannot be
    followed is skipped, with a warning saying why, so one bad line never aborts an import."""
    parsed = listparser.parse(data)
    if parsed.bozo and not parsed.feeds:
        raise NotAFeed(f"not an OPML subscription list ({parsed.bozo_exception})")
    feeds = []
    for feed in parsed.feeds:
        url = without_userinfo(feed.url)
        if problem := url_problem(url):
            log.warning("OPML: skipped %r (%s): %s", one_line(feed.title, 100), one_line(url, 100), problem)
        else:
            feeds.append((one_line(feed.title, 300), url))
    return feeds


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
