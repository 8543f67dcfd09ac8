"""Level of detail: labels stacked without overlap, nothing in view dropped, zooming in splits clusters,
and on a narrow plot a label keeps its date wherever a dated text fits."""

from __future__ import annotations

import functools
import math
import random
from datetime import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from test_figure import event, ms

from timeline.events import events_frame
from timeline.events.label import ELLIPSIS
from timeline.events.timescale import epoch_ms, iso_of_ms
from timeline.events.when import when
from timeline.figure import layout, prepare
from timeline.figure.detail import LEFT, LabelTexts, Scene, level_of_detail, row_caps
from timeline.figure.prepare import Prepared
from timeline.figure.style import ITEM_GAP, LABEL_GAP, LABEL_SIZE, MARK_RADIUS, SPAN_PAD
from timeline.figure.textwidth import text_width
from timeline.figure.views import button_windows, first_view
from timeline.ingest.document import Document
from timeline.ingest.paths import read_documents
from timeline.pipeline import events_from_documents

WORDS = (
    "Troops crossed the border",
    "Talks resumed in Moscow",
    "A ceasefire was agreed",
    "The parliament met in an extraordinary session",
    "Shelling was reported near the lake",
    "Protests",
)


def crowded_table(count: int, seed: int = 7, documents: int = 3) -> Prepared:
    rng = random.Random(seed)
    rows = []
    for i in range(count):
        day = rng.randint(1, 28)
        if rng.random() < 0.8:
            rows.append(
                event(
                    f"d{i % documents}.txt",
                    i,
                    f"2021-05-{day:02d}",
                    f"2021-05-{day:02d}T23:59",
                    "day",
                    "instant",
                    label=rng.choice(WORDS),
                )
            )
        else:
            month = rng.randint(1, 12)
            rows.append(
                event(
                    f"d{i % documents}.txt",
                    i,
                    f"2021-{month:02d}-01",
                    f"{2021 + month // 12}-{month % 12 + 1:02d}-01",
                    "month",
                    "period",
                    label=rng.choice(WORDS),
                )
            )
    return prepare(events_frame(rows), "document")


def boxes(prepared: Prepared, scene: Scene) -> list[tuple[int, int, float, float]]:
    """(lane, row, left px, right px) of every placed item, mark and label, from the scene."""
    first, last = scene.view
    scale = scene.width / (last - first)
    found = []
    for item in scene.placed.itertuples(index=False):
        width = text_width(item.text, LABEL_SIZE)
        text_px = (item.text_ms - first) * scale
        if prepared.is_span[item.pos]:
            bar = ((prepared.start_ms[item.pos] - first) * scale, (prepared.end_ms[item.pos] - first) * scale)
            left, right = min(max(bar[0], 0), text_px), max(min(bar[1], scene.width), text_px + width)
        elif item.side == LEFT:
            left, right = text_px - MARK_RADIUS - LABEL_GAP - width, text_px + MARK_RADIUS
        else:
            left, right = text_px - MARK_RADIUS, text_px + MARK_RADIUS + LABEL_GAP + width
        found.append((item.lane, item.row, left, right))
    return found


def in_view(prepared: Prepared, view: tuple[float, float]) -> set[int]:
    first, last = view
    spans = prepared.is_span
    mask = np.where(
        spans,
        (prepared.start_ms < last) & (prepared.end_ms > first),
        (prepared.mark_ms >= first) & (prepared.mark_ms <= last),
    )
    return set(np.flatnonzero(mask).tolist())


def test_labels_never_overlap_another_label_or_mark() -> None:
    prepared = crowded_table(300)
    for view in [
        (ms(datetime(2021, 1, 1)), ms(datetime(2022, 1, 1))),
        (ms(datetime(2021, 5, 10)), ms(datetime(2021, 5, 20))),
        (ms(datetime(2021, 5, 14)), ms(datetime(2021, 5, 15))),
    ]:
        scene = level_of_detail(prepared, view, 1000)
        assert len(scene.placed) >= min(10, scene.in_view)
        assert_no_overlap(prepared, scene)


def assert_no_overlap(prepared: Prepared, scene: Scene) -> None:
    """No placed item (mark and label) overlaps another in its row, and each stays inside the plot."""
    by_row: dict[tuple[int, int], list[tuple[float, float]]] = {}
    for lane, row, left, right in boxes(prepared, scene):
        assert -1 <= left and right <= scene.width + 1  # labels stay inside the plot
        by_row.setdefault((lane, row), []).append((left, right))
    for extents in by_row.values():
        extents.sort()
        for (_, right), (left, _) in zip(extents, extents[1:], strict=False):
            assert left >= right + ITEM_GAP - 0.01


def test_stacking_is_deterministic() -> None:
    prepared = crowded_table(200)
    view = (ms(datetime(2021, 5, 1)), ms(datetime(2021, 6, 1)))

    def placement(table: Prepared) -> dict[str, tuple[int, str]]:
        scene = level_of_detail(table, view, 900)
        ids = table.values("event_id", np.arange(len(table)))
        return {ids[item.pos]: (item.row, item.text) for item in scene.placed.itertuples(index=False)}

    assert placement(prepared) == placement(prepare(prepared.take(np.arange(len(prepared))), "document"))
    assert placement(prepared) == placement(crowded_table(200))


@given(
    count=st.integers(min_value=0, max_value=400),
    seed=st.integers(min_value=0, max_value=10_000),
    documents=st.integers(min_value=1, max_value=20),
    start_day=st.integers(min_value=0, max_value=400),
    days=st.floats(min_value=0.05, max_value=2000),
    width=st.integers(min_value=150, max_value=2500),
)
def test_nothing_in_view_is_dropped(
    count: int, seed: int, documents: int, start_day: int, days: float, width: int
) -> None:
    """Every event in the view is drawn on its own or counted in exactly one cluster."""
    if count == 0:
        return
    prepared = crowded_table(count, seed, documents)
    first = ms(datetime(2021, 1, 1)) + start_day * 86_400_000
    view = (first, first + days * 86_400_000)
    scene = level_of_detail(prepared, view, width)
    expected = in_view(prepared, view)
    placed = scene.placed["pos"].tolist()
    assert len(placed) == len(set(placed)) and set(placed) <= expected
    counted = int(scene.clusters["count"].sum()) if len(scene.clusters) else 0
    assert len(placed) + counted == len(expected) == scene.in_view
    for members in scene.clusters["members"]:
        assert set(members) <= expected - set(placed)


def test_zooming_in_splits_what_was_counted() -> None:
    """Four hundred events over a few days: counted at the scale of a year, labelled at the scale of an hour."""
    rows = [
        event(
            "wire.txt",
            i,
            f"2021-05-13T{i % 24:02d}:{i % 60:02d}",
            f"2021-05-13T{i % 24:02d}:{i % 60:02d}",
            "minute",
            "instant",
            type_="TIME",
            label=WORDS[i % len(WORDS)],
        )
        for i in range(400)
    ]
    prepared = prepare(events_frame(rows), "document")
    wide = level_of_detail(prepared, (ms(datetime(2021, 1, 1)), ms(datetime(2022, 1, 1))), 1000)
    assert len(wide.clusters) >= 1 and int(wide.clusters["count"].sum()) > 350
    close = level_of_detail(prepared, (ms(datetime(2021, 5, 13, 10, 0)), ms(datetime(2021, 5, 13, 10, 30))), 1000)
    ids = prepared.values("event_id", np.arange(len(prepared)))
    placed_close = {ids[p] for p in close.placed["pos"]}
    counted_wide = {ids[p] for members in wide.clusters["members"] for p in members}
    assert counted_wide & placed_close or len(placed_close) >= close.in_view - 2
    assert len(close.placed) >= min(close.in_view, 10)


def test_a_lane_grows_rows_up_to_its_share() -> None:
    prepared = crowded_table(300, documents=1)
    scene = level_of_detail(prepared, (ms(datetime(2021, 5, 1)), ms(datetime(2021, 6, 1))), 1000, row_budget=8)
    rows_used = int(scene.placed["row"].max()) + 1
    assert rows_used <= 8 and scene.lane_rows == (rows_used + 1,)  # at most eight rows, and the cluster row
    assert len(scene.clusters)
    assert epoch_ms("2021-05-01") == ms(datetime(2021, 5, 1))


def test_a_lane_name_drawn_inside_keeps_the_start_of_its_first_row_free() -> None:
    prepared = crowded_table(200)
    view = (ms(datetime(2021, 5, 1)), ms(datetime(2021, 6, 1)))
    free = level_of_detail(prepared, view, 380)
    named = level_of_detail(prepared, view, 380, name_px=[150.0, 120.0, 90.0])
    assert any(row == 0 and left < 90 for _, row, left, _ in boxes(prepared, free))  # the case is real
    for lane, row, left, _ in boxes(prepared, named):
        assert row > 0 or left >= [150.0, 120.0, 90.0][lane] + ITEM_GAP
    assert named.in_view == free.in_view  # what no longer fits in the first row is placed or counted


def test_the_selected_event_is_drawn_on_its_own_where_it_would_be_counted() -> None:
    """As the app draws the event its details panel shows: pulled out of its cluster, nothing else lost."""
    prepared = crowded_table(300)
    view = (ms(datetime(2021, 1, 1)), ms(datetime(2022, 1, 1)))
    plain = level_of_detail(prepared, view, 1000)
    counted = sorted({int(p) for members in plain.clusters["members"] for p in members})
    assert len(counted) >= 5, "the case is real: events are counted at this scale"
    ids = prepared.values("event_id", np.arange(len(prepared)))
    for keep in counted[:: max(1, len(counted) // 5)]:
        scene = level_of_detail(prepared, view, 1000, keep=prepared.position_of(str(ids[keep])))
        assert keep in set(scene.placed["pos"])
        assert_no_overlap(prepared, scene)
        in_clusters = int(scene.clusters["count"].sum()) if len(scene.clusters) else 0
        assert len(scene.placed) + in_clusters == scene.in_view == plain.in_view
        lane = prepared.lanes.index[keep]
        others = plain.placed[plain.placed["lane"] != lane].reset_index(drop=True)
        assert scene.placed[scene.placed["lane"] != lane].reset_index(drop=True).equals(others)
    already = int(plain.placed["pos"].iloc[0])
    assert level_of_detail(prepared, view, 1000, keep=already).placed.equals(plain.placed)  # nothing moves
    assert prepared.position_of("no such event") is None


# -- the sample documents on a phone, a tablet and a desktop -----------------------------------------

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "data"
# The graph's width in px (what the app lays labels out for) in windows 420, 768 and 1440 px wide.
PHONE, TABLET, DESKTOP = 395, 464, 1096
SEPARATOR = " · "  # between a label's date and what happened


@functools.cache
def sample_events() -> pd.DataFrame:
    documents = [item for item in read_documents([SAMPLE_DATA]) if isinstance(item, Document)]
    assert len(documents) > 5
    return events_from_documents(documents)


@functools.cache
def sample_views() -> tuple[tuple[Prepared, tuple[float, float]], ...]:
    """All the sample documents at the first view and the range buttons' windows, and each alone at its first view."""
    events = sample_events()
    together = prepare(events, "document")
    views = [(together, first_view(together)), *((together, window) for _, window in button_windows(together, None))]
    for doc_id in sorted(events["doc_id"].unique()):
        alone = prepare(events[events["doc_id"] == doc_id].reset_index(drop=True), "document")
        views.append((alone, first_view(alone)))
    return tuple(views)


def app_scene(prepared: Prepared, view: tuple[float, float], figure_width: int) -> tuple[Scene, list[float]]:
    """The scene the app draws in a graph ``figure_width`` px wide (margins, lane names inside on a
    narrow one), and the px each lane's name takes at the start of its first row."""
    names = prepared.lanes.names
    margin = layout.margins(names, title=False, controls=True, width=figure_width)
    name_px = layout.inside_name_widths(names, margin)
    plot_width = figure_width - margin["l"] - margin["r"]
    return level_of_detail(prepared, view, plot_width, name_px=name_px), name_px


def extent(prepared: Prepared, scene: Scene, pos: int, text: str) -> tuple[float, float] | None:
    """(left, right) px that event ``pos`` takes with ``text`` as its label (right of a mark where
    it fits, else left; on a bar, pushed left from the plot's edge), None where it fits nowhere."""
    first, last = scene.view
    scale, width = scene.width / (last - first), text_width(text, LABEL_SIZE)
    if prepared.is_span[pos]:
        anchor = max((prepared.start_ms[pos] - first) * scale, 0.0)
        bar_end = min((prepared.end_ms[pos] - first) * scale, scene.width)
        text_at = min(anchor + SPAN_PAD, scene.width - width - SPAN_PAD)
        return None if text_at < 0 else (min(anchor, text_at), max(bar_end, text_at + width + SPAN_PAD))
    anchor = (prepared.mark_ms[pos] - first) * scale
    if anchor + MARK_RADIUS + LABEL_GAP + width <= scene.width:
        return anchor - MARK_RADIUS, anchor + MARK_RADIUS + LABEL_GAP + width
    if anchor - MARK_RADIUS - LABEL_GAP - width >= 0:
        return anchor - MARK_RADIUS - LABEL_GAP - width, anchor + MARK_RADIUS
    return None


def full_label(prepared: Prepared, pos: int) -> str:
    row = prepared.take([pos]).iloc[0]
    label = str(row["label"] or row["text"])
    return f"{label} ({row['mentions']}×)" if row["mentions"] > 1 else label


def parts(text: str) -> tuple[str, str]:
    """(date, label) of a drawn text, without the arrows of a period running out of the view."""
    body = text.removeprefix("◂ ").removesuffix(" ▸")
    date, separator, label = body.partition(SEPARATOR)
    return (date, label) if separator else ("", body)


@pytest.mark.parametrize("figure_width", [PHONE, TABLET, DESKTOP])
def test_a_label_keeps_its_date_wherever_a_dated_text_fits(figure_width: int) -> None:
    """Replaying the stacking of the sample: each label is the first of its texts that finds a row,
    and every dated text comes before the label alone, so an undated label had no room for any date."""
    fell_back = 0
    for prepared, view in sample_views():
        scene, name_px = app_scene(prepared, view, figure_width)
        assert_no_overlap(prepared, scene)
        texts = LabelTexts(prepared, scene.placed["pos"].to_numpy(), scene.view)
        lanes = prepared.lanes.index[sorted(in_view(prepared, view))]
        caps = row_caps(np.bincount(lanes, minlength=len(prepared.lanes.names)))
        edges = [[-math.inf] * int(cap) for cap in caps]  # the right end of each row's last item, as placed so far
        for lane, reserved in enumerate(name_px):
            edges[lane][0] = reserved
        placed = scene.placed  # in the order the items were placed
        for pos, lane, row, text in zip(*(placed[c].tolist() for c in ("pos", "lane", "row", "text")), strict=True):
            tried = texts.of(pos)
            for earlier in tried[: tried.index(text)]:
                room = extent(prepared, scene, pos, earlier)
                assert room is None or all(edge + ITEM_GAP > room[0] for edge in edges[lane]), (earlier, text)
            box = extent(prepared, scene, pos, text)
            assert box is not None
            assert [edge + ITEM_GAP <= box[0] for edge in edges[lane]].index(True) == row
            edges[lane][row] = box[1]
            fell_back += text != tried[0]
    assert fell_back, "the case is real: some labels have no room for their longest text"


def test_every_dated_text_is_tried_before_the_label_alone_and_none_is_a_bare_date() -> None:
    within_a_year = 0
    for prepared, view in sample_views():
        positions = np.array(sorted(in_view(prepared, view)), dtype=np.int64)
        texts = LabelTexts(prepared, positions, view)
        first_year, last_year = (int(iso_of_ms(moment)[:-12]) for moment in view)
        year_shown = first_year if first_year == last_year >= 1 else None  # a view within a year: the axis names it
        within_a_year += year_shown is not None
        facts = prepared.take(positions, ["interval_start", "interval_end", "grain"]).astype(str)
        for pos, (start, end, grain) in zip(positions.tolist(), facts.itertuples(index=False, name=None), strict=True):
            tried = texts.of(pos)
            dated = [bool(parts(text)[0]) for text in tried]
            assert dated[0] and dated == sorted(dated, reverse=True), tried  # dated first, the label alone last
            date_words = when(start, end, grain, short=True, year_shown=year_shown)
            label = full_label(prepared, pos)
            for text in tried:
                date, what = parts(text)
                assert not date or date == date_words, text
                assert_cut_with_an_ellipsis(what, label)
    assert within_a_year, "the case is real: some views lie within one year"


def assert_cut_with_an_ellipsis(what: str, label: str) -> None:
    """``what`` is the whole label, or a start of it ending in an ellipsis, cut between words where there are any."""
    if what == label:
        return
    assert what.endswith(ELLIPSIS), (what, label)
    kept = what.removesuffix(ELLIPSIS)
    assert kept and label.startswith(kept), (what, label)
    assert not label[len(kept)].isalnum() or " " not in label[: len(kept) + 1], (what, label)


def test_on_a_phone_most_labels_say_when_and_none_is_a_bare_date() -> None:
    """Measured on the sample (these views, 395 px): 173 of 198 placed labels carry their date,
    115 of 196 when the label alone was tried right after the date with the whole label."""
    placed = dated = 0
    for prepared, view in sample_views():
        scene, _ = app_scene(prepared, view, PHONE)
        for text in scene.placed["text"].tolist():
            date, what = parts(text)
            assert what.strip(ELLIPSIS + " "), text  # never a date alone
            placed, dated = placed + 1, dated + bool(date)
    assert dated >= 0.8 * placed, (dated, placed)
