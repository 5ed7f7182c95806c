"""Reading articles from files, directories, standard input, feed documents and fetched pages."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import lxml.html
import trafilatura

from bot.fetch import Fetcher, FetchError
from bot.i18n import _
from bot.ingest.extraction import extracted
from bot.ingest.markdown import NESTED, markdown_text
from bot.ingest.pdf import Unreadable, pdf_text
from bot.ingest.text import NOT_TEXT, NotText, decode, looks_like_text, one_line, outside_url, url_problem
from domain.sources import Failure
from domain.text import without_userinfo

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
PDF_SUFFIXES = {".pdf"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | PDF_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | FEED_SUFFIXES
TEXT_FIELDS = ("text", "body", "article", "content", "description")


@dataclass
class RawArticle:
    """An article as a source gives it, before cleaning and analysis."""

    text: str
    title: str = ""
    url: str | None = None
    source: str = ""
    author: str | None = None
    published: datetime | None = None
    origin: str = ""  # where it came from, for messages ("file.jsonl:3")
    partial: bool = False  # only a summary or excerpt (a feed entry whose page could not be had)


Item = RawArticle | Failure


def parse_date(value: object) -> datetime | None:
    """ISO 8601 or RFC 822 (as feeds write it); naive times are taken as UTC."""
    if isinstance(value, datetime):
        parsed = value
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            try:
                parsed = parsedate_to_datetime(text)
            except (TypeError, ValueError):
                return None
    else:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def site_name(url: str | None) -> str:
    host = urlsplit(url).hostname if url else None
    return host.removeprefix("www.") if host else ""


def from_text(text: str, origin: str) -> RawArticle:
    """Plain text: the first line is the title when a blank line follows it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\n").split("\n")
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip():
        return RawArticle(text="\n".join(lines[2:]), title=lines[0].strip(), origin=origin)
    return RawArticle(text="\n".join(lines), origin=origin)


def from_html(html: str, origin: str, url: str | None = None) -> Item:
    """The article in a page (boilerplate gone), with title, date and author."""
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if document is None or not (document.text or "").strip():
        return Failure(origin, _("no article text found in this page"))
    text = document.text
    title = (document.title or "").strip()
    # trafilatura keeps the page's headline as the first line of the text.
    first, _sep, rest = text.partition("\n")
    if title and first.strip() == title and rest.strip():
        text = rest
    # The page's <link rel=canonical> (trafilatura reads it) names the story once for all its URLs.
    canonical = outside_url(document.url)
    return RawArticle(
        text=text,
        title=title,
        url=canonical or url,
        source=_site(document.sitename) or site_name(url or canonical),
        author=document.author,
        published=parse_date(document.date),
        origin=origin,
    )


def _site(sitename: str | None) -> str:
    """trafilatura's site name; one it took from a link's authority loses the `user:password@`."""
    name = (sitename or "").strip()
    return name.rpartition("@")[2] if "@" in name and not any(c.isspace() for c in name) else name


def _html_to_text(fragment: str) -> str:
    """A feed's HTML summary as text, each block (paragraph, list item, division) a paragraph of its
    own: `<li>… tactics</li><li>Trump is …</li>` read as one would run "tacticsTrump" together."""
    if "<" not in fragment:
        return fragment
    try:
        root = lxml.html.fromstring(fragment)
    except (ValueError, lxml.etree.ParserError):
        return fragment
    for block in root.iter(*NESTED, "div"):
        if block is not root:
            block.tail = "\n\n" + (block.tail or "")
            block.text = "\n\n" + (block.text or "")
    for line_break in root.iter("br"):  # (a line, often inside a sentence: a space, not a paragraph)
        line_break.tail = " " + (line_break.tail or "")
    paragraphs = (" ".join(part.split()) for part in root.text_content().split("\n\n"))
    return "\n\n".join(part for part in paragraphs if part)


def from_json_object(record: object, origin: str) -> Item:
    if not isinstance(record, dict):
        return Failure(origin, "each line must be a JSON object")
    text = next((record[f] for f in TEXT_FIELDS if isinstance(record.get(f), str) and record[f].strip()), None)
    # A headline with no description is still news: its headline is its text.
    title = record.get("title")
    if text is None and isinstance(title, str) and title.strip():
        text = title
    if text is None:
        return Failure(origin, f"no text in any of the fields {', '.join(TEXT_FIELDS)} or title")
    # Only strings are taken: `"source": ["a"]` is no source, not the text "['a']".
    url = outside_url(record.get("url") or record.get("link"))
    return RawArticle(
        text=_html_to_text(text),
        title=one_line(record.get("title"), 500),
        url=url,
        source=one_line(record.get("source"), 300) or site_name(url),
        author=one_line(record.get("author"), 300) or None,
        published=parse_date(record.get("published") or record.get("pubDate") or record.get("date")),
        origin=origin,
    )


def from_jsonl(text: str, origin: str) -> Iterator[Item]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not valid JSON ({exc.msg})")
            continue
        except RecursionError:  # "[[[[..." 200,000 deep: this line's failure, not the file's
            yield Failure(where, "nested too deeply to read")
            continue
        yield from_json_object(record, where)


def _entry_text(entry: dict) -> str:
    contents = entry.get("content") or []
    body = contents[0].get("value", "") if contents else entry.get("summary", "")
    return _html_to_text(body or "").strip()


def from_feed(data: bytes, origin: str) -> Iterator[Item]:
    """Each entry of an RSS or Atom document."""
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    problem = feed.get("bozo_exception")
    broken = problem is not None and not isinstance(problem, feedparser.CharacterEncodingOverride)
    if not feed.entries or (broken and not any(_entry_text(e) for e in feed.entries)):
        reason = (
            _("not a well-formed feed ({problem})").format(problem=problem) if broken else _("the feed has no entries")
        )
        yield Failure(origin, reason)
        return
    feed_title = feed.feed.get("title", "") or site_name(feed.feed.get("link"))
    for number, entry in enumerate(feed.entries, start=1):
        # A headline with no summary is still news: its headline is its text.
        text = _entry_text(entry) or _html_to_text(entry.get("title", "")).strip()
        where = _("{origin} entry {number}").format(origin=origin, number=number)
        if not text:
            yield Failure(where, _("the entry has no text"))
            continue
        published = entry.get("published") or entry.get("updated")
        yield RawArticle(
            text=text,
            title=_html_to_text(entry.get("title", "")).strip(),
            url=outside_url(entry.get("link")),
            source=feed_title,
            author=one_line(entry.get("author"), 300) or None,
            published=parse_date(published),
            origin=where,
        )


def sniff(text: str) -> str:
    """The format of untyped input, judged on the decoded text (UTF-16 bytes begin with no "<"):
    html, feed, jsonl or txt."""
    head = text[:2048].lstrip("\ufeff \t\r\n").lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    if head.startswith(("<?xml", "<rss", "<feed", "<rdf")):
        return "feed"
    if head.startswith("{"):
        return "jsonl"
    return "txt"


def from_bytes(data: bytes, origin: str, kind: str | None = None, url: str | None = None) -> Iterator[Item]:
    """Articles in one document of the given (or sniffed) format."""
    if kind == "feed":
        yield from from_feed(data, origin)  # feedparser reads the XML encoding declaration itself
        return
    if kind == "pdf" or (kind is None and b"%PDF-" in data[:1024]):  # a PDF's header is in its first KB
        yield from_pdf(data, origin, url)
        return
    try:
        text = decode(data, prose=False)
        kind = kind or sniff(text)
        # Markup is judged by its control characters only: a deep JSON line is mostly brackets.
        if kind not in ("jsonl", "feed") and not looks_like_text(text):
            raise NotText(NOT_TEXT)
    except NotText as exc:
        if kind is None and sniff(data[:2048].decode("latin-1")) == "feed":
            yield from from_feed(data, origin)  # a feed in an encoding only its declaration names
        else:
            yield Failure(origin, _(str(exc)))
        return
    if kind == "feed":
        yield from from_feed(_as_utf8_xml(data, text), origin)
        return
    if kind == "html":
        yield from_html(text, origin, url)
    elif kind == "jsonl":
        yield from from_jsonl(text, origin)
    else:
        article = from_text(markdown_text(text) if kind == "md" else text, origin)
        article.url = url
        article.source = site_name(url)
        yield article


def from_pdf(data: bytes, origin: str, url: str | None = None) -> Item:
    """A PDF's text (from `url`, when fetched); the first line is the title when a blank line
    follows, else the title in its properties."""
    try:
        title, text = pdf_text(data, origin)
    except Unreadable as exc:
        return Failure(origin, str(exc))
    article = from_text(text, origin)
    article.title = article.title or title
    article.url, article.source = url, site_name(url)
    return article


def _as_utf8_xml(data: bytes, text: str) -> bytes:
    """Feed bytes feedparser can read: as they are when ASCII-compatible (their declaration
    holds), else the decoded text as UTF-8 with the declaration that says so."""
    if data.lstrip()[:1] == b"<" or data.startswith(codecs.BOM_UTF8):
        return data
    body = text.lstrip("\ufeff")
    if body.startswith("<?xml"):
        body = body.partition("?>")[2]
    return b'<?xml version="1.0" encoding="utf-8"?>' + body.encode("utf-8")


async def from_url(fetcher: Fetcher, url: str) -> list[Item]:
    """The articles at a link (a page or a feed), or why it could not be had."""
    url = without_userinfo(url)  # the origin of its failures is shown and logged
    if problem := url_problem(url):  # "http://[::1" must fail as a link, not crash the command
        return [Failure(url, problem)]
    try:
        fetched = await fetcher.fetch(url)
    except FetchError as exc:
        return [Failure(url, str(exc))]
    # Parsing a page or a feed of thousands of entries takes seconds: off the event loop.
    return await extracted(lambda: list(from_bytes(fetched.body, url, fetched.kind, url=fetched.url)))


def _kind_of(path: Path) -> str | None:
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return "txt"
    if suffix in MARKDOWN_SUFFIXES:
        return "md"
    if suffix in PDF_SUFFIXES:
        return "pdf"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in FEED_SUFFIXES:
        return "feed"
    return None


def files_under(path: Path) -> list[Path]:
    """Readable article files below a directory, in a stable order; hidden files skipped."""
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and p.suffix.lower() in KNOWN_SUFFIXES
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
    )


def from_path(path: Path) -> Iterator[Item]:
    """One file (format by suffix, else sniffed), or every article file below a directory."""
    if str(path) == "-":
        yield from from_bytes(sys.stdin.buffer.read(), "stdin")
        return
    if path.is_dir():
        for file in files_under(path):
            yield from from_path(file)
        return
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(str(path), exc.strerror or "cannot read this file")
        return
    for item in from_bytes(data, str(path), _kind_of(path)):
        if isinstance(item, RawArticle) and not item.source:
            item.source = path.name
        yield item
