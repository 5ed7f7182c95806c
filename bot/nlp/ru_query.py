"""A Russian name as typed in a query, put in the nominative the way articles' names are stored
("Зеленского" -> "Зеленский", "Киеве" -> "Киев", "Московской области" -> "Московская область")."""

from __future__ import annotations

import re

_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
# pymorphy's marks of a proper name: a reading that has one is the name meant.
_NAMES = frozenset({"Surn", "Name", "Patr", "Geox", "Orgn", "Trad"})
# Of those, a person's or a place's: words in apposition ("Сергея Лаврова"), not a phrase's head.
_APPOSED = frozenset({"Surn", "Name", "Patr", "Geox"})
_INFLECTED = frozenset({"NOUN", "ADJ"})


def is_russian(text: str) -> bool:
    """Whether the text has Cyrillic letters (only those are normalised)."""
    return _CYRILLIC.search(text) is not None


def _nominative(word: str) -> tuple[str, bool]:
    """The word in the nominative, and whether it is a common noun (the head of a phrase,
    after which genitives follow: "МИД России", "Министерства обороны")."""
    from natasha.shape import recover_shape

    from bot.nlp.ru_models import vocab  # natasha loads on the first Cyrillic query, not at start

    forms = vocab()(word.lower())
    if not forms:
        return word, False
    named = [form for form in forms if _NAMES & set(form.tag.grammemes)]
    form = (named or forms)[0]
    head = form.pos == "NOUN" and not _APPOSED & set(form.tag.grammemes)
    if form.pos not in _INFLECTED or form.feats.get("Case") in {"Nom", None}:
        normal = word
    else:
        inflected = form.inflect({"Nom"})
        normal = recover_shape(inflected.word, word) if inflected is not None else word
    # Stored names spell ё as е (natasha's normal forms do).
    return normal.replace("ё", "е").replace("Ё", "Е"), head


def _preposition(word: str) -> bool:
    from bot.nlp.ru_models import vocab

    forms = vocab()(word.lower())
    return bool(forms) and forms[0].pos == "ADP"


def normal_query(text: str) -> str:
    """The text with its Russian words in the nominative (same number and gender) up to the
    first common noun, without a leading preposition ("в Киеве" -> "Киев"); the words after
    the noun, other words, and text with no Cyrillic as they are."""
    if not is_russian(text):
        return text
    opening = _WORD.match(text.strip())
    if opening is not None and " " in text.strip() and _preposition(opening.group(0)):
        text = text.strip()[opening.end() :].strip()
    parts: list[str] = []
    at = 0
    for match in _WORD.finditer(text):
        parts.append(text[at : match.start()])
        word, head = _nominative(match.group(0))
        parts.append(word)
        at = match.end()
        if head:
            break
    parts.append(text[at:])
    return "".join(parts)
