"""/summarize: an article's key sentences, by id, by link, or from the text replied to."""

from __future__ import annotations

import asyncio

from spacy.language import Language

from bot.i18n import _
from bot.ingest.pipeline import article_text, model_analyzer
from bot.ingest.sources import RawArticle, from_text
from bot.ingest.text import url_problem
from bot.ingesting import Ingesting
from bot.nlp.analyzers import analyze_by_language, analyzed_languages, model_language
from bot.nlp.language import detect_language, language_of
from bot.render import replies
from bot.render.html import esc, link
from bot.reply import Reply
from bot.services import Services
from bot.summarize import DEFAULT_METHOD, NewsDocument, summarize
from bot.user_input import URL, is_id, user_number
from domain.languages import DEFAULT_LANGUAGE
from storage import queries
from storage.models import Article

MAX_SUMMARY_SENTENCES = 20


def parse_documents(nlp: Language, articles: list[RawArticle], max_chars: int) -> list[NewsDocument]:
    """Articles that are not stored, parsed as documents to summarize (one spaCy batch; a text
    in another language than the model's by that language's analyzer)."""
    texts = [article_text(article.text, max_chars)[0] for article in articles]
    languages = [language_of(text, nlp.lang) for text in texts]
    analyses = analyze_by_language(texts, [False] * len(texts), languages, model_analyzer(nlp), nlp.lang)
    return [
        NewsDocument.from_analysis(a, article.title, language)
        for a, article, language in zip(analyses, articles, languages, strict=True)
    ]


class Summaries:
    """Extractive summaries of stored articles, links and pasted text."""

    def __init__(self, services: Services, ingesting: Ingesting) -> None:
        self.services = services
        self.ingesting = ingesting

    async def summarize(self, arg: str, replied_text: str | None = None) -> Reply:
        parts = arg.split()
        count = 3
        first = user_number(parts[0]) if parts else None
        if first is not None and (len(parts) > 1 or replied_text):
            count = max(1, min(first, MAX_SUMMARY_SENTENCES))
            parts = parts[1:]
        target = " ".join(parts)
        article_id = user_number(target.lstrip("#"))
        if article_id is not None:
            return await self._summarize_stored(article_id, count)
        if URL.fullmatch(target):
            return await self._summarize_url(target, count)
        text = target or (replied_text or "")
        if not text.strip():
            return Reply.of(
                _("Summarize what? Send /summarize with an article id or a link, or reply /summarize to a message.")
            )
        if not any(char.isalpha() for char in text):  # a mistyped id ("-1", "²"), not an article
            return Reply.of(
                _("“{text}” is neither an article id nor text I can summarize. /latest lists the ids.").format(
                    text=esc(text.strip()[:40])
                )
            )
        if len(text) > self.services.settings.max_message_chars:
            return Reply.of(
                _(
                    "That is too long to paste ({length} characters; the limit is {limit}). "
                    "Send a link, or /ingest it and /summarize its id."
                ).format(length=f"{len(text):,}", limit=f"{self.services.settings.max_message_chars:,}")
            )
        document = await self.document_from_text(text)
        # In a thread: a process's first detection loads the detector's models.
        method = self.method(await asyncio.to_thread(detect_language, text))
        sentences = summarize(document, count, method) if document.sentences else []
        if not sentences:  # a word or two: no summary, rather than an empty one
            return Reply.of(_("There is no text to summarize there."))
        return Reply.of(*replies.summary(document.title or _("Summary"), sentences))

    def method(self, language: str | None) -> str:
        """How to summarise an article in `language`: a language no analyzer reads (sentences
        only, their words unstemmed) by position, its lead sentences; None is the model's."""
        analyzed = analyzed_languages(model_language(self.services.settings.spacy_model))
        return DEFAULT_METHOD if language is None or language in analyzed else "lead"

    async def document_from_text(self, text: str) -> NewsDocument:
        """Pasted text as a document to summarize (not stored)."""
        nlp, max_chars = await self.services.nlp(), self.services.settings.max_text_chars
        async with self.services.nlp_lock:  # one parse at a time: the pipeline is not thread-safe
            (document,) = await asyncio.to_thread(parse_documents, nlp, [from_text(text, _("message"))], max_chars)
        return document

    async def stored_document(self, article_id: int) -> tuple[NewsDocument, Article] | None:
        """A stored article's sentences as a document, and the article; None if there is none."""
        if not is_id(article_id):
            return None
        async with self.services.session() as session:
            article = await queries.get_article(session, article_id)
            if article is None:
                return None
            rows = await queries.article_sentences(session, article_id)
        words = [words for _, words in rows]
        document = NewsDocument([text for text, _ in rows], words, article.title, article.language or DEFAULT_LANGUAGE)
        return document, article

    async def _summarize_stored(self, article_id: int, count: int) -> Reply:
        found = await self.stored_document(article_id)
        if found is None:
            return Reply.of(_("There is no article #{id}. /latest lists the ids.").format(id=article_id))
        document, article = found
        source = replies.cite(article.title, article.source, article.url, article.id)
        sentences = summarize(document, count, self.method(article.language))
        return Reply.of(*replies.summary(article.title, sentences, source))

    async def _summarize_url(self, url: str, count: int) -> Reply:
        report = await self.ingesting.ingest_url(url)
        stored = next((s for s in report.new + report.duplicates if s.id), None)
        if stored is None:
            reason = report.failed[0].reason if report.failed else _("no article found there")
            shown = esc(url) if url_problem(url) else link(url, url)  # no malformed href for Telegram to refuse
            return Reply.of(_("Could not read {url}: {reason}").format(url=shown, reason=esc(reason)))
        return await self._summarize_stored(stored.id, count)
