"""The first view: the shortest span holding most events, so a distant cluster does not squeeze the rest."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st
from test_figure import event

from timeline.events import events_frame
from timeline.events.timescale import epoch_ms
from timeline.figure import prepare
from timeline.figure.views import densest_span, first_view


def test_a_history_of_antiquity_beside_a_war_opens_on_the_war() -> None:
    rows = [
        event("greco-persian.txt", i, f"-{489 - i % 30:04d}-01-01", f"-{488 - i % 30:04d}-01-01", "year", "period")
        for i in range(30)
    ]
    rows += [
        event(
            "ww2.txt", 100 + i, f"{1939 + i % 7}-0{1 + i % 9}-01", f"{1939 + i % 7}-0{1 + i % 9}-02", "day", "instant"
        )
        for i in range(100)
    ]
    first, last = first_view(prepare(events_frame(rows)))
    assert epoch_ms("1937-01-01") < first < epoch_ms("1939-02-01")
    assert epoch_ms("1945-09-01") < last < epoch_ms("1948-01-01")


@given(st.lists(st.floats(-1e12, 1e12, allow_nan=False), min_size=1, max_size=60), st.floats(0.05, 1.0))
def test_the_densest_span_holds_its_share_and_none_shorter_does(moments: list[float], share: float) -> None:
    values = np.array(moments)
    low, high = densest_span(values, share)
    wanted = max(int(np.ceil(share * len(values))), 1)
    assert np.count_nonzero((values >= low) & (values <= high)) >= wanted
    ordered = np.sort(values)
    shortest = min(ordered[i + wanted - 1] - ordered[i] for i in range(len(ordered) - wanted + 1))
    assert high - low == shortest
