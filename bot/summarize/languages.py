"""Stop words and stemmers by an article's language (ISO 639-1), all shipped in packages: sumy's
English lists; spaCy's Russian and French lists (sumy 0.13 has no Russian one, and spaCy's
need no model); NLTK's Snowball stemmers through sumy (pure code, no download)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache

from sumy.nlp.stemmers import Stemmer, null_stemmer
from sumy.utils import get_stop_words

from domain.languages import DEFAULT_LANGUAGE, language_name

# Languages whose stop words come from spaCy (spacy.lang.<code>.stop_words), not sumy.
_SPACY_STOP_WORDS = frozenset({"ru", "fr"})


@cache
def stop_words(language: str | None) -> frozenset[str]:
    """The language's stop words, lower case; none for a language no package lists."""
    code = language or DEFAULT_LANGUAGE
    if code in _SPACY_STOP_WORDS:
        module = importlib.import_module(f"spacy.lang.{code}.stop_words")
        return frozenset(word.lower() for word in module.STOP_WORDS)
    try:
        return frozenset(get_stop_words(language_name(code).lower()))
    except LookupError:
        return frozenset()


@cache
def stemmer(language: str | None) -> Callable[[str], str]:
    """The language's stemmer; lower case only for a language Snowball has none for."""
    try:
        return cache(Stemmer(language_name(language or DEFAULT_LANGUAGE).lower()))
    except LookupError:
        return null_stemmer
