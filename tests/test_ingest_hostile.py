"""Hostile input in ingest: texts too long for spaCy, floods of entries, odd encodings, junk
bytes and impossible dates. Each is stored as far as it is text, or refused with a reason;
none costs the other articles."""

from __future__ import annotations

import codecs
import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from bot.cli import cli
from bot.commands import Commands
from bot.ingest import pipeline
from bot.ingest.poll import Poller
from bot.ingest.sources import RawArticle, from_path
from bot.services import Services
from bot.settings import Settings
from storage import queries
from storage.models import Article, Feed
from tests.support.site import RSS, FakeSite, Page, served

GOOD = (
    "Harbour reopens in Tallinn\n\nThe harbour of Tallinn reopened on Monday after repairs, the port "
    "authority said. Ships queued overnight to enter, and Mayor Mihhail Kolvart welcomed the first ferry.\n"
)
ACCENTED = (
    "Café licences in Zürich\n\nThe city council of Zürich voted on Tuesday to relax the rules for café "
    "licences, a change the owners' association had sought for years, its chairwoman Anna Müller said.\n"
)
SMALL_LIMIT = 20_000  # the cut, made small where the test is about what happens around it (spaCy is slow)


def filler(chars: int) -> str:
    """Plain paragraphs, several sentences each, with no names: cheap for the parser."""
    paragraphs, size, n = [], 0, 0
    while size < chars:
        paragraph = " ".join(
            f"the committee discussed item {n * 5 + k} of the budget and agreed to meet again next week."
            for k in range(5)
        )
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
        n += 1
    return "\n\n".join(paragraphs)


def rss(items: list[tuple[str, str]], link: str) -> bytes:
    """An RSS document of (title, description) entries whose pages are gone."""
    body = "".join(
        f"<item><title>{title}</title><link>{link}/gone/{n}</link><guid>entry-{n}</guid>"
        f"<description>{text}</description></item>"
        for n, (title, text) in enumerate(items)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hostile</title>{body}</channel></rss>'.encode()


FLOOD = [(f"Vote {n}", f"Town council number {n} approved {n * 7} new bus routes on Monday.") for n in range(120)]
SITE = FakeSite(
    {
        "/feeds/long.rss": lambda r: Page(
            rss([("A very long entry", filler(1_500_000)), ("Harbour reopens", GOOD.split("\n\n", 1)[1])], r.base),
            content_type=RSS,
        ),
        "/feeds/flood.rss": lambda r: Page(rss(FLOOD, r.base), content_type=RSS),
        "/long.txt": lambda r: Page(filler(2_000_000).encode(), content_type="text/plain"),
        # No BOM, no charset: detected.
        "/utf16.txt": Page(ACCENTED.encode("utf-16-le"), content_type="text/plain"),
    }
)


site = served(SITE)


@pytest.fixture
def news_overrides() -> dict[str, object]:
    return {"fetch_allow_loopback": True, "fetch_timeout": 5, "feed_poll_timeout": 120}


def newsbrief(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


async def stored_articles(news: Services) -> list[Article]:
    async with news.session() as session:
        return list(await session.scalars(select(Article).order_by(Article.id)))


# -- texts longer than spaCy reads -------------------------------------------------------------


def test_a_2mb_text_file_beside_a_good_one_is_cut_and_both_are_stored(settings: Settings, tmp_path: Path) -> None:
    (tmp_path / "a-long.txt").write_text("Budget talks drag on\n\n" + filler(2_000_000), encoding="utf-8")
    (tmp_path / "b-good.txt").write_text(GOOD, encoding="utf-8")
    result = newsbrief("ingest", str(tmp_path / "a-long.txt"), str(tmp_path / "b-good.txt"))
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == (
        "2 new, 0 duplicates, 0 failed; 1 cut to their first 100,000 characters"
    )
    shown = newsbrief("show", "1").output
    assert "title: Budget talks drag on" in shown
    body = shown.split("\n\n", 1)[1]
    assert 50_000 < len(body) < 100_000
    assert body.rstrip().endswith("next week.")  # cut at a paragraph, not in a word
    assert "Tallinn" in newsbrief("show", "2").output


async def test_a_2mb_text_page_sent_in_chat_is_stored_cut_and_the_reply_says_so(
    news: Services, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    news.settings = news.settings.model_copy(update={"max_text_chars": SMALL_LIMIT})
    reply = await Commands(news).ingesting.ingest(f"{site}/long.txt")
    text = "\n".join(reply.messages)
    assert "Stored #1" in text
    assert f"The text was too long: I kept its first {SMALL_LIMIT:,} characters." in text
    (article,) = await stored_articles(news)
    assert SMALL_LIMIT // 2 < len(article.text) <= SMALL_LIMIT


async def test_a_feed_with_a_huge_entry_stores_it_cut_and_is_not_failed(
    news: Services, site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    news.settings = news.settings.model_copy(update={"max_text_chars": SMALL_LIMIT})
    poller = Poller(news)
    added = await poller.add(f"{site}/feeds/long.rss")
    assert added.feed is not None, added.error
    result = await poller.poll(added.feed.id)
    assert result.error is None and (result.new, result.failed) == (2, 0)
    assert result.line() == (
        "2 new, 0 duplicates, 0 failed (2 from the feed's summary only); "
        f"1 cut to their first {SMALL_LIMIT:,} characters"
    )
    long, good = sorted(await stored_articles(news), key=lambda a: len(a.text), reverse=True)
    assert SMALL_LIMIT // 2 < len(long.text) <= SMALL_LIMIT
    assert "Tallinn" in good.text
    async with news.session() as session:
        feed = await session.get(Feed, added.feed.id)
        assert feed is not None and feed.errors == 0 and feed.last_error is None


async def test_one_text_spacy_refuses_fails_alone_not_its_batch(
    news: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    # spaCy's own limit, lowered under the cut, so that a text reaches the parser too long for it.
    monkeypatch.setattr(await news.nlp(), "max_length", 2_000)
    items = [
        RawArticle(text=GOOD.split("\n\n", 1)[1], title="Harbour reopens", origin="good"),
        RawArticle(text=filler(5_000), title="Budget talks", origin="long"),
        RawArticle(text=ACCENTED.split("\n\n", 1)[1], title="Café licences", origin="also good"),
    ]
    report = await pipeline.ingest(news, items)
    assert report.line() == "2 new, 0 duplicates, 1 failed"
    assert [(f.origin, f.reason) for f in report.failed] == [("long", "could not analyse it (ValueError)")]
    assert [a.title for a in await stored_articles(news)] == ["Harbour reopens", "Café licences"]


# -- floods -------------------------------------------------------------------------------------


async def test_a_chat_user_cannot_ingest_a_whole_flood_of_entries(news: Services, site: str) -> None:
    reply = await Commands(news).ingesting.ingest(f"{site}/feeds/flood.rss")
    text = "\n".join(reply.messages)
    assert "That link has 120 articles; I read only the first 50." in text
    assert "ask an operator to add it as a feed" in text
    async with news.session() as session:
        assert await queries.count_articles(session) == 50


# -- encodings ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-32", "latin-1", "utf-8-sig"]
)  # "utf-16"/"utf-32": with the BOM Python writes
def test_text_files_in_any_encoding_are_read(settings: Settings, tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "licences.txt"
    path.write_bytes(ACCENTED.encode(encoding))
    result = newsbrief("ingest", str(path))
    assert result.output.strip().splitlines()[-1] == "1 new, 0 duplicates, 0 failed", result.output
    shown = newsbrief("show", "1").output
    assert "title: Café licences in Zürich" in shown and "Anna Müller" in shown


def test_utf16_be_with_a_bom_is_read_as_such(tmp_path: Path) -> None:
    path = tmp_path / "licences.txt"
    path.write_bytes(codecs.BOM_UTF16_BE + ACCENTED.encode("utf-16-be"))
    (article,) = from_path(path)
    assert isinstance(article, RawArticle) and article.title == "Café licences in Zürich"


async def test_a_utf16_text_page_is_read(news: Services, site: str) -> None:
    reply = await Commands(news).ingesting.ingest(f"{site}/utf16.txt")
    assert "Stored #1: <b>Café licences in Zürich</b>" in reply.messages[0]


@pytest.mark.parametrize("junk", ["random", "random without NUL bytes"])
def test_random_bytes_are_refused_and_nothing_is_stored(settings: Settings, tmp_path: Path, junk: str) -> None:
    data = os.urandom(200_000)
    if junk == "random without NUL bytes":
        data = data.replace(b"\x00", b"\x01")
    path = tmp_path / "noise.txt"
    path.write_bytes(data)
    result = newsbrief("ingest", str(path))
    assert result.output.strip().splitlines() == [
        f"failed: {path}: this looks like a binary file, not text",
        "0 new, 0 duplicates, 1 failed",
    ]
    assert newsbrief("show", "1").exit_code != 0


# -- dates --------------------------------------------------------------------------------------


def test_impossible_and_far_fetched_dates_are_kept_sane(settings: Settings, tmp_path: Path) -> None:
    text = "Mayor Ilze Ozola opened the {} bridge in Riga on Monday, officials said, after two years of work."
    dates = {
        "first": "0001-01-01T00:00:00+14:00",  # year 0 in UTC: cannot be stored
        "second": "1850-06-01T12:00:00Z",  # a placeholder, not a news date
        "third": (datetime.now(UTC) + timedelta(days=400)).isoformat(),  # in the future
        "fourth": "2024-05-07T09:30:00+14:00",  # fine, and kept in UTC
    }
    records = [{"title": name, "text": text.format(name), "published": when} for name, when in dates.items()]
    path = tmp_path / "dates.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    before = datetime.now(UTC).replace(microsecond=0)
    result = newsbrief("ingest", str(path))
    assert result.output.strip().splitlines()[-1] == "4 new, 0 duplicates, 0 failed", result.output
    shown = {name: newsbrief("show", str(n)).output for n, name in enumerate(dates, start=1)}
    for name in ("first", "second", "third"):  # taken as missing, or as now: the time first seen
        date = next(line for line in shown[name].splitlines() if line.startswith("date: "))
        assert datetime.strptime(date, "date: %Y-%m-%d %H:%M UTC").replace(tzinfo=UTC) >= before - timedelta(
            minutes=1
        ), name
    assert "date: 2024-05-06 19:30 UTC" in shown["fourth"]


# -- control characters, junk structure and encodings in JSONL -----------------------------------


def test_control_characters_in_jsonl_fields_are_never_stored_or_printed(settings: Settings, tmp_path: Path) -> None:
    # NUL made PostgreSQL refuse the entry (or, in a url, crashed the run); ESC codes drove the terminal.
    text = "Mayor Ilze Ozola opened the {} bridge in Riga on Monday, officials said, after two years of work."
    records = [
        {"title": "Nul\u0000 bridge", "author": "Ann\u0000a", "source": "Wire\u0000", "text": text.format("first")},
        {"url": "https://news.example/a\u0000b", "text": text.format("second"), "title": "Linked bridge"},
        {"title": "\u001b[31mRed\u001b]0;pwned\u0007 bridge", "source": "\u001b[2JOdd\u009b", "text": text.format("3")},
    ]
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    result = newsbrief("ingest", str(path))
    assert result.output.strip().splitlines()[-1] == "3 new, 0 duplicates, 0 failed", result.output
    shown = newsbrief("ask", "/search bridge").output + "".join(newsbrief("show", str(n)).output for n in (1, 2, 3))
    assert "Nul bridge" in shown and "Red bridge" in shown and "https://news.example/ab" in shown
    assert not any(char in shown for char in "\x00\x1b\x07\x9b")
    again = newsbrief("ingest", str(path))
    assert again.output.strip().splitlines()[-1] == "0 new, 3 duplicates, 0 failed"


def test_a_deeply_nested_jsonl_line_fails_alone_and_only_strings_are_taken(settings: Settings, tmp_path: Path) -> None:
    text = "The council of Tartu approved {} new bus routes on Monday, the transport office said."
    lines = [
        json.dumps({"title": "Routes", "text": text.format("four"), "source": ["a"], "author": {"x": 1}}),
        "[" * 200_000 + "]" * 200_000,  # far deeper than Python's recursion limit; not a letter in it
        json.dumps({"title": ["Not a title"], "text": text.format("six")}),
    ]
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = newsbrief("ingest", str(path))
    assert result.output.strip().splitlines() == [
        f"failed: {path}:2: nested too deeply to read",
        "2 new, 0 duplicates, 1 failed",
    ]
    first, second = newsbrief("show", "1").output, newsbrief("show", "2").output
    assert "['a']" not in first and "{'x'" not in first and "source: deep.jsonl" in first
    assert "Not a title" not in second


@pytest.mark.parametrize(("kind", "encoding"), [("html", "utf-16-le"), ("jsonl", "utf-16-be")])
def test_utf16_input_from_stdin_is_read_as_its_format(settings: Settings, kind: str, encoding: str) -> None:
    # The format was sniffed on the raw bytes, where UTF-16 "<html" is "<\0h\0...": stored as text, markup and all.
    body = ACCENTED.split("\n\n", 1)[1].strip()
    if kind == "html":
        document = f"<!doctype html><html><head><title>Café licences</title></head><body><article><p>{body}</p>"
        document += f"<p>{body.replace('Tuesday', 'Monday')}</p></article></body></html>"
    else:
        document = json.dumps({"title": "Café licences", "text": body}, ensure_ascii=False) + "\n"
    result = CliRunner().invoke(cli, ["ingest", "-"], input=document.encode(encoding), catch_exceptions=False)
    assert result.output.strip().splitlines()[-1] == "1 new, 0 duplicates, 0 failed", result.output
    shown = newsbrief("show", "1").output
    assert "title: Café licences" in shown and "Anna Müller" in shown
    assert "<p>" not in shown and '"text"' not in shown
