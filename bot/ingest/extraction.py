"""The threads that read files and pages, apart from asyncio's default pool, which resolves host names."""

from __future__ import annotations

import asyncio
import contextvars
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

# A PDF waits up to PDF_SECONDS for its reading process, a big page takes seconds to parse: in
# the default pool (min(32, cores + 4) threads) a few such files would stall every DNS lookup.
EXTRACTION = ThreadPoolExecutor(max_workers=4, thread_name_prefix="extract")


async def extracted(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`function(*args, **kwargs)` run in the extraction threads, off the event loop, in the
    caller's context (as asyncio.to_thread does): a refusal worded there is in the reader's language."""
    call = functools.partial(contextvars.copy_context().run, function, *args, **kwargs)
    return await asyncio.get_running_loop().run_in_executor(EXTRACTION, call)
