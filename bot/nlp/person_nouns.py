"""WordNet's nouns for a person (data/person_nouns.txt, made by bench/make_person_nouns.py): the long
tail of words for someone beyond the posts news writes most, and among them the offices a text may
capitalise."""

from __future__ import annotations

from importlib import resources


def _person_nouns() -> tuple[frozenset[str], frozenset[str]]:
    lines = resources.files("bot.nlp").joinpath("data/person_nouns.txt").read_text(encoding="utf-8").splitlines()
    rows = [line for line in lines if line and not line.startswith("#")]
    offices = frozenset(row.removesuffix(" office") for row in rows if row.endswith(" office"))
    return frozenset(row.removesuffix(" office") for row in rows), offices


PERSON_NOUNS, OFFICES = _person_nouns()
