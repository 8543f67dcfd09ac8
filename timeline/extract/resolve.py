"""Resolution: underspecified meanings -> TimeML values, against the right reference.

News documents (a document date is known) resolve deictic expressions ("yesterday", "last
year", "on Friday") against the document date, or against the day a quotation was said on
when the expression is quoted and the attribution dates it ("..., Pashinyan said Friday").
Anaphoric expressions ("the day before", "two days later") count from the date last talked
about. Narrative documents (no document date) resolve everything against the date last talked
about. Year-less dates take their year from the reference, moved a year by the tense of their
sentence where the month says so, as HeidelTime does.
"""

from __future__ import annotations

import calendar
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta

from timeline.extract.calendar import CalendarValue, add_months, days_in_month, from_date, holiday_date, inside, shift
from timeline.extract.context import TextContext
from timeline.extract.focus import Focus, Reference
from timeline.extract.matching import Candidate
from timeline.extract.meaning import (
    DateMeaning,
    DurationMeaning,
    Meaning,
    RefMeaning,
    RelativeMeaning,
    SetMeaning,
    type_of,
)
from timeline.extract.model import Anchor, AnchorKind, Grain, Interval, Timex, TimexType
from timeline.extract.record import record

UNIT_GRAINS = {
    "day": Grain.DAY,
    "week": Grain.WEEK,
    "month": Grain.MONTH,
    "quarter": Grain.QUARTER,
    "half": Grain.HALF,
    "season": Grain.SEASON,
    "year": Grain.YEAR,
    "decade": Grain.DECADE,
    "century": Grain.CENTURY,
    "hour": Grain.DAY,
    "minute": Grain.DAY,
    "second": Grain.DAY,
    "fortnight": Grain.WEEK,
}
SECONDS_IN = {"hour": 3600, "minute": 60, "second": 1}
MAIN_CLAUSE_REACH = 160  # characters after a sentence-opening expression its main clause's verb is looked for in
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@record
class Resolved:
    value: CalendarValue | None  # None: not a calendar position (duration, set, *_REF)
    timeml: str
    anchor: Anchor
    mod: str | None = None
    interval: Interval | None = None


YEAR_OR_COARSER = frozenset({Grain.YEAR, Grain.DECADE, Grain.CENTURY, Grain.MILLENNIUM})
DURATION_SECOND_CHARACTERS = frozenset("0123456789XT")  # what follows the P of a duration value (P6M, PT2H, PXY)


class Resolver:
    """Resolves the candidates of one document, in text order, keeping narrative state."""

    def __init__(self, context: TextContext, document_date: date | None, candidates: list[Candidate]) -> None:
        self.context = context
        self.candidates = candidates
        self._starts = [candidate.start for candidate in candidates]  # in text order, for bisection
        self.document = (
            Reference(from_date(document_date), AnchorKind.DOCUMENT_DATE, "the document date")
            if document_date
            else None
        )
        self.focus = Focus(context, candidates, narrative=self.document is None)
        self._quote_dates: dict[int, Reference] | None = None  # found on first need
        # "04/07/2019" is read day first where the document writes another date so (23/11/1998)
        self.day_first = any(candidate.rule.startswith("numeric_day_first") for candidate in candidates)

    # -- references --------------------------------------------------------------------
    def _deictic(self, offset: int) -> Reference | None:
        if self.document is not None:
            quote = self.context.quote_at(offset)
            if quote is not None:
                said_on = self.quote_dates.get(quote.start)
                if said_on is not None:
                    return said_on
        return self.document or self.focus.last

    def _anaphoric(self, offset: int, unit: str = "") -> Reference | None:
        """The date last talked about; for a count of days ("that same day", "four days later") past
        a mere year ("convicted on Oct. 5, 1999, for a robbery in 1996. That same day ..."), the day."""
        last = self.focus.last
        if unit == "day" and last is not None and last.value.grain in YEAR_OR_COARSER and self.focus.day is not None:
            return self.focus.day
        return self.focus.last or self._deictic(offset)

    def _relative_reference(self, meaning: RelativeMeaning, offset: int) -> Reference | None:
        if meaning.anchor == "document":
            return self._deictic(offset)
        if meaning.anchor == "year_in_focus":  # "for the entire year", after "the fourth quarter of 2005"
            period = self.focus.last
            if period is not None and period.value.grain in (Grain.QUARTER, Grain.HALF) and period.value.year:
                what = f"the year of the {period.value.grain.value} last mentioned"
                return Reference(CalendarValue(year=period.value.year), AnchorKind.MENTION, what)
            return self._deictic(offset)
        if meaning.anchor == "mention_of_unit":
            same_grain = self.focus.of_grain.get(UNIT_GRAINS.get(meaning.unit, Grain.DAY))
            if same_grain is not None:
                return same_grain
        return self._anaphoric(offset, meaning.unit)

    def _tense(self, candidate: Candidate) -> int:
        """The tense of ``candidate``'s clause: -1 past, +1 future, 0 unknown. An expression opening
        its sentence ("On Friday, the government planned to pay ...") takes the tense of the clause
        after it, where the language tells how to find it (``[opening]``)."""
        rules = self.context.rules
        if rules.opening_before is not None:
            lo, hi = self.context.sentence_at(candidate.start)
            if rules.opening_before.fullmatch(self.context.text, lo, candidate.start) is not None:
                opened = self._main_clause_tense(candidate.end, hi)
                if opened:
                    return opened
        return self.context.tense(candidate.start, candidate.end)

    def _main_clause_tense(self, start: int, end: int) -> int:
        """The tense of the first verb after ``start`` (within MAIN_CLAUSE_REACH characters, before
        ``end``) that says one: a verb of ``[opening] past`` first ("said it will sign": past), else [tense]."""
        rules = self.context.rules
        end = min(end, start + MAIN_CLAUSE_REACH)
        marker = rules.tense_marker.search(self.context.text, start, end)
        said = rules.opening_past.search(self.context.text, start, end) if rules.opening_past else None
        if said is not None and (marker is None or said.start() <= marker.start()):
            return -1
        if marker is None:
            return 0
        return 1 if marker.lastgroup == "future" else -1

    # -- quotations --------------------------------------------------------------------
    @property
    def quote_dates(self) -> dict[int, Reference]:
        """Quotation start -> the day it was said on (worked out when a quoted expression
        first needs it: most documents have no quoted "yesterday")."""
        if self._quote_dates is None:
            self._quote_dates = self._date_quotes()
        return self._quote_dates

    def _date_quotes(self) -> dict[int, Reference]:
        """Find the day each quotation was said on, from a date in its attribution, or from
        an earlier quotation of the same speaker."""
        dates: dict[int, Reference] = {}
        candidates, starts = self.candidates, self._starts
        if self.document is None or not candidates:
            return dates
        speakers: list[tuple[set[str], Reference]] = []
        for quote in self.context.quotes:
            after = candidates[bisect_right(starts, quote.end) : bisect_left(starts, quote.attribution_end)]
            before = candidates[bisect_left(starts, quote.attribution_start) : bisect_left(starts, quote.start)]
            said_on = self._attribution_date(after + before[::-1])  # "..., he said Friday." first
            names = _names(self.context.text[quote.end + 1 : quote.attribution_end], self.context.rules.not_speakers)
            if said_on is None:
                said_on = next((ref for known, ref in speakers if names & known), None)
            if said_on is not None:
                dates[quote.start] = said_on
                if names:
                    speakers.append((names, said_on))
        return dates

    def _attribution_date(self, attribution: list[Candidate]) -> Reference | None:
        assert self.document is not None
        for candidate in attribution:
            if not isinstance(candidate.meaning, DateMeaning):
                continue
            resolved = _on_holiday(
                candidate.meaning, self._resolve_date(candidate, candidate.meaning, self.document, self.document)
            )
            value = resolved.value
            if value is not None and value.grain is Grain.DAY:
                return Reference(value, AnchorKind.QUOTE, "the day of the quotation")
        return None

    # -- main pass ---------------------------------------------------------------------
    def resolve(self, candidate: Candidate) -> Resolved:
        """The value of ``candidate``; one that falls outside what the calendar can count or
        TimeML can write stays unresolved, with the reason, and never stops the document."""
        try:
            resolved = self._resolve(candidate)
        except (OverflowError, ValueError) as error:
            resolved = _beyond_calendar(
                candidate.meaning, f"cannot be counted on the calendar of the years 1-9999 ({error})"
            )
        value = resolved.value
        if value is not None and value.impossible_day:  # "February 29" given a year with no leap day
            note = f"{resolved.anchor.explanation}: {value.year} has no {value.day} {calendar.month_name[value.month or 1]}"
            resolved = Resolved(
                None, replace(value, year=None).timeml(), Anchor(AnchorKind.NONE, None, note), resolved.mod
            )
        elif value is not None and not value.writable:
            resolved = _beyond_calendar(candidate.meaning, f"{resolved.anchor.explanation}: past the year 9999")
        elif value is not None:
            self.focus.remember(candidate, value)
        return resolved

    def _resolve(self, candidate: Candidate) -> Resolved:
        meaning = candidate.meaning
        if isinstance(meaning, DateMeaning) and meaning.swappable:
            return self._either_way(candidate, meaning)
        resolved = self._resolve_meaning(candidate, meaning)
        if isinstance(meaning, DateMeaning) and meaning.days_after:
            resolved = _days_from(resolved, meaning.days_after)
        if isinstance(meaning, DateMeaning) and meaning.units_after is not None:
            resolved = _units_from(resolved, *meaning.units_after)
        if isinstance(meaning, DateMeaning) and meaning.weekday_beside is not None:
            resolved = _weekday_beside(resolved, *meaning.weekday_beside)
        if isinstance(meaning, DateMeaning | RelativeMeaning) and (meaning.week_of or meaning.weekend_of):
            return _week_holding(resolved, weekend=meaning.weekend_of)
        return resolved

    def _either_way(self, candidate: Candidate, meaning: DateMeaning) -> Resolved:
        """A numeric date that reads as month/day or day/month: the document's habit decides,
        else month first as US news writes it; the explanation says which was chosen. A weekday
        written beside it ("Tues 4/5/2021") settles it where only one reading falls on that day."""
        value = meaning.value
        swapped = replace(meaning, value=replace(value, month=value.day, day=value.month))
        if meaning.stated_weekday is not None:
            readings = [self._resolve_meaning(candidate, reading) for reading in (meaning, swapped)]
            matching = [
                (resolved, order)
                for resolved, order in zip(readings, ("month first", "day first"), strict=True)
                if (day := _day_of(resolved)) is not None and day.isoweekday() == meaning.stated_weekday
            ]
            if len(matching) == 1:
                resolved, order = matching[0]
                name = WEEKDAY_NAMES[meaning.stated_weekday - 1]
                note = f"read {order}: only so is it a {name}"
                anchor = replace(resolved.anchor, explanation=f"{resolved.anchor.explanation}; {note}".lstrip("; "))
                return replace(resolved, anchor=anchor)
        if self.day_first:
            meaning = swapped
            note = "read day first, as this document's other numeric dates"
        else:
            note = "read month first, as US news writes it (it could be day first)"
        resolved = self._resolve_meaning(candidate, meaning)
        anchor = replace(resolved.anchor, explanation=f"{resolved.anchor.explanation}; {note}".lstrip("; "))
        return replace(resolved, anchor=anchor)

    def _resolve_meaning(self, candidate: Candidate, meaning: Meaning) -> Resolved:
        offset = candidate.start
        if isinstance(meaning, DateMeaning) and meaning.two_digit_year:
            return self._in_nearest_century(candidate, meaning)
        if isinstance(meaning, DateMeaning) and meaning.absolute:
            resolved = _on_holiday(meaning, _absolute(meaning.value, meaning.mod))
        elif isinstance(meaning, DateMeaning):
            deictic = self._deictic(offset)
            resolved = _on_holiday(meaning, self._resolve_date(candidate, meaning, deictic, self.focus.last or deictic))
        elif isinstance(meaning, RelativeMeaning):
            reference = self._relative_reference(meaning, offset)
            resolved = self._resolve_relative(meaning, reference, candidate)
        elif isinstance(meaning, DurationMeaning):
            resolved = self._resolve_duration(meaning, self._deictic(offset) if meaning.anchored else None)
            in_focus = self.focus.last or self.document
            reporting = Grain.QUARTER in self.focus.of_grain  # a quarter reported: results, not a story
            if meaning.reported_span and reporting and in_focus is not None and in_focus.value.year is not None:
                self.focus.enter_span(in_focus.value.year)
        elif isinstance(meaning, SetMeaning):
            resolved = Resolved(None, meaning.value, Anchor(AnchorKind.NONE))
        else:
            resolved = Resolved(None, meaning.value, Anchor(AnchorKind.NONE))
        return resolved

    def _resolve_date(
        self,
        candidate: Candidate,
        meaning: DateMeaning,
        deictic: Reference | None,
        anaphoric: Reference | None,
    ) -> Resolved:
        value = meaning.value
        if meaning.absolute:
            return _absolute(value, meaning.mod)
        closing = self._range_end(candidate) if value.year is None else None
        opened = _opening_of_range(value, closing) if closing is not None else None
        if closing is not None and opened is not None:
            end = Reference(closing, AnchorKind.MENTION, "the end of its range")
            what = "year" if value.month is not None else "month"
            return _relative(opened, end, f"the {what} of {end.describe()}", meaning.mod)
        if (
            value.part_of_day is not None
            and value.hour is None
            and value.day is None
            and meaning.weekday is None
            and meaning.day_offset is None
            and meaning.holiday is None
        ):
            return _unresolved(meaning)  # "at night": no particular night
        narrative = self.document is None
        reference = anaphoric if narrative else deictic
        if (
            meaning.from_mention
            and (meaning.weekday, meaning.day_offset) != (None, None)
            and self.focus.day is not None
        ):
            reference = self.focus.day  # "down from the previous Friday": the Friday before the day told
        if reference is None:
            return _unresolved(meaning)
        ref_day = reference.value.as_date()
        if meaning.day_offset is not None and ref_day is not None:
            day = ref_day + timedelta(days=meaning.day_offset)
            resolved_value = _on_day(day, value)
            offset = meaning.day_offset
            words = {0: "the same day as", -1: "the day before", 1: "the day after"}.get(offset)
            if words is None:  # "anteayer", "après-demain"
                words = f"{abs(offset)} days {'before' if offset < 0 else 'after'}"
            return _relative(resolved_value, reference, f"{words} {reference.describe()}", meaning.mod)
        if meaning.weekday is not None and value.day is not None and ref_day is not None:
            return self._weekday_on_day(candidate, meaning, reference, ref_day)
        if meaning.weekday is not None and ref_day is not None:
            direction = meaning.direction
            if direction is None:
                direction = meaning.tense or self._tense(candidate) or -1
                if narrative:
                    direction = 0
            elif direction == 0 and not narrative:  # "I'll be off this Thursday": the coming one
                direction = self._tense(candidate)
            try:
                day = _weekday_near(ref_day, meaning.weekday, direction, strict=meaning.direction is not None)
                day += timedelta(weeks=meaning.weeks_on)
            except OverflowError:  # "99999999 Mondays from now"
                return _unresolved(meaning)
            resolved_value = _on_day(day, value)
            where = {-1: "before", 1: "after", 0: "nearest to"}[direction]
            name = WEEKDAY_NAMES[meaning.weekday - 1]
            return _relative(resolved_value, reference, f"the {name} {where} {reference.describe()}", meaning.mod)
        if meaning.direction is not None and value.year is None and reference.value.year is not None:
            year = reference.value.year + _named_period_shift(value, reference.value, meaning.direction)
            where = {-1: "the last", 1: "the next", 0: "the same year's"}[meaning.direction]
            return _relative(value.with_year(year), reference, f"{where} one from {reference.describe()}", meaning.mod)
        if meaning.needs_day and ref_day is not None:
            last_day = self.focus.day
            if self.context.rules.clock_on_mentioned_day and last_day is not None:
                mentioned = last_day.value.as_date()  # "lundi 17 février, à 14 h 30": that Monday
                if mentioned is not None:
                    reference, ref_day = last_day, mentioned
            resolved_value = _on_day(ref_day, value)
            return _relative(resolved_value, reference, f"on {reference.describe()}", meaning.mod)
        if value.day is not None and value.month is None and value.year is None and ref_day is not None:
            return self._day_of_month(candidate, meaning, reference, ref_day, narrative)
        if value.year is None and reference.value.year is not None and not meaning.needs_day:
            year = reference.value.year
            shift_years = 0
            if not narrative:
                shift_years = _year_shift(
                    value,
                    reference.value,
                    meaning.tense or (lambda: self._tense(candidate)),
                    certain=meaning.tense != 0,
                )
            resolved_value = value.with_year(year + shift_years)
            note = {0: "", -1: " (the year before: past tense)", 1: " (the year after: future tense)"}[shift_years]
            return _relative(resolved_value, reference, f"the year of {reference.describe()}{note}", meaning.mod)
        return _unresolved(meaning)

    def _in_nearest_century(self, candidate: Candidate, meaning: DateMeaning) -> Resolved:
        """ "'89": in a history of the 1780s 1789, in today's news 1989; no later than five
        years past the reference's year (so "'29" said in 2021 is 1929, "'25" is 2025), or as
        many as the rule says (a fiscal year's code names plans: "FY22" said in 2013 is 2022)."""
        reference = self._deictic(candidate.start) if self.document is not None else self.focus.last
        written = replace(meaning, two_digit_year=False)
        if reference is None or reference.value.year is None or meaning.value.year is None:
            return self._resolve_meaning(candidate, written)
        latest = reference.value.year + meaning.years_ahead
        year = latest - (latest - meaning.value.year) % 100
        resolved = self._resolve_meaning(candidate, replace(written, value=meaning.value.with_year(year)))
        note = f"the century of {reference.describe()}"
        return replace(resolved, anchor=Anchor(reference.kind, reference.timeml, note))

    def _range_end(self, candidate: Candidate) -> CalendarValue | None:
        """The date written in full that closes a range this year-less date opens ("March 19 -
        April 30, 2003", "between January 12 and January 16, 1936"), if any."""
        joiner = self.context.rules.range_joiner
        if joiner is None:
            return None
        index = bisect_right(self._starts, candidate.start)
        if index >= len(self.candidates):
            return None
        following = self.candidates[index]
        meaning = following.meaning
        if not isinstance(meaning, DateMeaning) or not meaning.absolute:
            return None
        if joiner.fullmatch(self.context.text, candidate.end, following.start) is None:
            return None
        return meaning.value

    def _day_of_month(
        self, candidate: Candidate, meaning: DateMeaning, reference: Reference, ref_day: date, narrative: bool
    ) -> Resolved:
        """ "back on the 20th": that day of the reference's month, or of the month before or after
        where the tense points past it (said on the 15th, a past "the 20th" is last month's)."""
        day = meaning.value.day or 1
        tense = 0 if narrative else self._tense(candidate)
        months = 0
        if tense < 0 and day > ref_day.day:
            months = -1
        elif tense > 0 and day < ref_day.day:
            months = 1
        year, month = add_months(ref_day.year, ref_day.month, months)
        if day > days_in_month(year, month):  # "the 31st" said in a month of 30 days
            why = f"{calendar.month_name[month]} {year} has no day {day}"
            return Resolved(None, f"XXXX-XX-{day:02d}", Anchor(AnchorKind.NONE, None, why), meaning.mod)
        value = replace(meaning.value, year=year, month=month)
        where = {0: "the month of", -1: "the month before", 1: "the month after"}[months]
        return _relative(value, reference, f"{where} {reference.describe()}", meaning.mod)

    def _weekday_on_day(
        self, candidate: Candidate, meaning: DateMeaning, reference: Reference, ref_day: date
    ) -> Resolved:
        """ "Friday the 13th": the nearest month, the way the tense points, where that day is that
        weekday; with no tense, the nearer of the one before and the one after ("Returning Monday
        the 24th", said on Thursday 13 May 2021: 24 May, not 24 August 2020)."""
        tense = self._tense(candidate)
        found = [
            (abs((day - ref_day).days), direction, day)
            for direction in ((tense,) if tense else (-1, 1))
            if (day := _weekday_on_day_toward(meaning, ref_day, direction)) is not None
        ]
        if not found:
            return _unresolved(meaning)
        _, direction, day = min(found)  # the nearer; the one before when both are as near
        name = WEEKDAY_NAMES[(meaning.weekday or 1) - 1]
        where = "before" if direction < 0 else "after"
        return _relative(
            _on_day(day, meaning.value),
            reference,
            f"the first {name} {day.day} {where} {reference.describe()}",
            meaning.mod,
        )

    def _resolve_relative(
        self, meaning: RelativeMeaning, reference: Reference | None, candidate: Candidate | None = None
    ) -> Resolved:
        if meaning.future_only and candidate is not None and self._tense(candidate) < 0:
            letter = {"day": "D", "week": "W", "month": "M", "year": "Y"}.get(meaning.unit, "D")
            span = f"P{abs(meaning.amount)}{letter}" if meaning.amount is not None else f"PX{letter}"
            return Resolved(None, span, Anchor(AnchorKind.NONE))  # "rose 5% in two weeks": a span
        if meaning.amount is None:
            vague = "FUTURE_REF" if meaning.sign > 0 else "PAST_REF"  # "a few days later", "years ago"
            return Resolved(None, vague, Anchor(AnchorKind.NONE), mod=meaning.mod)
        if reference is None:
            return Resolved(None, _placeholder(meaning.unit), Anchor(AnchorKind.NONE), mod=meaning.mod)
        try:
            if meaning.from_day is not None:  # "a week from tomorrow": a day
                return self._from_day(meaning, reference)
            if meaning.unit in SECONDS_IN:  # "an hour ago", "20 minutes later"
                return _by_the_clock(meaning, reference)
            if meaning.unit == "weekend":
                amount = meaning.amount
                ref_day = reference.value.as_date()
                if meaning.nearest and ref_day is not None and ref_day.isoweekday() <= 5:
                    # said Monday to Wednesday, "the weekend" is the one just past; on Thursday or
                    # Friday, the coming one unless the clause is past ("killed 12 over the weekend")
                    tense = self._tense(candidate) if candidate is not None else 0
                    amount -= 1 if (ref_day.isoweekday() <= 3 and tense <= 0) or tense < 0 else 0
                week = shift(reference.value, Grain.WEEK, amount)
                timeml, weekend = _weekend_of(week)
                told = (
                    _explain(meaning, reference)
                    if amount == meaning.amount
                    else f"the weekend before {reference.describe()}"
                )
                anchor = Anchor(reference.kind, reference.timeml, told)
                return Resolved(week, timeml, anchor, meaning.mod, weekend)
            unit = UNIT_GRAINS.get(meaning.unit, Grain.DAY)
            some_day = _days_inside(reference, unit)
            if some_day is not None:
                return Resolved(None, some_day, Anchor(reference.kind, reference.timeml, _explain(meaning, reference)))
            base = self.focus.period_for(meaning, reference)
            if base is not None:  # "a year earlier" after "the third quarter": that quarter, a year back
                year = meaning.in_year if meaning.in_year is not None else (base.year or 0) + meaning.amount
                value = replace(base, year=year)
            elif meaning.in_year is not None:  # "the 1988 period" with no quarter in focus: the year
                value = CalendarValue(year=meaning.in_year)
            else:
                value = shift(reference.value, unit, meaning.amount)
        except ValueError:
            return Resolved(None, _placeholder(meaning.unit), Anchor(AnchorKind.NONE), mod=meaning.mod)
        explanation = _explain(meaning, reference)
        if meaning.nth_weekday is not None:  # "the second Tuesday of next month"
            day = (
                holiday_date(f"{value.month:02d} {meaning.nth_weekday}", value.year)
                if value.month and value.year
                else None
            )
            if day is None:
                return Resolved(None, _placeholder(meaning.unit), Anchor(AnchorKind.NONE), mod=meaning.mod)
            value, explanation = from_date(day), f"the {meaning.nth_weekday} of {value.timeml()}: {explanation}"
        if meaning.inside is not None:  # "the 3rd of last month"
            within = inside(value, *meaning.inside)
            if within is None:
                return Resolved(None, _placeholder(meaning.unit), Anchor(AnchorKind.NONE), mod=meaning.mod)
            part, index = meaning.inside
            value, explanation = within, f"{part} {index} of {value.timeml()}: {explanation}"
        if meaning.part_of_day:
            value = replace(value, part_of_day=meaning.part_of_day)
        return _relative(value, reference, explanation, meaning.mod)

    def _from_day(self, meaning: RelativeMeaning, reference: Reference) -> Resolved:
        """``amount`` units from the day ``from_day`` days off the reference, as a day."""
        start = reference.value.as_date()
        if start is None or meaning.amount is None:
            raise ValueError("no day to count from")
        unit = UNIT_GRAINS.get(meaning.unit, Grain.DAY)
        months = meaning.amount * {Grain.MONTH: 1, Grain.QUARTER: 3, Grain.YEAR: 12}.get(unit, 0)
        try:
            start += timedelta(days=meaning.from_day or 0)
            if unit in (Grain.DAY, Grain.WEEK):
                moved = start + timedelta(days=meaning.amount * (7 if meaning.unit == "week" else 1))
            elif months:
                moved = _months_on(start, months)
            else:
                raise ValueError(f"cannot count {meaning.unit}s to a day")
        except OverflowError as error:
            raise ValueError("the day leaves the calendar") from error
        value = replace(from_date(moved), part_of_day=meaning.part_of_day)
        day = {0: "", -1: "the day before ", 1: "the day after "}.get(meaning.from_day or 0, "")
        count = f"{abs(meaning.amount)} {meaning.unit}{'s' if abs(meaning.amount) != 1 else ''}"
        side = "after" if meaning.amount >= 0 else "before"
        return _relative(value, reference, f"{count} {side} {day}{reference.describe()}", meaning.mod)

    def _resolve_duration(self, meaning: DurationMeaning, reference: Reference | None) -> Resolved:
        interval = None
        anchor = Anchor(AnchorKind.NONE)
        if meaning.anchored and reference is not None:
            side = "ending at" if meaning.sign < 0 else "starting from"
            try:
                interval = _duration_interval(meaning, reference.value)
            except (OverflowError, ValueError):  # "over the past 5000 years": before the year 1
                note = f"{meaning.value} {side} {reference.describe()} leaves the years 1-9999: no interval"
                return Resolved(None, meaning.value, Anchor(AnchorKind.NONE, None, note), meaning.mod)
            if interval is not None:
                anchor = Anchor(reference.kind, reference.timeml, f"{meaning.value} {side} {reference.describe()}")
        return Resolved(None, meaning.value, anchor, meaning.mod, interval)


# ------------------------------------------------------------------------------ helpers
def _on_day(day: date, value: CalendarValue) -> CalendarValue:
    """``day`` at the time of day ``value`` gives, if any ("Friday night", "21:40 yesterday")."""
    return CalendarValue(
        year=day.year,
        month=day.month,
        day=day.day,
        part_of_day=value.part_of_day,
        hour=value.hour,
        minute=value.minute,
        zone=value.zone,
    )


def _on_holiday(meaning: DateMeaning, resolved: Resolved) -> Resolved:
    """A moving holiday ("Thanksgiving") falls on its day of the year the date resolved to."""
    if meaning.holiday is None or resolved.value is None or resolved.value.year is None:
        return resolved
    day = holiday_date(meaning.holiday, resolved.value.year)
    if day is None:
        return resolved
    value = replace(from_date(day), part_of_day=resolved.value.part_of_day)  # "Easter morning"
    return Resolved(value, value.timeml(), resolved.anchor, resolved.mod, value.interval())


def _day_of(resolved: Resolved) -> date | None:
    """The day ``resolved`` names, if it names one."""
    value = resolved.value
    return value.as_date() if value is not None and value.day is not None else None


def _days_from(resolved: Resolved, days: int) -> Resolved:
    """ "the day before last Tuesday": ``days`` from the day resolved (unchanged where there is none)."""
    day = _day_of(resolved)
    if day is None or resolved.value is None:
        return resolved
    value = _on_day(day + timedelta(days=days), resolved.value)  # past the calendar: see resolve()
    side = "after" if days > 0 else "before"
    count = "the day" if abs(days) == 1 else f"{abs(days)} days"
    anchor = replace(resolved.anchor, explanation=f"{count} {side} {day.isoformat()}; {resolved.anchor.explanation}")
    return Resolved(value, value.timeml(), anchor, resolved.mod, value.interval())


def _weekday_beside(resolved: Resolved, weekday: int, side: int) -> Resolved:
    """ "the Monday after Thanksgiving": the first such weekday past the day resolved, on ``side``
    (unchanged where there is no day)."""
    day = _day_of(resolved)
    if day is None or resolved.value is None:
        return resolved
    value = _on_day(_weekday_near(day, weekday, side, strict=True), resolved.value)  # past the calendar: see resolve()
    told = f"the {WEEKDAY_NAMES[weekday - 1]} {'after' if side > 0 else 'before'} {day.isoformat()}"
    anchor = replace(resolved.anchor, explanation=f"{told}; {resolved.anchor.explanation}")
    return Resolved(value, value.timeml(), anchor, resolved.mod, value.interval())


def _months_on(start: date, months: int) -> date:
    """The same day of the month ``months`` on (the month's last day where that month is shorter)."""
    year, month = add_months(start.year, start.month, months)
    return date(year, month, min(start.day, days_in_month(year, month)))


def _units_from(resolved: Resolved, unit: str, amount: int) -> Resolved:
    """ "the century before 387 BC", "ten years after 1066": the period ``amount`` units from the
    year resolved, at the unit's grain (unchanged where there is no year); from a day, months
    and years on are a day ("a month from Friday")."""
    if resolved.value is None or resolved.value.year is None:
        return resolved
    day = _day_of(resolved)
    if day is not None and unit in ("month", "year"):
        value = _on_day(_months_on(day, amount * (12 if unit == "year" else 1)), resolved.value)
    else:
        value = shift(resolved.value, UNIT_GRAINS[unit], amount)
    told = f"{abs(amount)} {unit}{'s' if abs(amount) != 1 else ''} {'after' if amount > 0 else 'before'}"
    anchor = replace(resolved.anchor, explanation=f"{told} {resolved.timeml}; {resolved.anchor.explanation}")
    return Resolved(value, value.timeml(), anchor, resolved.mod, value.interval())


def _opening_of_range(value: CalendarValue, closing: CalendarValue) -> CalendarValue | None:
    """The first date of a range given the year (or month and year) of the date that closes it:
    "from November 15 to February 15, 1989" (1988), "from the 13th to the 19th of October 1950"
    (the 13th of October; "from the 28th to the 3rd of March": of February); None when it cannot."""
    if closing.year is None or closing.month is None:
        return None
    if value.month is not None:
        return value.with_year(closing.year - (1 if value.month > closing.month else 0))
    if value.day is None or closing.day is None:
        return None
    year, month = add_months(closing.year, closing.month, -1 if value.day > closing.day else 0)
    if value.day > days_in_month(year, month):
        return None
    return replace(value, year=year, month=month)


def _week_holding(resolved: Resolved, weekend: bool = False) -> Resolved:
    """ "the week of March 6": the ISO week of the day resolved, or its weekend ("the first weekend
    of August": of its first Saturday); unchanged where there is no day."""
    day = _day_of(resolved)
    if day is None:
        return resolved
    iso = day.isocalendar()
    week = CalendarValue(year=iso.year, week=iso.week)
    told = f"the {'weekend' if weekend else 'week'} of {day.isoformat()}; {resolved.anchor.explanation}"
    anchor = replace(resolved.anchor, explanation=told)
    timeml, interval = _weekend_of(week) if weekend else (week.timeml(), week.interval())
    return Resolved(week, timeml, anchor, resolved.mod, interval)


def _weekend_of(week: CalendarValue) -> tuple[str, Interval | None]:
    """The TimeML value of an ISO week's weekend ("2021-W19-WE") and its Saturday to Sunday."""
    interval = week.interval()
    return f"{week.timeml()}-WE", Interval(_add_days(interval.start, 5), interval.end) if interval else None


def _absolute(value: CalendarValue, mod: str | None) -> Resolved:
    return Resolved(value, value.timeml(), Anchor(AnchorKind.ABSOLUTE, None, "written in full"), mod, value.interval())


def _relative(value: CalendarValue, reference: Reference, explanation: str, mod: str | None) -> Resolved:
    return Resolved(value, value.timeml(), Anchor(reference.kind, reference.timeml, explanation), mod, value.interval())


def _unresolved(meaning: DateMeaning) -> Resolved:
    value = meaning.value
    if meaning.weekday is not None:
        text = f"XXXX-WXX-{meaning.weekday}"
    elif meaning.day_offset is not None or (meaning.holiday is not None and not meaning.holiday[:2].isdigit()):
        text = "XXXX-XX-XX" + (f"T{value.part_of_day}" if value.part_of_day else "")  # Easter's month varies
    else:
        text = value.timeml()
    return Resolved(None, text, Anchor(AnchorKind.NONE, None, "no date to resolve against"), meaning.mod)


def _beyond_calendar(meaning: Meaning, why: str) -> Resolved:
    """An expression whose value cannot be written: a duration keeps its length, anything
    else becomes PAST_REF or FUTURE_REF, by the direction it points."""
    if isinstance(meaning, DurationMeaning):
        return Resolved(None, meaning.value, Anchor(AnchorKind.NONE, None, why), meaning.mod)
    if isinstance(meaning, (SetMeaning, RefMeaning)):
        return Resolved(None, meaning.value, Anchor(AnchorKind.NONE, None, why))
    if isinstance(meaning, RelativeMeaning):
        ahead = (meaning.amount if meaning.amount is not None else meaning.sign) > 0
        mod = meaning.mod
    else:
        beside = meaning.weekday_beside[1] if meaning.weekday_beside else 0  # "the Monday after ..."
        ahead = (meaning.day_offset or meaning.days_after or beside or meaning.direction or 0) > 0
        mod = meaning.mod
    return Resolved(None, "FUTURE_REF" if ahead else "PAST_REF", Anchor(AnchorKind.NONE, None, why), mod)


def _days_inside(reference: Reference, unit: Grain) -> str | None:
    """ "Four days later" after "In 1915", "that same day" after "in October 1998": some day of
    that year or month, which TimeML writes 1915-XX-XX, 1998-10-XX (None: the reference has a day)."""
    value = reference.value
    if reference.kind is not AnchorKind.MENTION or unit not in (Grain.DAY, Grain.WEEK) or value.year is None:
        return None
    if value.day is not None or value.week is not None or value.grain not in (Grain.YEAR, Grain.MONTH):
        return None
    year = CalendarValue(year=value.year).timeml()
    if unit is Grain.WEEK:
        return f"{year}-WXX"
    return f"{year}-{value.month:02d}-XX" if value.month is not None else f"{year}-XX-XX"


def _placeholder(unit: str) -> str:
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(unit, "XXXX")


def _by_the_clock(meaning: RelativeMeaning, reference: Reference) -> Resolved:
    """ "an hour ago", "two hours from now": the reference's clock time moved where it has one;
    else its day, or the day whole days of the hours away ("48 hours ago"), not a day per hour."""
    day = reference.value.as_date()
    if day is None:
        raise ValueError("no day to count from")
    seconds = (meaning.amount or 0) * SECONDS_IN[meaning.unit]
    try:
        if reference.value.hour is None:
            value = from_date(day + timedelta(days=int(seconds / 86400)))
        else:
            told = datetime(day.year, day.month, day.day, reference.value.hour, reference.value.minute or 0)
            moved = told + timedelta(seconds=seconds)
            value = replace(from_date(moved.date()), hour=moved.hour, minute=moved.minute, zone=reference.value.zone)
    except OverflowError as error:
        raise ValueError("the time leaves the calendar") from error
    return _relative(value, reference, _explain(meaning, reference), meaning.mod)


def _explain(meaning: RelativeMeaning, reference: Reference) -> str:
    amount = meaning.amount or 0
    if amount == 0:
        return f"the same {meaning.unit} as {reference.describe()}"
    unit = meaning.unit + ("s" if abs(amount) != 1 else "")
    side = "before" if amount < 0 else "after"
    return f"{abs(amount)} {unit} {side} {reference.describe()}"


def _weekday_on_day_toward(meaning: DateMeaning, ref_day: date, direction: int) -> date | None:
    """The first day from ``ref_day`` on, the way ``direction`` points, whose day number is the
    meaning's and whose weekday its weekday (every weekday falls on every day number within 30 years)."""
    month_index = ref_day.year * 12 + ref_day.month - 1
    day_number = meaning.value.day or 1
    for step in range(0, 12 * 30):
        year, month = divmod(month_index + direction * step, 12)
        if not 1 <= year <= 9999 or day_number > days_in_month(year, month + 1):
            continue
        day = date(year, month + 1, day_number)
        if day.isoweekday() == meaning.weekday and (day - ref_day).days * direction >= 0:
            return day
    return None


def _weekday_near(reference: date, weekday: int, direction: int, strict: bool = False) -> date:
    """The ``weekday`` (1 = Monday) on or before (-1), on or after (+1) or nearest (0) ``reference``;
    ``strict``: before or after, not on ("last Saturday" said on a Saturday is a week earlier, "next
    Saturday" a week later; a plain "Saturday" that the tense points either way is that day)."""
    delta = weekday - reference.isoweekday()
    if direction < 0:
        return reference + timedelta(days=delta if delta < 0 or (delta == 0 and not strict) else delta - 7)
    if direction > 0:
        return reference + timedelta(days=delta if delta > 0 or (delta == 0 and not strict) else delta + 7)
    if delta > 3:
        delta -= 7
    elif delta < -3:
        delta += 7
    return reference + timedelta(days=delta)


def _first_month(value: CalendarValue) -> int | None:
    if value.month is not None:
        return value.month
    if value.quarter is not None:
        return (value.quarter - 1) * 3 + 1
    if value.half is not None:
        return (value.half - 1) * 6 + 1
    if value.season is not None:
        return {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[value.season]
    return None


def _named_period_shift(value: CalendarValue, reference: CalendarValue, direction: int) -> int:
    """Years to add for "last May", "next spring", "this fall" said at ``reference``."""
    month, ref_month = _first_month(value), reference.month or _first_month(reference)
    if month is None or ref_month is None or direction == 0:
        return 0
    if month == ref_month and value.day is not None and reference.day is not None:  # "le 6 mai dernier"
        month, ref_month = value.day, reference.day  # said on 15 May: this year's 6 May
    if direction < 0:
        return 0 if month < ref_month else -1
    return 0 if month > ref_month else 1


def _year_shift(
    value: CalendarValue, reference: CalendarValue, tense: int | Callable[[], int], certain: bool = False
) -> int:
    """Years to add to a year-less date said at ``reference``: the tense decides, else the nearest,
    leaning to the past as news does (said in November, an untensed "March" is this year's).
    A ``certain`` past (the rule's own words: "since June") allows no date after ``reference``.
    ``tense`` may be a function that reads it off the clause: called only where it changes the answer."""
    month, ref_month = _first_month(value), reference.month or _first_month(reference)
    if month is None or ref_month is None:
        return 0
    if not callable(tense):
        return _shift_by_tense(value, reference, month, ref_month, tense, certain)
    past, untensed, future = (_shift_by_tense(value, reference, month, ref_month, t, certain) for t in (-1, 0, 1))
    if past == untensed == future:
        return past
    return _shift_by_tense(value, reference, month, ref_month, tense(), certain)


def _shift_by_tense(
    value: CalendarValue, reference: CalendarValue, month: int, ref_month: int, tense: int, certain: bool
) -> int:
    if certain and tense < 0:
        ahead = (month, value.day or 0) > (ref_month, reference.day or 32)
        return -1 if ahead else 0
    if tense == 0:
        distance = month - ref_month
        if value.quarter is not None or value.half is not None:
            return -1 if distance > 6 else 0  # "profits for the fourth quarter", said in January
        return -1 if distance > 6 else 1 if distance < -7 else 0
    if tense < 0 and month > ref_month + (0 if value.season is not None else 2):
        return -1  # a season not begun is last year's; "extended to Nov. 16", said in late October, this year's
    if tense > 0 and month < ref_month and value.quarter is None and value.half is None:
        return 1  # (results of a finished quarter are "expected" too: no shift for quarters)
    return 0


def _add_days(iso_day: str, days: int) -> str:
    return (date.fromisoformat(iso_day[:10]) + timedelta(days=days)).isoformat()


def _duration_interval(meaning: DurationMeaning, reference: CalendarValue) -> Interval | None:
    day = reference.as_date()
    amount_text = meaning.value[1:-1].lstrip("T")
    if day is None or not amount_text.replace(".", "").isdigit():
        return None
    amount = float(amount_text)
    letter = meaning.value[-1]
    units = {"D": 1, "W": 7, "M": 30.437, "Y": 365.25}
    if meaning.value.startswith("PT") or letter not in units:
        return None
    span = timedelta(days=round(amount * units[letter]))
    end = day + timedelta(days=1)
    if meaning.sign < 0:
        start = end - span
        return Interval(start.isoformat(), end.isoformat())
    return Interval(day.isoformat(), (day + span).isoformat())


def _is_duration(value: str) -> bool:
    return value[:1] == "P" and value[1:2] in DURATION_SECOND_CHARACTERS


def _names(text: str, not_speakers: frozenset[str]) -> set[str]:
    """Capitalized words of an attribution: who is speaking."""
    return {word.strip(".,;:") for word in text.split() if word[:1].isupper() and len(word) > 2} - not_speakers


def to_timex(candidate: Candidate, resolved: Resolved, context: TextContext, text: str) -> Timex:
    lo, hi = context.sentence_at(candidate.start)
    value = resolved.value
    meaning = candidate.meaning
    grain = value.grain if value is not None else Grain.NONE
    timex_type = type_of(meaning, value)
    if isinstance(meaning, RefMeaning):
        timex_type = TimexType.DATE
    elif isinstance(meaning, RelativeMeaning) and _is_duration(resolved.timeml):
        timex_type = TimexType.DURATION  # "rose 5% in two weeks"
    return Timex(
        text=text[candidate.start : candidate.end],
        start=candidate.start,
        end=candidate.end,
        type=timex_type,
        value=resolved.timeml,
        grain=grain,
        interval=resolved.interval,
        anchor=resolved.anchor,
        sentence=text[lo:hi],
        sentence_start=lo,
        mod=resolved.mod,
        quant=meaning.quant if isinstance(meaning, SetMeaning) else None,
        freq=meaning.freq if isinstance(meaning, SetMeaning) else None,
        rule=candidate.rule,
    )
