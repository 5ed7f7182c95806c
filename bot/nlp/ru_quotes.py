"""Direct speech in Russian text: «ёлочки» (nested ones too), „лапки“, and lines of dialogue
opened by a dash ("— Мы готовы, — сказал он. — Но не сейчас.")."""

from __future__ import annotations

import re
from dataclasses import dataclass

from natasha.doc import DocToken

from bot.nlp.ru_models import RussianVocab

SPEECH_VERBS = frozenset(
    """заявить заявлять сказать говорить сообщить сообщать отметить отмечать подчеркнуть
    подчеркивать добавить добавлять пояснить пояснять написать писать признать признаться
    признавать уточнить заверить ответить отвечать предупредить предупреждать напомнить
    напоминать указать рассказать рассказывать призвать объявить заметить считать констатировать
    назвать высказаться выразить заключить резюмировать возразить парировать""".split()
)
PRONOUNS = frozenset({"он", "она"})
# Pairs of quotation marks: the same pair may nest («… «Газпром» …»), the others do not.
_PAIRS = {"«": "»", "„": "“", "“": "”"}
_MIN_CHARS = 8
_DASHES = "—–-"
# The narrator's words inside a dash-opened line: ", — сказал он. — " between two parts of speech.
_AUTHOR = re.compile(r"(?<=[,!?.…])\s+[—–]\s+(?P<author>[^—–]+?)(?:[.:,]\s+[—–]\s+|[.!?…]?\s*$)")


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # character offsets of the quoted words, quotation marks and dashes excluded
    end: int
    text: str
    author: tuple[int, int] | None = None  # the narrator's words of a dash-opened line, if any


def _tidy(text: str, start: int, end: int) -> QuoteSpan | None:
    quoted = text[start:end].strip().rstrip(",").strip()
    if len(quoted) < _MIN_CHARS:
        return None
    return QuoteSpan(start, end, " ".join(quoted.split()))


def marked_quotes(text: str) -> list[QuoteSpan]:
    """Outermost quotations in «», „“ or “”, within one paragraph."""
    spans = []
    at = 0
    while at < len(text):
        opener = text[at]
        closer = _PAIRS.get(opener)
        if closer is None:
            at += 1
            continue
        depth, end = 0, None
        for i in range(at + 1, len(text)):
            char = text[i]
            if char == "\n":
                break
            if char == opener and opener != closer:
                depth += 1
            elif char == closer:
                if depth == 0:
                    end = i
                    break
                depth -= 1
        if end is None:
            at += 1
            continue
        span = _tidy(text, at + 1, end)
        if span is not None:
            spans.append(span)
        at = end + 1
    return spans


def dash_quotes(text: str) -> list[QuoteSpan]:
    """Lines of direct speech opened by a dash; the words up to the narrator's ", — сказал он",
    and those after it (". — …") when the speech goes on, as one quotation."""
    spans = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.lstrip()
        lead = len(line) - len(stripped)
        if stripped[:1] in _DASHES and stripped[1:2].isspace():
            start = offset + lead + 2
            body = line[lead + 2 :].rstrip()
            author = _AUTHOR.search(body)
            if author is None:
                span = _tidy(text, start, offset + lead + 2 + len(body))
            else:
                first = body[: author.start()].rstrip()
                rest = body[author.end() :].strip()
                if rest[:1].isupper() and first.endswith(","):  # "Мы готовы, — сказал он. — Но …"
                    first = first[:-1] + "."
                words = " ".join(f"{first} {rest}".split()).rstrip(",")
                span = QuoteSpan(start, start + len(body), words) if len(words) >= _MIN_CHARS else None
                if span is not None:
                    span = QuoteSpan(
                        span.start, span.end, span.text, (start + author.start("author"), start + author.end("author"))
                    )
            if span is not None:
                spans.append(span)
        offset += len(line)
    return spans


def is_speech_verb(token: DocToken, vocab: RussianVocab) -> bool:
    """A verb of saying ("заявил", "сообщила", "отметив"), by its lemma."""
    if token.pos != "VERB":
        return False
    if token.lemma is None:
        token.lemmatize(vocab)
    return str(token.lemma).replace("ё", "е") in SPEECH_VERBS
