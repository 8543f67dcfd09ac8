"""Local Dask clusters take no fixed port: two runs (two test sessions, two `timeline extract
--workers`) can be alive at once on one machine, each listening on 127.0.0.1 only."""

from __future__ import annotations

import warnings

import psutil

from timeline.pipeline.runners import dask_runner

DASK_DEFAULT_PORTS = {8786, 8787}  # the scheduler's and the dashboard's


def listening(process: psutil.Process) -> set[tuple[str, int]]:
    """The TCP addresses ``process`` and its children listen on."""
    found = set()
    for member in (process, *process.children(recursive=True)):
        try:
            connections = member.net_connections(kind="tcp")
        except psutil.Error:  # a worker process that has just gone
            continue
        found |= {(c.laddr.ip, c.laddr.port) for c in connections if c.status == psutil.CONN_LISTEN}
    return found


def test_two_local_clusters_are_alive_at_once_on_ports_of_their_own() -> None:
    me = psutil.Process()
    before = listening(me)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with dask_runner(1) as first, dask_runner(1) as second:
            opened = listening(me) - before
            assert list(first.map_in_order(abs, [-1, -2, -3])) == [1, 2, 3]
            assert list(second.map_in_order(abs, [-4, -5])) == [4, 5]
    assert opened, "the clusters listen somewhere"
    assert not {port for _, port in opened} & DASK_DEFAULT_PORTS, sorted(opened)
    assert {host for host, _ in opened} == {"127.0.0.1"}, sorted(opened)
    in_use = [str(w.message) for w in caught if "already in use" in str(w.message)]
    assert not in_use, in_use
