"""What the analysis tests read: the English pipeline (loaded once per run) and, from an analysis,
each person's roles and the people it names."""

from __future__ import annotations

from functools import cache

from spacy.language import Language

from bot.nlp.analyze import analyze_texts
from bot.nlp.model import load_pipeline
from bot.settings import Settings
from domain.analysis import Analysis


@cache
def english() -> Language:
    return load_pipeline(Settings(_env_file=None).spacy_model)


def roles(analysis: Analysis) -> dict[str, list[str]]:
    """Each person's name -> the roles stated for them, in the order of their mentions."""
    found: dict[str, list[str]] = {}
    for (key, kind), _, role in analysis.roles:
        found.setdefault(analysis.entities[(key, kind)].name, []).append(role)
    return found


def people(analysis: Analysis) -> set[str]:
    return {e.name for e in analysis.entities.values() if e.kind == "PERSON"}


def found(nlp: Language, text: str, headline: bool = False) -> dict[str, list[str]]:
    """Each person's roles in one text analysed alone (`headline`: its first line is one)."""
    return roles(analyze_texts(nlp, [text], [headline])[0])
