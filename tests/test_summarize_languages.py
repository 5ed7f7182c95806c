"""Stop words and stemmers by article language (bot/summarize/languages.py): shipped lists only."""

from __future__ import annotations

from bot.summarize.languages import stemmer, stop_words


def test_each_analysed_language_has_its_own_stop_words_and_stemmer() -> None:
    assert {"и", "в", "что", "это"} <= stop_words("ru") and "и" not in stop_words("en")
    assert {"le", "la", "et", "que"} <= stop_words("fr") and "the" in stop_words("en")
    assert stemmer("ru")("переговорами") == stemmer("ru")("переговоры")
    assert stemmer("fr")("négociations") == stemmer("fr")("négociation")
    # A language no package covers: no stop words, words only lower-cased.
    assert stop_words("xx") == frozenset() and stemmer("xx")("Words") == "words"
