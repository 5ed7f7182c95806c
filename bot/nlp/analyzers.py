"""Which analyzer reads an article, by its language: the plug point for each language's pipeline.

The spaCy model (SPACY_MODEL) analyses articles in its own language (`nlp.lang`). A language
with a pipeline of its own registers it in PIPELINES; every other language gets its sentences
only (`bot/nlp/sentences.py`): stored, searchable and summarised by position, with no entities
rather than a model's guesses in a language it was not trained on."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy

from bot.nlp.french import analyze_french, load_french
from bot.nlp.sentences import sentences_analysis
from bot.settings import Settings, get_settings
from domain.analysis import Analysis

# texts, and for each whether it opens with its headline -> one Analysis per text, in order
Analyze = Callable[[list[str], list[bool]], list[Analysis]]


@dataclass(frozen=True)
class AnalyzerSettings:
    """What the analysers read from the settings. Handed to each parse worker explicitly
    (bot/nlp/workers.py): a worker must analyse with the Settings the bot was started with,
    not with whatever its environment or working directory's .env would give get_settings()."""

    french_model: str

    @classmethod
    def of(cls, settings: Settings) -> AnalyzerSettings:
        return cls(french_model=settings.french_model)


_configured: AnalyzerSettings | None = None


def configure(settings: AnalyzerSettings) -> None:
    """The settings this process's analysers use from now on (the bot's, in it and in each worker)."""
    global _configured
    _configured = settings


def analyzer_settings() -> AnalyzerSettings:
    """The configured settings; a process nobody configured (a script) reads the environment."""
    return _configured or AnalyzerSettings.of(get_settings())


def _french(settings: AnalyzerSettings) -> Analyze:
    # Loaded now, in the process that meets the first French article: a missing model fails
    # here, with the advice to set FRENCH_MODEL, in a worker as in the bot's own process.
    model = settings.french_model
    load_french(model)
    return lambda texts, headlines: analyze_french(texts, headlines, model)


def _russian(settings: AnalyzerSettings) -> Analyze:
    # natasha is imported by the first Russian article, not by every process that ingests.
    from bot.nlp.russian import russian_analyzer

    return russian_analyzer()


# Language code -> a loader of its analyzer, called once per process (and settings) on the
# first article in that language (so each parse worker loads its own copy, like the spaCy
# model). Russian (natasha) and French (FRENCH_MODEL) plug in here.
PIPELINES: dict[str, Callable[[AnalyzerSettings], Analyze]] = {"fr": _french, "ru": _russian}


def _sentences_only(language: str) -> Analyze:
    def analyze(texts: list[str], headlines: list[bool]) -> list[Analysis]:
        return [sentences_analysis(text, language) for text in texts]

    return analyze


@cache
def _pipeline(language: str, settings: AnalyzerSettings) -> Analyze:
    return PIPELINES[language](settings)


def analyzer(language: str, model: Analyze, model_language: str) -> Analyze:
    """The analyzer of texts in `language`: `model` (the spaCy model's) for its own language."""
    if language == model_language:
        return model
    if language in PIPELINES:
        return _pipeline(language, analyzer_settings())
    return _sentences_only(language)


def analyze_by_language(
    texts: list[str], headlines: list[bool], languages: list[str], model: Analyze, model_language: str
) -> list[Analysis]:
    """Each text by its language's analyzer (one call per language, so a model still reads its
    texts as one batch), in the texts' order."""
    analyses: list[Analysis | None] = [None] * len(texts)
    for language in dict.fromkeys(languages):
        at = [i for i, each in enumerate(languages) if each == language]
        found = analyzer(language, model, model_language)([texts[i] for i in at], [headlines[i] for i in at])
        for i, analysis in zip(at, found, strict=True):
            analyses[i] = analysis
    return [analysis for analysis in analyses if analysis is not None]


def analyzed_languages(model_language: str) -> frozenset[str]:
    """The languages whose articles an analyzer finds entities in (summaries rank their
    sentences; the others are summarised by position)."""
    return frozenset({model_language, *PIPELINES})


@cache
def model_language(name: str) -> str:
    """The language of the installed spaCy pipeline `name`, from its meta (the model is not
    loaded); English when it cannot be read (loading it will then say what is wrong)."""
    try:
        folder = spacy.util.get_package_path(name) if spacy.util.is_package(name) else Path(name)
        return str(spacy.util.load_meta(folder / "meta.json")["lang"])
    except Exception:  # not installed: the error is the loader's to report, with advice
        return "en"
