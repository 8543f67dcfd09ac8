"""The negative corpus: text that looks date-like but holds no temporal expression.

Each sentence of tests/data/negative.toml must give no timex at all; the ones the extractor
gets wrong today carry an ``xfail`` reason and run as strict xfails.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from timeline.extract import extract

NEGATIVE_FILES = sorted((Path(__file__).parents[1] / "data").glob("negative*.toml"))
DOCUMENT_DATE = "2021-05-15"


def _load() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in NEGATIVE_FILES:
        with path.open("rb") as file:
            cases += tomllib.load(file)["case"]
    return cases


CASES = _load()


def _params() -> list[pytest.ParameterSet]:
    return [
        pytest.param(
            case["text"],
            marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else [],
            id=case["text"],
        )
        for case in CASES
    ]


def test_corpus_is_well_formed() -> None:
    problems = [
        f"case {number}: keys {sorted(case)}"
        for number, case in enumerate(CASES, start=1)
        if not {"text", "why"} <= set(case) <= {"text", "why", "xfail"}
    ]
    texts = [case.get("text") for case in CASES]
    assert problems == []
    assert len(texts) == len(set(texts)) >= 30


@pytest.mark.parametrize("text", _params())
def test_no_timex(text: str) -> None:
    found = extract(text, dct=DOCUMENT_DATE).timexes
    assert [(t.text, t.value, t.rule) for t in found] == []


def test_no_timex_in_narrative_mode_either() -> None:
    """Without a document date nothing resolves, but false matches must still not appear."""
    clean = [case["text"] for case in CASES if "xfail" not in case]
    found = {text: [t.text for t in extract(text).timexes] for text in clean}
    assert {text: spans for text, spans in found.items() if spans} == {}
