"""Worker processes that each load the spaCy pipeline once and run parse jobs: every core parses,
and the event loop only waits on a future."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

from spacy.language import Language

from bot.nlp.analyzers import AnalyzerSettings, configure
from bot.nlp.language import warm_up
from bot.nlp.model import load_pipeline

T = TypeVar("T")
# spaCy's string store only grows; a worker is replaced after this many jobs so a bot that
# runs for months keeps its memory (a replacement loads the model again: about 2 s).
JOBS_PER_WORKER = 2_000

_nlp: Language | None = None  # this worker's pipeline


def _start_worker(model: str, analyzers: AnalyzerSettings | None) -> None:
    global _nlp
    # Ctrl-C is the parent's to handle: it shuts the pool down; a worker would only print a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if analyzers is not None:
        configure(analyzers)  # the parent's settings, not the worker's environment
    _nlp = load_pipeline(model)
    warm_up()


def _run(job: Callable[..., T], *args: object) -> T:
    assert _nlp is not None, "the worker's initializer loads the pipeline"
    return job(_nlp, *args)


class Parsers:
    """A pool of `processes` workers, started on first use and shut down by close().

    `analyzers`: the settings of the other languages' analysers (FRENCH_MODEL), passed to each
    worker explicitly, and used in this process too, so that an article is analysed alike
    wherever it is parsed. None: each process reads them from its environment."""

    def __init__(self, model: str, processes: int, analyzers: AnalyzerSettings | None = None) -> None:
        self.model = model
        self.processes = processes
        self.analyzers = analyzers
        if analyzers is not None:
            configure(analyzers)
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    @property
    def started(self) -> bool:
        return self._pool is not None

    def start(self) -> ProcessPoolExecutor:
        """The pool, started now if it is not yet (blocks while the workers load the model)."""
        with self._lock:
            if self._pool is None:
                # spawn, not fork: the bot's process has threads (database drivers, executors)
                # whose locks a forked child would inherit held.
                pool = ProcessPoolExecutor(
                    self.processes,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker,
                    initargs=(self.model, self.analyzers),
                    max_tasks_per_child=JOBS_PER_WORKER,
                )
                # Load the model in every worker now, so the first jobs do not wait on it one by one.
                try:
                    for future in [pool.submit(os.getpid) for _ in range(self.processes)]:
                        future.result()
                except BaseException:
                    pool.shutdown(wait=False, cancel_futures=True)
                    raise
                self._pool = pool
            return self._pool

    async def run(self, job: Callable[..., T], *args: object) -> T:
        """job(nlp, *args) in a worker (job and args are pickled: module-level functions, plain data).

        A worker that dies (killed for memory, a crash in native code) fails the jobs in flight
        with BrokenProcessPool; the next job starts a fresh pool."""
        pool = self._pool or await asyncio.to_thread(self.start)
        try:
            return await asyncio.wrap_future(pool.submit(_run, job, *args))
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise

    def close(self) -> None:
        """Stop the workers (each finishes the job it is on); blocks until they have exited."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
