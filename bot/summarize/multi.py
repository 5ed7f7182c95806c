"""newsbrief's ranking, for one article or many: sentences early in their article and central
to the set, picked without repeating each other (maximal marginal relevance).

relevance = 1 / (1 + r) × (1 + centrality), where r is the sentence's rank among its article's
usable sentences and centrality its mean tf-idf cosine to every other usable sentence of the
set, scaled to [0, 1]. Each pick maximises 0.7 × relevance − 0.3 × its greatest similarity to
a sentence already picked. Sentences under 10 words (datelines, captions, fragments) are left
out when there are enough others. The three constants were chosen on CNN/DailyMail alone;
the BBC set was held out (docs/benchmarks.md).

Given a focus (a brief story's headline), relevance is also scaled by FOCUS_FLOOR + the
sentence's tf-idf cosine to it (stemmed, scaled to [0, 1]), and sentences sharing no word with
it are left out when there are enough others: a story's sentences are about its headline."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
from scipy.sparse import csr_array

from bot.summarize.document import NewsDocument
from bot.summarize.languages import stemmer, stop_words
from domain.languages import DEFAULT_LANGUAGE

STOP = frozenset(
    "a an the and or but of in on at to for from by with as is are was were be been has have had it its "
    "this that these those he she they we you i his her their our said says say will would could should "
    "not no than then there here who which what when where how also after before over into about".split()
)
MIN_WORDS = 10
REPEAT = 0.8  # across articles: a sentence this similar to a pick is the same sentence reworded
CENTRALITY = 1.0  # weight of centrality against position
DIVERSITY = 0.3  # weight of redundancy in each pick
# With a focus, what a sentence sharing no word with it keeps of its relevance: position and
# centrality still count, but a sentence about the headline comes first.
FOCUS_FLOOR = 0.25


def stop_for(language: str | None) -> frozenset[str]:
    """The words ranking ignores in a text of this language. English keeps the short list the
    constants were chosen with; other languages take their package's list ("и", "в", "что"
    would otherwise make every Russian sentence central)."""
    code = language or DEFAULT_LANGUAGE
    return STOP if code == "en" else stop_words(code)


def _terms(words: list[str], language: str = "en") -> Counter[str]:
    stop = stop_for(language)
    return Counter(w.lower() for w in words if w[:1].isalnum() and w.lower() not in stop)


def usable(document: NewsDocument) -> list[int]:
    """The article's summary candidates, without the short ones unless nothing else is left."""
    candidates = document.candidates()
    long_enough = [i for i in candidates if len(document.words[i]) >= MIN_WORDS]
    return long_enough or candidates


def similarities(bags: list[Counter[str]]) -> np.ndarray:
    """Pairwise tf-idf cosine of the bags, zero on the diagonal."""
    vocabulary = {t: n for n, t in enumerate({t for bag in bags for t in bag})}
    frequency = Counter(t for bag in bags for t in bag)
    rows, columns, weights = [], [], []
    for row, bag in enumerate(bags):
        for term, tf in bag.items():
            rows.append(row)
            columns.append(vocabulary[term])
            weights.append(tf * math.log((1 + len(bags)) / (1 + frequency[term])))
    # Sparse: a brief's window is a thousand articles over tens of thousands of words, where a
    # dense product took a second of the event loop.
    matrix = csr_array((weights, (rows, columns)), shape=(len(bags), max(1, len(vocabulary))))
    norms = np.sqrt(matrix.multiply(matrix).sum(axis=1))
    matrix = csr_array(matrix.multiply(1 / np.where(norms == 0, 1, norms)[:, None]))
    similarity = (matrix @ matrix.T).toarray()
    np.fill_diagonal(similarity, 0.0)
    return similarity


def _stemmed(bag: Counter[str], language: str) -> Counter[str]:
    stem = stemmer(language)
    stems: Counter[str] = Counter()
    for term, count in bag.items():
        stems[stem(term)] += count
    return stems


def _closeness(bags: list[Counter[str]], languages: list[str], focus: Counter[str], language: str) -> np.ndarray:
    """Each bag's tf-idf cosine to the focus, scaled to [0, 1] (all zero if none shares a word).
    Stemmed, each in its language: a headline's "cuts" is the text's "cut"."""
    stemmed = [_stemmed(bag, each) for bag, each in zip(bags, languages, strict=True)]
    closeness = similarities([*stemmed, _stemmed(focus, language)])[-1, :-1]
    return closeness / (closeness.max() or 1.0)


class MultiDocumentMMR:
    """`__call__(documents, count)` -> (document index, sentence position) pairs, best first."""

    def __init__(
        self, centrality: float = CENTRALITY, diversity: float = DIVERSITY, repeat: float | None = None
    ) -> None:
        self.centrality = centrality
        self.diversity = diversity
        # Across outlets the same sentence comes back lightly reworded: above this cosine to a
        # pick, a sentence is never picked (None: one article, where that does not happen).
        self.repeat = repeat

    def __call__(
        self,
        documents: list[NewsDocument],
        count: int,
        focus: list[str] | None = None,
        focus_language: str | None = None,
    ) -> list[tuple[int, int]]:
        where: list[tuple[int, int]] = []
        ranks: list[int] = []
        for d, document in enumerate(documents):
            for rank, i in enumerate(usable(document)):
                where.append((d, i))
                ranks.append(rank)
        if len(where) <= count:
            return where
        bags = [_terms(documents[d].words[i], documents[d].language) for d, i in where]
        similarity = similarities(bags)
        centrality = similarity.sum(axis=1) / (len(where) - 1)
        centrality /= centrality.max() or 1.0
        relevance = np.array([1 / (1 + r) for r in ranks]) * (1 + self.centrality * centrality)
        off_focus = np.zeros(len(where), dtype=bool)
        if focus:
            # The headline's own language (its article's), else the first article's.
            language = focus_language or documents[0].language
            languages = [documents[d].language for d, _ in where]
            closeness = _closeness(bags, languages, _terms(focus, language), language)
            relevance *= FOCUS_FLOOR + closeness
            # A sentence sharing no word with the headline is about something else (the weather
            # report a roundup opens with): left out when enough others are about it.
            if np.count_nonzero(closeness) >= count:
                off_focus = closeness == 0
        relevance /= relevance.max() or 1.0
        chosen: list[int] = []
        while len(chosen) < count:
            penalty = similarity[:, chosen].max(axis=1) if chosen else np.zeros(len(where))
            score = (1 - self.diversity) * relevance - self.diversity * penalty
            score[chosen] = -np.inf
            score[off_focus] = -np.inf
            if self.repeat is not None and chosen:
                score[penalty >= self.repeat] = -np.inf
            if not np.isfinite(score.max()):
                break
            chosen.append(int(np.argmax(score)))
        return [where[c] for c in chosen]
