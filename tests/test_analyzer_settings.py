"""The analysers' settings (FRENCH_MODEL) reach the parse workers from Settings, not through the
environment (bot/nlp/workers.py, bot/nlp/analyzers.py): a model name set in Settings is the one
a worker loads, and a missing one fails there as clearly as in the bot's own process."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.ingest.pipeline import analyze_batch
from bot.nlp import analyzers
from bot.nlp.analyzers import AnalyzerSettings
from bot.nlp.model import load_pipeline
from bot.nlp.workers import Parsers
from bot.settings import Settings
from storage.writes import NewArticle

MISSING = "fr_modele_absent"
FRENCH = (
    "La mairie de Lyon a inauguré mercredi un nouveau pont sur la Saône, après trois ans de travaux. "
    "Le maire a déclaré que les voitures pourraient désormais traverser le fleuve en deux minutes."
)


def french_article() -> NewArticle:
    now = datetime.now(UTC)
    return NewArticle(FRENCH, "hash", "", "Le Quotidien", None, None, now, now)


@pytest.fixture
def restored(monkeypatch: pytest.MonkeyPatch) -> None:
    """This process's analyser settings put back after the test (configuring them is global)."""
    monkeypatch.setattr(analyzers, "_configured", analyzers._configured)


def failure(analysed: object) -> str:
    (result,) = analysed.analyses  # type: ignore[attr-defined]
    assert isinstance(result, Exception), "the French article was analysed with a model that is not installed"
    return str(result)


def test_a_missing_french_model_fails_alike_in_a_worker_and_in_process(
    restored: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The environment names the installed model: only Settings can make the worker miss it.
    monkeypatch.setenv("FRENCH_MODEL", "fr_core_news_sm")
    spacy_model = Settings(_env_file=None).spacy_model
    workers = Parsers(spacy_model, 1, AnalyzerSettings(french_model=MISSING))
    try:
        in_worker = failure(asyncio.run(workers.run(analyze_batch, [french_article()])))
    finally:
        workers.close()
    in_process = failure(analyze_batch(load_pipeline(spacy_model), [french_article()]))
    assert MISSING in in_worker and "FRENCH_MODEL" in in_worker, in_worker
    assert in_worker == in_process


def test_the_bot_s_settings_configure_its_own_process(restored: None) -> None:
    # Settings refuse a model that is not installed when read; one removed since gets this far.
    settings = Settings(_env_file=None).model_copy(update={"french_model": MISSING})
    Parsers(settings.spacy_model, 2, AnalyzerSettings.of(settings))  # as Services makes them
    assert analyzers.analyzer_settings().french_model == MISSING
