"""TempEval-3 Task A scoring on small gold/system lists whose figures are worked out by hand."""

from __future__ import annotations

import pytest

from timeline.evaluate.scorer import Counts, ErrorKind, match, total
from timeline.evaluate.timeml import GoldTimex
from timeline.extract.model import Anchor, AnchorKind, Grain, Timex, TimexType

TEXT = "Born on May 13, 2021 and died in 1997 or last week."


def gold(start: int, end: int, value: str, kind: str = "DATE") -> GoldTimex:
    return GoldTimex(start, end, TEXT[start:end], kind, value)


def system(start: int, end: int, value: str, kind: TimexType = TimexType.DATE) -> Timex:
    return Timex(TEXT[start:end], start, end, kind, value, Grain.NONE, None, Anchor(AnchorKind.NONE))


GOLD = [gold(8, 20, "2021-05-13"), gold(33, 37, "1997"), gold(41, 50, "2021-W18")]


def test_spans_used_below_are_the_words_meant() -> None:
    assert [g.text for g in GOLD] == ["May 13, 2021", "1997", "last week"]
    assert TEXT[30:37] == "in 1997" and TEXT[0:4] == "Born"


def test_mixed_system_by_hand() -> None:
    # S1 exact and right; S2 "in 1997" overlaps "1997", right value, wrong type; S3 "Born" is spurious;
    # "last week" is missed.
    found = [system(8, 20, "2021-05-13"), system(30, 37, "1997", TimexType.DURATION), system(0, 4, "XXXX")]
    file_match = match(GOLD, found)
    counts = file_match.counts
    assert counts == Counts(gold=3, system=3, strict=1, relaxed=2, type_correct=1, value_correct=2)
    scores = counts.scores
    assert scores.strict.precision == pytest.approx(1 / 3)
    assert scores.strict.recall == pytest.approx(1 / 3)
    assert scores.strict.f1 == pytest.approx(1 / 3)
    assert scores.relaxed.f1 == pytest.approx(2 / 3)
    assert scores.type_accuracy == pytest.approx(1 / 2)
    assert scores.type_f1 == pytest.approx(1 / 3)
    assert scores.value_accuracy == pytest.approx(1.0)
    assert scores.value_f1 == pytest.approx(2 / 3)
    errors = [(e.kind, e.gold.text if e.gold else None, e.system.text if e.system else None) for e in file_match.errors]
    assert errors == [
        (ErrorKind.FALSE_POSITIVE, None, "Born"),
        (ErrorKind.SPAN, "1997", "in 1997"),
        (ErrorKind.TYPE, "1997", "in 1997"),
        (ErrorKind.FALSE_NEGATIVE, "last week", None),
    ]


def test_precision_and_recall_differ_when_counts_differ() -> None:
    # 4 system timexes, 3 gold: 2 exact pairs, one with the wrong value.
    found = [system(8, 20, "2021-05-13"), system(33, 37, "1996"), system(0, 4, "X"), system(25, 29, "X")]
    scores = match(GOLD, found).counts.scores
    assert (scores.strict.precision, scores.strict.recall) == pytest.approx((2 / 4, 2 / 3))
    assert scores.strict.f1 == pytest.approx(2 * (1 / 2) * (2 / 3) / (1 / 2 + 2 / 3))  # 4/7
    assert scores.value_accuracy == pytest.approx(1 / 2)
    assert scores.value_f1 == pytest.approx(2 / 7)


def test_a_perfect_system_scores_one() -> None:
    found = [system(g.start, g.end, g.value, TimexType(g.type)) for g in GOLD]
    file_match = match(GOLD, found)
    scores = file_match.counts.scores
    figures = [
        scores.strict.precision,
        scores.strict.recall,
        scores.strict.f1,
        scores.relaxed.precision,
        scores.relaxed.recall,
        scores.relaxed.f1,
        scores.type_accuracy,
        scores.type_f1,
        scores.value_accuracy,
        scores.value_f1,
    ]
    assert figures == [1.0] * 10
    assert file_match.errors == []


def test_an_empty_system_scores_zero() -> None:
    file_match = match(GOLD, [])
    assert file_match.counts == Counts(gold=3)
    scores = file_match.counts.scores
    assert (scores.strict.f1, scores.relaxed.precision, scores.relaxed.recall, scores.type_f1, scores.value_f1) == (
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
    )
    assert [e.kind for e in file_match.errors] == [ErrorKind.FALSE_NEGATIVE] * 3


def test_exact_span_is_preferred_to_an_equal_overlap() -> None:
    # "on May 13, 2021 an" covers the whole gold: as much overlap as the exact span, and earlier.
    wider, exact = system(5, 23, "2021-05-13"), system(8, 20, "2021-05-13")
    file_match = match(GOLD[:1], [wider, exact])
    assert [p.system for p in file_match.pairs] == [exact]
    assert file_match.spurious == (wider,)
    assert file_match.counts.strict == 1


def test_largest_overlap_wins_and_each_timex_is_used_once() -> None:
    # One system span over two golds, "2021 and died in 1997" [16, 37): overlap 4 with
    # "May 13, 2021" and 4 with "1997"; the earlier gold wins the tie.
    wide = system(16, 37, "X")
    file_match = match(GOLD[:2], [wide])
    assert [(p.gold.text, p.system.text) for p in file_match.pairs] == [("May 13, 2021", "2021 and died in 1997")]
    assert [g.text for g in file_match.missed] == ["1997"]

    # "21 and died in 1997" [18, 37): 2 characters of "May 13, 2021", all 4 of "1997".
    file_match = match(GOLD[:2], [system(18, 37, "1997")])
    assert [(p.gold.text, p.system.text) for p in file_match.pairs] == [("1997", "21 and died in 1997")]
    assert [g.text for g in file_match.missed] == ["May 13, 2021"]

    small, large = system(35, 40, "1997"), system(30, 36, "1997")  # overlaps of 2 and 3 chars
    file_match = match([GOLD[1]], [small, large])
    assert [p.system for p in file_match.pairs] == [large]
    assert file_match.counts == Counts(gold=1, system=2, strict=0, relaxed=1, type_correct=1, value_correct=1)


def test_files_are_micro_averaged() -> None:
    perfect = match(GOLD[:1], [system(8, 20, "2021-05-13")])
    silent = match(GOLD, [])
    counts = total([perfect, silent])
    assert counts == Counts(gold=4, system=1, strict=1, relaxed=1, type_correct=1, value_correct=1)
    assert counts.scores.relaxed.recall == pytest.approx(1 / 4)  # a macro average would say 1/2
    assert counts.scores.relaxed.precision == 1.0
    assert total([]) == Counts()
