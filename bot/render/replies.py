"""The bot's answers as lists of HTML blocks (one block a line or a paragraph)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.render.html import LIMIT, bold, esc, italic, link
from domain.articles import ArticleLine
from domain.entities import Cited, EntityHit, Profile
from domain.feeds import FeedState, PollResult

KIND_WORDS = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "EVENT": "event",
    "WORK_OF_ART": "work",
    "LAW": "law",
}
QUOTE_CHARS = 300


def day(when: datetime | None) -> str:
    return when.strftime("%Y-%m-%d") if when else "undated"


def articles_phrase(count: int) -> str:
    return f"{count} article" + ("" if count == 1 else "s")


def cite(title: str, source: str, url: str | None, article_id: int) -> str:
    """Where a line comes from: the source linked to the article, and its id."""
    label = source or title or "article"
    return f"{link(label, url)} · #{article_id}"


def _clip(text: str, limit: int = QUOTE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def cited_line(item: Cited) -> str:
    body = f"“{_clip(item.text)}”" if item.quoted else _clip(item.text)
    line = f"{day(item.published_at)} — {esc(body)} — {cite(item.title, item.source, item.url, item.article_id)}"
    return line + (f" · {len(item.sources)} sources" if len(item.sources) > 1 else "")


def headline(hit: EntityHit, role: str | None) -> str:
    return f"{bold(hit.name)} — {esc(role or KIND_WORDS.get(hit.kind, 'entity'))}"


def who(profile: Profile) -> list[str]:
    hit = profile.entity
    best = profile.roles[0].role if profile.roles else None
    blocks = [
        headline(hit, best),
        f"Mentioned in {articles_phrase(hit.articles)}, last seen {day(hit.last_seen)}.",
    ]
    others = [r for r in profile.roles[1:4] if r.role.lower() != (best or "").lower()]
    if others:
        blocks.append("Also described as: " + "; ".join(f"{esc(r.role)} ({day(r.last_seen)})" for r in others))
    if profile.said:
        blocks.append("\n" + bold("Said"))
        blocks += ["• " + cited_line(q) for q in profile.said]
    if profile.mentioned:
        blocks.append("\n" + bold("Latest mentions"))
        blocks += ["• " + cited_line(m) for m in profile.mentioned[:3]]
    if profile.related:
        together = ", ".join(f"{esc(name)} ({n})" for name, _, n in profile.related)
        blocks.append("\n" + bold("Appears with") + ": " + together)
    return blocks


def also(others: list[EntityHit], shown: int = 5) -> list[str]:
    """The others of the same name, under a direct answer (their buttons follow)."""
    if not others:
        return []
    names = " · ".join(esc(h.name) for h in others[:shown])
    more = f" and {len(others) - shown} more" if len(others) > shown else ""
    return ["\n" + italic("Also") + ": " + names + more]


def status(name: str, kind: str | None, total: int, last_seen: datetime | None, lines: list[Cited]) -> list[str]:
    what = KIND_WORDS.get(kind or "", "topic")
    blocks = [f"{bold(name)} — {what} · {articles_phrase(total)}, last seen {day(last_seen)}"]
    blocks += [cited_line(line) for line in lines]
    return blocks


BARS = "▁▂▃▄▅▆▇█"


def sparkline(counts: list[int]) -> str:
    top = max(counts, default=0)
    if top == 0:
        return BARS[0] * len(counts)
    return "".join(BARS[min(len(BARS) - 1, round(c / top * (len(BARS) - 1)))] for c in counts)


def trend(counts: list[int], until: datetime | None, involved: list[tuple[str, str, int]]) -> list[str]:
    """Daily articles as a sparkline, and the entities most often named alongside."""
    blocks = []
    if until is not None and any(counts):
        start = until - timedelta(days=len(counts) - 1)
        blocks.append(
            f"\n{bold('Trend')}: {sparkline(counts)} articles a day, {start:%d %b} – {until:%d %b %Y}"
            f" (most {max(counts)})"
        )
    if involved:
        blocks.append(bold("Most involved") + ": " + ", ".join(f"{esc(name)} ({n})" for name, _, n in involved))
    return blocks


def overview(sentences: list[str], articles: int) -> list[str]:
    """A short extractive overview of the subject's latest week, across its articles."""
    if not sentences:
        return []
    return ["\n" + bold(f"Overview ({articles} articles, latest week)") + ": " + esc(" ".join(sentences))]


def article_list(
    articles: list[ArticleLine], heading: str, same_story: list[list[ArticleLine]] | None = None
) -> list[str]:
    """One line per article; `same_story[i]` are other outlets' copies of article i."""
    blocks = [bold(heading)]
    for index, article in enumerate(articles):
        line = f"#{article.id} · {day(article.published_at)} · {link(article.title or 'untitled', article.url)}"
        line += f" — {esc(article.source)}" if article.source else ""
        others = same_story[index] if same_story else []
        if others:
            names = list(dict.fromkeys(o.source or f"#{o.id}" for o in others if o.source != article.source))
            copies = [link(name, next((o.url for o in others if o.source == name), None)) for name in names]
            line += " — also reported by: " + ", ".join(copies or [f"{len(others)} more"])
        blocks.append(line)
    return blocks


def summary(title: str, sentences: list[str], source: str | None = None) -> list[str]:
    blocks = [bold(title or "Summary")]
    blocks += [f"• {esc(s)}" for s in sentences]
    if source:
        blocks.append(italic("Source: ") + source)
    return blocks


def stored(article_id: int, title: str, entities: list[str], duplicate: bool) -> list[str]:
    if duplicate:
        return [f"Already stored as #{article_id}: {esc(title)}"]
    blocks = [f"Stored #{article_id}: {bold(title)}"]
    blocks.append("Entities: " + (esc(", ".join(entities[:12])) if entities else "none found"))
    blocks.append(f"Try /summarize {article_id}" + (f" or /who {esc(entities[0])}" if entities else ""))
    return blocks


def when(moment: datetime | None, now: datetime) -> str:
    """A poll time as an operator reads it: "14:05 UTC" today, else the date too."""
    if moment is None:
        return "never"
    moment = moment.astimezone(UTC)
    return moment.strftime("%H:%M UTC" if moment.date() == now.date() else "%Y-%m-%d %H:%M UTC")


FEEDS_PER_PAGE = 10  # a page of /feeds: ten feeds' blocks fit one Telegram message


def feed_states(states: list[FeedState], now: datetime, broken_after: int) -> list[str]:
    """Every feed in full (the terminal's `newsbrief feed list`)."""
    if not states:
        return ["No feeds yet. Add one with /feed add &lt;url&gt;."]
    return [bold(f"Feeds ({len(states)})")] + [_feed_block(state, now, broken_after) for state in states]


def feed_page(
    states: list[FeedState], now: datetime, broken_after: int, *, page: int, total: int, broken: int
) -> list[str]:
    """One page of /feeds, always one message: a long URL, title or error is shortened so each
    feed keeps to its share of the message, then how many feeds there are and how to see more."""
    if not total:
        return feed_states([], now, broken_after)
    pages = -(-total // FEEDS_PER_PAGE)
    share = (LIMIT - 500) // FEEDS_PER_PAGE  # 500: the heading and the closing line
    blocks = [bold(f"Feeds ({total:,})")]
    for state in states:
        block = _feed_block(state, now, broken_after)
        blocks.append(block if len(block) <= share else _feed_block(state, now, broken_after, compact=True))
    if pages > 1:
        more = f"/feeds {page + 1} shows the next; " if page < pages else ""
        blocks.append(
            f"\n{total:,} feeds in all, {broken:,} broken; this is page {page:,} of {pages:,}, broken ones first. "
            f"{more}<code>newsbrief feed list</code> prints them all."
        )
    return blocks


def _feed_block(state: FeedState, now: datetime, broken_after: int, compact: bool = False) -> str:
    """A feed's lines; compact: no link, title and error cut short (at most ~360 characters)."""
    feed = state.feed
    if feed.errors >= broken_after:
        health = f"❌ broken: {feed.errors} failed polls in a row"
    elif feed.errors:
        health = f"⚠️ {feed.errors} failed poll" + ("" if feed.errors == 1 else "s") + " in a row"
    else:
        health = "✅ ok"
    title = _fit(feed.title, 60) if compact else link(feed.title, feed.url)
    lines = [f"\n#{feed.id} {title} — {health}"]
    if feed.errors and feed.last_error:
        lines.append(f"    last error: {_fit(feed.last_error, 80) if compact else esc(feed.last_error)}")
    lines.append(
        f"    last fetched {when(feed.last_fetched_at, now)} · last new item {when(feed.last_new_at, now)}"
        f" · {articles_phrase(state.stored)} stored · next poll {when(feed.next_poll_at, now)}"
    )
    return "\n".join(lines)


def _fit(text: str, limit: int) -> str:
    """text escaped and, if need be, cut so that the escaped form takes at most `limit` characters."""
    escaped = esc(text)
    while len(escaped) > limit:
        text = text[: max(0, len(text) - (len(escaped) - limit) - 1)]
        escaped = esc(text) + "…"
    return escaped


def poll_line(result: PollResult) -> str:
    return f"#{result.feed_id} {esc(result.title)}: {esc(result.line())}"
