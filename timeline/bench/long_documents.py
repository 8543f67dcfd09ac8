"""`timeline bench extract --long`: how extraction time grows with the length of one document.

Single documents of 0.25, 0.5, 1, 2 and 4 MB are extracted, each in a process of its own forked
once the rules are loaded, so that its peak resident memory (ru_maxrss, less that of a process
that extracted one sentence) is the document's own; tracing allocations would take far longer
than the extraction. Two kinds of text: the World War II sample repeated (prose with a date
every few sentences), and one line without a full stop, dense with dates (the worst case for
sentences, which are cut at 1,000 characters). Time that grows linearly makes the 4 MB
document 16 times as slow as the 0.25 MB one; the project's bar is 20 times.
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

import click

from timeline.extract import extract

SIZES_MB = (0.25, 0.5, 1.0, 2.0, 4.0)
LINEAR_LIMIT = 20.0  # 4 MB may take at most this many times as long as 0.25 MB
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "wikiwars-world-war-ii.txt"
DENSE_LINE = "On 3 March 2001 something happened and "


@dataclass(frozen=True, slots=True)
class LongRun:
    """One document's extraction."""

    characters: int
    timexes: int
    seconds: float
    cpu_seconds: float
    peak_bytes: int


def document_of(unit: str, characters: int) -> str:
    """``unit`` repeated to ``characters`` characters, cut at the last white space before that."""
    text = unit * (characters // len(unit) + 1)
    cut = text.rfind(" ", 0, characters)
    return text[: cut if cut > 0 else characters]


def measure(unit: str, characters: int, repeat: int) -> LongRun:
    """Extract ``unit`` repeated to ``characters`` (best of ``repeat``); run in a child process."""
    text = document_of(unit, characters)
    timings = []
    found = 0
    for _ in range(repeat):
        start, cpu_start = time.perf_counter(), time.process_time()
        found = len(extract(text).timexes)
        timings.append((time.perf_counter() - start, time.process_time() - cpu_start))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # KiB on Linux
    return LongRun(len(text), found, min(t[0] for t in timings), min(t[1] for t in timings), peak)


def _in_child(unit: str, characters: int, repeat: int) -> LongRun:
    """``measure`` in a fresh process (forked: the rules are loaded already)."""
    fork = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=1, mp_context=fork) as pool:
        return pool.submit(measure, unit, characters, repeat).result()


def format_runs(title: str, sizes: Sequence[float], runs: Sequence[LongRun]) -> str:
    """One row per size; peak MiB is the resident memory the document added to the process."""
    lines = [
        title,
        f"{'MB':>6}{'characters':>12}{'timexes':>9}{'seconds':>9}{'CPU s':>8}{'MB/CPU s':>10}{'peak MiB':>10}{'x first':>10}",
    ]
    first = runs[0].cpu_seconds or float("inf")
    for size, run in zip(sizes, runs, strict=True):
        lines.append(
            f"{size:>6.2f}{run.characters:>12,}{run.timexes:>9,}{run.seconds:>9.2f}{run.cpu_seconds:>8.2f}"
            f"{run.characters / 1e6 / (run.cpu_seconds or float('inf')):>10.2f}{run.peak_bytes / 2**20:>10.1f}"
            f"{run.cpu_seconds / first:>9.1f}x"
        )
    return "\n".join(lines)


def run_long(repeat: int, sizes: Sequence[float] = SIZES_MB) -> bool:
    """Print both series; True when, in each, the largest document's CPU time is within
    :data:`LINEAR_LIMIT` times the smallest's."""
    series = {
        f"{SAMPLE.name} repeated": SAMPLE.read_text(encoding="utf-8"),
        f"one line without a full stop: {DENSE_LINE.strip()!r} repeated": DENSE_LINE,
    }
    extract(DENSE_LINE)  # load the rules outside the timed runs, before the children are forked
    baseline = _in_child(DENSE_LINE, len(DENSE_LINE), 1).peak_bytes
    within = True
    for title, unit in series.items():
        runs = [_in_child(unit, int(size * 1_000_000), repeat) for size in sizes]
        runs = [replace(run, peak_bytes=max(0, run.peak_bytes - baseline)) for run in runs]
        click.echo(format_runs(title, sizes, runs))
        growth = runs[-1].cpu_seconds / (runs[0].cpu_seconds or float("inf"))
        verdict = "within" if growth <= LINEAR_LIMIT else "OVER"
        linear = sizes[-1] / sizes[0]
        click.echo(
            f"{sizes[-1]:g} MB / {sizes[0]:g} MB: {growth:.1f}x CPU time "
            f"(linear: {linear:g}x; {verdict} the {LINEAR_LIMIT:.0f}x limit)\n"
        )
        within = within and growth <= LINEAR_LIMIT
    return within
