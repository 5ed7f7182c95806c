"""Finding quotations and who said them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Token

SPEECH_VERBS = frozenset(
    """said says say told tells added adds stressed stresses explained explains warned warns
    insisted insists noted notes argued argues claimed claims declared declares announced
    announces asked asks replied replies admitted admits wrote writes urged urges""".split()
)
PRONOUNS = frozenset({"he", "she"})
# A quotation this short is a phrase lifted into a sentence ("an issue"), not what was said:
# the whole reported-speech sentence around it is kept instead.
MIN_QUOTE_WORDS = 6


def long_enough(text: str) -> bool:
    return len(re.findall(r"\w+(?:['’]\w+)*", text)) >= MIN_QUOTE_WORDS


# Curly pairs, or straight double quotes, within one paragraph.
_QUOTE = re.compile(r"“([^”\n]{8,})”|\"([^\"\n]{8,})\"")


@dataclass(frozen=True)
class QuoteSpan:
    start: int  # character offsets of the quoted text, quote marks excluded
    end: int
    text: str


def quote_spans(doc: Doc) -> list[QuoteSpan]:
    spans = []
    for match in _QUOTE.finditer(doc.text):
        group = 1 if match.group(1) is not None else 2
        text = match.group(group).strip().rstrip(",").strip()
        spans.append(QuoteSpan(match.start(group), match.end(group), text))
    return spans


def speech_subject(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return child
    return None


def attribution_verb(doc: Doc, quote: QuoteSpan) -> Token | None:
    """The speech verb outside the quote, in the sentence where the quote starts or ends."""
    first = doc.char_span(quote.start, quote.end, alignment_mode="expand")
    if first is None:
        return None
    sentences = {first[0].sent, first[-1].sent}
    if first[-1].sent.end < len(doc):
        # `"...," Lavrov said` often becomes its own sentence after the closing mark.
        sentences.add(doc[first[-1].sent.end].sent)
    for sent in sorted(sentences, key=lambda s: s.start):
        for token in sent:
            outside = token.idx < quote.start - 1 or token.idx > quote.end
            if outside and token.lower_ in SPEECH_VERBS and token.tag_.startswith("VB"):
                return token
    return None


def reported_speech_subject(sent_root: Token) -> Token | None:
    """ "..., Lavrov said." : the subject of a speech verb governing a clause."""
    for token in sent_root.sent:
        if token.lower_ in SPEECH_VERBS and token.tag_.startswith("VB"):
            if any(child.dep_ == "ccomp" for child in token.children) or token.dep_ == "ROOT":
                subject = speech_subject(token)
                if subject is not None:
                    return subject
    return None
