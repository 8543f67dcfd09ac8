"""`timeline bench extract [DIR]`: our extractor against dateparser's ``search_dates`` on the same texts.

Both run in one process on the texts of the ``.tml`` files under DIR, each given the
document's creation date. Speed is the best of ``--repeat`` passes of each, by wall clock and by
CPU time (the CPU figure is the steadier one on a busy machine); the passes alternate (ours,
theirs, ours, ...), so that a machine growing busier or quieter meanwhile slows both alike.
Peak memory is traced in a separate pass of each, since tracing slows the code it watches.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from timeline.compiled import describe
from timeline.evaluate.timeml import read_corpus

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO_ROOT.parent / "shared" / "corpora" / "tbaq-cleaned"


def corpus_texts(directory: Path | None) -> tuple[Path, list[tuple[str, str | None]]]:
    """The folder of .tml files to read (``directory``, else :data:`DEFAULT_CORPUS`) and its
    (text, document date) pairs; a missing or empty folder is a click error naming it."""
    folder = directory or DEFAULT_CORPUS
    if not folder.is_dir():
        raise click.ClickException(f"corpus directory not found: {folder} (give DIRECTORY)")
    texts = [(d.text, d.dct) for d in read_corpus(folder).documents.values()]
    if not texts:
        raise click.ClickException(f"no readable .tml file under {folder}")
    return folder, texts


def copies_option(default: int, help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The --copies option of the benchmarks that repeat the corpus texts under new ids."""
    return click.option("--copies", default=default, show_default=True, type=click.IntRange(min=1), help=help_text)


WARM_UP_TEXT = "The treaty was signed on May 13, 2021, and ratified in 1997."

Texts = Sequence[tuple[str, str | None]]  # (text, dct)
Run = Callable[[str, str | None], object]  # one system on one text


@dataclass(frozen=True, slots=True)
class Measurement:
    """One system's pass over the corpus."""

    name: str
    words: int
    seconds: float
    cpu_seconds: float
    peak_bytes: int

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else float("inf")

    @property
    def words_per_cpu_second(self) -> float:
        return self.words / self.cpu_seconds if self.cpu_seconds else float("inf")


@click.command(name="extract")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--repeat", type=click.IntRange(min=1), help="Runs of each system; the fastest counts.  [default: 3; 1 with --long]"
)
@click.option(
    "--long",
    "long_documents",
    is_flag=True,
    help="Instead: time single documents of 0.25 to 4 MB (time should grow linearly).",
)
def command(directory: Path | None, repeat: int | None, long_documents: bool) -> None:
    """Words per second and peak memory: timeline's extractor vs dateparser.search_dates.

    DIRECTORY holds .tml files (default: ../shared/corpora/tbaq-cleaned next to the repository).
    With --long, single long documents instead (see timeline/bench/long_documents.py); exit 1
    if 4 MB takes more than 20 times as long as 0.25 MB.
    """
    if long_documents:
        from timeline.bench.long_documents import run_long

        if not run_long(repeat or 1):
            click.get_current_context().exit(1)
        return
    repeat = repeat or 3
    directory = directory or DEFAULT_CORPUS
    if not directory.is_dir():
        raise click.ClickException(f"corpus directory not found: {directory} (give DIRECTORY)")
    corpus = read_corpus(directory)
    for problem in corpus.problems:
        click.echo(str(problem), err=True)
    if not corpus.documents:
        raise click.ClickException(f"no readable .tml file under {directory}")
    texts = [(document.text, document.dct) for document in corpus.documents.values()]
    words = sum(len(text.split()) for text, _ in texts)

    ours, theirs = _our_extractor(), _search_dates()
    ours(WARM_UP_TEXT, None)  # load rules and language data outside the timed runs
    theirs(WARM_UP_TEXT, None)
    measurements = _measure_alternately(
        {f"timeline extract (best of {repeat})": ours, f"dateparser search_dates (best of {repeat})": theirs},
        texts,
        words,
        repeat,
    )
    click.echo(f"corpus: {directory} ({len(texts)} files, {words:,} words)")
    click.echo(describe())
    click.echo(format_measurements(measurements))
    ratio = measurements[0].words_per_second / measurements[1].words_per_second
    cpu_ratio = measurements[0].words_per_cpu_second / measurements[1].words_per_cpu_second
    click.echo(f"speed ratio ours/search_dates: {ratio:.2f}x (CPU time: {cpu_ratio:.2f}x)")
    if corpus.problems:
        click.get_current_context().exit(1)


def format_measurements(measurements: Sequence[Measurement]) -> str:
    width = max(len(m.name) for m in measurements) + 2
    lines = [f"{'':<{width}}{'words':>10}{'seconds':>10}{'words/s':>12}{'CPU s':>8}{'words/CPU s':>13}{'peak MiB':>10}"]
    lines += [
        f"{m.name:<{width}}{m.words:>10,}{m.seconds:>10.3f}{m.words_per_second:>12,.0f}"
        f"{m.cpu_seconds:>8.3f}{m.words_per_cpu_second:>13,.0f}{m.peak_bytes / 2**20:>10.2f}"
        for m in measurements
    ]
    return "\n".join(lines)


def _our_extractor() -> Run:
    from timeline.evaluate.peer import LANGUAGES
    from timeline.extract import extract

    # told the language, as search_dates is (detecting it would be work the peer is spared)
    (language,) = LANGUAGES
    return lambda text, dct: extract(text, dct=dct, language=language)


def _search_dates() -> Run:
    from dateparser.search import search_dates

    from timeline.evaluate.peer import LANGUAGES, search_settings

    return lambda text, dct: search_dates(text, languages=LANGUAGES, settings=search_settings(dct))


def _measure_alternately(runs: dict[str, Run], texts: Texts, words: int, repeat: int) -> list[Measurement]:
    """Each system's best pass of ``repeat``, the passes of the systems taken in turn."""
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in runs}
    for _ in range(repeat):
        for name, run in runs.items():
            timings[name].append(_seconds(run, texts))
    return [
        Measurement(
            name,
            words,
            min(wall for wall, _ in timings[name]),
            min(cpu for _, cpu in timings[name]),
            _peak_bytes(run, texts),
        )
        for name, run in runs.items()
    ]


def _seconds(run: Run, texts: Texts) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds) of one pass."""
    start, cpu_start = time.perf_counter(), time.process_time()
    for text, dct in texts:
        run(text, dct)
    return time.perf_counter() - start, time.process_time() - cpu_start


def _peak_bytes(run: Run, texts: Texts) -> int:
    """Peak of memory allocated during one pass (results are dropped document by document)."""
    tracemalloc.start()
    try:
        _seconds(run, texts)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
