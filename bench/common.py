"""Shared by the benchmarks: the BBC articles, the web store's items, the machine's description, the report file."""

from __future__ import annotations

import platform
import re
import statistics
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.ingest.sources import RawArticle, from_path

REPORT = Path(__file__).resolve().parents[1] / "docs" / "benchmarks.md"


def bbc_articles(folder: Path, limit: int | None = None) -> list[RawArticle]:
    """The BBC set's articles (articles/<category>/NNN.txt), spread one per 6 hours from 2004."""
    root = folder / "articles" if (folder / "articles").is_dir() else folder
    articles = [item for item in from_path(root) if isinstance(item, RawArticle)]
    start = datetime(2004, 1, 1, tzinfo=UTC)
    for number, article in enumerate(articles):
        article.published = start + timedelta(hours=6 * number)
        article.source = "BBC"
    return articles[:limit] if limit else articles


# The web store (bench/labels/WHO_RULES_WEB.md): the English feeds of ../shared/data/feeds whose entries the
# news-timeline store does not hold (its BBC, NYT, WSJ and YouTube feeds are snapshots of the same items),
# then the 38 news pages of article-html, each read as `newsbrief ingest FILE` reads it.
WEB_FEEDS = ("cnn", "dailymail", "fox", "latimes", "nzherald", "rnz", "smh", "straittimes")


def web_articles(data: Path) -> list[RawArticle]:
    """The web store's items: feed entries (title and summary) and extracted pages, in a fixed order."""
    feeds = data / "feeds" / "rss2"
    paths = [feeds / f"headlines_{name}_2021-10-18.xml" for name in WEB_FEEDS]
    paths.append(feeds / "rssparser_guardian_us_2018-01-31.rss")
    paths += sorted((data / "article-html" / "trafilatura" / "html").iterdir())
    return [item for path in paths for item in from_path(path) if isinstance(item, RawArticle)]


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import os

    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"
    )


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def write_section(name: str, body: str) -> None:
    """Replace (or add) the section between this benchmark's markers in docs/benchmarks.md."""
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    text = (
        REPORT.read_text()
        if REPORT.exists()
        else "# Benchmarks\n\nWritten by `make bench`; each section by its script.\n"
    )
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    stamp = f"_Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {machine()}._\n\n"
    section = f"{begin}\n{stamp}{body.strip()}\n{end}"
    pattern = re.compile(re.escape(begin) + r".*?" + re.escape(end), re.DOTALL)
    text = pattern.sub(lambda _: section, text) if pattern.search(text) else text.rstrip() + "\n\n" + section + "\n"
    REPORT.write_text(text)


async def reset_postgres(url: str) -> None:
    """Empty a PostgreSQL database the benchmark is allowed to wipe."""
    from sqlalchemy import text
    from sqlalchemy.ext.asyncio import create_async_engine

    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        await connection.execute(text("CREATE SCHEMA public"))
    await engine.dispose()
