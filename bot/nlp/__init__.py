"""One spaCy pass per article: sentences, entities linked within the article, roles, quotes."""

from bot.nlp.analyze import analyze_docs
from bot.nlp.model import load_pipeline

__all__ = ["analyze_docs", "load_pipeline"]
