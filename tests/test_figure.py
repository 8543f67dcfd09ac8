"""The timeline figure, from small hand-built events tables."""

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
from timeline.events.timescale import fractional_year
from timeline.figure import LANE_BY, timeline_figure
from timeline.figure.style import LANE_LABEL_CHARS, LARGE_TABLE, MAX_LANES, PALETTE, SHARED_LANE_COLOUR

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
) -> dict[str, Any]:
    """One row of an events table, with the fields the figure reads set and the rest plausible."""
    return {
        "event_id": f"{doc}:{offset}", "doc_id": doc, "doc_title": title or f"Report {doc}", "text": value or start,
        "start": offset, "end": offset + 4, "type": type_, "value": value or start, "mod": None, "grain": grain,
        "interval_start": start, "interval_end": end, "sentence": sentence, "label": label, "anchor": "absolute",
        "anchor_value": None, "explanation": "written in full", "kind": kind,
        "x_start": fractional_year(start), "x_end": fractional_year(end),
    }


WESTPHALIA = event("history.txt", 10, "1648-01-01", "1649-01-01", "year", "period", value="1648",
                   label="The Peace of Westphalia was signed", title="Treaties and wars")
INVASION = event("history.txt", 90, "1939-09-01", "1939-09-02", "day", "instant", value="1939-09-01",
                 label="Germany invaded Poland", title="Treaties and wars")
INDUSTRY = event("history.txt", 150, "1800-01-01", "1900-01-01", "century", "period", value="18",
                 label="Industry transformed Europe", title="Treaties and wars")
MARATHON = event("greece.txt", 40, "-0489-01-01", "-0488-01-01", "year", "period", value="-0489",
                 label="The Athenians won at Marathon", title="Ancient Greece")
SPEECH = event("news.txt", 5, "2021-05-14T19:45", "2021-05-14T19:46", "minute", "instant", type_="TIME",
               value="2021-05-14T19:45", label="Pashinyan spoke <live>",
               sentence="Pashinyan announced during an extraordinary session of parliament on Friday at 19:45 that "
                        "he had asked Russia for military help, including troops, & for arms.")
TALKS = event("news.txt", 60, "2018-05-15", "2021-05-15", "none", "anchored duration", type_="DURATION", value="P3Y",
              label="The talks went nowhere")
FAR_DATES = [WESTPHALIA, INVASION, INDUSTRY, MARATHON]


def marks(fig: go.Figure) -> dict[str, tuple[float, float]]:
    """event_id -> (x, y) of every WebGL mark."""
    return {
        row[0]: (x, y)
        for trace in fig.data if trace.type == "scattergl" and trace.customdata is not None
        for row, x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
    }


def bars(fig: go.Figure) -> dict[str, tuple[float, float, float]]:
    """event_id -> (start ms, end ms, y) of every bar."""
    return {
        row[0]: (base, base + length, y)
        for trace in fig.data if trace.type == "bar"
        for row, base, length, y in zip(trace.customdata, trace.base, trace.x, trace.y, strict=True)
    }


def hovers(fig: go.Figure) -> dict[str, str]:
    return {
        row[0]: text
        for trace in fig.data if trace.type in ("scattergl", "bar") and trace.customdata is not None
        for row, text in zip(trace.customdata, trace.hovertext, strict=True)
    }


def test_an_empty_table_gives_a_clean_empty_figure() -> None:
    fig = timeline_figure(empty_events(), title="Nothing yet")
    assert len(fig.data) == 0
    assert [a.text for a in fig.layout.annotations] == ["No events"]
    assert fig.layout.xaxis.visible is False and fig.layout.yaxis.visible is False
    assert fig.layout.title.text == "Nothing yet"


def test_instants_are_webgl_markers_at_the_middle_of_their_interval() -> None:
    fig = timeline_figure(events_frame([INVASION, SPEECH]))
    assert {trace.type for trace in fig.data} == {"scattergl"}
    placed = marks(fig)
    assert placed["history.txt:90"][0] == ms(datetime(1939, 9, 1, 12))
    assert placed["news.txt:5"][0] == ms(datetime(2021, 5, 14, 19, 45, 30))


def test_periods_are_bars_over_their_whole_interval_with_a_tick_in_the_middle() -> None:
    fig = timeline_figure(events_frame([WESTPHALIA, INDUSTRY, TALKS]))
    spans = bars(fig)
    assert spans["history.txt:10"][:2] == (ms(datetime(1648, 1, 1)), ms(datetime(1649, 1, 1)))
    assert spans["history.txt:150"][:2] == (ms(datetime(1800, 1, 1)), ms(datetime(1900, 1, 1)))
    assert spans["news.txt:60"][:2] == (ms(datetime(2018, 5, 15)), ms(datetime(2021, 5, 15)))
    ticks = marks(fig)
    assert ticks["history.txt:150"][0] == (ms(datetime(1800, 1, 1)) + ms(datetime(1900, 1, 1))) / 2
    bar_traces = [trace for trace in fig.data if trace.type == "bar"]
    patterns = {row[0]: shape for trace in bar_traces
                for row, shape in zip(trace.customdata, trace.marker.pattern.shape, strict=True)}
    assert patterns == {"history.txt:10": "", "history.txt:150": "", "news.txt:60": "/"}
    assert fig.layout.barmode == "overlay"  # bars of several colours must not be shifted apart


def test_far_dates_on_a_date_axis() -> None:
    fig = timeline_figure(events_frame(FAR_DATES))
    assert fig.layout.xaxis.type == "date"
    marathon = bars(fig)["greece.txt:40"]
    assert marathon[:2] == (ms_bc(-489), ms_bc(-488))
    first, last = fig.layout.xaxis.range
    assert first < ms_bc(-489) and last > ms(datetime(1939, 9, 2))
    assert "(490 BC)" in hovers(fig)["greece.txt:40"]
    assert "BC" not in hovers(fig)["history.txt:10"]


def test_every_mark_carries_its_event_id() -> None:
    rows = [INVASION, SPEECH, WESTPHALIA, MARATHON, TALKS]
    fig = timeline_figure(events_frame(rows))
    ids = {row["event_id"] for row in rows}
    assert set(marks(fig)) == ids  # instants, and a tick for every span
    assert set(bars(fig)) == {"history.txt:10", "greece.txt:40", "news.txt:60"}


def test_one_trace_per_document_colour_not_per_event() -> None:
    rows = [event(f"doc{d}.txt", i, f"20{10 + i % 10}-0{1 + i % 9}-1{i % 9}", f"20{10 + i % 10}-0{1 + i % 9}-2{i % 9}",
                  "week", "period") for d in range(3) for i in range(40)]
    rows += [event(f"doc{d}.txt", 100 + i, "2020-03-01", "2020-03-02", "day", "instant")
             for d in range(3) for i in range(40)]
    fig = timeline_figure(events_frame(rows))
    assert [trace.type for trace in fig.data].count("bar") == 3
    assert [trace.type for trace in fig.data].count("scattergl") == 3
    many = [event(f"doc{d}.txt", 0, "2020-03-01", "2020-03-02", "day", "instant") for d in range(25)]
    assert len(timeline_figure(events_frame(many)).data) == len(PALETTE)


def test_colours_follow_documents() -> None:
    fig = timeline_figure(events_frame([INVASION, MARATHON, SPEECH]))
    colour_of = {trace.customdata[0][0]: trace.marker.color for trace in fig.data
                 if trace.type == "scattergl" and trace.customdata is not None}
    assert colour_of == {"history.txt:90": PALETTE[0], "greece.txt:40": PALETTE[1], "news.txt:5": PALETTE[2]}


@pytest.mark.parametrize(
    ("lane_by", "lanes", "lane_of"),
    [
        ("document", ["Treaties and wars", "Ancient Greece", "Report news.txt"],
         {"history.txt:10": 0, "history.txt:90": 0, "greece.txt:40": 1, "news.txt:5": 2, "news.txt:60": 2}),
        ("grain", ["Year", "Day", "Minute", "None"],
         {"history.txt:10": 0, "greece.txt:40": 0, "history.txt:90": 1, "news.txt:5": 2, "news.txt:60": 3}),
        ("type", ["Date", "Time", "Duration"],
         {"history.txt:10": 0, "greece.txt:40": 0, "history.txt:90": 0, "news.txt:5": 1, "news.txt:60": 2}),
    ],
)
def test_lanes(lane_by: str, lanes: list[str], lane_of: dict[str, int]) -> None:
    fig = timeline_figure(events_frame([WESTPHALIA, INVASION, MARATHON, SPEECH, TALKS]), lane_by=lane_by)
    assert list(fig.layout.yaxis.ticktext) == lanes
    assert list(fig.layout.yaxis.tickvals) == list(range(len(lanes)))
    for event_id, (_, y) in marks(fig).items():
        assert abs(y - lane_of[event_id]) <= 0.3, event_id
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # first lane on top
    assert fig.layout.showlegend is (lane_by != "document")  # document lanes name the documents already
    entries = [trace.name for trace in fig.data if trace.showlegend is not False]
    assert entries == ([] if lane_by == "document" else ["Treaties and wars", "Ancient Greece", "Report news.txt"])


def test_same_day_events_are_spread_and_keep_their_place_when_others_go() -> None:
    same_day = [event("a.txt", i, "2021-05-13", "2021-05-14", "day", "instant") for i in range(12)]
    fig = timeline_figure(events_frame(same_day))
    ys = [y for _, y in marks(fig).values()]
    assert len({round(y, 3) for y in ys}) == 12 and max(ys) - min(ys) > 0.3
    fewer = timeline_figure(events_frame(same_day[::3]))
    assert all(marks(fewer)[k] == marks(fig)[k] for k in marks(fewer))


def test_hover_says_what_where_and_when() -> None:
    fig = timeline_figure(events_frame([SPEECH, MARATHON]))
    text = hovers(fig)["news.txt:5"]
    assert text.startswith("<b>Pashinyan spoke &lt;live&gt;</b>")
    assert "“2021-05-14T19:45” → 2021-05-14T19:45 · minute" in text
    assert "2021-05-14T19:45 → 2021-05-14T19:46" in text
    sentence_lines = [line for line in text.split("<br>") if line.startswith("<i>")]
    assert len(sentence_lines) >= 2
    assert all(len(line.removeprefix("<i>").removesuffix("</i>")) <= 60 for line in sentence_lines)
    assert "&amp; for arms." in sentence_lines[-1]
    assert text.endswith("Report news.txt</span>")
    assert all(trace.hovertemplate == "%{hovertext}<extra></extra>" for trace in fig.data)


def test_time_axis_buttons_slider_and_range() -> None:
    fig = timeline_figure(events_frame(FAR_DATES), x_range=("1900-01-01", "1950-06-01"))
    axis = fig.layout.xaxis
    assert [b.label for b in axis.rangeselector.buttons] == ["1m", "6m", "1y", "10y", "all"]
    assert axis.rangeslider.visible is True
    assert tuple(axis.range) == (ms(datetime(1900, 1, 1)), ms(datetime(1950, 6, 1)))
    assert axis.rangeslider.range[0] < ms_bc(-489)  # the slider still spans every event
    bc = timeline_figure(events_frame(FAR_DATES), x_range=("-0495-01-01", "-0480-01-01 12:00:00.5"))
    assert bc.layout.xaxis.range[0] == ms_bc(-495)


def test_events_beyond_the_axis_are_left_out_with_a_note() -> None:
    far_future = event("sf.txt", 0, "12021-01-01", "12022-01-01", "year", "period")
    fig = timeline_figure(events_frame([INVASION, far_future]))
    assert set(marks(fig)) == {"history.txt:90"}
    assert any("1 events outside years -9999…9999 not drawn" in a.text for a in fig.layout.annotations)
    only_far = timeline_figure(events_frame([far_future]))
    assert "No events" in [a.text for a in only_far.layout.annotations]


def test_readable_lanes() -> None:
    long_title = "A very long title of a report on the negotiations between Armenia and Azerbaijan in May"
    rows = [event(f"d{i}.txt", 0, "2021-05-13", "2021-05-14", "day", "instant", title=f"{i} {long_title}")
            for i in range(MAX_LANES)]
    fig = timeline_figure(events_frame(rows))
    assert all(len(label) <= LANE_LABEL_CHARS for label in fig.layout.yaxis.ticktext)
    plot_height = fig.layout.height - 190  # title, buttons, axis and slider take about that
    assert plot_height / len(fig.layout.yaxis.ticktext) >= 2 * fig.layout.yaxis.tickfont.size


def test_a_large_table_switches_to_the_overview() -> None:
    count = LARGE_TABLE + 1000
    rows = [event(f"doc{i % 45:02d}.txt", i, f"2020-{1 + i % 12:02d}-{1 + i % 28:02d}",
                  f"2020-{1 + i % 12:02d}-{2 + i % 28:02d}", "day", "instant", sentence="A long sentence. " * 10)
            for i in range(count - 500)]
    rows += [event(f"doc{i % 45:02d}.txt", count + i, "2019-01-01", "2020-01-01", "year", "period") for i in range(500)]
    fig = timeline_figure(events_frame(rows), lane_by="document")
    density = [trace for trace in fig.data if trace.type == "histogram"]
    assert len(density) == 1 and density[0].yaxis == "y2" and fig.layout.yaxis2.domain[1] == 1
    assert sum(density[0].y) == count
    represented = sum(row[1] for trace in fig.data if trace.type == "scattergl" for row in trace.customdata)
    assert fig.layout.showlegend is False
    assert represented == count  # every event is in exactly one mark
    n_marks = sum(len(trace.x) for trace in fig.data if trace.type == "scattergl")
    assert n_marks < count / 5
    assert len(fig.layout.yaxis.ticktext) == MAX_LANES
    assert fig.layout.yaxis.ticktext[-1] == f"{45 - MAX_LANES + 1} other documents"
    assert all("<i>" not in text for text in hovers(fig).values())  # no sentences: a lighter figure
    assert len(fig.to_json()) < 2_000_000
    by_grain = timeline_figure(events_frame(rows), lane_by="grain")  # 45 documents share each lane
    assert {trace.marker.color for trace in by_grain.data if trace.type != "histogram"} == {SHARED_LANE_COLOUR}
    assert sum(len(trace.x) for trace in by_grain.data if trace.type == "scattergl") <= 12 * 28 + 1


def test_bad_arguments_raise_clearly() -> None:
    table = events_frame([INVASION])
    with pytest.raises(ValueError, match="lane_by must be one of document, grain, type, not 'colour'"):
        timeline_figure(table, lane_by="colour")
    with pytest.raises(ValueError, match="x_range: not an ISO 8601 date: 'yesterday'"):
        timeline_figure(table, x_range=("yesterday", "2021-01-01"))
    with pytest.raises(EventsTableError, match="missing column"):
        timeline_figure(table.drop(columns="kind"))
    assert LANE_BY == ("document", "grain", "type")


def test_the_figure_is_a_pure_function_of_the_table() -> None:
    """Same table, same figure: also across processes with different hash seeds."""
    script = (
        "import sys, json; sys.path.insert(0, 'tests');"
        "from test_figure import FAR_DATES, SPEECH, TALKS;"
        "from timeline.events import events_frame; from timeline.figure import timeline_figure;"
        "print(timeline_figure(events_frame([*FAR_DATES, SPEECH, TALKS]), lane_by='grain').to_json())"
    )
    outputs = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}).stdout
        for seed in ("1", "2")
    }
    assert len(outputs) == 1
    local = timeline_figure(events_frame([*FAR_DATES, SPEECH, TALKS]), lane_by="grain")
    assert json.loads(outputs.pop()) == json.loads(local.to_json())


def test_no_dash_in_the_figure() -> None:
    script = "import sys, timeline.figure; print(any(m == 'dash' or m.startswith('dash.') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"

