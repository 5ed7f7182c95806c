"""Articles stored for a test: pasted texts from named outlets at set ages, or the brief's fixture articles."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.ingest.pipeline import Report, ingest
from bot.ingest.sources import from_path, from_text
from bot.services import Services

FIXTURES = Path(__file__).parents[1] / "fixtures"
# The outlet of each article in tests/fixtures/brief/.
BRIEF_SOURCES = {
    "kaunas-rail-ledger.txt": "Baltic Ledger",
    "kaunas-rail-post.txt": "Kaunas Post",
    "gdansk-harbour.txt": "Gdansk Daily",
    "tallinn-energy.txt": "ERR News",
}


async def store(
    services: Services,
    texts: Sequence[str],
    outlets: Sequence[str] = (),
    age: Callable[[int], timedelta] = lambda n: timedelta(hours=1),
    all_new: bool = True,
) -> Report:
    """Store each text as an article from its outlet ("Outlet n" if none given), published `age(n)` ago."""
    items = []
    for n, text in enumerate(texts):
        outlet = outlets[n] if outlets else f"Outlet {n}"
        item = from_text(text, outlet)
        item.source, item.published = outlet, datetime.now(UTC) - age(n)
        items.append(item)
    report = await ingest(services, items)
    if all_new:
        assert len(report.new) == len(texts), report.line()
    return report


async def store_brief_news(services: Services) -> None:
    """The four articles of tests/fixtures/brief/, from their outlets, an hour old: three stories."""
    items = []
    for path in sorted((FIXTURES / "brief").iterdir()):
        for item in from_path(path):
            item.source = BRIEF_SOURCES[path.name]
            item.published = datetime.now(UTC) - timedelta(hours=1)
            items.append(item)
    report = await ingest(services, items)
    assert len(report.new) == 4
