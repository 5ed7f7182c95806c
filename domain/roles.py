"""The words of a role and the word naming its post, in the role's word order: English puts the
post last ("foreign minister", "England captain"); Russian puts it first, after its adjectives
("министр иностранных дел", "бывший президент России")."""

from __future__ import annotations

import re
from itertools import pairwise

from domain.scripts import is_cyrillic

# Russian markers written as the English words storage compares ("former", "new", "acting"), so
# "экс-президент" and "бывший президент" are one role, and a newer "бывший …" supersedes "…".
_RUSSIAN_MARKERS = {
    "бывший": "former",
    "бывшая": "former",
    "новый": "new",
    "новая": "new",
    "врио": "acting",
    "и.о.": "acting",
}
_PREFIXES = re.compile(r"(?<![\w-])(?:ex|экс)-")
_RUSSIAN_PREFIX = re.compile(r"(?<![\w-])[Ээ]кс-")
# The endings of a Russian adjective or participle in the nominative: "верховный", "бывшая",
# "действующий", "научное"; a word with one of them before another word modifies it.
_ADJECTIVE_ENDINGS = ("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие")
# After these a word like an adjective is the post itself ("уполномоченный по правам человека",
# "нападающий «Спартака»").
_NOT_MODIFIED = re.compile(r"^(?:по|в|во|при|от|[«\"“„(])")
_MARKERS = frozenset(_RUSSIAN_MARKERS.values())


def english_markers(role: str) -> str:
    """The role with its Russian markers in the English words storage compares ("экс-президент",
    "бывший президент": "former президент"); every other word as written."""
    text = _RUSSIAN_PREFIX.sub("former ", role)
    return " ".join(_RUSSIAN_MARKERS.get(word.lower(), word) for word in text.split(" "))


def role_words(role: str) -> list[str]:
    """The role's words, lower case, "ё" as "е", with "ex-", "экс-" and "бывший" as "former"."""
    text = _PREFIXES.sub("former ", english_markers(role).lower().replace("ё", "е"))
    return text.split()


def _modifies(word: str, following: str) -> bool:
    return word in _MARKERS or (word.endswith(_ADJECTIVE_ENDINGS) and not _NOT_MODIFIED.match(following))


def post_word(words: list[str]) -> str:
    """The word that names the post. In English the last, but "number" for a rank ("world number
    three", "British number one": one post, a rank, however it stands). In Russian the first
    word that is no adjective-like modifier ("бывший глава МИД": "глава")."""
    if not words:
        return ""
    if any(is_cyrillic(word) for word in words):
        for word, following in pairwise(words):
            if not _modifies(word, following):
                return word
        return words[-1]
    return "number" if len(words) > 1 and words[-2] == "number" else words[-1]


def narrows(short: list[str], long: list[str]) -> bool:
    """Whether `long` is `short` with words added that name the same post more closely: before it
    in English ("England captain" of "captain"), and in Russian after it too ("президент России"
    of "президент")."""
    n = len(short)
    if not 0 < n < len(long):
        return False
    return long[-n:] == short or (any(is_cyrillic(word) for word in long) and long[:n] == short)


# Words after a post that say what it is of or where it is held ("spokesman for the Foreign Office").
_POST_LINKS = frozenset({"of", "for", "at", "in", "to", "with", "on"})


def names_post_of(short: list[str], long: list[str]) -> bool:
    """Whether `long` states the post `short` names with what it is of or where it is held
    ("spokesman" of "spokesman for the Foreign Office", "coach" of "head coach of Leeds Rhinos"):
    an article names someone by the bare title, then says it in full; one post, the fuller wording.
    English only."""
    if any(is_cyrillic(word) for word in long):
        return False
    cut = next((k for k, word in enumerate(long) if k and word in _POST_LINKS), len(long))
    head = long[:cut]
    return cut < len(long) and bool(short) and (head == short or narrows(short, head))


def shorter_forms(words: list[str]) -> set[tuple[str, ...]]:
    """The role and every shorter wording it narrows (see `narrows`)."""
    forms = {tuple(words[-n:]) for n in range(1, len(words) + 1)}
    if any(is_cyrillic(word) for word in words):
        forms |= {tuple(words[:n]) for n in range(1, len(words) + 1)}
    return forms


# Who someone works beside ("Mercedes team-mate", "co-star"): stated of a person, it says what
# they do, but any post the text states says more; ranked after posts.
COWORKERS = frozenset({"team-mate", "teammate", "co-star", "costar"})


# A party's member ("a Florida Republican", "Democrat of New Jersey") says which side someone
# is on, not what post they hold.
PARTY_MEMBERS = frozenset(
    {"republican", "democrat", "tory", "conservative", "labour", "labourite", "liberal", "socialist", "communist",
     "nationalist", "unionist", "independent", "libertarian", "progressive"}
)  # fmt: skip


def is_affiliation(words: list[str]) -> bool:
    """Whether the role names only the party someone belongs to ("Florida Republican",
    "Democrat of New Jersey")."""
    head = words[: words.index("of")] if "of" in words else words
    return bool(head) and head[-1] in PARTY_MEMBERS


def is_coworker(words: list[str]) -> bool:
    """Whether the role names only who the person works beside ("team-mate", "Mercedes team-mate")."""
    return bool(words) and words[-1] in COWORKERS
