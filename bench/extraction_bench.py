"""Article text from real pages: newsbrief's extraction (what ingest stores) against trafilatura's
defaults, on trafilatura's own test pages with their expected snippets.
Usage: python bench/extraction_bench.py ../shared/data/article-html/trafilatura"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura

from bench.common import median, write_section
from bot.ingest.sources import RawArticle, from_html
from bot.ingest.text import clean_text, decode


@dataclass
class Score:
    pages: int = 0
    pages_right: int = 0  # every `with` snippet present and no `without` snippet
    with_found: int = 0
    with_total: int = 0
    without_kept: int = 0
    without_total: int = 0
    empty: int = 0
    ms: list[float] | None = None


def newsbrief_text(html: str, url: str) -> str:
    """What ingest stores for a page: trafilatura with metadata, then newsbrief's cleaning."""
    item = from_html(html, url, url)
    if not isinstance(item, RawArticle):
        return ""
    return "\n".join(filter(None, [item.title, clean_text(item.text)]))


def trafilatura_default(html: str, url: str) -> str:
    return trafilatura.extract(html, url=url) or ""


def measure(cases: list[tuple[str, str, dict]], extract: Callable[[str, str], str]) -> Score:
    score = Score(ms=[])
    for url, html, expected in cases:
        started = time.perf_counter()
        text = extract(html, url)
        score.ms.append((time.perf_counter() - started) * 1000)
        wanted, unwanted = expected.get("with", []), expected.get("without", [])
        found = sum(1 for snippet in wanted if snippet in text)
        kept = sum(1 for snippet in unwanted if snippet in text)
        score.pages += 1
        score.pages_right += found == len(wanted) and kept == 0
        score.with_found += found
        score.with_total += len(wanted)
        score.without_kept += kept
        score.without_total += len(unwanted)
        score.empty += not text.strip()
    return score


def main() -> None:
    folder = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/article-html/trafilatura")
    expected = json.loads((folder / "expected_snippets.json").read_text())
    cases = [(url, decode((folder / "html" / item["file"]).read_bytes()), item) for url, item in expected.items()]
    rows = ["| extractor | pages right | `with` snippets found | `without` snippets kept | empty | ms/page (median) |"]
    rows.append("|---|---|---|---|---|---|")
    for name, extract in (
        ("trafilatura 2.3.1 defaults (`extract`)", trafilatura_default),
        ("**newsbrief** (stored text)", newsbrief_text),
    ):
        s = measure(cases, extract)
        rows.append(
            f"| {name} | {s.pages_right}/{s.pages} | {s.with_found}/{s.with_total} | "
            f"{s.without_kept}/{s.without_total} | {s.empty} | {median(s.ms or [0]):.1f} |"
        )
        print(rows[-1], flush=True)
    body = (
        "## Article text from real pages\n\n"
        f"`bench/extraction_bench.py` on the {len(cases)} shared pages of trafilatura's own tests: a page is right\n"
        "when its text has every `with` snippet and no `without` snippet (site furniture). newsbrief's\n"
        "text is what ingest stores: trafilatura with metadata (title kept as the first line), then\n"
        "newsbrief's boilerplate cleaning.\n\n" + "\n".join(rows)
    )
    write_section("extraction", body)


if __name__ == "__main__":
    main()
