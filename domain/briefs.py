"""The daily brief's material: a window's articles, stories made of them, and follow alerts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class WindowArticle:
    id: int
    title: str
    source: str
    url: str | None
    published_at: datetime
    story_id: int | None
    entities: dict[int, str] = field(default_factory=dict)  # id -> name
    lead: list[str] = field(default_factory=list)  # words of its first sentences
    language: str | None = None  # ISO 639-1, told at ingest; None: stored before languages were


@dataclass
class Story:
    articles: list[WindowArticle]  # newest first
    summary: list[str] = field(default_factory=list)

    @property
    def newest(self) -> datetime:
        return self.articles[0].published_at

    @property
    def headline(self) -> str:
        # The first report's title: later ones are often follow-ups with narrower headlines.
        return min(self.articles, key=lambda a: (a.published_at, a.id)).title

    @property
    def sources(self) -> list[tuple[str, str | None]]:
        """(outlet, link) once per outlet, the first to report first."""
        seen: dict[str, str | None] = {}
        for article in sorted(self.articles, key=lambda a: (a.published_at, a.id)):
            seen.setdefault(article.source or f"#{article.id}", article.url)
        return list(seen.items())

    def main_entities(self, count: int = 3) -> list[str]:
        counts = Counter(name for article in self.articles for name in article.entities.values())
        return [name for name, _ in counts.most_common(count)]

    def matches(self, topic: str) -> bool:
        topic = topic.lower().strip()
        if not topic:
            return False
        names = {name.lower() for article in self.articles for name in article.entities.values()}
        if any(topic == name or topic in name.split() for name in names):
            return True
        text = " ".join(f"{a.title} {' '.join(a.lead)}" for a in self.articles).lower()
        return f" {topic} " in f" {text} "


@dataclass
class AlertItem:
    chat_id: int
    thread_id: int
    entity: str
    article_id: int
    story_id: int
    title: str
    source: str
    url: str | None
