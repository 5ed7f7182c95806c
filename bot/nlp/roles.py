"""Roles and titles the text gives a person: before the name, in apposition, or after "is"."""

from __future__ import annotations

from spacy.tokens import Span, Token

from bot.nlp.names import HONORIFICS

_PREMODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "cc", "conj"})
_COPULAS = frozenset({"is", "was", "'s", "remains", "became", "becomes"})
_NOT_ROLES = frozenset({"earlier", "later", "then", "now", "also", "former", "said", "says"})
# Words that say what someone is, not what they do ("the man", "a woman").
_NOT_TITLES = frozenset({"man", "woman", "men", "women", "person", "people", "boy", "girl", "guy", "one"})
MAX_ROLE_WORDS = 7
_HYPHENS = frozenset({"-", "–"})


def _tidy(tokens: list[Token]) -> str | None:
    while tokens and (tokens[0].tag_ in {"DT", "PRP$", "POS"} or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].is_punct or tokens[-1].tag_ == "POS"):
        tokens = tokens[:-1]
    if not tokens or len(tokens) > MAX_ROLE_WORDS:
        return None
    if tokens[-1].tag_ not in {"NN", "NNS", "NNP", "NNPS"}:
        return None
    if tokens[-1].lower_ in _NOT_ROLES or tokens[-1].ent_type_ in {"PERSON", "DATE", "TIME"}:
        return None
    if len(tokens) == 1 and tokens[0].lower_ in _NOT_TITLES:
        return None
    # An entity alone ("Microsoft Bill Gates") is an affiliation, not a role.
    if all(t.ent_type_ for t in tokens):
        return None
    text = "".join(t.text_with_ws for t in tokens).strip()
    return text if any(c.isalpha() for c in text) else None


def premodifier_role(span: Span) -> str | None:
    """ "Russian Foreign Minister Sergei Lavrov" -> "Russian Foreign Minister";
    "Trade and Industry Secretary Patricia Hewitt" -> "Trade and Industry Secretary"."""
    doc = span.doc
    region: list[Token] = []
    i = span.start - 1
    # "United boss Sir Alex Ferguson": the role is before the honorific.
    while i >= span.sent.start and doc[i].lower_.rstrip(".") in HONORIFICS:
        i -= 1
    while i >= span.sent.start:
        token = doc[i]
        if token.text in _HYPHENS and not token.whitespace_ and i > span.sent.start and not doc[i - 1].whitespace_:
            region[:0] = [doc[i - 1], token]  # "full-back", "co-chairman": one word split in three
            i -= 2
            continue
        inside = {t.i for t in region}
        # A name tagged PERSON that modifies the role ("Manchester United boss") is whose role it is.
        if token.ent_type_ == "PERSON" and token.head.i not in inside:
            break
        if token.dep_ not in _PREMODIFIER_DEPS or token.lower_.rstrip(".") in HONORIFICS:
            break
        region.insert(0, token)
        i -= 1
    # Keep the longest run that hangs together: every word attached inside it or the name.
    while region:
        inside = {t.i for t in region} | set(range(span.start, span.end))
        if all(t.head.i in inside for t in region):
            return _tidy(region)
        region = region[1:]
    return None


def apposition_role(span: Span) -> str | None:
    """ "Jack Straw, the foreign secretary," -> "foreign secretary"."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.tag_ in {"NN", "NNS"}:
            return _tidy([t for t in child.subtree if t.i <= child.i])
    return None


def copula_role(span: Span) -> str | None:
    """ "Patricia Hewitt is the trade secretary" -> "trade secretary"."""
    root = span.root
    head = root.head
    if root.dep_ != "nsubj" or head.lower_ not in _COPULAS:
        return None
    for child in head.children:
        if child.dep_ == "attr" and child.tag_ in {"NN", "NNS"}:
            tokens = [t for t in child.subtree if t.i <= child.i]
            return _tidy(tokens)
    return None


def roles_for(span: Span) -> list[str]:
    found = [premodifier_role(span), apposition_role(span), copula_role(span)]
    return [role for role in found if role]
