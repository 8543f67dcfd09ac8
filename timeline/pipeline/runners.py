"""Where partitions run: in this process, or on a Dask cluster (local processes, or a scheduler's workers).

Both map a top-level function over partitions and yield the results in partition order, while
telling ``on_done`` about each as it completes (for progress). Dask keeps only a bounded number
of partitions in flight, so memory stays bounded however big the input.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from timeline.errors import TimelineError

Item = TypeVar("Item")
Result = TypeVar("Result")
Done = Callable[[Any], None]


# No fixed port, so that runs at once do not clash: the scheduler on any free port, and its HTTP
# server (which Dask starts even with dashboard_address=None, on 8787) on any free port of
# 127.0.0.1, without the dashboard. The workers' HTTP servers take any free port already.
LOCAL_CLUSTER_PORTS: dict[str, Any] = {
    "host": "127.0.0.1",
    "scheduler_port": 0,
    "dashboard_address": "127.0.0.1:0",
    "scheduler_kwargs": {"dashboard": False},
}


class TaskFailed(TimelineError, RuntimeError):
    """A task failed on the cluster beyond Dask's retries (its workers kept dying, say)."""


class Runner(Protocol):
    workers: int

    def map_in_order(
        self, function: Callable[..., Result], items: Sequence[Any], *args: Any, on_done: Done | None = None
    ) -> Iterator[Result]: ...


class LocalRunner:
    """Every partition in this process, one after the other."""

    workers = 1

    def map_in_order(
        self, function: Callable[..., Result], items: Sequence[Any], *args: Any, on_done: Done | None = None
    ) -> Iterator[Result]:
        for item in items:
            result = function(item, *args)
            if on_done is not None:
                on_done(result)
            yield result


class DaskRunner:
    """Partitions as tasks of a ``distributed.Client``; a task whose worker dies is retried by Dask."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.workers = max(1, sum(client.nthreads().values()))

    def map_in_order(
        self, function: Callable[..., Result], items: Sequence[Any], *args: Any, on_done: Done | None = None
    ) -> Iterator[Result]:
        from distributed import as_completed

        window = 2 * self.workers  # tasks in flight, and at most as many results waiting for an earlier one
        queue = iter(enumerate(items))
        positions: dict[str, int] = {}
        ready: dict[int, Result] = {}
        pending = as_completed()  # type: ignore[no-untyped-call]
        next_out = 0

        def fill() -> None:
            while len(ready) + pending.count() < window:  # type: ignore[no-untyped-call]
                step = next(queue, None)
                if step is None:
                    return
                future = self.client.submit(function, step[1], *args, pure=False, retries=2)
                positions[future.key] = step[0]
                pending.add(future)  # type: ignore[no-untyped-call]

        fill()
        for future in pending:
            try:
                result = future.result()
            except Exception as error:  # noqa: BLE001 - a task's own errors are problems; this is the cluster's
                item = items[positions[future.key]]
                raise TaskFailed(f"a task failed on the cluster ({item}): {type(error).__name__}: {error}") from error
            ready[positions.pop(future.key)] = result
            future.release()
            if on_done is not None:
                on_done(result)
            while next_out in ready:  # the results run in order; the earliest may still be running
                yield ready.pop(next_out)
                next_out += 1
            fill()


@contextmanager
def dask_runner(workers: int | None = None, scheduler: str | None = None) -> Iterator[DaskRunner]:
    """A runner on the cluster at ``scheduler`` (tcp://HOST:PORT), else on ``workers`` local processes."""
    from distributed import Client, LocalCluster

    from timeline.pipeline.worker_setup import LoadRules

    if scheduler is not None:
        with Client(scheduler, timeout=30) as client:  # type: ignore[no-untyped-call]
            client.register_plugin(LoadRules())
            yield DaskRunner(client)
        return
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=workers or 1,
        threads_per_worker=1,
        processes=True,
        silence_logs=logging.ERROR,
        **LOCAL_CLUSTER_PORTS,
    )
    with cluster, Client(cluster) as client:  # type: ignore[no-untyped-call]
        client.register_plugin(LoadRules())
        yield DaskRunner(client)
