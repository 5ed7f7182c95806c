"""Keeping feeds up to date: conditional GET, new entries only, each page fetched and extracted,
failures backed off, and one feed's trouble never holding up another."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from bot import metrics
from bot.fetch import Fetched, FetchError
from bot.i18n import _
from bot.ingest.feeds import (
    MAX_REFRESH_HINT,
    Entry,
    FeedDocument,
    NotAFeed,
    discover,
    max_age,
    parse_feed,
)
from bot.ingest.pipeline import Report, ingest
from bot.ingest.sources import RawArticle, from_html
from bot.ingest.text import NotText, canonical_url, decode, url_problem
from bot.services import Services
from domain.feeds import PollResult
from domain.sources import Failure
from domain.text import without_userinfo
from storage import feeds as rows
from storage.models import Feed

log = logging.getLogger(__name__)

PAGES_AT_ONCE = 4  # article pages fetched in parallel for one feed
MAX_BACKOFF = timedelta(days=1)


@dataclass
class Added:
    """What adding a URL did: a feed added, or the feeds a page advertises, or why not."""

    feed: Feed | None = None
    existing: bool = False
    offers: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None


def _backoff(interval: timedelta, errors: int) -> timedelta:
    return min(interval * (2 ** min(errors, 16)), MAX_BACKOFF)


def _brief(exc: BaseException) -> str:
    """An exception in one short line: a database error's message carries its whole statement."""
    message = str(exc).strip().splitlines()[0][:200] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def round_line(results: list[PollResult], seconds: float) -> str:
    """A poll round in one line: feeds polled, and what they brought."""
    new, duplicates, failed = (sum(getattr(r, key) for r in results) for key in ("new", "duplicates", "failed"))
    broken = sum(1 for r in results if r.error)
    return (
        f"{len(results)} feeds in {seconds:.1f} s, {new} new, {duplicates} duplicates, {failed} failed"
        f"; {broken} feeds failed"
    )


class Poller:
    def __init__(self, news: Services) -> None:
        self.news = news
        self._round: asyncio.Task[list[PollResult]] | None = None  # the polls of due feeds in flight

    @property
    def interval(self) -> timedelta:
        return timedelta(minutes=self.news.settings.feed_interval_minutes)

    # -- subscriptions --------------------------------------------------------------------
    async def add(self, url: str, title: str | None = None, *, claim: bool = False) -> Added:
        """Subscribe to the feed at url; a web page's advertised feeds are offered instead. With
        claim, the new feed is this poller's to poll now (no replica polls it meanwhile)."""
        url = without_userinfo(url.strip())  # a credential is never stored, logged or shown
        if problem := url_problem(url):
            return Added(error=problem)
        async with self.news.session() as session:
            known = await rows.feed_by_url(session, url)
        if known is not None:
            return Added(feed=known, existing=True)
        try:
            fetched = await self.news.fetcher.fetch(url)
        except FetchError as exc:
            return Added(error=str(exc))
        try:
            document = await asyncio.to_thread(parse_feed, fetched.body)
        except NotAFeed as exc:
            offers = discover(fetched.body, fetched.url) if fetched.kind == "html" else []
            if offers:
                return Added(offers=offers)
            if fetched.kind == "html":
                return Added(error=_("this page is not a feed and advertises none"))
            return Added(error=str(exc))
        async with self.news.transaction() as session:
            # Keep the URL as given: a redirect's target may be a one-off (tracking, a CDN).
            if (known := await rows.feed_by_url(session, url)) is not None:
                return Added(feed=known, existing=True)
            name = (title or "").strip() or document.title or fetched.url
            now = datetime.now(UTC)
            claimed_until = now + self.lease if claim else None
            feed = await rows.add_feed(session, url, name, document.site_url, now, claimed_until)
        return Added(feed=feed)

    async def import_feeds(self, feeds: list[tuple[str, str]]) -> tuple[list[Feed], int]:
        """Subscribe to every (title, url) of an OPML list without fetching them now: the first
        poll checks each. Returns the feeds added and how many were there already."""
        new: dict[str, str] = {}
        for title, url in feeds:
            new.setdefault(url, title or url)
        async with self.news.transaction() as session:
            known = await rows.known_urls(session, list(new))
            fresh = [(url, title) for url, title in new.items() if url not in known]
            added = await rows.add_feeds(session, fresh, datetime.now(UTC))
        return added, len(feeds) - len(added)

    async def stop(self) -> None:
        """Cancel the polls in flight (at shutdown); what each stored is committed already."""
        if self._round is not None:
            self._round.cancel()
            await asyncio.gather(self._round, return_exceptions=True)

    # -- polling --------------------------------------------------------------------------
    @property
    def longest_wait(self) -> timedelta:
        """The furthest a poll is ever scheduled (plus an hour's slack): beyond it, a stale schedule."""
        return max(self.interval, MAX_BACKOFF, timedelta(seconds=MAX_REFRESH_HINT)) + timedelta(hours=1)

    @property
    def concurrency(self) -> int:
        return max(1, self.news.settings.feed_concurrency)

    async def poll_due(self, wait: bool = True) -> list[PollResult]:
        """Poll every feed whose time has come, at most `feed_concurrency` at once. One round runs
        at a time: a tick during a round leaves it to take the feeds that fell due meanwhile.
        With wait, return the round's results; else leave it running (the bot's minute tick)."""
        if self._round is None or self._round.done():
            self._round = asyncio.create_task(self._poll_round(), name="feed poll round")
        if not wait:
            return []
        return await asyncio.shield(self._round)

    @property
    def lease(self) -> timedelta:
        """How long a claimed feed is this poller's: past it, another replica takes the feed over."""
        return timedelta(seconds=self.news.settings.feed_lease_seconds)

    async def _claim(self) -> int | None:
        """The next due feed, claimed for this poller (no other replica will poll it); None when
        none is due."""
        now = datetime.now(UTC)
        async with self.news.transaction() as session:
            claimed = await rows.claim_due_feeds(session, now, now + self.lease, now + self.longest_wait)
        return claimed[0] if claimed else None

    async def _poll_round(self) -> list[PollResult]:
        """A fixed pool of `concurrency` workers, each claiming the next due feed when it is free
        and polling it, until none is due. A feed is claimed just before its poll, so replicas
        share the feeds, and a claim never waits behind thousands of others for its lease."""
        results: list[PollResult] = []
        stopped = False

        async def worker() -> None:
            nonlocal stopped
            while not stopped:
                try:
                    feed_id = await self._claim()
                except Exception as exc:  # the database is away: the next tick tries again
                    if not stopped:
                        log.warning("feed poll round stopped: cannot claim the due feeds (%s)", _brief(exc))
                    stopped = True
                    return
                if feed_id is None:
                    return
                # A feed whose failure cannot be recorded keeps its claim: retried after the lease, not at once.
                results.append(await self.poll(feed_id))

        await asyncio.gather(*(worker() for _ in range(self.concurrency)))
        return results

    async def keep_polling(self, every: float, stop: asyncio.Event) -> None:
        """Poll the due feeds every `every` seconds until `stop` is set (`newsbrief worker`),
        logging one line per round; a round in flight at the stop is cancelled (its feeds are
        taken over after the lease)."""
        log.info("polling the due feeds every %g s, %d at a time", every, self.concurrency)
        stopping = asyncio.create_task(stop.wait())
        try:
            while not stop.is_set():
                started = time.monotonic()
                await self.poll_due(wait=False)
                assert self._round is not None
                await asyncio.wait({self._round, stopping}, return_when=asyncio.FIRST_COMPLETED)
                if stop.is_set():
                    break
                elapsed = time.monotonic() - started
                try:
                    log.info("feed poll round: %s", round_line(self._round.result(), elapsed))
                except Exception as exc:
                    log.warning("feed poll round failed (%s)", _brief(exc))
                await asyncio.wait({stopping}, timeout=max(0.0, every - elapsed))
        finally:
            stopping.cancel()
            await self.stop()

    async def _bounded(self, feed_ids: list[int]) -> list[PollResult]:
        """Poll these feeds with at most `concurrency` polls in flight: a fixed pool of workers
        taking the next feed in turn, not a task per feed (10,000 of them would take every
        database connection and keep chat commands waiting)."""
        feed_ids = list(dict.fromkeys(feed_ids))
        results: dict[int, PollResult] = {}
        pending = iter(feed_ids)  # shared: each worker takes the next feed when it is free

        async def worker() -> None:
            for feed_id in pending:
                results[feed_id] = await self.poll(feed_id)

        await asyncio.gather(*(worker() for _ in range(min(self.concurrency, len(feed_ids)))))
        return [results[feed_id] for feed_id in feed_ids]

    async def poll_all(self, feed_ids: list[int] | None = None) -> list[PollResult]:
        """Poll the given feeds (all when None) now, whatever their schedule, `concurrency` at once."""
        if feed_ids is None:
            async with self.news.session() as session:
                feed_ids = [state.feed.id for state in await rows.list_feeds(session)]
        return await self._bounded(feed_ids)

    async def poll(self, feed_id: int) -> PollResult:
        """Fetch one feed and store its new entries. Any failure, before the fetch too (the
        database, a bad row), is recorded on the feed, which is tried again later; never raised."""
        result = PollResult(feed_id, "?")
        timeout = self.news.settings.feed_poll_timeout
        started = time.monotonic()
        try:
            async with asyncio.timeout(timeout):
                async with self.news.session() as session:
                    feed = await rows.get_feed(session, feed_id)
                if feed is None:
                    result.error = "no such feed"
                    return result
                result.title = feed.title
                await self._poll(feed, result)
        except TimeoutError:
            result.error = f"the poll took longer than {timeout:g} s"
        except (FetchError, NotAFeed) as exc:
            result.error = str(exc)
        except Exception as exc:  # a feed's trouble must never stop the others or the bot
            # One line, no traceback: a cause shared by thousands of feeds (the database away)
            # would otherwise flood the log. The traceback is there at DEBUG.
            log.debug("polling feed %s failed", feed_id, exc_info=True)
            result.error = f"unexpected error ({_brief(exc)})"
        metrics.FEED_POLLS.labels("failed" if result.error else "ok").inc()
        if result.error:
            await self._failed(feed_id, result.error)  # logs the failure, one line
        else:
            brought = "not modified" if result.not_modified else result.line()
            log.info("feed %s polled in %.1f s: %s", feed_id, time.monotonic() - started, brought)
        return result

    async def _poll(self, feed: Feed, result: PollResult) -> None:
        validators = {}
        if feed.etag:
            validators["If-None-Match"] = feed.etag
        if feed.last_modified:
            validators["If-Modified-Since"] = feed.last_modified
        fetched = await self.news.fetcher.fetch(feed.url, validators)
        now = datetime.now(UTC)
        if fetched.status == 304:
            result.not_modified = True
            await self._succeeded(feed, fetched, now, ttl=0, new=False)
            return
        # A feed of 40,000 entries takes seconds to parse: off the event loop, so chats still get answers.
        document = await asyncio.to_thread(parse_feed, fetched.body)
        await self._store_entries(feed, document, result, now)
        await self._succeeded(feed, fetched, now, ttl=document.ttl, new=result.new > 0)

    async def _store_entries(self, feed: Feed, document: FeedDocument, result: PollResult, now: datetime) -> None:
        entries = list({entry.guid: entry for entry in document.entries}.values())
        if not entries:  # nothing to look up or record: spare the database (thousands of quiet feeds)
            return
        async with self.news.session() as session:
            seen = await rows.seen_guids(session, feed.id, [e.guid for e in entries])
            fresh = [e for e in entries if e.guid not in seen]
            first_poll = feed.last_fetched_at is None
            skipped: dict[str, int | None] = {}
            if first_poll:
                # A new subscription stores only the newest entries; the rest are marked seen.
                fresh.sort(key=lambda e: e.published or now, reverse=True)
                keep = self.news.settings.feed_initial_items
                skipped = {e.guid: None for e in fresh[keep:]}
                fresh = fresh[:keep]
            # Stored already, from another feed (same GUID) or another link (same canonical URL).
            by_guid = await rows.articles_for_guids(session, [e.guid for e in fresh])
            links = {e.guid: canonical_url(e.link) for e in fresh if e.link and e.link.startswith(("http", "https"))}
            by_url = await rows.articles_for_urls(session, list(set(links.values())))
        known: dict[str, int | None] = dict(skipped)
        todo: list[Entry] = []
        for entry in fresh:
            article_id = by_guid.get(entry.guid) or by_url.get(links.get(entry.guid, ""))
            if article_id:
                known[entry.guid] = article_id
                result.duplicates += 1
            else:
                todo.append(entry)
        # Another poller may be fetching the same page for another feed that lists it: leave it
        # to them. This feed's next poll finds it stored (or takes it over past their lease).
        pages = {links[e.guid] for e in todo if e.guid in links}
        mine: set[str] = set()
        if pages:  # a write transaction (SQLite's write lock) only when there is a page to claim
            claimed_at = datetime.now(UTC)
            async with self.news.transaction() as session:
                mine = await rows.claim_pages(session, list(pages), claimed_at, claimed_at + self.lease)
        todo = [e for e in todo if e.guid not in links or links[e.guid] in mine]

        gate = asyncio.Semaphore(PAGES_AT_ONCE)

        async def article_of(entry: Entry) -> RawArticle | Failure:
            async with gate:
                return await self._article(feed, entry, now)

        items = await asyncio.gather(*(article_of(entry) for entry in todo))
        origin_guid = {item.origin: entry.guid for entry, item in zip(todo, items, strict=True)}
        report: Report = await ingest(self.news, items)
        for stored in report.new + report.duplicates:
            guid = origin_guid.get(stored.origin)
            if guid is not None:
                known[guid] = stored.id or None
        # Failed entries are not remembered: the next poll tries them again while the feed lists them.
        result.new += len(report.new)
        result.duplicates += len(report.duplicates)
        result.failed += len(report.failed)
        result.failures += report.failed
        result.truncated += len(report.truncated)
        result.max_chars = report.max_chars
        partial = {item.origin for item in items if isinstance(item, RawArticle) and item.partial}
        result.partial = sum(1 for stored in report.new if stored.origin in partial)
        async with self.news.transaction() as session:
            await rows.record_items(session, feed.id, known, now)
            if mine:
                await rows.release_pages(session, list(mine))

    async def _article(self, feed: Feed, entry: Entry, now: datetime) -> RawArticle | Failure:
        """The entry's article from its page; else the entry's own text, marked partial."""
        origin = entry.link or entry.guid
        page: RawArticle | None = None
        if entry.link and entry.link.startswith(("http://", "https://")):
            try:
                fetched = await self.news.fetcher.fetch(entry.link)
                if fetched.kind == "html":
                    extracted = await asyncio.to_thread(from_html, decode(fetched.body), origin, fetched.url)
                    page = extracted if isinstance(extracted, RawArticle) else None
            except (FetchError, NotText) as exc:
                log.info("feed %s: page %s not had (%s); keeping the entry's summary", feed.id, entry.link, exc)
        if page is not None and len(page.text) >= len(entry.text):
            page.title = entry.title or page.title
            page.published = entry.published or page.published or now
            page.source = feed.title
            page.author = page.author or entry.author
            page.origin = origin
            return page
        if not entry.text:
            return Failure(origin, "neither the page nor the feed entry has any text")
        return RawArticle(
            text=entry.text,
            title=entry.title,
            url=entry.link,
            source=feed.title,
            author=entry.author,
            published=entry.published or now,
            origin=origin,
            partial=True,
        )

    async def _succeeded(self, feed: Feed, fetched: Fetched, now: datetime, ttl: int, new: bool) -> None:
        # Seconds the feed asks readers to wait, at most a day (parse_feed and max_age clamp it too).
        asked = min(max(ttl, max_age(fetched.headers)), MAX_REFRESH_HINT)
        wait = max(self.interval, timedelta(seconds=asked))
        values: dict[str, object] = {
            "last_fetched_at": now,
            "next_poll_at": now + wait,
            "min_interval": int(asked),
            "errors": 0,
            "last_error": None,
        }
        if fetched.status != 304:
            values["etag"] = fetched.headers.get("etag")
            values["last_modified"] = fetched.headers.get("last-modified")
        if new:
            values["last_new_at"] = now
        async with self.news.transaction() as session:
            await rows.update_feed(session, feed.id, **values)

    async def _failed(self, feed_id: int, error: str) -> None:
        """Record the failure and back off; if even that fails, log it: the next round retries."""
        try:
            async with self.news.transaction() as session:
                feed = await rows.get_feed(session, feed_id)
                if feed is None:  # removed meanwhile
                    return
                errors = feed.errors + 1
                log.warning("feed %s (%s) failed %d time(s) in a row: %s", feed_id, feed.url[:200], errors, error)
                await rows.update_feed(
                    session,
                    feed_id,
                    errors=errors,
                    last_error=error[:500],
                    next_poll_at=datetime.now(UTC) + _backoff(self.interval, errors),
                )
        except Exception as exc:
            log.warning("feed %s failed (%s) and the failure could not be recorded (%s)", feed_id, error, _brief(exc))
