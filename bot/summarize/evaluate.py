"""Scoring the summarizers against reference summaries (ROUGE F1 × 100, with stemming)."""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rouge_score import rouge_scorer
from spacy.language import Language

from bot.ingest.sources import from_text
from bot.ingest.text import clean_text, decode
from bot.nlp.analyze import analyze_texts
from bot.summarize.document import NewsDocument
from bot.summarize.methods import METHODS

# BBC references glue sentences together with no space after the stop: "…$10.9bn.For the…".
_GLUED_SENTENCE_END = re.compile(r"[.!?][\"'”’]?(?=[A-Z\"“‘])")


@dataclass
class Example:
    text: str
    reference: str
    k: int


@dataclass
class Score:
    method: str
    rouge1: float
    rouge2: float
    rougeL: float
    ms_per_article: float


def reference_sentences(reference: str) -> int:
    """Sentences in a reference: each glued sentence end, plus the last sentence."""
    return len(_GLUED_SENTENCE_END.findall(reference.strip())) + 1


def load(dataset: Path, k: int | None, limit: int | None = None) -> list[Example]:
    """A BBC-News-Summary-style folder (articles/ + summaries/) or a JSONL with article/highlights."""
    examples: list[Example] = []
    if dataset.is_dir():
        for article in sorted((dataset / "articles").rglob("*.txt")):
            summary = dataset / "summaries" / article.relative_to(dataset / "articles")
            if not summary.exists():
                continue
            body = from_text(decode(article.read_bytes()), str(article)).text
            reference = decode(summary.read_bytes()).strip()
            examples.append(Example(body, reference, k or reference_sentences(reference)))
    else:
        for line in dataset.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                examples.append(Example(record["article"], record["highlights"], k or 3))
    return examples[:limit] if limit else examples


def parse(nlp: Language, examples: list[Example]) -> list[NewsDocument]:
    """Sentences and words for each article, by the same analysis ingest stores (once, shared
    by every method)."""
    analyses = analyze_texts(nlp, [clean_text(e.text) for e in examples])
    return [NewsDocument.from_analysis(analysis) for analysis in analyses]


def evaluate(
    examples: list[Example],
    documents: list[NewsDocument],
    methods: list[str] | None = None,
    on_method: Callable[[str], None] | None = None,
) -> list[Score]:
    """Every method's mean ROUGE F1 × 100 and its median time per article (parse excluded)."""
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    scores = []
    for name in methods or list(METHODS):
        if on_method:
            on_method(name)
        method = METHODS[name]
        totals = {"rouge1": [], "rouge2": [], "rougeL": []}
        times = []
        for example, document in zip(examples, documents, strict=True):
            started = time.perf_counter()
            chosen = method(document, example.k)
            times.append((time.perf_counter() - started) * 1000)
            summary = " ".join(document.sentences[i] for i in chosen)
            result = scorer.score(example.reference, summary)
            for metric, values in totals.items():
                values.append(result[metric].fmeasure * 100)
        scores.append(
            Score(
                name,
                statistics.fmean(totals["rouge1"]),
                statistics.fmean(totals["rouge2"]),
                statistics.fmean(totals["rougeL"]),
                statistics.median(times),
            )
        )
    return scores
