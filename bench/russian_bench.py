"""Russian analysis speed (bot/nlp/russian.py, natasha): model load time, then articles a second
on a JSONL of news items (title + text, as the ingest pipeline reads them), in batches of 32 as
ingest parses them, and what it found.
Usage: python bench/russian_bench.py ../shared/data/ru-news/newsapi_ru_2021-05.jsonl"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.nlp.ru_models import models
from bot.nlp.russian import analyze_russian

BATCH = 32  # bot/ingest/pipeline.py's BATCH


def main(path: Path) -> None:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts = [f"{row['title']}{'' if row['title'][-1:] in '.!?' else '.'}\n\n{row['text']}" for row in rows]
    started = time.perf_counter()
    models()
    load = time.perf_counter() - started
    wall, cpu = time.perf_counter(), time.process_time()
    analyses = []
    for start in range(0, len(texts), BATCH):
        batch = texts[start : start + BATCH]
        analyses += analyze_russian(batch, [True] * len(batch))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    kinds = Counter(kind for analysis in analyses for _, kind in analysis.entities)
    chars = sum(map(len, texts))
    print(f"models loaded in {load:.1f} s; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB")
    print(
        f"{len(texts)} articles ({chars:,} characters): {len(texts) / wall:.0f} articles/s wall, "
        f"{len(texts) / cpu:.0f} articles/s of CPU ({chars / cpu:,.0f} characters/s), one process"
    )
    print(
        f"entities {dict(kinds)}; roles {sum(len(a.roles) for a in analyses)}; "
        f"quotes {sum(len(a.quotes) for a in analyses)} "
        f"({sum(q[3] for a in analyses for q in a.quotes)} direct)"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/ru-news/newsapi_ru_2021-05.jsonl"))
