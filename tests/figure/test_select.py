"""A filter selects rows of the whole prepared table: the same as preparing the filtered table anew."""

from __future__ import annotations

from datetime import datetime
from functools import cache

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_detail import crowded_table
from test_figure import ms

from timeline.figure import LANE_BY, prepare
from timeline.figure.detail import level_of_detail
from timeline.figure.prepare import Prepared
from timeline.figure.style import MAX_LANES

VIEW = (ms(datetime(2021, 4, 20)), ms(datetime(2021, 6, 10)))


def drawn(prepared: Prepared) -> dict[str, tuple[str, int, int, str]]:
    """Each placed event's lane name, row and text, by event id; and the clusters' counts."""
    scene = level_of_detail(prepared, VIEW, 900)
    ids = prepared.values("event_id", scene.placed["pos"].to_numpy())
    placed = {
        str(event_id): (prepared.lanes.names[item.lane], item.lane, item.row, item.text)
        for event_id, item in zip(ids, scene.placed.itertuples(index=False), strict=True)
    }
    counted = {
        f"+{row.lane}:{row.row}:{row.x_ms:.0f}": ("", row.lane, row.row, str(row.count))
        for row in scene.clusters.itertuples()
    }
    return placed | counted


@cache
def whole_table(lane_by: str) -> Prepared:
    table = crowded_table(200, documents=MAX_LANES + 3)
    return prepare(table.take(np.arange(len(table))), lane_by)


@pytest.mark.parametrize("lane_by", LANE_BY)
@given(keep=st.lists(st.booleans(), min_size=200, max_size=200))
def test_selecting_rows_is_preparing_them(lane_by: str, keep: list[bool]) -> None:
    whole = whole_table(lane_by)
    wanted = np.array(keep)
    selected = whole.select(wanted)
    anew = prepare(whole.take(np.flatnonzero(wanted)), lane_by)
    assert selected.lanes.names == anew.lanes.names
    assert np.array_equal(selected.lanes.index, anew.lanes.index)
    assert np.array_equal(selected.lanes.colour, anew.lanes.colour)
    assert np.array_equal(selected.start_ms, anew.start_ms) and np.array_equal(selected.is_span, anew.is_span)
    assert np.array_equal(selected.by_time, anew.by_time)
    if len(anew):
        assert drawn(selected) == drawn(anew)


def test_a_few_documents_picked_out_of_many_get_lanes_of_their_own() -> None:
    whole = crowded_table(400, documents=40)
    assert all(name.startswith(("Written", "Undated")) for name in whole.lanes.names)
    ids = whole.values("doc_id", np.arange(len(whole)))
    picked = whole.select(np.isin(ids, ["d3.txt", "d17.txt"]))
    assert sorted(picked.lanes.names) == ["Report d17.txt", "Report d3.txt"]


def test_select_needs_the_whole_table() -> None:
    whole = crowded_table(50)
    part = whole.select(np.arange(50) % 2 == 0)
    with pytest.raises(ValueError, match="whole table"):
        part.select(np.ones(50, dtype=bool))
