"""What reading a source can give besides an article: the input that failed, and why."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Failure:
    origin: str
    reason: str
