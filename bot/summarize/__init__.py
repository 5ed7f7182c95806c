"""Extractive summaries: sumy's algorithms fed by spaCy's sentences, plus newsbrief's own."""

from bot.summarize.document import NewsDocument
from bot.summarize.methods import DEFAULT_METHOD, METHODS, summarize

__all__ = ["DEFAULT_METHOD", "METHODS", "NewsDocument", "summarize"]
