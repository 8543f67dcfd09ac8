"""`timeline evaluate DIR`: score the extractor on TimeML gold files, TempEval-3 Task A style.

The output is stable (no progress, files in path order) and ends with ``value F1: NN.NN``.
Unreadable files and documents a system fails on are reported on stderr, one line each;
the rest is still scored and the exit code is 1.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from timeline.evaluate.scorer import Counts, Discrepancy, FileMatch, match, total
from timeline.evaluate.timeml import Corpus, read_corpus

if TYPE_CHECKING:  # the extractor is imported when the command runs, not with the CLI
    from timeline.extract.model import Timex

    System = Callable[[str, str | None, str | None], Sequence[Timex]]  # (text, dct, language) -> timexes

CONTEXT_CHARS = 60
ERRORS_HEADER = (
    "file",
    "kind",
    "start",
    "end",
    "gold_text",
    "system_text",
    "gold_type",
    "system_type",
    "gold_value",
    "system_value",
    "left_context",
    "right_context",
)
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class SystemRun:
    """One system's pairing with the gold, file by file, and whether it failed on any file."""

    name: str
    matches: dict[str, FileMatch]
    failed: bool

    @property
    def counts(self) -> Counts:
        return total(self.matches.values())


@click.command(name="evaluate")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--no-dct", is_flag=True, help="Withhold the document dates (narrative mode).")
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write every error of ours (FP, FN, span, type, value) to this TSV file.",
)
@click.option("--peer", type=click.Choice(["dateparser"]), help="Also score a peer system, side by side.")
@click.option(
    "--language",
    help="Language of every document (en, es, fr); detected per document when not given.",
)
def command(directory: Path, no_dct: bool, errors_path: Path | None, peer: str | None, language: str | None) -> None:
    """Score timex extraction on the TimeML (*.tml) files under DIRECTORY (TempEval-3 Task A)."""
    corpus = read_corpus(directory)
    for problem in corpus.problems:
        click.echo(str(problem), err=True)
    if not corpus.documents:
        raise click.ClickException(f"no readable .tml file under {directory}")

    systems: list[tuple[str, System]] = [("timeline", _ours)]
    if peer == "dateparser":
        systems.append(("dateparser", _dateparser))
    runs = [_run(name, system, corpus, directory, use_dct=not no_dct, language=language) for name, system in systems]

    dct_note = "document dates withheld (--no-dct)" if no_dct else "document dates given"
    gold = runs[0].counts.gold
    click.echo(f"TempEval-3 Task A (timex): {len(corpus.documents)} files, {gold} gold timexes, {dct_note}")
    click.echo(format_table(runs))
    failed = bool(corpus.problems) or any(run.failed for run in runs)
    if errors_path is not None:
        try:
            write_errors(errors_path, corpus, runs[0].matches)
            click.echo(f"errors of {runs[0].name}: {errors_path}")
        except OSError as error:
            click.echo(f"{errors_path}: cannot write the errors file: {error.strerror or error}", err=True)
            failed = True
    click.echo(f"value F1: {100 * runs[0].counts.scores.value_f1:.2f}")
    if failed:
        click.get_current_context().exit(1)


def _ours(text: str, dct: str | None, language: str | None) -> Sequence[Timex]:
    from timeline.extract import extract

    return extract(text, dct=dct, language=language).timexes


def _dateparser(text: str, dct: str | None, language: str | None) -> Sequence[Timex]:
    from timeline.evaluate.peer import dateparser_timexes  # imports dateparser: only when asked
    from timeline.extract.detect import detect_language

    return dateparser_timexes(text, dct, language or detect_language(text))  # the language we read it in


def _run(
    name: str, system: System, corpus: Corpus, directory: Path, *, use_dct: bool, language: str | None
) -> SystemRun:
    matches: dict[str, FileMatch] = {}
    failed = False
    for file_name, document in corpus.documents.items():
        try:
            found = system(document.text, document.dct if use_dct else None, language)
        except Exception as error:  # noqa: BLE001 - one bad document must not stop the evaluation
            click.echo(f"{directory / file_name}: {name} failed: {type(error).__name__}: {error}", err=True)
            failed, found = True, []
        matches[file_name] = match(document.gold, found)
    return SystemRun(name, matches, failed)


def format_table(runs: Sequence[SystemRun]) -> str:
    """Counts and scores, one column per system; scores in percent."""
    counts = [run.counts for run in runs]
    scores = [c.scores for c in counts]
    rows: list[tuple[str, list[str]]] = [
        ("system timexes", [str(c.system) for c in counts]),
        ("strict matches", [str(c.strict) for c in counts]),
        ("relaxed matches", [str(c.relaxed) for c in counts]),
        ("type correct", [str(c.type_correct) for c in counts]),
        ("value correct", [str(c.value_correct) for c in counts]),
    ]
    percentages: list[tuple[str, list[float]]] = [
        ("strict P", [s.strict.precision for s in scores]),
        ("strict R", [s.strict.recall for s in scores]),
        ("strict F1", [s.strict.f1 for s in scores]),
        ("relaxed P", [s.relaxed.precision for s in scores]),
        ("relaxed R", [s.relaxed.recall for s in scores]),
        ("relaxed F1", [s.relaxed.f1 for s in scores]),
        ("type accuracy", [s.type_accuracy for s in scores]),
        ("type F1", [s.type_f1 for s in scores]),
        ("value accuracy", [s.value_accuracy for s in scores]),
        ("value F1", [s.value_f1 for s in scores]),
    ]
    rows += [(label, [f"{100 * v:.2f}" for v in values]) for label, values in percentages]
    lines = [f"{'':<16}" + "".join(f"{run.name:>12}" for run in runs)]
    lines += [f"{label:<16}" + "".join(f"{cell:>12}" for cell in cells) for label, cells in rows]
    return "\n".join(lines)


def write_errors(path: Path, corpus: Corpus, matches: dict[str, FileMatch]) -> None:
    """One tab-separated line per error, with a header; whitespace in fields collapsed to spaces."""
    lines = ["\t".join(ERRORS_HEADER)]
    for file_name, file_match in matches.items():
        text = corpus.documents[file_name].text
        lines += ["\t".join(_error_fields(file_name, error, text)) for error in file_match.errors]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _error_fields(file_name: str, error: Discrepancy, text: str) -> list[str]:
    gold, system = error.gold, error.system
    start, end = error.start, error.end
    fields = [
        file_name,
        str(error.kind),
        str(start),
        str(end),
        gold.text if gold else "-",
        system.text if system else "-",
        str(gold.type) if gold else "-",
        str(system.type) if system else "-",
        gold.value if gold else "-",
        system.value if system else "-",
        text[max(0, start - CONTEXT_CHARS) : start],
        text[end : end + CONTEXT_CHARS],
    ]
    return [_WHITESPACE.sub(" ", field) for field in fields]
