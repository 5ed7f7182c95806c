"""The /trend chart (bot/render/chart.py): a titled, dated bar chart at phone size, per entity,
saved by the console into a temporary file."""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import cli
from bot.commands import Commands
from bot.render.chart import HEIGHT, WIDTH, trend_chart, trend_figure
from bot.settings import Settings
from tests.conftest import FIXTURES
from tests.support.articles import store

LAST_DAY = date(2026, 11, 27)
DAY_LABEL = re.compile(r"^\d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$")


def size(png: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return width, height


def test_the_chart_has_a_title_dated_days_and_whole_counts() -> None:
    counts = [0, 2, 5, 1, 0, 0, 3, 9, 4, 0, 1, 0, 0, 2] * 2 + [6, 3]
    figure = trend_figure(counts, LAST_DAY, "Sergei Lavrov")
    figure.canvas.draw()  # the locators choose their ticks when drawn
    (axes,) = figure.axes
    assert axes.get_title(loc="left") == "Articles mentioning Sergei Lavrov per day"
    days = [label.get_text() for label in axes.get_xticklabels() if label.get_text()]
    assert 3 <= len(days) <= 8 and all(DAY_LABEL.match(day) for day in days), days
    assert f"29 Oct – 27 Nov 2026 · {sum(counts)} articles" in axes.get_xlabel()
    counts_shown = [label.get_text() for label in axes.get_yticklabels() if label.get_text()]
    assert all(c.lstrip("−-").isdigit() for c in counts_shown), counts_shown  # no "2.5 articles"
    assert axes.get_ylim()[1] >= 9


def test_a_png_at_phone_size_different_for_one_article_and_many() -> None:
    one = trend_chart([0] * 29 + [1], LAST_DAY, "Mevlut Cavusoglu")
    many = trend_chart([3, 5, 8, 2, 0, 7] * 5, LAST_DAY, "Mevlut Cavusoglu")
    assert size(one) == size(many) == (WIDTH, HEIGHT) == (800, 450)
    assert one != many
    single = trend_figure([0] * 29 + [1], LAST_DAY, "X")
    assert single.axes[0].get_ylim()[1] < 2  # one article fills the height, not a sliver of a 0–10 axis


def test_a_name_is_shown_as_written_not_as_a_formula() -> None:
    figure = trend_figure([1, 2], LAST_DAY, "$5 Bank & Co $")
    figure.canvas.draw()  # mathtext would fail or reshape "$5 Bank & Co $" here
    assert "$5 Bank & Co $" in figure.axes[0].get_title(loc="left")


async def test_trend_draws_each_entity_from_its_own_articles(core: Commands) -> None:
    busy = [
        "The council in Narva approved the budget for the new bridge on Monday.",
        "Engineers in Narva began pouring concrete for the river crossing.",
        "Shopkeepers in Narva complained about the noise from the construction site.",
        "The mayor of Narva said the bridge would open in the spring.",
        "Residents of Narva queued to see the first span lifted into place.",
        "A storm in Narva delayed work on the bridge for two days.",
    ]
    once = "Officials in Paldiski opened a new harbour office on Monday."
    await store(core.services, [*busy, once], age=lambda n: timedelta(days=n // 2, hours=1))  # two a day
    narva = await core.questions.trend("Narva")
    paldiski = await core.questions.trend("Paldiski")
    assert narva.image is not None and paldiski.image is not None
    assert size(narva.image) == size(paldiski.image) == (WIDTH, HEIGHT)
    assert narva.image != paldiski.image
    assert narva.messages[0].startswith("<b>Narva</b> — <b>Trend</b>: ") and "(most 2)" in narva.messages[0]


def test_the_console_saves_the_chart_in_a_temporary_file(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    here = Path.cwd()
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(FIXTURES / "aleppo-truce.txt")]).exit_code == 0
    result = runner.invoke(cli, ["ask", "/trend Aleppo"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    saved = Path(re.search(r"\[chart saved to (.+\.png)\]", result.output).group(1))  # type: ignore[union-attr]
    assert saved.parent == temp and size(saved.read_bytes()) == (WIDTH, HEIGHT)
    assert not list(here.glob("newsbrief-chart-*")), "the chart went into the current folder"
    assert "Aleppo — Trend: " in result.output


def test_matplotlib_draws_with_a_read_only_home_and_is_not_loaded_for_the_commands(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")  # a home under a file: nothing can be created there
    env = {k: v for k, v in os.environ.items() if k not in ("MPLCONFIGDIR", "XDG_CONFIG_HOME", "XDG_CACHE_HOME")}
    env.update(HOME=str(blocker / "home"), TMPDIR=str(tmp_path))
    script = (
        "import sys, datetime\n"
        "import bot.commands\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported before a chart is drawn'\n"
        "from bot.render.chart import trend_chart\n"
        "png = trend_chart([1, 0, 2], datetime.date(2026, 11, 27), 'Idlib')\n"
        "assert png.startswith(b'\\x89PNG')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "created a temporary cache directory" not in done.stderr
    # The font list is cached in our own folder, so the next run does not scan the fonts again.
    (ours,) = tmp_path.glob("newsbrief-matplotlib-*")
    assert list(ours.glob("fontlist-*.json"))
