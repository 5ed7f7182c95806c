"""Language detection: accuracy per set (BBC, Russian news, a German feed, the English feeds) and
its cost per article, measured alone.
Usage: python bench/language_bench.py ../shared/data"""

from __future__ import annotations

import multiprocessing
import os
import re
import resource
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy
from lingua import IsoCode639_1, LanguageDetectorBuilder

from bench.common import bbc_articles, write_section
from bot.ingest.pipeline import Prepared, analysis_text, prepare
from bot.ingest.sources import RawArticle, from_path
from bot.nlp import language
from bot.settings import Settings
from domain.languages import LANGUAGE_NAMES

BBC = "BBC News Summary (English articles)"
PARSED = 100  # BBC articles spaCy parses, for the scale of detection's cost
GERMAN_FEED = "feeds/atom/rssparser_heise_developer_de_2016-02-01.atom"
# Other settings, each measured in a fresh process: lingua's accuracy mode and minimum relative distance.
CONFIGURATIONS = (("low", 0.05), ("low", 0.0), ("low", 0.2), ("high", 0.05))


@dataclass
class Sample:
    text: str  # what the pipeline detects from: the headline, then the cleaned text
    expected: str


def prepared(items: list[RawArticle]) -> list[str]:
    now = datetime.now(UTC)
    found = [prepare(item, now, 100_000) for item in items]
    return [analysis_text(article) for article in found if isinstance(article, Prepared)]


def articles(path: Path) -> list[RawArticle]:
    return [item for item in from_path(path) if isinstance(item, RawArticle)]


def english_feed_samples(data: Path) -> list[Sample]:
    """Every feed but the German one is English; the LA Times feed carries one story of its
    Spanish edition (latimes.com/espanol/), which is Spanish."""
    samples = []
    for path in sorted((data / "feeds").rglob("*")):
        if path.is_file() and not str(path).endswith(GERMAN_FEED):
            for item in articles(path):
                expected = "es" if item.url and "/espanol/" in item.url else "en"
                samples += [Sample(text, expected) for text in prepared([item])]
    return samples


def timeline_samples(data: Path) -> list[Sample]:
    """The news-timeline items: short English headlines and leads, often full of foreign names
    ("Dutch cyclist Dylan Groenewegen apologises …"); one is in Japanese, in its own script."""
    items = [item for path in sorted((data / "news-timeline").glob("*.jsonl")) for item in articles(path)]
    return [
        Sample(text, "ja" if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", text) else "en") for text in prepared(items)
    ]


def sets(data: Path) -> dict[str, list[Sample]]:
    russian = articles(data / "ru-news" / "newsapi_ru_2021-05.jsonl")
    russian += articles(data / "ru-news" / "liga_net_ru_2021-08-22.rss")
    return {
        BBC: [Sample(t, "en") for t in prepared(bbc_articles(data / "bbc-news-summary-dev"))],
        "ru-news (Russian headlines and leads)": [Sample(t, "ru") for t in prepared(russian)],
        "heise developer (German feed)": [Sample(t, "de") for t in prepared(articles(data / GERMAN_FEED))],
        "English feeds (BBC, NYT, CNN, Guardian, …: entries)": english_feed_samples(data),
        "news-timeline (short English items, foreign names)": timeline_samples(data),
    }


def parse_cpu_ms(model: str, texts: list[str]) -> float:
    """CPU ms per text of the full spaCy pipeline (loaded untimed), for scale."""
    nlp = spacy.load(model)
    cpu = time.process_time()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return 1000 * (time.process_time() - cpu) / len(texts)


def rss_mb() -> float:
    """This process's resident memory now (Linux), not its peak: imports peak higher than models."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def configuration(mode: str, distance: float, samples: dict[str, list[Sample]]) -> tuple[list[float], float, float]:
    """Per set the accuracy (%), then CPU ms per article and MB grown, of one lingua setting."""
    codes = [IsoCode639_1.from_str(code) for code in LANGUAGE_NAMES]
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_minimum_relative_distance(distance)
    detector = (builder.with_low_accuracy_mode() if mode == "low" else builder).build()
    before, cpu, count = rss_mb(), time.process_time(), 0
    accuracies = []
    for items in samples.values():
        right = 0
        for sample in items:
            text = sample.text[: language.DETECT_CHARS]
            enough = sum(c.isalpha() for c in text) >= language.MIN_LETTERS
            found = detector.detect_language_of(text) if enough else None
            right += (found.iso_code_639_1.name.lower() if found is not None else "en") == sample.expected
        accuracies.append(100 * right / len(items))
        count += len(items)
    return accuracies, 1000 * (time.process_time() - cpu) / count, rss_mb() - before


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    samples = sets(data)

    # Cost, measured alone: the first text loads the Latin-script models; then per article.
    before = rss_mb()
    started = time.perf_counter()
    language.detect_language(samples[BBC][0].text)
    first_ms = 1000 * (time.perf_counter() - started)
    language.detect_language(samples["ru-news (Russian headlines and leads)"][0].text)
    costs = []
    for name, items in samples.items():
        wall, cpu = time.perf_counter(), time.process_time()
        found = [language.language_of(s.text, "en") for s in items]
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        costs.append((name, items, found, 1000 * wall / len(items), 1000 * cpu / len(items)))
    grown = rss_mb() - before
    load = os.getloadavg()[0]
    model = Settings(_env_file=None).spacy_model
    parse_ms = parse_cpu_ms(model, [s.text for s in samples[BBC][:PARSED]])
    bbc_cpu_ms = next(cpu_ms for name, _, _, _, cpu_ms in costs if name == BBC)

    rows = ["| set | articles | right | accuracy | detected instead | ms/article (wall) | ms/article (CPU) |"]
    rows.append("|---|---|---|---|---|---|---|")
    for name, items, found, wall_ms, cpu_ms in costs:
        right = sum(f == s.expected for f, s in zip(found, items, strict=True))
        wrong = Counter(f for f, s in zip(found, items, strict=True) if f != s.expected)
        instead = ", ".join(f"{LANGUAGE_NAMES.get(code, code)} {n}" for code, n in wrong.most_common()) or "—"
        rows.append(
            f"| {name} | {len(items)} | {right} | **{100 * right / len(items):.1f}%** | {instead} | "
            f"{wall_ms:.2f} | {cpu_ms:.2f} |"
        )

    # Other settings, each in a fresh process (its memory is then the models that setting loads).
    # A higher distance leaves more texts undetermined (stored as English); high accuracy loads
    # every n-gram model for short texts.
    sweep = ["| mode, min. distance | " + " | ".join(n.split(" (")[0] for n in samples) + " | CPU ms/article | MB |"]
    sweep.append("|---|" + "---|" * (len(samples) + 2))
    spawn = multiprocessing.get_context("spawn")
    for mode, distance in CONFIGURATIONS:
        with spawn.Pool(1) as pool:
            accuracies, cpu_ms, grown_mb = pool.apply(configuration, (mode, distance, samples))
        mark = " (in use)" if (mode, distance) == CONFIGURATIONS[0] else ""
        cells = " | ".join(f"{accuracy:.1f}%" for accuracy in accuracies)
        sweep.append(f"| {mode} accuracy, {distance}{mark} | {cells} | {cpu_ms:.2f} | {grown_mb:.0f} |")

    body = f"""## Language detection

Each article's language, told by lingua-language-detector 2.1.1 (low-accuracy mode: trigram
models, shipped in the package) among the {len(LANGUAGE_NAMES)} languages in `domain/languages.py`, from
what the ingest pipeline reads: the headline, then the cleaned text, its first
{language.DETECT_CHARS:,} characters. A text with fewer than {language.MIN_LETTERS} letters, or
whose likeliest language is less than {language.MIN_DISTANCE} (lingua's relative distance) ahead
of the next, is undetermined and stored as English, and counts as English here. The sets are
`{data}`'s; the English feeds' one Spanish-edition story (LA Times, latimes.com/espanol/) is
expected Spanish. Goal: ≥ 98% on every set.

{chr(10).join(rows)}

Cost, measured alone in one process (1-minute load average {load:.1f} on this shared machine,
hence wall above CPU): the first text loads the Latin-script models ({first_ms:,.0f} ms); the
process grew by {grown:.0f} MB with every model these sets need loaded. Ingest detects in the
parse workers (or the parse thread), before the article is parsed: each worker loads its own
models once. The spaCy model ({model}) parses a BBC article in {parse_ms:.0f} ms of CPU (bare
`nlp.pipe` over {PARSED} of them): detection adds {100 * bbc_cpu_ms / parse_ms:.1f}% to that.

The same sets with other settings, each in a fresh process (MB: what its models took; 0 is
lingua's default distance: always an answer):

{chr(10).join(sweep)}
"""
    write_section("language", body)
    print(body)


if __name__ == "__main__":
    main()
