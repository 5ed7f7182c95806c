"""The article the product was described from, read from ../shared/seed (never committed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import cli
from bot.settings import Settings
from tests.support.botapi import FakeBotAPI

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed"
pytestmark = pytest.mark.skipif(not SEED.is_dir(), reason=f"no seed article at {SEED}")
runner = CliRunner()


def test_seed_in_the_terminal(settings: Settings) -> None:
    assert runner.invoke(cli, ["ingest", str(SEED)]).output.strip().endswith("1 new, 0 duplicates, 0 failed")
    who = runner.invoke(cli, ["ask", "/who Lavrov"])
    assert who.exit_code == 0
    assert who.output.splitlines()[0] == "Sergei Lavrov — Russian Foreign Minister"
    status = runner.invoke(cli, ["ask", "/status Idlib"]).output.splitlines()
    assert status[0].startswith("Idlib — place · 1 article")
    assert "Syrian province of Idlib" in status[1] and "lavrov-idlib.txt · #1" in status[1]
    summary = runner.invoke(cli, ["ask", "/summarize 1"]).output
    assert "Advertisement" not in summary and "newsletter" not in summary


async def test_seed_in_a_telegram_chat(bot: FakeBotAPI) -> None:
    text = next(SEED.glob("*.txt")).read_text(encoding="utf-8")
    bot.user_message("/ingest", reply_to_text=text)
    (stored,) = await bot.replies()
    assert "Sergei Lavrov" in stored["text"]
    bot.user_message("/who Lavrov")
    (who,) = await bot.replies()
    assert who["text"].splitlines()[0] == "<b>Sergei Lavrov</b> — Russian Foreign Minister"
    bot.user_message("/status Idlib")
    (status,) = await bot.replies()
    assert "Syrian province of Idlib" in status["text"]
