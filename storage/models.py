"""Typed declarative models: articles, their sentences, and what the NLP pass found in them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class UtcDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in and out, on SQLite (which keeps no zone) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


class Base(DeclarativeBase):
    pass


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    text_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    author: Mapped[str | None] = mapped_column(String(300))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    ingested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    text: Mapped[str] = mapped_column(Text)
    # only a feed entry's own summary was had, not the page's article text
    partial: Mapped[bool] = mapped_column(Boolean, default=False)
    # the first stored article of the same story (near duplicates share it); None: its own story
    story_id: Mapped[int | None] = mapped_column(Integer, index=True)
    # MinHash of the text's word shingles, to confirm a near-duplicate candidate
    signature: Mapped[bytes | None] = mapped_column(LargeBinary)
    # ISO 639-1 code of the text's language ("ru"), told at ingest; None: stored before languages were
    language: Mapped[str | None] = mapped_column(String(8))


class StoryBand(Base):
    """One LSH band of an article's MinHash: articles sharing a band are near-duplicate candidates."""

    __tablename__ = "story_bands"

    id: Mapped[int] = mapped_column(primary_key=True)
    band: Mapped[str] = mapped_column(String(40), index=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))


class Feed(Base):
    """An RSS or Atom feed polled on its own schedule."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    site_url: Mapped[str | None] = mapped_column(String(2048))
    added_at: Mapped[datetime] = mapped_column(UtcDateTime)
    # validators for conditional GET
    etag: Mapped[str | None] = mapped_column(String(300))
    last_modified: Mapped[str | None] = mapped_column(String(100))
    last_fetched_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_new_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    next_poll_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    # seconds the feed asks us to wait between polls (RSS <ttl>, Cache-Control max-age)
    min_interval: Mapped[int] = mapped_column(Integer, default=0)
    errors: Mapped[int] = mapped_column(Integer, default=0)  # consecutive failed polls
    last_error: Mapped[str | None] = mapped_column(Text)


class FeedItem(Base):
    """An entry a feed has listed (by GUID), and the article stored for it, if any."""

    __tablename__ = "feed_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"))
    guid: Mapped[str] = mapped_column(String(2048), index=True)
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    seen_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("feed_id", "guid"),)


class PageClaim(Base):
    """An article page one poller is fetching, so another that finds the same link in another
    feed leaves it to them (until `claimed_until`, if the first one dies)."""

    __tablename__ = "page_claims"

    url: Mapped[str] = mapped_column(String(2048), primary_key=True)
    claimed_until: Mapped[datetime] = mapped_column(UtcDateTime)


class Sentence(Base):
    __tablename__ = "sentences"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # spaCy's word tokens, space separated, so summaries never re-parse a stored article.
    words: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (UniqueConstraint("article_id", "position"),)


class Entity(Base):
    __tablename__ = "entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    # lowercased name: what queries match on
    key: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(16))  # PERSON, ORG, GPE, LOC, FAC, EVENT, ...
    # Distinct articles that mention it, and the newest one's date, kept by the write path:
    # counting its mentions at question time grows with the store.
    article_count: Mapped[int] = mapped_column(Integer, default=0)
    last_seen: Mapped[datetime | None] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("key", "kind"),)


class Alias(Base):
    """Another lowercased way to name an entity ("lavrov" for Sergei Lavrov, "us" for the US)."""

    __tablename__ = "aliases"

    id: Mapped[int] = mapped_column(primary_key=True)
    alias: Mapped[str] = mapped_column(String(300), index=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))

    __table_args__ = (UniqueConstraint("alias", "entity_id"),)


class _Evidence:
    """Where something about an entity was found: the article, the sentence, and its date
    (copied from the article so "latest" is one indexed range scan per entity)."""

    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence_id: Mapped[int] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"))
    published_at: Mapped[datetime] = mapped_column(UtcDateTime)


class Mention(_Evidence, Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    surface: Mapped[str] = mapped_column(String(300))

    __table_args__ = (
        # sentence_id too: the newest mentions of an entity ("appears with", dated lines) are
        # read from the index alone, without a row lookup each.
        Index("ix_mentions_entity_published", "entity_id", "published_at", "article_id", "sentence_id"),
        Index("ix_mentions_sentence", "sentence_id"),
        Index("ix_mentions_article", "article_id"),
    )


class Role(_Evidence, Base):
    """A title or role the text gives an entity."""

    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    role: Mapped[str] = mapped_column(String(200))
    # Read from the words alone, no rule's reading behind it: ranks below the roles a rule read.
    loose: Mapped[bool] = mapped_column(default=False, server_default=false())

    # article_id and role too: an entity's roles are counted from the index alone.
    __table_args__ = (Index("ix_roles_entity", "entity_id", "published_at", "article_id", "role"),)


class Quote(_Evidence, Base):
    """Something an entity said: a direct quote, or reported speech ("X said ...")."""

    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    direct: Mapped[bool] = mapped_column(Boolean, default=True)

    __table_args__ = (Index("ix_quotes_entity", "entity_id", "published_at"),)


class Subscription(Base):
    """A chat (or a forum topic in it) that gets the daily brief at a local time."""

    __tablename__ = "subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[int] = mapped_column(Integer, default=0)  # forum topic; 0: the chat itself
    chat_type: Mapped[str] = mapped_column(String(16))  # private, group, supergroup, channel
    title: Mapped[str] = mapped_column(String(300), default="")
    hour: Mapped[int] = mapped_column(Integer)
    minute: Mapped[int] = mapped_column(Integer)
    timezone: Mapped[str] = mapped_column(String(64))
    topics: Mapped[str] = mapped_column(Text, default="")  # comma separated
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    paused_reason: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("chat_id", "thread_id"),)

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.split(",") if t.strip()]


class Delivery(Base):
    """One subscription's brief for one local day: claimed, sent message by message, done.
    The unique (subscription, day) is what makes a brief go out once."""

    __tablename__ = "deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    day: Mapped[str] = mapped_column(String(10))  # the chat's local date, YYYY-MM-DD
    due_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(10))  # pending, sending, sent, skipped, failed
    claimed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    messages: Mapped[str | None] = mapped_column(Text)  # the brief as composed (JSON list), resent as is
    messages_sent: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    error: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        UniqueConstraint("subscription_id", "day"),
        Index("ix_deliveries_status", "status", "due_at"),
    )


class Follow(Base):
    """A chat that wants an alert when a new article mentions this entity."""

    __tablename__ = "follows"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    thread_id: Mapped[int] = mapped_column(Integer, default=0)
    entity_id: Mapped[int] = mapped_column(ForeignKey("entities.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    seen_up_to: Mapped[int] = mapped_column(Integer, default=0)  # the newest article id checked for alerts

    __table_args__ = (UniqueConstraint("chat_id", "thread_id", "entity_id"),)


class AlertSent(Base):
    """At most one alert per chat per story."""

    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    story_id: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)

    __table_args__ = (UniqueConstraint("chat_id", "story_id"),)


class ChatLanguage(Base):
    """The language the bot speaks in a chat: chosen with /language, or noted from whoever
    subscribed it or followed a name (so its brief and alerts come in their language)."""

    __tablename__ = "chat_languages"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    language: Mapped[str] = mapped_column(String(8))
    chosen: Mapped[bool] = mapped_column(Boolean, default=False)  # set with /language: it outranks Telegram's
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
