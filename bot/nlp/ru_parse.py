"""Russian texts parsed by natasha: sentences, tokens with morphology and syntax, named spans.

The texts of a batch are tagged together (natasha's taggers run in batches of sentences), and
sentences are tagged in order of length, so a batch pads little."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from natasha import Doc
from natasha.doc import DocSent, DocSpan, DocToken

from bot.nlp.ru_models import Models, models


def _lines(text: str) -> Iterator[tuple[int, str]]:
    start = 0
    for line in text.splitlines(keepends=True):
        yield start, line
        start += len(line)


def _segment(text: str, m: Models) -> Doc:
    """A line break always ends a sentence (paragraphs never run together, nor a headline with
    the first line of the text); razdel splits the sentences of each line."""
    doc = Doc(text)
    doc.tokens, doc.sents = [], []
    for offset, line in _lines(text):
        for sent in m.segmenter.sentenize(line):
            start = offset + sent.start
            tokens = [DocToken(start + t.start, start + t.stop, t.text) for t in m.segmenter.tokenize(sent.text)]
            if tokens:
                doc.sents.append(DocSent(start, offset + sent.stop, sent.text, tokens=tokens, spans=[]))
                doc.tokens.extend(tokens)
    return doc


def _by_length(sents: list[DocSent], tag: Callable[[list[list[str]]], Any]) -> list[Any]:
    """tag() over every sentence's words, shortest first; the markups in the sentences' order."""
    order = sorted(range(len(sents)), key=lambda i: len(sents[i].tokens))
    markups = list(tag([[t.text for t in sents[i].tokens] for i in order]))
    result: list[Any] = [None] * len(sents)
    for i, markup in zip(order, markups, strict=True):
        result[i] = markup
    return result


def _spans(doc: Doc, sent: DocSent, markup: Any) -> None:
    """The sentence's named spans, with their tokens."""
    for start, stop, kind in markup.spans:
        span = DocSpan(sent.start + start, sent.start + stop, kind, sent.text[start:stop])
        span.tokens = [t for t in sent.tokens if t.start >= span.start and t.stop <= span.stop]
        if span.tokens:
            sent.spans.append(span)
            doc.spans.append(span)


def parse_texts(texts: list[str]) -> list[Doc]:
    """One natasha Doc per text, in order: sentences, tokens (pos, feats, head_id, rel; ids are
    "sentence_token", both from 1, as natasha numbers them), and named spans (PER, LOC, ORG)."""
    m = models()
    docs = [_segment(text, m) for text in texts]
    sents = [sent for doc in docs for sent in doc.sents]
    for sent, markup in zip(sents, _by_length(sents, m.morph.map), strict=True):
        for token, tagged in zip(sent.tokens, markup.tokens, strict=True):
            token.pos, token.feats = tagged.pos, tagged.feats
    numbers = [number for doc in docs for number in range(1, len(doc.sents) + 1)]
    for sent, number, markup in zip(sents, numbers, _by_length(sents, m.syntax.map), strict=True):
        for token, parsed in zip(sent.tokens, markup.tokens, strict=True):
            token.id, token.head_id, token.rel = f"{number}_{parsed.id}", f"{number}_{parsed.head_id}", parsed.rel
    # NER reads sentence by sentence too: memory stays bounded by the longest sentence, not text.
    order = sorted(range(len(sents)), key=lambda i: len(sents[i].text))
    found = list(m.ner.map([sents[i].text for i in order]))
    for doc in docs:
        doc.spans = []
    owner = [doc for doc in docs for _ in doc.sents]
    for i, markup in zip(order, found, strict=True):
        _spans(owner[i], sents[i], markup)
    for doc in docs:
        doc.spans.sort(key=lambda span: span.start)
    return docs
