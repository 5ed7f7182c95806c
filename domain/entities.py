"""Entities as the store answers about them: matches for a name, their roles, cited lines, profiles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class EntityHit:
    id: int
    name: str
    kind: str
    key: str
    articles: int
    last_seen: datetime | None
    role: str | None = None
    same_key_ids: list[int] = field(default_factory=list)
    recent: int = 0  # articles in the store's latest RECENT_DAYS
    surname_ids: list[int] = field(default_factory=list)  # bare surnames folded in (of `same_key_ids`)

    @property
    def ids(self) -> list[int]:
        return [self.id, *self.same_key_ids]


@dataclass
class Cited:
    """A sentence or quote with the article it comes from."""

    text: str
    published_at: datetime
    article_id: int
    title: str
    source: str
    url: str | None
    sentence_id: int = 0
    quoted: bool = False  # the speaker's own words (shown in quotation marks)
    sources: list[str] = field(default_factory=list)  # outlets that reported the same line


@dataclass
class RoleSupport:
    """A role and the articles that state it (`seen`: article -> when), so that wordings of one
    post pooled together count each article once."""

    role: str
    articles: int
    last_seen: datetime
    seen: dict[object, datetime] = field(default_factory=dict)
    # Articles that state it only in their headline (telegraphic, so they count for less).
    headline: set[object] = field(default_factory=set)
    # Articles that state it only in a phrase read from the words alone, no rule's reading behind
    # it (bot/nlp/role_phrases.py): it counts for little beside a role a rule read.
    loose: set[object] = field(default_factory=set)
    # Where it is first stated (a sentence's id: within an article, earlier sentences have lower
    # ids), so that at equal support the post an article introduces someone by comes first.
    first_at: int = 0

    def __post_init__(self) -> None:
        if not self.seen:  # given as a count: that many articles of its own
            self.seen = {(self.role.lower(), n): self.last_seen for n in range(self.articles)}

    def pool(self, other: RoleSupport) -> None:
        """Count the other wording's articles for this one (each article once; an article that
        states either wording in its text counts as text, not headline, and either wording read
        by a rule as read by a rule)."""
        for article, when in other.seen.items():
            if article not in other.headline:
                self.headline.discard(article)
            elif article not in self.seen:
                self.headline.add(article)
            if article not in other.loose:
                self.loose.discard(article)
            elif article not in self.seen:
                self.loose.add(article)
            self.seen[article] = max(when, self.seen.get(article, when))
        self.articles = len(self.seen)
        self.last_seen = max(self.last_seen, other.last_seen)
        self.first_at = min(self.first_at, other.first_at)


@dataclass
class Profile:
    entity: EntityHit
    roles: list[RoleSupport]
    said: list[Cited]
    mentioned: list[Cited]
    related: list[tuple[str, str, int]]  # name, kind, sentences together


@dataclass
class Resolution:
    """What a name resolves to: the entity answered at once (`hit`, None when the user must
    choose) and the other candidates, offered under the answer or as the choice."""

    hit: EntityHit | None
    others: list[EntityHit]
