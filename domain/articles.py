"""An article as a listing shows it: one line per article (the storage model has these and more)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class ArticleLine(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def url(self) -> str | None: ...
    @property
    def published_at(self) -> datetime: ...
    @property
    def language(self) -> str | None: ...
