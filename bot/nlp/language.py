"""An article's language, told from its text by lingua (its models ship in the package)."""

from __future__ import annotations

import importlib
import re
import threading
from functools import cache

from lingua import IsoCode639_1, LanguageDetector, LanguageDetectorBuilder

from domain.languages import DEFAULT_LANGUAGE, LANGUAGE_NAMES

# The headline and the first paragraphs tell the language; more text only costs time
# (detection is linear in the text: under 1 ms of CPU for these characters).
DETECT_CHARS = 1_000
# Fewer letters than this is a headline fragment or a name: any answer would be a guess.
MIN_LETTERS = 20
# How far the likeliest language must be ahead of the next (lingua's relative distance, 0-1)
# for an answer; nearer, the text counts as undetermined. Low: a news text is rarely ambiguous,
# and a short lead ("В Киеве прошла встреча…") must still be told.
MIN_DISTANCE = 0.05

# Letters below U+0250 are Latin (with its accents): a text mostly of them may be English or
# another Latin-script language, which small words tell apart.
LATIN_END = "\u0250"
LATIN_SHARE = 0.9
# How many more of the preferred language's small words a text needs to be taken for it: one
# more is a title's "The" or a shared "in".
SMALL_WORDS_AHEAD = 2
_QUOTED = re.compile(r'"[^"]*"|“[^”]*”|«[^»]*»|„[^“”]*[“”]|‘[^’]*’')

_lock = threading.Lock()
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@cache
def _detector() -> LanguageDetector:
    # Built once per process. Its models load lazily, those of one script at a time, on the first
    # text in that script (about 0.4 s and 25 MB for the Latin-script ones), then stay loaded.
    # Low-accuracy mode (trigrams only) was as accurate on every measured set and needs 34 MB in
    # all, not 290 MB: high accuracy loads all five n-gram models for short texts, per parse
    # worker (bench/language_bench.py).
    codes = [IsoCode639_1.from_str(code) for code in LANGUAGE_NAMES]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_minimum_relative_distance(MIN_DISTANCE)
    return builder.with_low_accuracy_mode().build()


def detector() -> LanguageDetector:
    """This process's detector (thread-safe: lingua's detector may be shared between threads)."""
    with _lock:
        return _detector()


def warm_up() -> None:
    """Load the models of Latin-script languages now (a parse worker's start), not on the first
    article: most articles are in one of them."""
    detect_language("The models of the languages written in Latin script load on first use.")


def detect_language(text: str, prefer: str = DEFAULT_LANGUAGE) -> str | None:
    """The ISO 639-1 code of the text's language, or None when the text is too short or too
    ambiguous to tell. Where lingua names another language written in the same (Latin) letters
    than `prefer`, but the text has clearly more of `prefer`'s small words (spaCy's stop words),
    `prefer`:
    on a short text the trigrams of names tip lingua ("Dutch cyclist Dylan Groenewegen apologises
    for the crash" read as Dutch, "Olympic champion Katerina Stefanidi wins" as French); the
    words a sentence is built of do not. (Not at a tie or one ahead: a text with none of either
    language's small words, or one "The", keeps lingua's answer; nor in other scripts, whose
    words a stop-word count does not split.)"""
    sample = text[:DETECT_CHARS]
    letters = [char for char in sample if char.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    found = detector().detect_language_of(sample)
    if found is None:
        return None
    code = found.iso_code_639_1.name.lower()
    latin = sum(char < LATIN_END for char in letters) >= LATIN_SHARE * len(letters)
    if code != prefer and latin:
        # (Quoted words are a title's or a slogan's, often in another language: not counted.)
        words = _WORD.findall(_QUOTED.sub(" ", sample).lower())
        if _small_words(words, prefer) >= _small_words(words, code) + SMALL_WORDS_AHEAD:
            return prefer
    return code


def language_of(text: str, default: str) -> str:
    """The text's language, or `default` when it cannot be told."""
    return detect_language(text, default) or default


@cache
def _stop_words(code: str) -> frozenset[str]:
    """spaCy's stop words of a language (they ship with spaCy), or none where it has no list."""
    try:
        return frozenset(importlib.import_module(f"spacy.lang.{code}.stop_words").STOP_WORDS)
    except (ImportError, AttributeError):
        return frozenset()


def _small_words(words: list[str], code: str) -> int:
    stop = _stop_words(code)
    return sum(1 for word in words if word in stop)
