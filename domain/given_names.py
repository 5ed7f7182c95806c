"""One person under two spellings of the given name: "Джо Байден" in one article, "Джозеф Байден"
in another; "Joe Biden" and "Joseph Biden".

The rule: two people's names are one person's only where the evidence supports it.
1. The same surname: the last words are equal (folded: case, ё as е, accents off), and so are
   the words between, if any.
2. The given names (the first words) are one name: equal, or one is a listed short form of the
   other. The list is written out, never guessed from a prefix: "Ян" is no "Янис", "Дэн" no
   "Дэниел" of every article, and a short form of two full names ("Алекс": Александр or Алексей)
   makes a pair with either only when the other is not also written.
3. No conflicting evidence: the two names are not written as two people in one article
   (`seen_together`), and no third person with that surname has a given name that is a form of
   either (who is who would be a guess).

A user asking for "Байден" then gets the one person, not a choice between two spellings.

Middle names (`adds_middle_names`): "Marie Teresa Ratcliffe" and "Marie Ratcliffe" are one
person's names when the first and last words are equal (folded) and the shorter name's middle
words, if any, are the longer one's, in order ("Marie Ratcliffe" of "Marie Teresa Anne
Ratcliffe" too). A middle name is usually written once, then the short form: one article naming
both is no conflict here. The conflict is a third bearer: "Marie Anne Ratcliffe" beside "Marie
Teresa Ratcliffe" (neither's middle words the other's) makes "Marie Ratcliffe" a guess, and it
is folded into neither (storage/queries.py, `_fold_middle_names`).
"""

from __future__ import annotations

import unicodedata

# Full given name -> its short forms, as news in Russian and in English write them.
SHORT_FORMS: dict[str, frozenset[str]] = {
    full: frozenset(shorts.split())
    for full, shorts in {
        # Foreign names in Russian spelling
        "джозеф": "джо",
        "уильям": "билл билли уилл",
        "роберт": "боб бобби роб",
        "майкл": "майк",
        "томас": "том",
        "николас": "ник",
        "ричард": "рик дик",
        "джеймс": "джим джимми",
        "эдвард": "эд тед",
        "дэниел": "дэн",
        "энтони": "тони",
        "кристофер": "крис",
        "стивен": "стив",
        "дональд": "дон",
        "джонатан": "джон",
        "кэтрин": "кейт",
        "элизабет": "лиз бетти",
        "ребекка": "бекки",
        # Russian names and their everyday forms
        "александр": "саша алекс",
        "алексей": "алеша алёша алекс",
        "дмитрий": "дима",
        "владимир": "володя",
        "михаил": "миша",
        "сергей": "сережа серёжа",
        "николай": "коля",
        "евгений": "женя",
        "екатерина": "катя",
        "анастасия": "настя",
        "мария": "маша",
        # English
        "joseph": "joe",
        "william": "bill billy will",
        "robert": "bob bobby rob",
        "michael": "mike",
        "thomas": "tom",
        "nicholas": "nick",
        "richard": "rick dick",
        "james": "jim jimmy",
        "edward": "ed ted",
        "daniel": "dan",
        "anthony": "tony",
        "christopher": "chris",
        "stephen": "steve",
        "steven": "steve",
        "donald": "don",
        "catherine": "kate",
        "elizabeth": "liz betty",
        "matthew": "matt",
        "andrew": "andy",
        "benjamin": "ben",
        "samuel": "sam",
        "alexander": "alex",
        "timothy": "tim",
        "peter": "pete",
        "gregory": "greg",
        "jeffrey": "jeff",
        "kenneth": "ken",
        "david": "dave",
        "philip": "phil",
        "frederick": "fred",
        "jonathan": "jon",
        "joshua": "josh",
        "charles": "charlie",
        "patrick": "pat",
        "jennifer": "jen jenny",
        "katherine": "kate katie",
        "rebecca": "becky",
        # One name's spellings in English transliteration
        "mohammed": "mohammad muhammad mohamed mohamad",
    }.items()
}


def _fold(word: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))
    # NFKD takes the diaeresis off "ё" too ("е" and a combining mark): ё is е here.
    return plain.replace("ё", "е")


_SHORT = {_fold(full): frozenset(_fold(s) for s in shorts) for full, shorts in SHORT_FORMS.items()}


_LISTED = frozenset(_SHORT) | frozenset(short for shorts in _SHORT.values() for short in shorts)


def has_variants(name: str) -> bool:
    """Whether the given name of `name` is listed (as a full name or a short form): only such
    names can be one person's with another given name, so only they need comparing."""
    return _fold(name.strip().partition(" ")[0]) in _LISTED


def one_given_name(first: str, second: str) -> bool:
    """Whether two given names are one: equal, or one a listed short form of the other."""
    a, b = _fold(first), _fold(second)
    return a == b or a in _SHORT.get(b, ()) or b in _SHORT.get(a, ())


def _split(name: str) -> tuple[str, str] | None:
    """(given name, the rest) of a name of two words or more."""
    given, _, rest = name.strip().partition(" ")
    return (given, _fold(rest)) if rest else None


def same_bearer(name: str, other: str, others: list[str] | tuple[str, ...] = (), seen_together: bool = False) -> bool:
    """Whether `name` and `other` are one person's names under the rule above; `others`: the
    other people's names of the same collection (a store, a query's hits), for conflicts."""
    a, b = _split(name), _split(other)
    if a is None or b is None or a[1] != b[1] or seen_together:
        return False
    if _fold(a[0]) == _fold(b[0]):
        return True
    if not one_given_name(a[0], b[0]):
        return False
    for third in others:
        c = _split(third)
        if c is None or c[1] != a[1] or _fold(c[0]) in {_fold(a[0]), _fold(b[0])}:
            continue
        if one_given_name(c[0], a[0]) or one_given_name(c[0], b[0]):
            return False
    return True


def adds_middle_names(short: str, long: str) -> bool:
    """Whether `long` is `short` with middle words added: the same first and last words, and
    every middle word of `short` among `long`'s in the same order ("Marie Ratcliffe", "Marie
    Teresa Ratcliffe")."""
    a, b = [_fold(w) for w in short.split()], [_fold(w) for w in long.split()]
    if len(a) < 2 or len(b) <= len(a) or a[0] != b[0] or a[-1] != b[-1]:
        return False
    rest = iter(b[1:-1])
    return all(word in rest for word in a[1:-1])  # a subsequence: `in` consumes the iterator
