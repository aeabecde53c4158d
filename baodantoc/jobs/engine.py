"""Where the CPU-bound work of ``extract`` and ``annotate`` runs: this process, a pool of processes
on this machine, or a Dask cluster (:mod:`baodantoc.jobs.cluster`) — one interface for all three.

A job hands the engine a pure function and a stream of chunks, and gets the results back as they
complete; it never learns where they ran. The job alone writes its output (the store, the Parquet
shards), so there is always one writer, whatever the engine.

Why an engine of our own and not ``Executor.map``: ``map`` submits every chunk before it yields the
first result (all the pending text in memory at once), and keeps the input order, so one slow
chunk (or one on a worker that died and is being redone elsewhere) stalls every result behind it.
:func:`unordered_map` keeps a bounded window of chunks in flight and yields whatever finishes.

Worker processes die with their parent: a pool worker whose parent was killed (kill -9, out of
memory) used to wait forever on its queue, holding ~200 MB and the store open. Each pool worker
runs a watchdog thread (:func:`_watch_parent`); Dask's own worker processes exit when the process
that started them goes away.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

#: How often a pool worker checks that its parent is alive. Half a second: an orphan is gone
#: well before anyone looks, and the check costs nothing next to extraction.
PARENT_POLL_S = 0.5
#: How long :func:`unordered_map` waits for a result before it asks the engine whether it can
#: still make progress (a cluster whose workers have all gone); results never wait for this.
STALL_CHECK_S = 10.0


class EngineError(Exception):
    """The work cannot go on (a worker process died, the cluster is gone); the message says what
    to do next. What the job wrote until then is kept."""


@dataclass
class Engine:
    """Runs ``fn(chunk)`` somewhere and returns a :class:`concurrent.futures.Future`.

    executor: None runs each chunk here, at submit; slots: chunks that run at once (the window of
    chunks in flight is a small multiple of it); description: for messages ("2 processes").
    """

    executor: Executor | None
    slots: int
    description: str
    #: wraps a task before it is sent (the cluster runs it through its worker plugin)
    wrap: Callable[[Callable[[Any], Any], Any], tuple[Callable[..., Any], tuple[Any, ...]]] | None = None
    #: raises :class:`EngineError` when no result can come any more (called when results stall)
    check: Callable[[], None] = field(default=lambda: None)
    #: exceptions a result may raise that mean the engine failed, not the task's code
    fatal: tuple[type[BaseException], ...] = (BrokenProcessPool,)

    def submit(self, fn: Callable[[T], R], chunk: T) -> Future[R]:
        if self.executor is None:
            future: Future[R] = Future()
            try:
                future.set_result(fn(chunk))
            except BaseException as exc:
                future.set_exception(exc)
            return future
        call, args = self.wrap(fn, chunk) if self.wrap else (fn, (chunk,))
        return self.executor.submit(call, *args)


@contextmanager
def open_engine(workers: int = 1, scheduler: str | None = None,
                preload: Callable[[], str] | None = None, version: str = "") -> Iterator[Engine]:
    """The engine for ``--workers N`` or ``--scheduler ADDRESS``.

    preload: loads what every task needs (the extractor and its models) once per worker process
    and returns its version; version: the one this process expects (a cluster worker that
    returns another is refused: its results would be stored as this version's). Raises :class:`EngineError` (or :class:`baodantoc.jobs.cluster.ClusterError`, a
    subclass) when the engine cannot start.
    """
    if scheduler:
        from .cluster import open_cluster

        with open_cluster(scheduler, preload, version) as engine:
            yield engine
        return
    if workers <= 1:
        if preload:
            preload()
        yield Engine(None, 1, "1 process")
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(preload,))
    try:
        yield Engine(pool, workers, f"{workers} processes")
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def unordered_map(engine: Engine, fn: Callable[[T], R], chunks: Iterable[T], in_flight: int) -> Iterator[R]:
    """``fn`` over ``chunks`` on ``engine``, results as they complete, with at most ``in_flight``
    chunks submitted and not yet yielded.

    ``chunks`` is pulled only between results, never while the caller handles one: a caller that
    writes each result may read its next chunks from the same store. Raises :class:`EngineError`
    when the engine fails (a pool's worker process dies; a cluster loses its scheduler, or a task
    killed several workers); a cluster redoes a lost worker's tasks elsewhere by itself.
    """
    pending: dict[Future[R], None] = {}  # in submission order: what is done together is yielded in it
    source = iter(chunks)
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < in_flight:
                try:
                    chunk = next(source)
                except StopIteration:
                    exhausted = True
                else:
                    pending[engine.submit(fn, chunk)] = None
            if not pending:
                return
            done, _ = wait(pending, timeout=STALL_CHECK_S, return_when=FIRST_COMPLETED)
            if not done:
                engine.check()
                continue
            for future in [f for f in pending if f in done]:
                del pending[future]
                yield future.result()
    except EngineError:
        raise
    except BrokenProcessPool as exc:
        raise EngineError(f"a worker process died ({exc})") from exc
    except engine.fatal as exc:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        raise EngineError(f"a task failed on {engine.description} ({type(exc).__name__}: {reason})") from exc
    finally:
        for future in pending:
            future.cancel()


# -- pool workers ---------------------------------------------------------------------------------


def _start_worker(preload: Callable[[], str] | None) -> None:
    """Initializer of each pool process: die with the parent, then load the extractor once."""
    _watch_parent()
    if preload:
        preload()


def _watch_parent() -> None:
    """Exit this process as soon as its parent is gone (it is then re-parented: ``getppid``
    changes). The parent is whoever started us (the job, or multiprocessing's fork server, which
    itself exits when the job does), so no pid needs passing."""
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_S)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="baodantoc-parent-watch", daemon=True).start()
