"""The timeline figure, from small hand-built events tables: marks, bars, labels, lanes, views."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from typing import Any

import plotly.graph_objects as go
import pytest

from timeline.events import EventsTableError, empty_events, events_frame
from timeline.events.timescale import epoch_ms, fractional_year
from timeline.figure import LANE_BY, draw, prepare, timeline_figure
from timeline.figure.style import LANE_LABEL_CHARS, MAX_LANES, PALETTE, ROW_PX

EPOCH = datetime(1970, 1, 1)
DAYS_IN_400_YEARS = 146_097


def ms(moment: datetime) -> float:
    """Milliseconds since 1970 by Python's own calendar (years 1..9999)."""
    return (moment - EPOCH) / timedelta(milliseconds=1)


def ms_bc(year: int) -> float:
    """Milliseconds since 1970 of 1 January of astronomical ``year`` <= 0, via the 400-year cycle."""
    cycles = (-year) // 400 + 1
    return ms(datetime(year + 400 * cycles, 1, 1)) - cycles * DAYS_IN_400_YEARS * 86_400_000


def event(
    doc: str,
    offset: int,
    start: str,
    end: str,
    grain: str,
    kind: str,
    *,
    value: str | None = None,
    label: str = "Something happened",
    sentence: str = "Something happened then.",
    type_: str = "DATE",
    title: str | None = None,
    doc_date: str | None = None,
    mentions: int = 1,
) -> dict[str, Any]:
    """One row of an events table, with the fields the figure reads set and the rest plausible."""
    return {
        "event_id": f"{doc}:{offset}",
        "doc_id": doc,
        "doc_title": title or f"Report {doc}",
        "doc_date": doc_date,
        "text": value or start,
        "start": offset,
        "end": offset + 4,
        "type": type_,
        "value": value or start,
        "mod": None,
        "grain": grain,
        "interval_start": start,
        "interval_end": end,
        "sentence": sentence,
        "label": label,
        "anchor": "absolute",
        "anchor_value": None,
        "explanation": "written in full",
        "mentions": mentions,
        "other_mentions": "",
        "kind": kind,
        "x_start": fractional_year(start),
        "x_end": fractional_year(end),
    }


WESTPHALIA = event(
    "history.txt",
    10,
    "1648-01-01",
    "1649-01-01",
    "year",
    "period",
    value="1648",
    label="The Peace of Westphalia was signed",
    title="Treaties and wars",
)
INVASION = event(
    "history.txt",
    90,
    "1939-09-01",
    "1939-09-02",
    "day",
    "instant",
    value="1939-09-01",
    label="Germany invaded Poland",
    title="Treaties and wars",
)
INDUSTRY = event(
    "history.txt",
    150,
    "1800-01-01",
    "1900-01-01",
    "century",
    "period",
    value="18",
    label="Industry transformed Europe",
    title="Treaties and wars",
)
MARATHON = event(
    "greece.txt",
    40,
    "-0489-01-01",
    "-0488-01-01",
    "year",
    "period",
    value="-0489",
    label="The Athenians won at Marathon",
    title="Ancient Greece",
)
SPEECH = event(
    "news.txt",
    5,
    "2021-05-14T19:45",
    "2021-05-14T19:46",
    "minute",
    "instant",
    type_="TIME",
    value="2021-05-14T19:45",
    label="Pashinyan spoke <live>",
    sentence="Pashinyan announced during an extraordinary session of parliament on Friday at 19:45 that "
    "he had asked Russia for military help, including troops, & for arms.",
)
TALKS = event(
    "news.txt",
    60,
    "2018-05-15",
    "2021-05-15",
    "none",
    "anchored duration",
    type_="DURATION",
    value="P3Y",
    label="The talks went nowhere",
)
FAR_DATES = [WESTPHALIA, INVASION, INDUSTRY, MARATHON]
ALL = ("-9000-01-01", "9000-01-01")


def points(fig: go.Figure) -> dict[str, tuple[float, float, str, str]]:
    """event_id -> (x, y, text, textposition) of every marker drawn for an event."""
    found = {}
    for trace in fig.data:
        if trace.type != "scatter" or trace.customdata is None or "markers" not in (trace.mode or ""):
            continue
        positions = (
            trace.textposition if isinstance(trace.textposition, tuple | list) else [trace.textposition] * len(trace.x)
        )
        for row, x, y, text, side in zip(trace.customdata, trace.x, trace.y, trace.text, positions, strict=True):
            if row[1] == "event":
                found[row[0]] = (x, y, text, side)
    return found


def bars(fig: go.Figure) -> dict[str, tuple[float, float, float]]:
    """event_id -> (start ms, end ms, y) of every bar drawn for an event."""
    return {
        row[0]: (base, base + length, y)
        for trace in fig.data
        if trace.type == "bar" and trace.xaxis in (None, "x")
        for row, base, length, y in zip(trace.customdata, trace.base, trace.x, trace.y, strict=True)
        if row[1] == "event"
    }


def bar_labels(fig: go.Figure) -> list[str]:
    """The texts of the labels drawn on bars."""
    return [
        text
        for trace in fig.data
        if trace.type == "scatter" and trace.mode == "text" and trace.customdata is None
        for text in trace.text
    ]


def clusters(fig: go.Figure) -> list[tuple[int, str, str]]:
    """(count, from, to) of every cluster mark."""
    return [
        (int(text.strip("<b>/+").replace(",", "")), row[2], row[3])
        for trace in fig.data
        if trace.type == "scatter" and trace.mode == "text" and trace.customdata is not None
        for row, text in zip(trace.customdata, trace.text, strict=True)
        if row[1] == "zoom"
    ]


def hovers(fig: go.Figure) -> dict[str, str]:
    return {
        row[0]: text
        for trace in fig.data
        if trace.customdata is not None and trace.hovertext is not None
        for row, text in zip(trace.customdata, trace.hovertext, strict=True)
        if row[1] == "event"
    }


def test_an_empty_table_gives_a_clean_empty_figure() -> None:
    fig = timeline_figure(empty_events(), title="Nothing yet")
    assert "No events" in [a.text for a in fig.layout.annotations]
    assert fig.layout.title.text == "Nothing yet"
    assert not fig.data


def test_instants_are_markers_at_the_middle_of_their_interval_with_their_label_beside() -> None:
    fig = timeline_figure(events_frame([INVASION, SPEECH]), x_range=("1939-01-01", "2022-01-01"))
    drawn = points(fig)
    assert drawn["history.txt:90"][0] == ms(datetime(1939, 9, 1, 12))
    assert drawn["news.txt:5"][0] == ms(datetime(2021, 5, 14, 19, 45, 30))
    assert drawn["history.txt:90"][2] == "1 Sep 1939 · Germany invaded Poland"
    assert drawn["news.txt:5"][2] == "14 May 2021, 19:45 · Pashinyan spoke &lt;live&gt;"  # text, not markup
    assert drawn["history.txt:90"][3] == "middle right" and drawn["news.txt:5"][3] == "middle left"  # at the edge


def test_periods_are_bars_over_their_whole_interval_labelled_on_the_bar() -> None:
    fig = timeline_figure(events_frame([WESTPHALIA, INDUSTRY, TALKS]), x_range=("1648-06-01", "2030-01-01"))
    drawn = bars(fig)
    assert drawn["history.txt:150"][:2] == (ms(datetime(1800, 1, 1)), ms(datetime(1900, 1, 1)))
    assert drawn["news.txt:60"][:2] == (ms(datetime(2018, 5, 15)), ms(datetime(2021, 5, 15)))
    assert covers(drawn["history.txt:10"], ms(datetime(1648, 1, 1)), ms(datetime(1649, 1, 1)))
    labels = bar_labels(fig)
    assert "19th century · Industry transformed Europe" in labels
    # 1648 started before the view: its label says the bar runs on past the edge.
    assert "◂ 1648 · The Peace of Westphalia was signed" in labels
    hatched = [t for t in fig.data if t.type == "bar" and "/" in (t.marker.pattern.shape or ())]
    assert hatched, "the anchored duration is hatched"


def covers(bar: tuple[float, float, float], start: float, end: float) -> bool:
    """Whether a bar is drawn over [start, end]: exactly, or widened about its middle when too short to see."""
    first, last, _ = bar
    return first <= start and end <= last and abs((first + last) / 2 - (start + end) / 2) < 1


def test_far_dates_on_a_date_axis() -> None:
    fig = timeline_figure(events_frame(FAR_DATES), x_range=ALL)
    assert covers(bars(fig)["greece.txt:40"], ms_bc(-489), ms_bc(-488))
    assert fig.layout.xaxis.type == "date"
    assert set(points(fig)) | set(bars(fig)) == {e["event_id"] for e in FAR_DATES}


def test_one_trace_per_colour_not_per_event() -> None:
    rows = [
        event("a.txt", i, f"2021-05-{1 + i % 28:02d}", f"2021-05-{2 + i % 28:02d}", "day", "instant") for i in range(60)
    ]
    fig = timeline_figure(events_frame(rows))
    assert len([t for t in fig.data if t.type == "scatter" and "markers" in (t.mode or "")]) == 1


def test_colours_follow_documents() -> None:
    fig = timeline_figure(events_frame([INVASION, MARATHON, SPEECH]), x_range=ALL)
    colours = {
        row[0]: trace.marker.color
        for trace in fig.data
        if trace.customdata is not None
        and trace.type in ("scatter", "bar")
        and "markers" in (getattr(trace, "mode", "") or "markers")
        for row in trace.customdata
        if row[1] == "event"
    }
    assert colours["history.txt:90"] == PALETTE[0]
    assert colours["greece.txt:40"] == PALETTE[1]
    assert colours["news.txt:5"] == PALETTE[2]


@pytest.mark.parametrize(
    ("lane_by", "lanes"),
    [
        ("document", ["Treaties and wars", "Ancient Greece", "Report news.txt"]),
        ("grain", ["Century", "Year", "Day", "Minute", "None"]),
        ("type", ["Date", "Time", "Duration"]),
    ],
)
def test_lanes(lane_by: str, lanes: list[str]) -> None:
    fig = timeline_figure(
        events_frame([WESTPHALIA, INDUSTRY, INVASION, MARATHON, SPEECH, TALKS]), lane_by=lane_by, x_range=ALL
    )
    assert list(fig.layout.yaxis.ticktext) == lanes


def test_an_archive_gets_lanes_by_when_it_was_written_not_one_grey_lane() -> None:
    rows = [
        event(
            f"d{i:03d}.txt",
            0,
            "2020-03-01",
            "2020-03-02",
            "day",
            "instant",
            doc_date=f"{1990 + i % 6}-06-01" if i % 10 else None,
        )
        for i in range(200)
    ]
    fig = timeline_figure(events_frame(rows))
    names = list(fig.layout.yaxis.ticktext)
    assert names == [
        f"Written {year} · {sum(1 for i in range(200) if i % 10 and 1990 + i % 6 == year)} documents"
        for year in range(1990, 1996)
    ] + ["Undated · 20 documents"]
    assert len(set(names)) <= MAX_LANES
    many_years = [
        event(f"d{i:03d}.txt", 0, "2020-03-01", "2020-03-02", "day", "instant", doc_date=f"{1900 + i}-06-01")
        for i in range(100)
    ]
    decades = list(timeline_figure(events_frame(many_years)).layout.yaxis.ticktext)
    assert decades[0] == "Written 1900s · 10 documents" and len(decades) == 10


def test_titles_are_text_not_markup() -> None:
    hostile = event(
        "x.txt",
        0,
        "2021-05-13",
        "2021-05-14",
        "day",
        "instant",
        title='<a href="https://x.co">go</a> <b>bold</b>',
        label="<span style='color:red'>red</span>",
    )
    fig = timeline_figure(events_frame([hostile]))
    assert fig.layout.yaxis.ticktext == ("&lt;a…",)  # shortened, then escaped
    assert "<span" not in json.dumps([t.text for t in fig.data if t.text is not None])
    assert "<a href" not in hovers(fig)["x.txt:0"]


def test_hover_says_what_where_and_when() -> None:
    fig = timeline_figure(events_frame([SPEECH, MARATHON]), x_range=ALL)
    speech = hovers(fig)["news.txt:5"]
    assert "Pashinyan spoke &lt;live&gt;" in speech
    assert "2021-05-14T19:45" in speech and "Report news.txt" in speech
    assert "(490 BC)" in hovers(fig)["greece.txt:40"]


def test_the_first_view_goes_where_the_events_are() -> None:
    """One long period does not stretch the first view: it spans the month the news is about."""
    news = [
        event("n.txt", i, f"2021-05-{10 + i % 5:02d}", f"2021-05-{11 + i % 5:02d}", "day", "instant") for i in range(14)
    ]
    century = event("n.txt", 900, "1900-01-01", "2000-01-01", "century", "period", value="19")
    fig = timeline_figure(events_frame([*news, century]))
    first, last = (epoch_ms(bound) for bound in fig.layout.xaxis.range)
    # The marks of days are at noon: the first and the last are in view, the century is not.
    assert (
        ms(datetime(2021, 4, 1))
        < first
        < ms(datetime(2021, 5, 10, 12))
        < ms(datetime(2021, 5, 14, 12))
        < last
        < ms(datetime(2021, 6, 1))
    )
    buttons = {b.label: b.args[0]["xaxis.range"] for b in fig.layout.updatemenus[0].buttons}
    assert list(buttons) == ["1m", "6m", "1y", "10y", "all"]
    latest = ms(datetime(2021, 5, 14, 12))
    for label in ("1m", "6m", "1y", "10y"):
        start, end = (epoch_ms(bound) for bound in buttons[label])
        assert start < latest < end, label  # counts back from the latest event: never an empty view
    start, end = (epoch_ms(bound) for bound in buttons["all"])
    assert start < ms(datetime(1900, 1, 1)) and end > ms(datetime(2021, 5, 15))


def test_buttons_centre_on_the_event_nearest_a_chosen_view() -> None:
    rows = [event("h.txt", i, f"{1900 + 10 * i}-03-01", f"{1900 + 10 * i}-03-02", "day", "instant") for i in range(10)]
    fig = timeline_figure(events_frame(rows), x_range=("1938-01-01", "1945-01-01"))
    buttons = {b.label: b.args[0]["xaxis.range"] for b in fig.layout.updatemenus[0].buttons}
    start, end = (epoch_ms(bound) for bound in buttons["1y"])
    assert start < ms(datetime(1940, 3, 1, 12)) < end


def test_events_beyond_the_axis_are_left_out_with_a_note() -> None:
    far_future = event("sf.txt", 0, "12021-01-01", "12022-01-01", "year", "period")
    fig = timeline_figure(events_frame([INVASION, far_future]))
    assert set(points(fig)) == {"history.txt:90"}
    assert any("1 events outside years -9999…9999 not drawn" in a.text for a in fig.layout.annotations)
    only_far = timeline_figure(events_frame([far_future]))
    assert "No events" in [a.text for a in only_far.layout.annotations]


def test_rows_are_a_fixed_height_and_lane_names_short() -> None:
    long_title = "A very long title of a report on the negotiations between Armenia and Azerbaijan in May"
    rows = [
        event(f"d{i}.txt", 0, "2021-05-13", "2021-05-14", "day", "instant", title=f"{i} {long_title}")
        for i in range(MAX_LANES)
    ]
    fig = timeline_figure(events_frame(rows))
    assert all(len(label) <= LANE_LABEL_CHARS for label in fig.layout.yaxis.ticktext)
    lanes = fig.layout.yaxis
    plot_px = (fig.layout.height - fig.layout.margin.t - fig.layout.margin.b) * (lanes.domain[1] - lanes.domain[0])
    rows_shown = lanes.range[0] - lanes.range[1]
    assert plot_px / rows_shown == pytest.approx(ROW_PX, rel=0.02)


def test_the_overview_strip_counts_the_whole_collection_and_shades_the_view() -> None:
    rows = [event("a.txt", i, f"{2000 + i % 20}-01-01", f"{2000 + i % 20}-01-02", "day", "instant") for i in range(400)]
    fig = timeline_figure(events_frame(rows), x_range=("2005-01-01", "2006-06-01"))
    overview = [t for t in fig.data if t.xaxis == "x2"]
    assert len(overview) == 1 and sum(overview[0].y) == 400
    shade = [s for s in fig.layout.shapes if s.xref == "x2"]
    assert [s.x0[:10] for s in shade] == ["2005-01-01"]


def test_bad_arguments_raise_clearly() -> None:
    table = events_frame([INVASION])
    with pytest.raises(ValueError, match="lane_by must be one of document, grain, type, not 'colour'"):
        timeline_figure(table, lane_by="colour")
    with pytest.raises(ValueError, match="x_range: not an ISO 8601 date: 'yesterday'"):
        timeline_figure(table, x_range=("yesterday", "2021-01-01"))
    with pytest.raises(EventsTableError, match="missing column"):
        timeline_figure(table.drop(columns="kind"))
    assert LANE_BY == ("document", "grain", "type")


def test_draw_reuses_a_prepared_table() -> None:
    prepared = prepare(events_frame(FAR_DATES), "document")
    one = draw(prepared, view=(ms(datetime(1900, 1, 1)), ms(datetime(1950, 1, 1))))
    assert set(points(one)) == {"history.txt:90"} and not bars(one)


def test_the_figure_is_a_pure_function_of_the_table() -> None:
    """Same table, same figure: also across processes with different hash seeds."""
    script = (
        "import sys, json; sys.path.insert(0, 'tests/figure');"
        "from test_figure import FAR_DATES, SPEECH, TALKS;"
        "from timeline.events import events_frame; from timeline.figure import timeline_figure;"
        "print(timeline_figure(events_frame([*FAR_DATES, SPEECH, TALKS]), lane_by='grain').to_json())"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
    local = timeline_figure(events_frame([*FAR_DATES, SPEECH, TALKS]), lane_by="grain")
    assert json.loads(outputs.pop()) == json.loads(local.to_json())


def test_no_dash_in_the_figure() -> None:
    script = "import sys, timeline.figure; print(any(m == 'dash' or m.startswith('dash.') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
