"""The bot's answers as lists of HTML blocks (one block a line or a paragraph)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from bot.i18n import N_, _, format_day, language_name, ngettext
from bot.render.html import LIMIT, bold, esc, italic, link
from domain.articles import ArticleLine
from domain.entities import Cited, EntityHit, Profile
from domain.feeds import FeedState, PollResult
from domain.languages import DEFAULT_LANGUAGE
from domain.scripts import quote_marks

KIND_WORDS = {
    "PERSON": N_("person"),
    "ORG": N_("organisation"),
    "GPE": N_("place"),
    "LOC": N_("place"),
    "FAC": N_("place"),
    "EVENT": N_("event"),
    "WORK_OF_ART": N_("work"),
    "LAW": N_("law"),
}
ENTITY, TOPIC = N_("entity"), N_("topic")  # what a name of no known kind, and a bare word, are called
QUOTE_CHARS = 300


def kind_word(kind: str | None, fallback: str = ENTITY) -> str:
    """ "person", "place"… for an entity kind, in the reader's language."""
    return _(KIND_WORDS.get(kind or "", fallback))


def day(when: datetime | None) -> str:
    return when.strftime("%Y-%m-%d") if when else _("undated")


def articles_phrase(count: int) -> str:
    return ngettext("{count} article", "{count} articles", count).format(count=count)


def cite(title: str, source: str, url: str | None, article_id: int) -> str:
    """Where a line comes from: the source linked to the article, and its id."""
    label = source or title or _("article")
    return f"{link(label, url)} · #{article_id}"


def _clip(text: str, limit: int = QUOTE_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def cited_line(item: Cited) -> str:
    opening, closing = quote_marks(item.text)  # «…» around a Russian quote, “…” around an English one
    body = f"{opening}{_clip(item.text)}{closing}" if item.quoted else _clip(item.text)
    line = f"{day(item.published_at)} — {esc(body)} — {cite(item.title, item.source, item.url, item.article_id)}"
    count = len(item.sources)
    return line + (
        " · " + ngettext("{count} source", "{count} sources", count).format(count=count) if count > 1 else ""
    )


def headline(hit: EntityHit, role: str | None) -> str:
    return f"{bold(hit.name)} — {esc(role or kind_word(hit.kind))}"


def who(profile: Profile) -> list[str]:
    hit = profile.entity
    best = profile.roles[0].role if profile.roles else None
    blocks = [
        headline(hit, best),
        ngettext(
            "Mentioned in {count} article, last seen {day}.",
            "Mentioned in {count} articles, last seen {day}.",
            hit.articles,
        ).format(count=hit.articles, day=day(hit.last_seen)),
    ]
    others = [r for r in profile.roles[1:4] if r.role.lower() != (best or "").lower()]
    if others:
        blocks.append(_("Also described as: ") + "; ".join(f"{esc(r.role)} ({day(r.last_seen)})" for r in others))
    if profile.said:
        blocks.append("\n" + bold(_("Said")))
        blocks += ["• " + cited_line(q) for q in profile.said]
    if profile.mentioned:
        blocks.append("\n" + bold(_("Latest mentions")))
        blocks += ["• " + cited_line(m) for m in profile.mentioned[:3]]
    if profile.related:
        together = ", ".join(f"{esc(name)} ({n})" for name, _kind, n in by_name(profile.related))
        blocks.append("\n" + bold(_("Appears with")) + ": " + together)
    return blocks


def also(others: list[EntityHit], shown: int = 5) -> list[str]:
    """The others of the same name, under a direct answer (their buttons follow)."""
    if not others:
        return []
    names = " · ".join(esc(h.name) for h in others[:shown])
    more = _(" and {count} more").format(count=len(others) - shown) if len(others) > shown else ""
    return ["\n" + italic(_("Also")) + ": " + names + more]


def share(url: str | None) -> list[str]:
    """The deep link that asks the bot the same question (none in the console)."""
    if url is None:
        return []
    return ["\n" + italic(_("Share")) + ": " + link(url.removeprefix("https://"), url)]


def status(name: str, kind: str | None, total: int, last_seen: datetime | None, lines: list[Cited]) -> list[str]:
    what = kind_word(kind, TOPIC)
    seen = _("{articles}, last seen {day}").format(articles=articles_phrase(total), day=day(last_seen))
    blocks = [f"{bold(name)} — {what} · {seen}"]
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
        chart = _("{sparkline} articles a day, {start} – {end} (most {most})").format(
            sparkline=sparkline(counts),
            start=format_day(start, "dd MMM"),
            end=format_day(until, "dd MMM y"),
            most=max(counts),
        )
        blocks.append("\n" + bold(_("Trend")) + f": {chart}")
    if involved:
        together = ", ".join(f"{esc(name)} ({n})" for name, _kind, n in by_name(involved))
        blocks.append(bold(_("Most involved")) + ": " + together)
    return blocks


def overview(sentences: list[str], articles: int) -> list[str]:
    """A short extractive overview of the subject's latest week, across its articles."""
    if not sentences:
        return []
    heading = ngettext(
        "Overview ({count} article, latest week)", "Overview ({count} articles, latest week)", articles
    ).format(count=articles)
    return ["\n" + bold(heading) + ": " + esc(" ".join(sentences))]


def article_list(
    articles: list[ArticleLine], heading: str, same_story: list[list[ArticleLine]] | None = None
) -> list[str]:
    """One line per article; `same_story[i]` are other outlets' copies of article i."""
    blocks = [bold(heading)]
    for index, article in enumerate(articles):
        line = f"#{article.id} · {day(article.published_at)} · {language_mark(article.language)}"
        line += link(article.title or _("untitled"), article.url)
        line += f" — {esc(article.source)}" if article.source else ""
        others = same_story[index] if same_story else []
        if others:
            names = list(dict.fromkeys(o.source or f"#{o.id}" for o in others if o.source != article.source))
            copies = [link(name, next((o.url for o in others if o.source == name), None)) for name in names]
            more = _("{count} more").format(count=len(others))
            line += _(" — also reported by: ") + ", ".join(copies or [more])
        blocks.append(line)
    return blocks


def language_mark(language: str | None) -> str:
    """ "Russian · " before the title of an article in another language than English (named in the reader's)."""
    return "" if language in (None, DEFAULT_LANGUAGE) else f"{esc(language_name(language))} · "


def summary(title: str, sentences: list[str], source: str | None = None) -> list[str]:
    blocks = [bold(title or _("Summary"))]
    blocks += [f"• {esc(s)}" for s in sentences]
    if source:
        blocks.append(italic(_("Source: ")) + source)
    return blocks


T = TypeVar("T")


def _once_per_name(items: list[T], name: Callable[[T], str]) -> list[T]:
    """The items with each name once, the first kept: one name can be an entity of two kinds
    (Kaunas a GPE and a LOC), and both kinds count the same articles, so nothing is added up."""
    seen: set[str] = set()
    kept = []
    for item in items:
        key = name(item).casefold()
        if key not in seen:
            seen.add(key)
            kept.append(item)
    return kept


def distinct(names: list[str]) -> list[str]:
    """Each name once, in order."""
    return _once_per_name(names, lambda name: name)


def by_name(counted: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """(name, kind, count) rows, most counted first, with each name once."""
    return _once_per_name(counted, lambda row: row[0])


def stored(article_id: int, title: str, entities: list[str], duplicate: bool) -> list[str]:
    if duplicate:
        return [_("Already stored as #{id}: {title}").format(id=article_id, title=esc(title))]
    blocks = [_("Stored #{id}: {title}").format(id=article_id, title=bold(title))]
    entities = distinct(entities)
    blocks.append(_("Entities: ") + (esc(", ".join(entities[:12])) if entities else _("none found")))
    next_step = _("Try /summarize {id}").format(id=article_id)
    if entities:
        next_step += _(" or /who {name}").format(name=esc(entities[0]))
    blocks.append(next_step)
    return blocks


def when(moment: datetime | None, now: datetime) -> str:
    """A poll time as an operator reads it: "14:05 UTC" today, else the date too."""
    if moment is None:
        return _("never")
    moment = moment.astimezone(UTC)
    return moment.strftime("%H:%M UTC" if moment.date() == now.date() else "%Y-%m-%d %H:%M UTC")


FEEDS_PER_PAGE = 10  # a page of /feeds: ten feeds' blocks fit one Telegram message


def feed_states(states: list[FeedState], now: datetime, broken_after: int) -> list[str]:
    """Every feed in full (the terminal's `newsbrief feed list`)."""
    if not states:
        return [_("No feeds yet. Add one with /feed add &lt;url&gt;.")]
    heading = _("Feeds ({count})").format(count=len(states))
    return [bold(heading)] + [_feed_block(state, now, broken_after) for state in states]


def feed_page(
    states: list[FeedState], now: datetime, broken_after: int, *, page: int, total: int, broken: int
) -> list[str]:
    """One page of /feeds, always one message: a long URL, title or error is shortened so each
    feed keeps to its share of the message, then how many feeds there are and how to see more."""
    if not total:
        return feed_states([], now, broken_after)
    pages = -(-total // FEEDS_PER_PAGE)
    share = (LIMIT - 500) // FEEDS_PER_PAGE  # 500: the heading and the closing line
    blocks = [bold(_("Feeds ({count})").format(count=f"{total:,}"))]
    for state in states:
        block = _feed_block(state, now, broken_after)
        blocks.append(block if len(block) <= share else _feed_block(state, now, broken_after, compact=True))
    if pages > 1:
        more = _("/feeds {page} shows the next; ").format(page=page + 1) if page < pages else ""
        counts = _("{total} feeds in all, {broken} broken; this is page {page} of {pages}, broken ones first. ").format(
            total=f"{total:,}", broken=f"{broken:,}", page=f"{page:,}", pages=f"{pages:,}"
        )
        blocks.append("\n" + counts + more + _("<code>newsbrief feed list</code> prints them all."))
    return blocks


def _feed_block(state: FeedState, now: datetime, broken_after: int, compact: bool = False) -> str:
    """A feed's lines; compact: no link, title and error cut short (at most ~360 characters)."""
    feed = state.feed
    failed = ngettext("{count} failed poll in a row", "{count} failed polls in a row", feed.errors).format(
        count=feed.errors
    )
    if feed.errors >= broken_after:
        health = "❌ " + _("broken: {failed}").format(failed=failed)
    elif feed.errors:
        health = f"⚠️ {failed}"
    else:
        health = "✅ " + _("ok")
    title = _fit(feed.title, 60) if compact else link(feed.title, feed.url)
    lines = [f"\n#{feed.id} {title} — {health}"]
    if feed.errors and feed.last_error:
        error = _fit(feed.last_error, 80) if compact else esc(feed.last_error)
        lines.append("    " + _("last error: {error}").format(error=error))
    lines.append(
        "    "
        + _("last fetched {fetched} · last new item {new} · {articles} stored · next poll {next}").format(
            fetched=when(feed.last_fetched_at, now),
            new=when(feed.last_new_at, now),
            articles=articles_phrase(state.stored),
            next=when(feed.next_poll_at, now),
        )
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
