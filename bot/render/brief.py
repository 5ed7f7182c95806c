"""The daily brief as Telegram HTML: one block per story, so pages split between stories."""

from __future__ import annotations

from datetime import datetime

from bot.i18n import _, format_day, ngettext
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


def brief(stories: list[Story], day: datetime, articles: int, title: str | None = None) -> list[str]:
    """The brief's messages, each at most 4096 characters, split at story boundaries."""
    heading = (title or _("Daily brief")) + " — " + format_day(day, "EEEE d MMMM y")
    if not stories:
        return [bold(heading) + ": " + _("no new stories since the last brief.")]
    counted = ngettext("{count} story", "{count} stories", len(stories)).format(count=len(stories))
    intro = (
        bold(heading)
        + "\n"
        + ngettext("{stories} from {count} article", "{stories} from {count} articles", articles).format(
            stories=counted, count=articles
        )
    )
    blocks = [intro] + ["\n" + story_block(n, story) for n, story in enumerate(stories, start=1)]
    return paginate(blocks)


def alert(items: list[AlertItem], limit: int = 10) -> list[str]:
    """One message for a chat's new alerts: what was followed, then a line per story."""
    names = list(dict.fromkeys(item.entity for item in items))
    blocks = [bold(_("New on {names}").format(names=", ".join(names)))]
    for item in items[:limit]:
        title = link(item.title or _("untitled"), item.url)
        blocks.append(f"• {title} — {esc(item.source)} · #{item.article_id}")
    if len(items) > limit:
        blocks.append(_("+{count} more: /latest").format(count=len(items) - limit))
    return paginate(blocks)
