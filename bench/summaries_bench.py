"""Summary quality on the shared sets, written to docs/benchmarks.md (the same figures
`newsbrief eval summaries` prints). Usage: python bench/summaries_bench.py ../shared/data"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import write_section
from bot.nlp.model import load_pipeline
from bot.settings import Settings
from bot.summarize.evaluate import evaluate, load, parse
from bot.summarize.methods import DEFAULT_METHOD

SETS = (
    ("cnndm/frank_cnndm_test250.jsonl", 3, "k = 3"),
    ("bbc-news-summary-dev", None, "k = the reference's sentences"),
)


def main() -> None:
    data = Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data")
    nlp = load_pipeline(Settings(_env_file=None).spacy_model)
    parts = []
    for relative, k, what in SETS:
        examples = load(data / relative, k)
        scores = evaluate(examples, parse(nlp, examples))
        rows = ["| method | ROUGE-1 | ROUGE-2 | ROUGE-L | ms/article |", "|---|---|---|---|---|"]
        for s in scores:
            name = f"**{s.method}** (default)" if s.method == DEFAULT_METHOD else s.method
            rows.append(f"| {name} | {s.rouge1:.2f} | {s.rouge2:.2f} | {s.rougeL:.2f} | {s.ms_per_article:.1f} |")
        parts.append(f"### `{relative}`: {len(examples)} articles, {what}\n\n" + "\n".join(rows))
        print(parts[-1], flush=True)
    body = (
        "## Extractive summaries\n\n"
        "`newsbrief eval summaries DATASET` on the shared sets: ROUGE F1 × 100 (rouge-score, stemming),\n"
        "sentences split by spaCy, every method in the same run; ms/article is the summarizer alone\n"
        "(median), the spaCy parse excluded as for stored articles.\n\n"
        "**newsrank**, the default (`bot/summarize/multi.py`): relevance = 1/(1 + rank among the\n"
        "article's usable sentences) × (1 + tf-idf centrality), picked by MMR (0.7 relevance − 0.3\n"
        "similarity to what is picked), sentences under 10 words left out. Guarding against\n"
        "overfitting: its constants were chosen on CNN/DailyMail alone, a grid of 16 (position\n"
        "exponent 0.5 or 1, MMR weight 0 or 0.3, centrality weight 0 or 1, entity salience 0 or 1;\n"
        "the minimum of 10 words from 6, 8 or 10 on LEAD-k), then run once on the BBC set, which was\n"
        "held out. `textrank-lead` is the previous default.\n\n" + "\n\n".join(parts)
    )
    write_section("summaries", body)


if __name__ == "__main__":
    main()
