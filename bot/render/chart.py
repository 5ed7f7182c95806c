"""The /trend picture: daily articles about a name as a bar chart (matplotlib, Agg, no display)."""

from __future__ import annotations

import io
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from bot.i18n import _, format_day, ngettext

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn: `newsbrief --help` and start stay fast
    from matplotlib.figure import Figure

WIDTH, HEIGHT, DPI = 800, 450, 100  # pixels: 16:9, what a phone shows full width
FONT = 15  # points at DPI 100: about 21 px, still legible when a phone halves the picture
BAR = "#2463ad"
GRID = "#dde1e6"
MAX_NAME = 40


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _home_dir(variable: str, fallback: str) -> Path | None:
    """An XDG folder as matplotlib finds it (None: no home to find it in)."""
    try:
        return Path(os.environ.get(variable) or Path.home() / fallback) / "matplotlib"
    except RuntimeError:
        return None


def ensure_config_dir() -> None:
    """Give matplotlib a writable folder for its font cache when the home has none (a read-only
    home, a service user): one folder of ours in the temp dir, kept between runs so the fonts are
    listed once, instead of matplotlib's warning and a new temp folder (and font scan) per process."""
    if os.environ.get("MPLCONFIGDIR"):
        return
    defaults = [_home_dir("XDG_CONFIG_HOME", ".config"), _home_dir("XDG_CACHE_HOME", ".cache")]
    if all(folder is not None and _writable(folder) for folder in defaults):
        return
    uid = os.getuid() if hasattr(os, "getuid") else None  # Windows has no uids (nor a shared /tmp)
    ours = Path(tempfile.gettempdir()) / f"newsbrief-matplotlib-{uid or 0}"
    try:
        ours.mkdir(mode=0o700, exist_ok=True)
        # Someone else's folder of that name (in a shared /tmp) is not trusted with our cache.
        usable = uid is None or ours.stat().st_uid == uid
    except OSError:
        usable = False
    os.environ["MPLCONFIGDIR"] = str(ours) if usable and _writable(ours) else tempfile.mkdtemp(prefix="newsbrief-mpl-")


def trend_figure(counts: list[int], last_day: date, name: str) -> Figure:
    """The chart as a matplotlib figure (one bar a day, the last on `last_day`), not yet rendered."""
    ensure_config_dir()
    from matplotlib import dates as mdates
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    days = [last_day - timedelta(days=len(counts) - 1 - index) for index in range(len(counts))]
    figure = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI), dpi=DPI, layout="constrained")
    FigureCanvasAgg(figure)  # the Agg (raster) canvas: no display, no GUI toolkit
    axes = figure.add_subplot()
    axes.bar(days, counts, width=0.8, color=BAR, zorder=2)
    shown = name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"
    # parse_math off: a "$" in a name is text, not a formula.
    title = _("Articles mentioning {name} per day").format(name=shown)
    axes.set_title(title, fontsize=FONT + 3, loc="left", parse_math=False)
    total = sum(counts)
    # Dates in the reader's language (CLDR via Babel: "04 Nov", "04 нояб."), as the chart is drawn.
    period = f"{format_day(days[0], 'dd MMM')} – {format_day(days[-1], 'dd MMM y')}"
    articles = ngettext("{count} article", "{count} articles", total).format(count=total)
    axes.set_xlabel(f"{period} · {articles}", fontsize=FONT - 1, color="#555555")
    axes.set_ylabel(_("articles"), fontsize=FONT - 1)
    locator = mdates.AutoDateLocator(minticks=3, maxticks=7)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(lambda value, _position: format_day(mdates.num2date(value), "dd MMM"))
    axes.set_xlim(days[0] - timedelta(days=1), days[-1] + timedelta(days=1))
    axes.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=1))
    axes.set_ylim(0, max(1, max(counts, default=0)) * 1.1)
    axes.tick_params(labelsize=FONT)
    axes.grid(axis="y", color=GRID, zorder=0)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure


def png(figure: Figure) -> bytes:
    """The figure rendered by Agg as PNG bytes, at its own size."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue()


def trend_chart(counts: list[int], last_day: date, name: str) -> bytes:
    """The /trend picture: WIDTH × HEIGHT pixels of PNG."""
    return png(trend_figure(counts, last_day, name))
