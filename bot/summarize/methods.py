"""Summarizers: one class per algorithm, each `__call__(document, count)` -> positions."""

from __future__ import annotations

import math
from typing import Protocol

from sumy.summarizers._summarizer import AbstractSummarizer
from sumy.summarizers.kl import KLSummarizer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.lsa import LsaSummarizer
from sumy.summarizers.luhn import LuhnSummarizer
from sumy.summarizers.sum_basic import SumBasicSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from bot.summarize.document import NewsDocument, to_sumy
from bot.summarize.languages import stemmer, stop_words
from bot.summarize.multi import MultiDocumentMMR


class Summarizer(Protocol):
    name: str

    def __call__(self, document: NewsDocument, count: int) -> list[int]: ...


def _top(scores: dict[int, float], count: int) -> list[int]:
    best = sorted(scores, key=lambda i: (-scores[i], i))[:count]
    return sorted(best)


class Lead:
    """The first `count` usable sentences: the baseline every news summarizer must beat."""

    name = "lead"

    def __call__(self, document: NewsDocument, count: int) -> list[int]:
        return document.candidates()[:count]


class SumyMethod:
    """One of sumy's algorithms, rating spaCy's sentences with the article language's stop words
    and stemmer."""

    def __init__(self, name: str, summarizer_class: type[AbstractSummarizer]) -> None:
        self.name = name
        self._class = summarizer_class
        self._summarizers: dict[str, AbstractSummarizer] = {}

    def _summarizer(self, language: str) -> AbstractSummarizer:
        if language not in self._summarizers:
            summarizer = self._class(stemmer(language))
            summarizer.stop_words = stop_words(language)
            self._summarizers[language] = summarizer
        return self._summarizers[language]

    def ratings(self, document: NewsDocument) -> dict[int, float]:
        """Every candidate sentence's rating, by position."""
        positions = document.candidates()
        if len(positions) < 2:
            return dict.fromkeys(positions, 1.0)
        sumy_document, _ = to_sumy(document, positions)
        rated: list = []

        def keep_all(infos: list) -> list:
            # sumy hands its count callback every sentence with its rating, best first.
            rated.extend(infos)
            return infos

        self._summarizer(document.language)(sumy_document, keep_all)
        # Ratings may be ranks or scores; only their order matters to callers.
        return {positions[info.order]: float(info.rating) for info in rated}

    def __call__(self, document: NewsDocument, count: int) -> list[int]:
        return _top(self.ratings(document), count)


class NewsRank:
    """newsbrief's default: early and central sentences, none repeating another
    (`bot/summarize/multi.py`, the same ranking the daily brief uses across articles)."""

    name = "newsrank"

    def __init__(self) -> None:
        self._rank = MultiDocumentMMR()

    def __call__(self, document: NewsDocument, count: int) -> list[int]:
        return sorted(i for _, i in self._rank([document], count))


class TextRankLead:
    """The previous default, kept for comparison: TextRank × 1/sqrt(1 + position)."""

    name = "textrank-lead"

    def __init__(self) -> None:
        self._centrality = SumyMethod("textrank", TextRankSummarizer)

    def __call__(self, document: NewsDocument, count: int) -> list[int]:
        centrality = self._centrality.ratings(document)
        if not centrality:
            return []
        top = max(centrality.values()) or 1.0
        order = {position: rank for rank, position in enumerate(sorted(centrality))}
        scores = {i: (c / top) / math.sqrt(1 + order[i]) for i, c in centrality.items()}
        return _top(scores, count)


METHODS: dict[str, Summarizer] = {
    method.name: method
    for method in (
        NewsRank(),
        Lead(),
        TextRankLead(),
        SumyMethod("lexrank", LexRankSummarizer),
        SumyMethod("textrank", TextRankSummarizer),
        SumyMethod("lsa", LsaSummarizer),
        SumyMethod("luhn", LuhnSummarizer),
        SumyMethod("sumbasic", SumBasicSummarizer),
        SumyMethod("kl", KLSummarizer),
    )
}
DEFAULT_METHOD = "newsrank"


def summarize(document: NewsDocument, count: int = 3, method: str = DEFAULT_METHOD) -> list[str]:
    """The `count` best sentences, in article order."""
    return [document.sentences[i] for i in METHODS[method](document, count)]
