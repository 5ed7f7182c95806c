"""Stories: the articles of a time window grouped by event, ranked for one chat."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from bot.summarize.multi import STOP, similarities
from storage.briefs import WindowArticle

# Cosine of entity + lead-word tf-idf vectors above which two articles are one event. Set on
# the test fixtures (two outlets' reports of one event: 0.24; unrelated stories: <= 0.02); not
# yet measured on a labelled set.
SAME_EVENT = 0.2
EVENT_SPAN = timedelta(hours=36)


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


def _bags(articles: list[WindowArticle]) -> list[Counter[str]]:
    """Each article as its lead words and its entities (an entity weighs two words)."""
    bags = []
    for article in articles:
        words = [w.lower() for w in article.lead + article.title.split() if w[:1].isalnum()]
        bag = Counter(w for w in words if w not in STOP)
        bag.update({f"entity:{entity_id}": 2 for entity_id in article.entities})
        bags.append(bag)
    return bags


def cluster(articles: list[WindowArticle]) -> list[Story]:
    """Articles about the same event in one story: near duplicates always, others when they
    share entities and lead words (cosine >= SAME_EVENT) within EVENT_SPAN of each other."""
    parent = list(range(len(articles)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_story: dict[int, int] = {}
    for i, article in enumerate(articles):
        key = article.story_id or article.id
        if key in by_story:
            parent[root(i)] = root(by_story[key])
        else:
            by_story[key] = i
    if len(articles) > 1:
        close = np.argwhere(np.triu(similarities(_bags(articles)), k=1) >= SAME_EVENT)
        for i, j in close:
            if abs(articles[i].published_at - articles[j].published_at) <= EVENT_SPAN:
                parent[root(int(i))] = root(int(j))
    groups: dict[int, list[WindowArticle]] = {}
    for i, article in enumerate(articles):
        groups.setdefault(root(i), []).append(article)
    return [Story(sorted(g, key=lambda a: (a.published_at, a.id), reverse=True)) for g in groups.values()]


def rank(stories: list[Story], topics: list[str], now: datetime) -> list[Story]:
    """Most independent sources first; recency and the chat's topics break ties and lift."""

    def score(story: Story) -> float:
        hours = max(0.0, (now - story.newest).total_seconds() / 3600)
        topical = any(story.matches(topic) for topic in topics)
        return len(story.sources) + 1 / (1 + hours / 12) + (2.0 if topical else 0.0)

    return sorted(stories, key=score, reverse=True)
