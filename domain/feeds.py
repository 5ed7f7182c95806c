"""Feeds as operators see them: a feed's poll state, and what one poll did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from domain.sources import Failure


class FeedRow(Protocol):
    """What /feeds shows of a stored feed (the storage model has these and more)."""

    @property
    def id(self) -> int: ...
    @property
    def url(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def errors(self) -> int: ...
    @property
    def last_error(self) -> str | None: ...
    @property
    def last_fetched_at(self) -> datetime | None: ...
    @property
    def last_new_at(self) -> datetime | None: ...
    @property
    def next_poll_at(self) -> datetime: ...


@dataclass
class FeedState:
    feed: FeedRow
    stored: int  # articles this feed brought


@dataclass
class PollResult:
    feed_id: int
    title: str
    new: int = 0
    duplicates: int = 0
    failed: int = 0
    partial: int = 0  # stored from the entry's own summary: the page could not be had
    truncated: int = 0  # stored with only the first MAX_TEXT_CHARS of their text
    max_chars: int = 0
    not_modified: bool = False
    error: str | None = None
    failures: list[Failure] = field(default_factory=list)

    def line(self) -> str:
        if self.error:
            return f"failed: {self.error}"
        counts = f"{self.new} new, {self.duplicates} duplicates, {self.failed} failed"
        if self.partial:
            counts += f" ({self.partial} from the feed's summary only)"
        if self.truncated:  # as the ingest line says it
            counts += f"; {self.truncated} cut to their first {self.max_chars:,} characters"
        return counts + (" (not modified)" if self.not_modified else "")
