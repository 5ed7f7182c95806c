"""Roles a Russian text gives a person: the words before the name ("премьер-министр России
Михаил Мишустин") or in apposition after it ("Сергей Лавров, министр иностранных дел,").

A role is a noun for a person (animate) in the name's own case, with the adjectives that agree
with it before it and its genitive dependents after it ("глава МИД России"); a role read in
another case ("с президентом Белоруссии Александром Лукашенко") is put in the nominative."""

from __future__ import annotations

from natasha.doc import DocToken
from natasha.norm import inflect_word
from natasha.shape import recover_shape

from bot.nlp.ru_models import RussianVocab

MAX_ROLE_WORDS = 7
_WORDS = frozenset({"NOUN", "ADJ", "PROPN"})
# Who someone is, or is to another, rather than a post ("мужчина", "его брат").
_NOT_ROLES = frozenset(
    """человек мужчина женщина парень девушка мальчик девочка ребенок ребёнок житель жительница
    сын дочь жена муж отец мать брат сестра вдова друг подруга коллега соперник соперница""".split()
)
_CLOSERS = frozenset({",", ".", ";", "—", "–", ")", "!", "?"})


def _case(token: DocToken) -> str | None:
    return (token.feats or {}).get("Case")


def _genitive_or_fixed(token: DocToken) -> bool:
    """A dependent that keeps its form in any case of the role: a genitive ("России"), or an
    abbreviation the tagger gives no case ("МИД", "РФ")."""
    return token.pos in _WORDS and _case(token) in {"Gen", None}


def _role_text(tokens: list[DocToken], head: int, case: str | None, vocab: RussianVocab) -> str | None:
    """The role's words, its head and the adjectives before it in the nominative."""
    if not tokens or len(tokens) > MAX_ROLE_WORDS:
        return None
    if tokens[head].text.lower() in _NOT_ROLES:
        return None
    words = []
    for i, token in enumerate(tokens):
        word = token.text
        if i <= head and case not in {"Nom", None}:
            word = recover_shape(inflect_word(vocab, token), token.text)
        words.append(word)
    first = tokens[0]
    # "Премьер-министр России" opens a sentence; the post is "премьер-министр России".
    if first.pos in {"NOUN", "ADJ"} and words[0][:1].isupper() and not words[0].isupper():
        words[0] = words[0][:1].lower() + words[0][1:]
    return " ".join(words)


def _head_at(tokens: list[DocToken], case: str | None) -> int | None:
    """The first noun for a person in the name's case."""
    for i, token in enumerate(tokens):
        feats = token.feats or {}
        # A name with no case (in Latin letters) takes its role in the nominative; a plural
        # ("губернаторы региона Андрей Ищенко и …") is of a list, not of this name.
        agrees = feats.get("Case") == (case or "Nom") and feats.get("Number") != "Plur"
        if token.pos == "NOUN" and feats.get("Animacy") == "Anim" and agrees:
            return i
    return None


def role_before(sent: list[DocToken], start: int, case: str | None, taken: set[int], vocab: RussianVocab) -> str | None:
    """The role in the words just before the name starting at sent[start]; `taken`: indexes of
    tokens that belong to people's names (a role never runs into another name)."""
    first = start
    while first > 0 and start - first < MAX_ROLE_WORDS + 2 and sent[first - 1].pos in _WORDS:
        if first - 1 in taken:
            break
        first -= 1
    window = sent[first:start]
    head = _head_at(window, case)
    if head is None:
        return None
    begin = head
    while begin > 0 and window[begin - 1].pos == "ADJ" and _case(window[begin - 1]) == _case(window[head]):
        begin -= 1
    after = window[head + 1 :]
    if not all(_genitive_or_fixed(t) or (t.pos == "NOUN" and _case(t) == _case(window[head])) for t in after):
        return None
    return _role_text(window[begin:], head - begin, case, vocab)


def role_after(sent: list[DocToken], end: int, case: str | None, taken: set[int], vocab: RussianVocab) -> str | None:
    """The role in apposition after the name that ends before sent[end]: ", министр
    иностранных дел," closed by a comma, a full stop or a dash."""
    if end >= len(sent) or sent[end].text != ",":
        return None
    stop = end + 1
    while stop < len(sent) and sent[stop].pos in _WORDS and stop not in taken:
        stop += 1
    if stop < len(sent) and sent[stop].text not in _CLOSERS:
        return None
    window = sent[end + 1 : stop]
    head = _head_at(window, case)
    if head is None or any(t.pos != "ADJ" for t in window[:head]):
        return None
    if not all(_genitive_or_fixed(t) for t in window[head + 1 :]):
        return None
    return _role_text(window, head, case, vocab)
