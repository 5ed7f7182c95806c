"""The daily brief as Telegram HTML: one block per story, so pages split between stories."""

from __future__ import annotations

from datetime import datetime

from bot.render.html import bold, esc, link, paginate
from domain.briefs import AlertItem, Story

SHOWN_SOURCES = 2


def sources_line(sources: list[tuple[str, str | None]]) -> str:
    """ "BBC, Reuters +3", each name linked to its article."""
    shown = ", ".join(link(name, url) for name, url in sources[:SHOWN_SOURCES])
    more = len(sources) - SHOWN_SOURCES
    return shown + (f" +{more}" if more > 0 else "")


def story_block(number: int, story: Story) -> str:
    lines = [bold(f"{number}. {story.headline}")]
    if story.summary:
        lines.append(esc(" ".join(story.summary)))
    entities = story.main_entities()
    lines.append(sources_line(story.sources) + (" · " + esc(", ".join(entities)) if entities else ""))
    return "\n".join(lines)


def brief(stories: list[Story], day: datetime, articles: int, title: str = "Daily brief") -> list[str]:
    """The brief's messages, each at most 4096 characters, split at story boundaries."""
    heading = f"{title} — {day:%A %-d %B %Y}"
    if not stories:
        return [f"{bold(heading)}: no new stories since the last brief."]
    intro = bold(heading) + f"\n{len(stories)} stories from {articles} articles"
    blocks = [intro] + ["\n" + story_block(n, story) for n, story in enumerate(stories, start=1)]
    return paginate(blocks)


def alert(items: list[AlertItem], limit: int = 10) -> list[str]:
    """One message for a chat's new alerts: what was followed, then a line per story."""
    names = list(dict.fromkeys(item.entity for item in items))
    blocks = [bold("New on " + ", ".join(names))]
    for item in items[:limit]:
        blocks.append(f"• {link(item.title or 'untitled', item.url)} — {esc(item.source)} · #{item.article_id}")
    if len(items) > limit:
        blocks.append(f"+{len(items) - limit} more: /latest")
    return paginate(blocks)
