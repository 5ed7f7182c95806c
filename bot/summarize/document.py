"""A parsed article as summarizers see it, and its sumy form (no NLTK tokenizer involved)."""

from __future__ import annotations

from dataclasses import dataclass

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence

from bot.ingest.text import is_boilerplate
from domain.analysis import Analysis
from domain.languages import DEFAULT_LANGUAGE

MIN_WORDS = 5


@dataclass
class NewsDocument:
    """Sentences in article order, each with its word tokens; `language`: the article's (ISO
    639-1), whose stop words and stemmer rank them."""

    sentences: list[str]
    words: list[list[str]]
    title: str = ""
    language: str = DEFAULT_LANGUAGE

    @classmethod
    def from_analysis(cls, analysis: Analysis, title: str = "", language: str = DEFAULT_LANGUAGE) -> NewsDocument:
        return cls([s.text for s in analysis.sentences], [s.words for s in analysis.sentences], title, language)

    def candidates(self) -> list[int]:
        """Positions of sentences fit for a summary: no boilerplate, no fragments, no repeats."""
        seen: set[str] = set()
        keep = []
        for i, (text, words) in enumerate(zip(self.sentences, self.words, strict=True)):
            key = " ".join(w.lower() for w in words)
            if len(words) < MIN_WORDS or is_boilerplate(text) or key in seen:
                continue
            seen.add(key)
            keep.append(i)
        return keep


class _KnownWords:
    """sumy's tokenizer interface, answering from spaCy's tokens instead of NLTK's punkt."""

    def __init__(self, words_by_text: dict[str, list[str]]) -> None:
        self._words = words_by_text

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return (paragraph,)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._words.get(sentence, sentence.split()))


def to_sumy(document: NewsDocument, positions: list[int]) -> tuple[ObjectDocumentModel, list[Sentence]]:
    """The candidate sentences as one sumy document, and the sumy sentence for each position."""
    tokenizer = _KnownWords({document.sentences[i].strip(): document.words[i] for i in positions})
    sentences = [Sentence(document.sentences[i], tokenizer) for i in positions]
    return ObjectDocumentModel([Paragraph(sentences)]), sentences
