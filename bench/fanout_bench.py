"""Daily brief fan-out: N subscribed chats against the fake Bot API enforcing Telegram's flood
limits (429 with retry_after above 30 messages/s overall and 1/s per chat).
Usage: python bench/fanout_bench.py [100 1000 10000]"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import insert

from bench.common import write_section
from bot.brief.deliver import Briefs
from bot.ingest.pipeline import ingest
from bot.ingest.sources import from_path
from bot.services import Services
from bot.settings import Settings
from handlers.app import build_application
from handlers.brief import TelegramSender
from storage.models import Subscription
from tests.support.botapi import TOKEN, FakeBotAPI

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "brief"
ALLOWED = 30.0


async def run(chats: int, folder: Path) -> dict[str, float]:
    api = FakeBotAPI().start()
    api.flood_limit = (ALLOWED, 1)
    settings = Settings(
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{folder / f'fanout-{chats}.db'}",
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
    )
    news = await Services(settings).open()
    app = build_application(settings, news)
    await app.initialize()
    try:
        items = [item for path in sorted(FIXTURES.iterdir()) for item in from_path(path)]
        for item in items:
            item.published = datetime.now(UTC) - timedelta(hours=1)
        await ingest(news, items)
        now = datetime.now(UTC)
        created = now - timedelta(days=1)
        async with news.transaction() as session:
            await session.execute(
                insert(Subscription),
                [
                    {
                        "chat_id": 10_000_000 + n,
                        "thread_id": 0,
                        "chat_type": "private",
                        "title": "",
                        "hour": now.hour,
                        "minute": now.minute,
                        "timezone": "UTC",
                        "topics": "",
                        "active": True,
                        "created_at": created,
                    }
                    for n in range(chats)
                ],
            )
        started = time.monotonic()
        report = await Briefs(news, worker="bench").tick(TelegramSender(app.bot), now=now + timedelta(seconds=30))
        elapsed = time.monotonic() - started
        delivered = Counter(m["chat_id"] for m in api.sent if m["text"].startswith("<b>Daily brief"))
        first_send = min(m["at"] for m in api.sent)
        last_429 = max((t for t in api.too_many_at), default=first_send) - first_send
        return {
            "chats": chats,
            "delivered": len(delivered),
            "lost": chats - len(delivered),
            "duplicated": sum(count - 1 for count in delivered.values()),
            "429s": api.too_many,
            "last_429_s": last_429,
            "seconds": elapsed,
            "rate": len(delivered) / (max(m["at"] for m in api.sent) - first_send) if len(delivered) > 1 else 0,
            "sent_report": report.sent,
        }
    finally:
        await app.shutdown()
        await news.close()
        api.stop()


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [100, 1000, 10000]
    rows = [
        "| chats | delivered | lost | duplicated | 429s received | last 429 after | rate (msg/s) | of 30/s | wall |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            r = asyncio.run(run(size, Path(folder)))
            last = "none" if not r["429s"] else f"{r['last_429_s']:.1f} s"
            rows.append(
                f"| {r['chats']:,} | {r['delivered']:,} | {r['lost']} | {r['duplicated']} | {r['429s']} | "
                f"{last} | {r['rate']:.1f} | {r['rate'] / ALLOWED:.0%} | {r['seconds']:.0f} s |"
            )
            print(rows[-1], flush=True)
    body = (
        "## Daily brief fan-out\n\n"
        "`bench/fanout_bench.py`: N private chats subscribed at the same minute, one tick of the\n"
        "delivery loop (SQLite store) through python-telegram-bot with `AIORateLimiter`, against the\n"
        "fake Bot API answering 429 (`retry_after` 1 s) above 30 messages/s overall or 1/s per chat.\n"
        "Each brief is one message (4 stories). Rate = briefs delivered / time from the first to the\n"
        "last message the fake API accepted.\n\n" + "\n".join(rows) + "\n\n"
        "Sends are paced evenly (`AIORateLimiter(overall_max_rate=1, overall_time_period=1/29)`). With\n"
        "its default bucket (30 per second, bursting 30 after any pause) the same run at 1,000 chats\n"
        "drew 248 429s spread over the whole run and reached 80% of 30/s; a bucket of 28/s, 179 429s\n"
        "and 79% (measured 2026-11-26 on this machine): each 429 pauses all sending, the bucket\n"
        "refills meanwhile and bursts again."
    )
    write_section("fanout", body)


if __name__ == "__main__":
    main()
