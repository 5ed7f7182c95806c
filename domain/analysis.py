"""What the analysis of one article finds: its sentences, entities, mentions, roles and quotes."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.names import name_key


@dataclass
class SentenceInfo:
    text: str
    words: list[str]


@dataclass
class EntityInfo:
    name: str
    kind: str
    aliases: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return name_key(self.name)


@dataclass
class Analysis:
    sentences: list[SentenceInfo] = field(default_factory=list)
    entities: dict[tuple[str, str], EntityInfo] = field(default_factory=dict)
    # (entity (key, kind), sentence position, surface text)
    mentions: list[tuple[tuple[str, str], int, str]] = field(default_factory=list)
    roles: list[tuple[tuple[str, str], int, str]] = field(default_factory=list)
    # The roles among them read from the words alone (bot/nlp/role_phrases.py): they rank below
    # any a rule read.
    loose_roles: set[tuple[tuple[str, str], int, str]] = field(default_factory=set)
    # (entity, sentence position, text, direct quote?)
    quotes: list[tuple[tuple[str, str], int, str, bool]] = field(default_factory=list)

    def entity_names(self) -> list[str]:
        """Entity names, most mentioned first."""
        counts: dict[tuple[str, str], int] = {}
        for ref, _, _ in self.mentions:
            counts[ref] = counts.get(ref, 0) + 1
        ordered = sorted(counts, key=lambda ref: -counts[ref])
        return [self.entities[ref].name for ref in ordered]
