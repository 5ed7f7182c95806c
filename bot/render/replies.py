"""The bot's answers as lists of HTML blocks (one block a line or a paragraph)."""

from __future__ import annotations

from datetime import datetime

from bot.render.html import bold, esc, italic, link
from storage.models import Article
from storage.queries import Cited, EntityHit, Profile

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
    return f"{day(item.published_at)} — {esc(body)} — {cite(item.title, item.source, item.url, item.article_id)}"


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
        blocks.append("Also: " + "; ".join(f"{esc(r.role)} ({day(r.last_seen)})" for r in others))
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


def status(name: str, kind: str | None, total: int, last_seen: datetime | None, lines: list[Cited]) -> list[str]:
    what = KIND_WORDS.get(kind or "", "topic")
    blocks = [f"{bold(name)} — {what} · {articles_phrase(total)}, last seen {day(last_seen)}"]
    blocks += [cited_line(line) for line in lines]
    return blocks


def article_list(articles: list[Article], heading: str) -> list[str]:
    blocks = [bold(heading)]
    for article in articles:
        blocks.append(
            f"#{article.id} · {day(article.published_at)} · {link(article.title or 'untitled', article.url)}"
            + (f" — {esc(article.source)}" if article.source else "")
        )
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
