"""News forms where what is found must be exactly these spans: no more, no less.

The golden corpus checks that a span is found with its value; these sentences also check that
nothing else is (a time zone conversion in parentheses is the same moment, not a second one).
"""

from __future__ import annotations

import pytest

from timeline.extract import extract

CASES = [
    ("The blast occurred at about 10:35 a.m. (0735 GMT) Friday.", ["about 10:35 a.m.", "Friday"]),
    ("It starts at 2 p.m. EDT (1800 GMT) on Monday.", ["2 p.m. EDT", "Monday"]),
    ("The strike began at 1400 UTC.", ["1400 UTC"]),
    ("The day before last Tuesday, he left.", ["The day before last Tuesday"]),  # one day: the Monday
    ("The day before last, it rained.", ["The day before last"]),
    ("Officials said that may change next month.", ["next month"]),
]


@pytest.mark.parametrize(("text", "spans"), CASES, ids=[text for text, _ in CASES])
def test_exactly_these_spans(text: str, spans: list[str]) -> None:
    found = [t.text for t in extract(text, dct="1998-08-08").timexes]
    assert found == spans
