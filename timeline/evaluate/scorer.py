"""TempEval-3 Task A (timex) scoring: span matching, then type and value agreement.

As in the TempEval-3 scorer: the document creation time is given to the system and not
scored; gold and system timexes are paired one-to-one within a file; *strict* means the
same span, *relaxed* any overlap; type and value are compared as exact strings over the
relaxed pairs, and their F1 is that accuracy times relaxed F1. Files are micro-averaged:
their :class:`Counts` are summed before any ratio is taken.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol


class Annotation(Protocol):
    """What scoring reads of a timex: gold (GoldTimex) and system (Timex) both have it."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def value(self) -> str: ...


@dataclass(frozen=True, slots=True)
class Pair:
    """A gold timex and the system timex matched to it (their spans overlap)."""

    gold: Annotation
    system: Annotation

    @property
    def exact(self) -> bool:
        return (self.gold.start, self.gold.end) == (self.system.start, self.system.end)

    @property
    def same_type(self) -> bool:
        return str(self.gold.type) == str(self.system.type)

    @property
    def same_value(self) -> bool:
        return self.gold.value == self.system.value


@dataclass(frozen=True, slots=True)
class Counts:
    """The tallies every TempEval-3 timex figure is computed from; add them to micro-average."""

    gold: int = 0
    system: int = 0
    strict: int = 0  # pairs with the same span
    relaxed: int = 0  # all pairs (overlapping spans)
    type_correct: int = 0  # relaxed pairs with the same type
    value_correct: int = 0  # relaxed pairs with the same value

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.gold + other.gold,
            self.system + other.system,
            self.strict + other.strict,
            self.relaxed + other.relaxed,
            self.type_correct + other.type_correct,
            self.value_correct + other.value_correct,
        )

    @property
    def scores(self) -> Scores:
        strict = PrecisionRecall.of(self.strict, self.system, self.gold)
        relaxed = PrecisionRecall.of(self.relaxed, self.system, self.gold)
        type_accuracy = _ratio(self.type_correct, self.relaxed)
        value_accuracy = _ratio(self.value_correct, self.relaxed)
        return Scores(
            strict=strict,
            relaxed=relaxed,
            type_accuracy=type_accuracy,
            type_f1=type_accuracy * relaxed.f1,
            value_accuracy=value_accuracy,
            value_f1=value_accuracy * relaxed.f1,
        )


@dataclass(frozen=True, slots=True)
class PrecisionRecall:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, matched: int, system: int, gold: int) -> PrecisionRecall:
        precision, recall = _ratio(matched, system), _ratio(matched, gold)
        return cls(precision, recall, _ratio(2 * precision * recall, precision + recall))


@dataclass(frozen=True, slots=True)
class Scores:
    """TempEval-3 Task A figures, all as fractions in [0, 1]."""

    strict: PrecisionRecall
    relaxed: PrecisionRecall
    type_accuracy: float
    type_f1: float
    value_accuracy: float
    value_f1: float


class ErrorKind(StrEnum):
    FALSE_POSITIVE = "FP"  # system timex overlapping no gold one
    FALSE_NEGATIVE = "FN"  # gold timex no system timex overlaps
    SPAN = "span"  # paired, but the spans differ
    TYPE = "type"  # paired, different type
    VALUE = "value"  # paired, different value


@dataclass(frozen=True, slots=True)
class Discrepancy:
    """One thing the system got wrong; a pair with several faults gives one error each."""

    kind: ErrorKind
    gold: Annotation | None
    system: Annotation | None

    @property
    def start(self) -> int:
        return min(a.start for a in (self.gold, self.system) if a is not None)

    @property
    def end(self) -> int:
        return max(a.end for a in (self.gold, self.system) if a is not None)


@dataclass(frozen=True, slots=True)
class FileMatch:
    """The one-to-one pairing of one file's gold and system timexes."""

    pairs: tuple[Pair, ...]
    missed: tuple[Annotation, ...]  # gold left unpaired
    spurious: tuple[Annotation, ...]  # system left unpaired

    @property
    def counts(self) -> Counts:
        return Counts(
            gold=len(self.pairs) + len(self.missed),
            system=len(self.pairs) + len(self.spurious),
            strict=sum(p.exact for p in self.pairs),
            relaxed=len(self.pairs),
            type_correct=sum(p.same_type for p in self.pairs),
            value_correct=sum(p.same_value for p in self.pairs),
        )

    @property
    def errors(self) -> list[Discrepancy]:
        """Every false positive, false negative and span/type/value mismatch, in text order."""
        errors = [Discrepancy(ErrorKind.FALSE_NEGATIVE, gold, None) for gold in self.missed]
        errors += [Discrepancy(ErrorKind.FALSE_POSITIVE, None, system) for system in self.spurious]
        for pair in self.pairs:
            for kind, right in (
                (ErrorKind.SPAN, pair.exact),
                (ErrorKind.TYPE, pair.same_type),
                (ErrorKind.VALUE, pair.same_value),
            ):
                if not right:
                    errors.append(Discrepancy(kind, pair.gold, pair.system))
        return sorted(errors, key=lambda e: (e.start, e.end, list(ErrorKind).index(e.kind)))


def match(gold: Sequence[Annotation], system: Sequence[Annotation]) -> FileMatch:
    """Pair each gold timex with at most one system timex: same span first, then largest overlap."""
    free_gold = list(range(len(gold)))
    free_system = list(range(len(system)))
    pairs: list[tuple[int, int]] = []

    by_span: dict[tuple[int, int], list[int]] = {}
    for s in free_system:
        by_span.setdefault((system[s].start, system[s].end), []).append(s)
    for g in list(free_gold):
        same_span = by_span.get((gold[g].start, gold[g].end))
        if same_span:
            s = same_span.pop(0)
            pairs.append((g, s))
            free_gold.remove(g)
            free_system.remove(s)

    overlaps = sorted(
        (-_overlap(gold[g], system[s]), gold[g].start, system[s].start, g, s)
        for g in free_gold
        for s in free_system
        if _overlap(gold[g], system[s]) > 0
    )
    taken_gold: set[int] = set()
    taken_system: set[int] = set()
    for _, _, _, g, s in overlaps:
        if g not in taken_gold and s not in taken_system:
            pairs.append((g, s))
            taken_gold.add(g)
            taken_system.add(s)

    pairs.sort(key=lambda pair: (gold[pair[0]].start, gold[pair[0]].end))
    return FileMatch(
        pairs=tuple(Pair(gold[g], system[s]) for g, s in pairs),
        missed=tuple(gold[g] for g in free_gold if g not in taken_gold),
        spurious=tuple(system[s] for s in free_system if s not in taken_system),
    )


def total(matches: Iterable[FileMatch]) -> Counts:
    """Micro-average: the sum of the files' counts."""
    return sum((m.counts for m in matches), Counts())


def _overlap(a: Annotation, b: Annotation) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0
