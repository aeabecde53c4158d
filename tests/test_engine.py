"""The engines work runs on (this process, a process pool): bounded, every chunk once, workers
that die with their parent. The Dask engine is tested over real processes in test_cluster.py."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from baodantoc.jobs.engine import Engine, EngineError, open_engine, unordered_map


def _double(chunk: list[int]) -> list[int]:
    return [2 * x for x in chunk]


@pytest.mark.parametrize("in_flight", [1, 2, 4])
def test_unordered_map_yields_every_chunk_once_and_holds_few_at_once(in_flight: int) -> None:
    """Regression: ``ProcessPoolExecutor.map`` submitted every pending chunk before yielding the
    first result, so the whole store's pending text was held in memory at once."""
    pulled = 0

    def chunks():
        nonlocal pulled
        for i in range(40):
            pulled += 1
            yield [i]

    got, most_ahead = [], 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for result in unordered_map(Engine(pool, 2, "threads"), _double, chunks(), in_flight):
            got.extend(result)
            most_ahead = max(most_ahead, pulled - len(got))
    assert sorted(got) == [2 * i for i in range(40)]
    assert most_ahead <= in_flight


def test_this_process_engine_runs_each_chunk_at_submit() -> None:
    with open_engine(workers=1) as engine:
        assert engine.slots == 1
        assert list(unordered_map(engine, _double, [[1], [2, 3]], in_flight=2)) == [[2], [4, 6]]


def test_a_failing_chunk_raises_its_own_error() -> None:
    def boom(chunk: list[int]) -> list[int]:
        raise ValueError("bad chunk")

    with open_engine(workers=1) as engine, pytest.raises(ValueError, match="bad chunk"):
        list(unordered_map(engine, boom, [[1]], in_flight=1))


def test_a_stalled_engine_is_asked_whether_it_can_go_on(monkeypatch: pytest.MonkeyPatch) -> None:
    """A cluster whose workers are all gone would leave its tasks waiting forever: when no result
    comes for a while, the engine's check decides (here: it gives up at once)."""
    import threading

    import baodantoc.jobs.engine as engine_module

    monkeypatch.setattr(engine_module, "STALL_CHECK_S", 0.01)
    never = threading.Event()

    def stuck(chunk: list[int]) -> list[int]:
        never.wait(5)
        return chunk

    def check() -> None:
        raise EngineError("no worker left")

    with ThreadPoolExecutor(max_workers=1) as pool:
        engine = Engine(pool, 1, "stuck", check=check)
        with pytest.raises(EngineError, match="no worker left"):
            list(unordered_map(engine, stuck, [[1]], in_flight=1))
        never.set()


def test_an_engine_failure_becomes_an_engine_error_that_names_the_engine() -> None:
    """A cluster's task only fails for the cluster's reasons (lost scheduler, a task that killed
    several workers): the run stops with one line, not a traceback."""

    class Lost(Exception):
        pass

    def lost(chunk: list[int]) -> list[int]:
        raise Lost("scheduler gone\nwith details")

    with ThreadPoolExecutor(max_workers=1) as pool:
        engine = Engine(pool, 1, "the Dask cluster at tcp://h:8786", fatal=(Exception,))
        with pytest.raises(EngineError, match=r"^a task failed on the Dask cluster at tcp://h:8786 \(Lost: scheduler gone\)$"):
            list(unordered_map(engine, lost, [[1]], in_flight=1))


def test_a_dead_pool_worker_is_an_engine_error(tmp_path) -> None:
    import os

    with open_engine(workers=2) as engine, pytest.raises(EngineError, match="a worker process died"):
        list(unordered_map(engine, os._exit, [3, 3], in_flight=2))


@pytest.mark.parametrize(("value", "expected"), [
    ("local:1", ("local", 1)),
    ("local:256", ("local", 256)),
    ("tcp://10.0.0.5:8786", ("address", "tcp://10.0.0.5:8786")),
    ("scheduler.lan:8786", ("address", "tcp://scheduler.lan:8786")),
    ("tls://scheduler:8786", ("address", "tls://scheduler:8786")),
    (" tcp://[::1]:8786 ", ("address", "tcp://[::1]:8786")),
    ("local:0", "N must be between 1 and 256"),
    ("local:257", "N must be between 1 and 256"),
    ("local", "is not a scheduler address"),
    ("tcp://scheduler", "is not a scheduler address"),
    ("http://scheduler:8786", "is not a scheduler address"),
    ("", "is not a scheduler address"),
])
def test_scheduler_addresses_are_checked_before_any_connection(value: str, expected) -> None:
    from baodantoc.jobs.cluster import ClusterError, parse_scheduler

    if isinstance(expected, tuple):
        assert parse_scheduler(value) == expected
    else:
        with pytest.raises(ClusterError, match=expected):
            parse_scheduler(value)
