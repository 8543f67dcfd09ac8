"""The golden corpus: what a careful annotator writes for sentences journalists and historians write.

The expectations in tests/data/golden.toml come from the TimeML guidelines, not from the
extractor; cases it gets wrong today carry an ``xfail`` reason and run as strict xfails.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from timeline.extract import AnchorKind, Grain, Interval, Timex, TimexType, extract

DATA = Path(__file__).parents[1] / "data"
GOLDEN_FILES = sorted(DATA.glob("golden*.toml"))  # golden.toml: news and history; golden_*.toml: by theme
REQUIRED = {"text", "span", "value", "type"}
OPTIONAL = {"dct", "mod", "quant", "freq", "grain", "interval", "anchor", "xfail", "note"}


def _load() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in GOLDEN_FILES:
        with path.open("rb") as file:
            cases += [{**case, "file": path.stem} for case in tomllib.load(file)["case"]]
    return cases


CASES = _load()


def _params() -> list[pytest.ParameterSet]:
    params = []
    for number, case in enumerate(CASES, start=1):
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else []
        params.append(pytest.param(case, marks=marks, id=f"{case['file']} {number:02d} {case['span']}"))
    return params


def _found(case: dict[str, Any]) -> tuple[Timex | None, list[Timex]]:
    """The timex with exactly the case's span, and everything found (for the failure message)."""
    timexes = extract(case["text"], dct=case.get("dct")).timexes
    start = case["text"].index(case["span"])
    end = start + len(case["span"])
    return next((t for t in timexes if (t.start, t.end) == (start, end)), None), timexes


def _ordered(interval: list[str]) -> bool:
    """True for [start, end) with start < end; ISO strings, astronomical (maybe negative) years."""

    def key(moment: str) -> tuple[int, str]:
        year, _, rest = moment.lstrip("-").partition("-")
        return (-int(year) if moment.startswith("-") else int(year), rest)

    return len(interval) == 2 and key(interval[0]) < key(interval[1])


# ------------------------------------------------------------------------ the corpus itself
def test_corpus_is_well_formed() -> None:
    problems = []
    for number, case in enumerate(CASES, start=1):
        keys = set(case) - {"file"}
        if missing := REQUIRED - keys:
            problems.append(f"case {number}: missing {sorted(missing)}")
        if unknown := keys - REQUIRED - OPTIONAL:
            problems.append(f"case {number}: unknown {sorted(unknown)}")
        if case.get("text", "").count(case.get("span", "\0")) != 1:
            problems.append(f"case {number}: span {case.get('span')!r} is not in the text exactly once")
        if case.get("type") not in set(TimexType):
            problems.append(f"case {number}: type {case.get('type')!r}")
        if "grain" in case and case["grain"] not in set(Grain):
            problems.append(f"case {number}: grain {case['grain']!r}")
        if "anchor" in case and case["anchor"] not in set(AnchorKind):
            problems.append(f"case {number}: anchor {case['anchor']!r}")
        if "interval" in case and not _ordered(case["interval"]):
            problems.append(f"case {number}: interval {case['interval']!r}")
    assert problems == []


def test_corpus_has_no_duplicates() -> None:
    keys = [(c["text"], c["span"], c.get("dct")) for c in CASES]
    assert len(GOLDEN_FILES) > 1
    assert len(keys) == len(set(keys))


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 80


# ------------------------------------------------------------------------ the extractor against it
@pytest.mark.parametrize("case", _params())
def test_golden_case(case: dict[str, Any]) -> None:
    timex, found = _found(case)
    seen = [(t.text, t.value, t.type.value, t.mod) for t in found]
    assert timex is not None, f"no timex spanning {case['span']!r}; found {seen}"
    assert (timex.value, timex.type.value) == (case["value"], case["type"]), seen
    for attribute in ("mod", "quant", "freq"):
        assert getattr(timex, attribute) == case.get(attribute), f"{attribute} of {seen}"
    if "grain" in case:
        assert timex.grain == Grain(case["grain"])
    if "interval" in case:
        assert timex.interval == Interval(*case["interval"])
    if "anchor" in case:
        assert timex.anchor.kind == AnchorKind(case["anchor"]), timex.anchor
