"""Cleaning and normalizing entity names, so one entity has one key however it is written."""

from __future__ import annotations

import re

# Titles of address, no part of a name and no post ("Ayatollah", "Sheikh" as "Sir").
HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady prof professor rev mx ayatollah sheikh mullah".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset("january february march july september october november december".split())
NAME_MONTHS = frozenset({"april", "may", "june", "august"})  # given names too
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ACRONYM_DOTS = re.compile(r"\b((?:[a-z]\.){2,})")
_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}.,;:!?-–—"


# A nickname quoted between a given name and a surname.
_NICKNAME = re.compile(r" [‘'“\"][^‘'“\"’”]{1,30}[’'”\"] ")


def clean_name(text: str, kind: str) -> str:
    """The display form: no possessive, no leading honorific or article, trimmed punctuation."""
    name = _SPACE.sub(" ", text).strip().strip(_EDGE_PUNCT + " ")
    name = _POSSESSIVE.sub("", name).strip()
    if kind == "PERSON":
        name = _NICKNAME.sub(" ", name)  # "Andy 'The Viking' Fordham": the name is Andy Fordham
    words = name.split(" ")
    if kind == "PERSON":
        # "Following Mr Straw": the name starts after the last title of address in it.
        titled = [i for i, w in enumerate(words[:-1]) if w.lower().rstrip(".") in HONORIFICS]
        words = words[titled[-1] + 1 :] if titled else words
    elif len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    name = " ".join(words)
    # "U.S." keeps its final dot after strip(); restore it for acronyms only.
    if re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", name):
        name += "."
    return name


def name_key(name: str) -> str:
    """Lowercased, acronym dots dropped ("U.S." -> "us"), whitespace folded."""
    key = _SPACE.sub(" ", name.lower()).strip()
    key = _ACRONYM_DOTS.sub(lambda m: m.group(1).replace(".", ""), key)
    key = key.replace("’", "'")
    if key.startswith("the "):
        key = key[4:]
    return key.strip(" .")


def query_key(query: str) -> str:
    """What a user typed, as a key: honorifics and possessives dropped too."""
    words = name_key(_POSSESSIVE.sub("", query.strip())).split(" ")
    while len(words) > 1 and words[0].rstrip(".") in HONORIFICS:
        words = words[1:]
    return " ".join(words)


# Short forms news uses for a few countries and bodies, each one entity with its full name.
_SHORT_FORMS = {
    "us": "United States",
    "usa": "United States",
    "united states of america": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "eu": "European Union",
    "un": "United Nations",
    "uae": "United Arab Emirates",
}


def full_form(name: str) -> str | None:
    """The full name a short form stands for ("U.S." -> "United States"), if it is one."""
    return _SHORT_FORMS.get(name_key(name))
