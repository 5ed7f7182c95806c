"""Sentences and words of a text in a language without a pipeline: rule-based, no model."""

from __future__ import annotations

import re

from sentencex import segment

from domain.analysis import Analysis, SentenceInfo

# A word: a run of letters or digits; in Chinese and Japanese, which write no spaces, each
# character (a summary counts words to leave out fragments).
_WORD = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W_]+(?:['’-][^\W_]+)*")


def words(sentence: str) -> list[str]:
    return _WORD.findall(sentence)


def split_sentences(text: str, language: str) -> list[str]:
    """The text's sentences, in order, on one line each. A line break always ends a sentence
    (paragraphs never run together), and a piece that starts in lower case continues the one
    before it (sentencex ends one after "т. е." or "z. B." before a lower-case word)."""
    sentences: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        start = len(sentences)
        for piece in segment(language, line):
            piece = " ".join(piece.split())
            if not piece:
                continue
            if len(sentences) > start and piece[0].islower():
                sentences[-1] += " " + piece
            else:
                sentences.append(piece)
    return sentences


def sentences_analysis(text: str, language: str) -> Analysis:
    """Sentences only: no entities, mentions, roles or quotes (no model reads this language)."""
    return Analysis(sentences=[SentenceInfo(s, words(s)) for s in split_sentences(text, language)])
