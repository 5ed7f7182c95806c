"""natasha's Russian models (segmenter, morphology, syntax, NER), loaded once per process.

natasha 1.6.0 depends on pymorphy2, which calls `inspect.getargspec` (gone in Python 3.11);
importing natasha imports yargy 0.16, which patches pymorphy2 for 3.11 (natasha's own fix, see
natasha/natasha#120). The dictionary is passed by path: pymorphy2 would otherwise look it up
through setuptools' deprecated pkg_resources."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache

import pymorphy2_dicts_ru
from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, NewsSyntaxParser, Segmenter
from natasha.morph.vocab import MorphForm
from pymorphy2 import MorphAnalyzer

_lock = threading.Lock()


class RussianVocab(MorphVocab):
    """natasha's MorphVocab over the packaged pymorphy2 dictionary, found by its path."""

    def __init__(self) -> None:
        MorphAnalyzer.__init__(self, path=pymorphy2_dicts_ru.get_path(), lang="ru", result_type=MorphForm)


@dataclass(frozen=True)
class Models:
    segmenter: Segmenter
    vocab: RussianVocab
    morph: NewsMorphTagger
    syntax: NewsSyntaxParser
    ner: NewsNERTagger


@cache
def _vocab() -> RussianVocab:
    return RussianVocab()


@cache
def _models() -> Models:
    # The embedding is shared by the three taggers (about 1.5 s and 100 MB in all).
    embedding = NewsEmbedding()
    return Models(
        Segmenter(), _vocab(), NewsMorphTagger(embedding), NewsSyntaxParser(embedding), NewsNERTagger(embedding)
    )


def vocab() -> RussianVocab:
    """The morphological dictionary alone (about 0.3 s to load): all a query needs."""
    with _lock:
        return _vocab()


def models() -> Models:
    """Every model, loaded on first use and shared afterwards (thread-safe)."""
    with _lock:
        return _models()
