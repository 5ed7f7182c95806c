"""A cancelled SQLite query must not keep the process from exiting.

aiosqlite (0.22) runs each connection on a thread that ends at the first stop request; a second
stop request is queued behind it and never answered. SQLAlchemy asks twice when a task is
cancelled twice mid-query (a shutdown cancelling a poll that was already cancelling): it starts
a shielded graceful close and, on the second cancel, a forced stop. The graceful close's own stop
then waits forever, and asyncio.run() waits for it at exit: `newsbrief worker` ignored SIGTERM
and the console ignored Ctrl-C, about one time in ten under load (the same hang:
wapiti-scanner/wapiti#802). A second stop here waits for the first instead."""

from __future__ import annotations

import asyncio

from aiosqlite.core import Connection

_STOPPING = "_newsbrief_stopping"


def _stop_once(self: Connection) -> asyncio.Future | None:
    """Connection.stop, asked once: later calls get the first call's future (or none, if that
    future belongs to another event loop or there was none)."""
    if hasattr(self, _STOPPING):
        first: asyncio.Future | None = getattr(self, _STOPPING)
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        return first if first is not None and first.get_loop() is running else None
    future = _original_stop(self)
    setattr(self, _STOPPING, future)
    return future


_original_stop = Connection.stop


def stop_once() -> None:
    """Make aiosqlite's Connection.stop idempotent (once per process; safe to call again)."""
    if Connection.stop is not _stop_once:
        Connection.stop = _stop_once  # type: ignore[method-assign]
