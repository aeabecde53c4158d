"""Dask (distributed) as the engine of ``extract`` and ``annotate``: ``--scheduler tcp://HOST:8786``
(a running ``dask scheduler``, also read from ``DASK_SCHEDULER_ADDRESS``) or ``--scheduler local:N``
(a LocalCluster of N worker processes on this machine).

How the work is laid out, and why:

* One thread per worker process. The extractor is pure Python and holds the GIL: a second thread in
  the same process adds no speed, only a second copy of each task's text in memory. LocalClusters
  are started that way; ``dask worker --nthreads 1`` does it on a real cluster. A worker started
  with more threads still runs one extraction at a time (a lock in the plugin: the pipeline is not
  meant to be shared between threads), and the run logs a warning saying how to start it.
* The extractor and its models (~200 MB, a few seconds) load once per worker, when the worker
  plugin is set up (:class:`ExtractorPlugin`), never per task; a worker that joins later loads them
  when it joins. The plugin also compares the worker's extractor version with this process's:
  results of another version would be stored as if they were this one's.
* Tasks are plain functions over chunks of text; their results come back to this process, which
  alone writes the output. A worker that dies mid-run loses nothing: the scheduler gives its
  unfinished tasks to the other workers, and each task's result is received (and written) once.
"""

from __future__ import annotations

import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

from .engine import Engine, EngineError

log = logging.getLogger(__name__)

#: The environment variable Dask itself reads for the scheduler address.
SCHEDULER_ENV = "DASK_SCHEDULER_ADDRESS"
#: Seconds to reach the scheduler before giving up with a message (Dask's own default is 30 s of
#: silent retries, which looks like a hang; a live scheduler answers in milliseconds).
CONNECT_TIMEOUT_S = 10.0
#: Seconds to wait for a first worker to join (a cluster that is still starting its workers), and
#: the longest a run waits with no worker at all before it stops (the work is resumable).
WORKERS_TIMEOUT_S = 120.0
#: Dask settings of a LocalCluster (its scheduler, nannies and workers share the cores with the
#: work). The workers' statistical profiler samples the running task 100 times a second for a
#: dashboard we do not start: 2-5% of a worker's CPU (600 synthetic articles). The diagnostic
#: ticks and monitors poll every 20-500 ms: an idle LocalCluster of 2 burned 0.075 of a core with
#: Dask's defaults, 0.009 with these (10 s, psutil). Memory limits are still enforced, every second.
LOCAL_WORKER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.client.scheduler-info-interval": "5s",
}
#: Name the plugin is registered under on every worker.
PLUGIN_NAME = "baodantoc-extractor"

_LOCAL = re.compile(r"local:(\d+)")
_ADDRESS = re.compile(r"(?:(tcp|tls|ucx|ws|wss)://)?\[?[\w.:-]+\]?:\d+")
#: Schemes Dask can speak; an address without one is tcp.
USAGE = ("use tcp://HOST:8786 (a running `dask scheduler`; docs/SCALING.md) or local:N (N worker "
         "processes on this machine)")


class ClusterError(EngineError):
    """The cluster cannot be used (unreachable, no workers, wrong version); says what to do."""


def parse_scheduler(value: str) -> tuple[str, Any]:
    """``("local", N)`` for ``local:N``, ``("address", "tcp://HOST:PORT")`` for an address.

    Raises :class:`ClusterError` for anything else, before any connection is tried.
    """
    value = value.strip()
    if m := _LOCAL.fullmatch(value):
        n = int(m.group(1))
        if not 1 <= n <= 256:
            raise ClusterError(f"--scheduler {value}: N must be between 1 and 256 worker processes")
        return "local", n
    if _ADDRESS.fullmatch(value):
        return "address", value if "://" in value else f"tcp://{value}"
    raise ClusterError(f"--scheduler {value!r} is not a scheduler address: {USAGE}")


try:  # the base class must be Dask's own for the worker to accept the plugin
    from distributed import WorkerPlugin
except ImportError:  # pragma: no cover - distributed is a dependency; this keeps the error readable
    WorkerPlugin = object  # type: ignore[assignment,misc]


class ExtractorPlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Loads the extractor once per worker and checks its version against the driver's."""

    name = PLUGIN_NAME
    idempotent = False  # set up again on re-registration: a new driver may expect a new version

    def __init__(self, preload: Callable[[], str] | None, expected: str) -> None:
        self.preload = preload
        self.expected = expected

    def setup(self, worker: Any) -> None:
        self.lock = threading.Lock()
        version = self.preload() if self.preload else self.expected
        if version != self.expected:
            raise RuntimeError(f"worker {worker.address} runs extractor {version} but this run uses "
                               f"{self.expected}: install the same baodantoc on every worker")
        self.version = version


def run_on_worker(fn: Callable[[Any], Any], chunk: Any, expected: str) -> Any:
    """A task as it runs on a worker: through the plugin (its lock), with the expected version."""
    from distributed import get_worker

    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if getattr(plugin, "version", None) != expected:
        raise RuntimeError(f"this worker has no working baodantoc extractor {expected} (its plugin failed: "
                           "see the worker's log); install the same baodantoc on every worker")
    with plugin.lock:
        return fn(chunk)


@contextmanager
def open_cluster(scheduler: str, preload: Callable[[], str] | None, version: str) -> Iterator[Engine]:
    """Connect to (or start) the cluster named by ``scheduler`` and yield its :class:`Engine`.

    preload: run once on each worker (by the plugin), returns the worker's extractor version;
    version: the one this process expects (a worker with another is refused).
    """
    kind, target = parse_scheduler(scheduler)
    import dask
    from distributed import Client, LocalCluster

    # importing distributed set its loggers to INFO: follow the application's level instead (the
    # command line's -v), so a run does not print every nanny's start and stop
    logging.getLogger("distributed").setLevel(logging.getLogger(__name__).getEffectiveLevel())
    with ExitStack() as stack:
        if kind == "local":
            try:
                with dask.config.set(LOCAL_WORKER_CONFIG):  # the workers inherit it as they start
                    cluster = stack.enter_context(LocalCluster(
                        n_workers=target, threads_per_worker=1, processes=True, dashboard_address=None))
                    client = stack.enter_context(Client(cluster, direct_to_workers=True))
            except Exception as exc:
                raise ClusterError(f"cannot start {target} local Dask workers ({_reason(exc)}): is memory short? (a"
                                   " Python script that starts them needs `if __name__ == \"__main__\":`)") from exc
            where = f"a local Dask cluster of {target} processes"
        else:
            try:
                with dask.config.set({"distributed.comm.timeouts.connect": f"{CONNECT_TIMEOUT_S}s"}):
                    client = stack.enter_context(Client(target, timeout=CONNECT_TIMEOUT_S))
            except Exception as exc:  # refused, unresolvable, timed out, or something else answered
                raise ClusterError(f"cannot reach a Dask scheduler at {target} ({_reason(exc)}): start one there "
                                   f"with `dask scheduler`, check host and port, or use --scheduler local:N") from exc
            where = f"the Dask cluster at {target}"
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT_S)
        except Exception as exc:
            todo = ("is memory short?" if kind == "local"
                    else f"start workers with `dask worker {target} --nthreads 1`")
            raise ClusterError(f"no worker joined {where} within {WORKERS_TIMEOUT_S:.0f} s: {todo}") from exc
        try:
            client.register_plugin(ExtractorPlugin(preload, version))
        except Exception as exc:
            raise ClusterError(f"a worker of {where} cannot run the extractor ({_reason(exc)}); every worker "
                               "needs the same baodantoc installed (docs/SCALING.md)") from exc
        workers = client.scheduler_info()["workers"]
        crowded = [w.get("name", a) for a, w in workers.items() if w.get("nthreads", 1) > 1]
        if crowded:
            log.warning("%d Dask workers have more than one thread (%s ...): the extractor holds the GIL, so each"
                        " runs one task at a time; start workers with `dask worker --nthreads 1 --nworkers N`",
                        len(crowded), crowded[0])
        yield Engine(client.get_executor(pure=False), max(1, len(workers)),
                     f"{where} ({len(workers)} workers)",
                     wrap=lambda fn, chunk: (run_on_worker, (fn, chunk, version)),
                     check=_liveness_check(client, where, target),
                     # a task here only fails for the cluster's reasons (the extractor catches its own):
                     # a lost scheduler, a task that killed several workers, a worker of another version
                     fatal=(Exception,))


def _liveness_check(client: Any, where: str, target: Any) -> Callable[[], None]:
    """A check for :class:`Engine`: raise when the scheduler is gone, or has had no worker for
    :data:`WORKERS_TIMEOUT_S` (tasks would otherwise wait for a worker forever)."""
    since: list[float] = []

    def check() -> None:
        if client.status not in ("running", "connecting"):
            raise ClusterError(f"lost the connection to {where}: run again to resume")
        try:
            workers = client.scheduler_info()["workers"]
        except Exception as exc:
            raise ClusterError(f"lost the connection to {where} ({_reason(exc)}): run again to resume") from exc
        if workers:
            since.clear()
            return
        if not since:
            since.append(time.monotonic())
        if time.monotonic() - since[0] > WORKERS_TIMEOUT_S:
            raise ClusterError(f"{where} has had no worker for {WORKERS_TIMEOUT_S:.0f} s: start workers with "
                               f"`dask worker {target} --nthreads 1`, then run again to resume")

    return check


def _reason(exc: BaseException) -> str:
    """The first line of an exception, for a one-line message."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
