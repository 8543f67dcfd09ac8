"""What a text has talked about so far, which relative expressions are read against.

The resolver reads a document's expressions in order and remembers, for the ones after: the
date last mentioned ("the day before"), the last one of each grain ("In the quarter, sales
fell": the quarter reported), and the last day or time of a day (a lone "at 10 p.m."). A
mention the story only looks to and leaves ("the largest battle since 1813", in a history of
1919-1921 "documents found in 2004", "the previous year") is no new focus.
"""

from __future__ import annotations

from timeline.extract.calendar import CalendarValue
from timeline.extract.context import TextContext
from timeline.extract.matching import Candidate
from timeline.extract.meaning import DateMeaning, Meaning, RelativeMeaning
from timeline.extract.model import AnchorKind, Grain
from timeline.extract.record import record
from timeline.extract.resources import HOLD_GIL

# keep_grain -> the grains of the period in focus a year shift keeps (see Focus.period_for)
FOCUS_GRAINS = {
    "context": (Grain.QUARTER, Grain.HALF),
    "always": (Grain.QUARTER, Grain.HALF),
    "period": (Grain.QUARTER, Grain.HALF, Grain.MONTH),
    "month": (Grain.MONTH,),
}
DAY_OR_FINER = frozenset({Grain.DAY, Grain.PART_OF_DAY, Grain.HOUR, Grain.MINUTE, Grain.SECOND})


@record
class Reference:
    """A date to resolve against, and what it is."""

    value: CalendarValue
    kind: AnchorKind
    description: str  # "the document date", "the date of the quote", "the last date mentioned"
    timeml: str = ""  # the value's TimeML, written once (it is read for every expression resolved)

    def __post_init__(self) -> None:
        if not self.timeml:
            object.__setattr__(self, "timeml", self.value.timeml())

    def describe(self) -> str:
        return f"{self.description}, {self.timeml}"


class Focus:
    """The mentions of one document so far; ``narrative``: it has no document date."""

    def __init__(self, context: TextContext, candidates: list[Candidate], narrative: bool) -> None:
        self.context = context
        self.narrative = narrative
        self.last: Reference | None = None
        self.of_grain: dict[Grain, Reference] = {}  # "the quarter": the quarter last talked about
        self.day: Reference | None = None  # the day (or time of a day) last talked about
        self._last_at = 0  # where the date last mentioned is written
        self._said_at: dict[Grain, int] = {}  # where the last of each grain is written
        self.story_years = story_years(candidates) if narrative else None
        self.in_span = False  # "For the nine months, ...": the year in focus, not its quarter

    def remember(self, candidate: Candidate, value: CalendarValue) -> None:
        """Take ``value`` (what ``candidate`` resolved to) as the focus, unless it is an aside or a
        comparison with the period in focus ("a year earlier", "the year-ago quarter")."""
        if value.year is None or (self.last is not None and self._is_aside(candidate, value.year)):
            return
        if is_comparison(candidate.meaning) and self.last is not None:
            return  # "up from $4 million a year earlier": the next "year-earlier" compares with the same period
        self.last = Reference(value, AnchorKind.MENTION, "the date last mentioned")
        self._last_at = candidate.start
        self.in_span = False
        if value.grain in DAY_OR_FINER:
            self.day = self.last
        if not is_comparison(candidate.meaning):
            description = f"the {value.grain.value} last mentioned"
            self.of_grain[value.grain] = Reference(value, AnchorKind.MENTION, description, self.last.timeml)
            self._said_at[value.grain] = candidate.start

    def enter_span(self, year: int) -> None:
        """ "For the nine months, net rose ... from a year earlier": results over months of
        ``year``, compared with the year before, not with the quarter talked about before."""
        self.last = Reference(CalendarValue(year=year), AnchorKind.MENTION, "the year of the months last reported")
        self.in_span = True

    def period_for(self, meaning: RelativeMeaning, reference: Reference) -> CalendarValue | None:
        """The period last talked about whose grain a year shift keeps: "a year ago" right after a
        quarter of the reference's year ("context"), "the year-ago quarter" (the quarter in focus),
        "the same month a year ago", "the same period last year" (a quarter, half or month), "the
        1988 quarter" (the quarter in focus, in 1988)."""
        if (
            meaning.unit != "year"
            or not (meaning.amount or meaning.in_year)
            or self.last is None
            or not meaning.keep_grain
            or self.in_span
        ):
            return None
        grains = FOCUS_GRAINS.get(meaning.keep_grain, FOCUS_GRAINS["context"])
        focus = self.last
        if focus.value.grain not in grains and meaning.keep_grain != "context":
            focus = next((self.of_grain[g] for g in grains if g in self.of_grain), focus)
        elif focus.value.grain in DAY_OR_FINER:  # "the quarter ended Sept. 30 ... a year earlier": that quarter
            focus = next((self.of_grain[g] for g in grains if self._told_with_last(g)), focus)
        last = focus.value
        if last.grain not in grains or last.year is None:
            return None
        if meaning.keep_grain != "context" or last.year == reference.value.year:
            return last
        return None

    def _told_with_last(self, grain: Grain) -> bool:
        """Whether the last ``grain`` talked about was told in the sentence of the date last mentioned."""
        at = self._said_at.get(grain)
        return at is not None and self.context.sentence_at(at) == self.context.sentence_at(self._last_at)

    def _is_aside(self, candidate: Candidate, year: int) -> bool:
        """ "the largest battle since 1813", "(1790)", or in a history of 1919-1921 "documents
        found in 2004", in a narrative "a planned campaign in 1976" (a later year, in a clause pointing
        ahead): a date the story looks to and leaves, after which "on 29 August" still means the
        year being told."""
        if self.story_years is not None and not self.story_years[0] <= year <= self.story_years[1]:
            return True
        meaning = candidate.meaning
        if self.narrative and isinstance(meaning, RelativeMeaning) and (meaning.amount or 0) < 0:
            return True  # "their successes of the previous year": a look back
        last_year = self.last.value.year if self.last is not None else None
        if (
            self.narrative
            and last_year is not None
            and year > last_year
            and self.context.tense(candidate.start, candidate.end, deadline=False) > 0  # "By early 1941": reached
        ):
            return True  # "exposed for a planned campaign in 1976": a look ahead
        aside = self.context.rules.aside_before
        return (
            aside is not None
            and aside.search(self.context.text, max(0, candidate.start - 12), candidate.start, HOLD_GIL) is not None
        )


def story_years(candidates: list[Candidate]) -> tuple[int, int] | None:
    """The years a narrative tells of: its written years' middle half, widened by twice that
    (at least a decade) each way; None when it writes too few years to tell."""
    years = sorted(
        candidate.meaning.value.year
        for candidate in candidates
        if isinstance(candidate.meaning, DateMeaning)
        and candidate.meaning.absolute
        and candidate.meaning.value.year is not None
    )
    if len(years) < 5:
        return None
    low, high = years[len(years) // 4], years[(3 * len(years)) // 4]
    margin = max(10, 2 * (high - low))
    return low - margin, high + margin


def is_comparison(meaning: Meaning) -> bool:
    """ "a year ago", "the year-earlier quarter": a period compared with the one in focus, which
    stays the focus ("In the quarter, sales fell" means the quarter reported, not the one before)."""
    return isinstance(meaning, RelativeMeaning) and meaning.keep_grain is not None
