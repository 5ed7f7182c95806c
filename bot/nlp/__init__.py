"""One spaCy pass per article: sentences, entities linked within the article, roles, quotes."""

from bot.nlp.analyze import Analysis, analyze_docs
from bot.nlp.model import load_pipeline

__all__ = ["Analysis", "analyze_docs", "load_pipeline"]
