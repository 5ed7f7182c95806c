"""Multi-document summaries: the sentences most central to a set of articles about one subject,
earlier sentences of each article preferred, none repeating another (maximal marginal relevance)."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from bot.summarize.document import NewsDocument

STOP = frozenset(
    "a an the and or but of in on at to for from by with as is are was were be been has have had it its "
    "this that these those he she they we you i his her their our said says say will would could should "
    "not no than then there here who which what when where how also after before over into about".split()
)
MAX_WORDS = 60


def _terms(words: list[str]) -> list[str]:
    return [w.lower() for w in words if w[:1].isalnum() and w.lower() not in STOP]


class MultiDocumentMMR:
    """`__call__(documents, count)` -> (document index, sentence position) pairs, best first.

    Centrality: a sentence's mean tf-idf cosine to every other candidate sentence of the set,
    so what many outlets say outweighs what one says. Position: 1/sqrt(1 + i) within its
    article, as in the single-article default. Redundancy: each pick is penalised by its
    similarity to what was already picked (lambda 0.7)."""

    def __init__(self, diversity: float = 0.3) -> None:
        self.diversity = diversity

    def __call__(self, documents: list[NewsDocument], count: int) -> list[tuple[int, int]]:
        where: list[tuple[int, int]] = []
        bags: list[Counter[str]] = []
        for d, document in enumerate(documents):
            for i in document.candidates():
                terms = _terms(document.words[i])
                if terms and len(document.words[i]) <= MAX_WORDS:
                    where.append((d, i))
                    bags.append(Counter(terms))
        if not where:
            return []
        vocabulary = {t: n for n, t in enumerate({t for bag in bags for t in bag})}
        frequency = Counter(t for bag in bags for t in bag)
        matrix = np.zeros((len(bags), len(vocabulary)), dtype=np.float32)
        for row, bag in enumerate(bags):
            for term, tf in bag.items():
                matrix[row, vocabulary[term]] = tf * math.log((1 + len(bags)) / (1 + frequency[term]))
        norms = np.linalg.norm(matrix, axis=1, keepdims=True)
        matrix /= np.where(norms == 0, 1, norms)
        similarity = matrix @ matrix.T
        np.fill_diagonal(similarity, 0.0)
        centrality = similarity.sum(axis=1) / max(1, len(bags) - 1)
        position = np.array([1 / math.sqrt(1 + i) for _, i in where], dtype=np.float32)
        relevance = centrality * position if len(bags) > 1 else position
        if relevance.max() > 0:
            relevance = relevance / relevance.max()
        chosen: list[int] = []
        while len(chosen) < min(count, len(where)):
            penalty = similarity[:, chosen].max(axis=1) if chosen else np.zeros(len(where))
            score = (1 - self.diversity) * relevance - self.diversity * penalty
            score[chosen] = -np.inf
            chosen.append(int(np.argmax(score)))
        return [where[c] for c in chosen]
