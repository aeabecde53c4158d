"""Extraction on a Dask cluster, over real processes: a ``dask scheduler`` and two ``dask worker``
processes on 127.0.0.1 (ports picked by the OS), the CLI in a child process.

The same input gives the same records on one process, ``--workers 2``, a LocalCluster and a
scheduler with workers; a worker killed mid-run loses nothing and writes nothing twice; worker
processes die with their parent; a bad address is a one-line error, not a hang.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest
from scale_helpers import cli, count, digests, make_store, run_cli, store_rows, write_parquet_corpus

from baodantoc.jobs.corpus import annotate_corpus
from baodantoc.jobs.extract import extract_store

pytestmark = pytest.mark.slow
DASK = Path(sys.executable).with_name("dask")
#: Longest wait for processes to start, join or go; a bound against hangs, not a measurement.
DEADLINE_S = 180


def wait_for(condition, what: str, deadline_s: float = DEADLINE_S) -> None:
    deadline = time.monotonic() + deadline_s
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"gave up waiting for {what}")
        time.sleep(0.1)


class DaskCluster:
    """A scheduler and named workers, each its own OS process (no nanny: a killed worker stays dead)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.file = folder / "scheduler.json"
        self.procs: dict[str, subprocess.Popen] = {}
        self.logs: list = []
        self._start("scheduler", ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                  "--scheduler-file", str(self.file)])
        wait_for(lambda: self.file.exists() and self.file.stat().st_size > 0, "the scheduler file")
        self.address = json.loads(self.file.read_text())["address"]

    def _start(self, name: str, args: list[str]) -> None:
        log = open(self.folder / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        self.logs.append(log)
        self.procs[name] = subprocess.Popen([str(DASK), *args], stdout=log, stderr=subprocess.STDOUT)

    def add_workers(self, *names: str) -> None:
        for name in names:
            self._start(name, ["worker", self.address, "--name", name, "--nthreads", "1", "--no-nanny",
                               "--host", "127.0.0.1", "--no-dashboard"])
        wait_for(lambda: all("Registered to:" in (self.folder / f"{n}.log").read_text() for n in names),
                 f"workers {names} to join")

    def kill(self, name: str) -> None:
        self.procs[name].send_signal(signal.SIGKILL)
        self.procs[name].wait(timeout=60)

    def stop(self) -> None:
        """Workers first, then the scheduler; a process that ignores SIGTERM is killed."""
        for proc in sorted(self.procs.values(), key=lambda p: p is self.procs["scheduler"]):
            if proc.poll() is None:
                proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for log in self.logs:
            log.close()


@pytest.fixture(scope="module")
def dask_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DaskCluster]:
    """A scheduler with workers w1 and w2, shared by the tests that leave it as they found it."""
    cluster = DaskCluster(tmp_path_factory.mktemp("cluster"))
    try:
        cluster.add_workers("w1", "w2")
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def own_cluster(tmp_path: Path) -> Iterator[DaskCluster]:
    """A scheduler with workers w1 and w2 for one test (which may kill them)."""
    cluster = DaskCluster(tmp_path)
    try:
        cluster.add_workers("w1", "w2")
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The gold articles extracted (and annotated as a corpus) on one process."""
    folder = tmp_path_factory.mktemp("reference")
    store = make_store(folder / "one.sqlite")
    report = extract_store(store)
    assert report.extracted == 35
    corpus = write_parquet_corpus(folder / "corpus.parquet")
    annotate_corpus(corpus, folder / "shards", id_column="doc", text_column="body", shard_size=10)
    return {"rows": store_rows(store), "corpus": corpus, "shards": digests(folder / "shards")}


def _engine_args(mode: str, cluster: DaskCluster | None) -> list[str]:
    return {"workers": ["--workers", "2"], "local": ["--scheduler", "local:2"],
            "scheduler": ["--scheduler", cluster.address if cluster else ""]}[mode]


@pytest.mark.parametrize("mode", ["workers", "local", "scheduler"])
def test_the_same_records_on_every_engine(mode: str, reference: dict, tmp_path: Path, request) -> None:
    """One process, --workers 2, a LocalCluster of 2, and a scheduler with two workers: the same store
    rows, and byte-identical corpus shards (--workers 2 for shards: test_annotate_corpus.py)."""
    cluster = request.getfixturevalue("dask_cluster") if mode == "scheduler" else None
    store = make_store(tmp_path / "s.sqlite")
    done = run_cli("extract", "--store", str(store), *_engine_args(mode, cluster))
    assert done.returncode == 0, done.stderr
    assert "extracted 35 of 35 pending articles" in done.stderr
    assert store_rows(store) == reference["rows"]
    if mode == "workers":
        return
    shards = tmp_path / "shards"
    done = run_cli("annotate", str(reference["corpus"]), "--shards", str(shards), "--id-column", "doc",
                   "--text-column", "body", "--shard-size", "10", *_engine_args(mode, cluster))
    assert done.returncode == 0, done.stderr
    assert digests(shards) == reference["shards"]


def test_the_scheduler_address_can_come_from_the_environment(dask_cluster: DaskCluster, reference: dict,
                                                             tmp_path: Path) -> None:
    """DASK_SCHEDULER_ADDRESS, as Dask itself reads it; then a re-run of the corpus does nothing."""
    shards = tmp_path / "shards"
    args = ("annotate", str(reference["corpus"]), "--shards", str(shards), "--id-column", "doc", "--text-column",
            "body", "--shard-size", "10")
    env = {"DASK_SCHEDULER_ADDRESS": dask_cluster.address}
    done = run_cli(*args, env=env)
    assert done.returncode == 0, done.stderr
    assert f"the Dask cluster at {dask_cluster.address} (2 workers)" in done.stderr
    assert digests(shards) == reference["shards"]
    written = {p: p.stat().st_mtime_ns for p in shards.rglob("*.parquet")}
    again = run_cli(*args, env=env)
    assert again.returncode == 0, again.stderr
    assert "nothing to do: 4 of 4 shards" in again.stderr
    assert {p: p.stat().st_mtime_ns for p in shards.rglob("*.parquet")} == written


def test_a_worker_killed_mid_run_loses_nothing_and_writes_nothing_twice(own_cluster: DaskCluster,
                                                                        reference: dict, tmp_path: Path) -> None:
    copies = 6
    store = make_store(tmp_path / "big.sqlite", copies=copies)
    total = 35 * copies
    proc = cli("extract", "--store", str(store), "--scheduler", own_cluster.address)
    try:
        wait_for(lambda: count(store, "SELECT COUNT(*) FROM extraction_state") > 0 or proc.poll() is not None,
                 "the first results")
        at_kill = count(store, "SELECT COUNT(*) FROM extraction_state")
        own_cluster.kill("w1")
        _, stderr = proc.communicate(timeout=DEADLINE_S * 3)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert at_kill < total, "the run ended before the worker was killed: make the store larger"
    assert proc.returncode == 0, stderr
    assert f"extracted {total} of {total} pending articles" in stderr
    rows = store_rows(store)
    assert len(rows["extraction_state"]) == total
    assert all(error is None for *_, error in rows["extraction_state"])
    # every copy of an article got exactly the rows of the one-process run, no more, no fewer
    one = {}
    for row in reference["rows"]["mentions"]:
        one.setdefault(row[0], []).append(row[1:])
    copies_seen = {}
    for row in rows["mentions"]:
        copies_seen.setdefault(row[0], []).append(row[1:])
    assert len(copies_seen) == len(one) * copies
    for article_id, mentions in copies_seen.items():
        assert mentions == one[article_id.rsplit("-", 1)[0]], article_id


def test_a_bad_scheduler_address_is_a_one_line_error_not_a_hang(tmp_path: Path) -> None:
    import socket

    store = make_store(tmp_path / "s.sqlite")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    for address, message in [(f"tcp://127.0.0.1:{port}", f"cannot reach a Dask scheduler at tcp://127.0.0.1:{port}"),
                             ("127.0.0.1", "is not a scheduler address: use tcp://HOST:8786"),
                             ("local:0", "N must be between 1 and 256")]:
        started = time.monotonic()
        done = run_cli("extract", "--store", str(store), "--scheduler", address, timeout=120)
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 1 and len(lines) == 1, done.stderr
        assert lines[0].startswith("Error: ") and message in lines[0], lines
        assert time.monotonic() - started < 120
    assert count(store, "SELECT COUNT(*) FROM extraction_state") == 0


@pytest.mark.parametrize("engine", [["--workers", "2"], ["--scheduler", "local:2"]])
def test_issue10_worker_processes_die_with_their_parent(engine: list[str], tmp_path: Path) -> None:
    """Regression (#10): kill -9 of extract left its worker processes (~200 MB each) blocked forever,
    holding the store open."""
    store = make_store(tmp_path / "big.sqlite", copies=8)
    proc = cli("extract", "--store", str(store), *engine)
    try:
        parent = psutil.Process(proc.pid)
        wait_for(lambda: count(store, "SELECT COUNT(*) FROM extraction_state") > 0 or proc.poll() is not None,
                 "the first results")
        assert proc.poll() is None, "the run ended before its parent could be killed: make the store larger"
        workers = parent.children(recursive=True)
        assert len(workers) >= 2
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.communicate(timeout=60)

    def gone() -> bool:
        for p in workers:
            try:
                if p.status() != psutil.STATUS_ZOMBIE:
                    return False
            except psutil.NoSuchProcess:
                continue
        return True

    wait_for(gone, "the worker processes to exit", deadline_s=60)
