"""Stories: the articles of a time window grouped by event, ranked for one chat."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_array
from scipy.spatial.distance import squareform

from bot.summarize.multi import similarities, stop_for
from domain.briefs import Story, WindowArticle

# Mean cosine of entity + lead-word tf-idf vectors (between a story's articles and another's)
# at and above which they are one event. Set on the test fixtures (two outlets' reports of one
# event: 0.24; unrelated stories: <= 0.02); not yet measured on a labelled set.
SAME_EVENT = 0.2
EVENT_SPAN = timedelta(hours=36)
# Entities two articles must share to be one event: one alone is a beat, not an event (the IMF
# forecasting German growth and the IMF in Liberia). A name and its acronym count once.
SHARED_ENTITIES = 2


def _bags(articles: list[WindowArticle]) -> list[Counter[str]]:
    """Each article as its lead words and its entities (an entity weighs two words), without
    the stop words of its own language ("в", "и", "что" would make every Russian article alike)."""
    bags = []
    for article in articles:
        stop = stop_for(article.language)
        words = [w.lower() for w in article.lead + article.title.split() if w[:1].isalnum()]
        bag = Counter(w for w in words if w not in stop)
        bag.update({f"entity:{entity_id}": 2 for entity_id in article.entities})
        bags.append(bag)
    return bags


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _too_few_shared(articles: list[WindowArticle]) -> np.ndarray:
    """Pairs sharing fewer than SHARED_ENTITIES entities; a long name counts as its acronym
    when the window names that too ("International Monetary Fund" and "IMF" are one)."""
    names = {name for article in articles for name in article.entities.values()}
    index: dict[str, int] = {}
    rows, columns = [], []
    for row, article in enumerate(articles):
        for key in {_acronym(n) if " " in n and _acronym(n) in names else n for n in article.entities.values()}:
            rows.append(row)
            columns.append(index.setdefault(key, len(index)))
    # Articles x entities, so the counts of shared entities are one sparse product.
    has = csr_array((np.ones(len(rows)), (rows, columns)), shape=(len(articles), max(1, len(index))))
    return (has @ has.T).toarray() < SHARED_ENTITIES


def cluster(articles: list[WindowArticle]) -> list[Story]:
    """Articles about the same event in one story: near duplicates always, others when they
    share entities and lead words (mean cosine >= SAME_EVENT) within EVENT_SPAN.

    Average linkage, not single: with single linkage, a chain of pairs each sharing a little
    (Germany's growth and the IMF, the IMF and Turkey, Turkey and its debt) made one story of
    unrelated events, headed by one and summed up by others. And two articles sharing fewer
    than SHARED_ENTITIES entities are never alike, however many words they share."""
    if len(articles) < 2:
        return [Story(list(articles))] if articles else []
    distance = 1.0 - np.clip(similarities(_bags(articles)), 0.0, 1.0)
    when = np.array([a.published_at.timestamp() for a in articles])
    distance[np.abs(np.subtract.outer(when, when)) > EVENT_SPAN.total_seconds()] = 1.0
    distance[_too_few_shared(articles)] = 1.0
    keys = np.array([a.story_id or a.id for a in articles])
    distance[np.equal.outer(keys, keys)] = 0.0  # near duplicates are one story whatever else
    tree = linkage(squareform(distance, checks=False), method="average")
    groups: dict[int, list[WindowArticle]] = {}
    for label, article in zip(fcluster(tree, t=1.0 - SAME_EVENT, criterion="distance"), articles, strict=True):
        groups.setdefault(int(label), []).append(article)
    return [Story(sorted(g, key=lambda a: (a.published_at, a.id), reverse=True)) for g in groups.values()]


def rank(stories: list[Story], topics: list[str], now: datetime) -> list[Story]:
    """Most independent sources first; recency and the chat's topics break ties and lift."""

    def score(story: Story) -> float:
        hours = max(0.0, (now - story.newest).total_seconds() / 3600)
        topical = any(story.matches(topic) for topic in topics)
        return len(story.sources) + 1 / (1 + hours / 12) + (2.0 if topical else 0.0)

    return sorted(stories, key=score, reverse=True)
