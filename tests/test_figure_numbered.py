"""The numbered key of printed timelines, from small hand-built tables."""

from __future__ import annotations

import plotly.graph_objects as go

from timeline.events import events_frame
from timeline.figure import timeline_figure
from timeline.figure.numbered import KEY_LIMIT, event_numbers, key_lines, with_event_key


def _event(event_id: str, value: str, start: str, end: str, x_start: float, x_end: float, label: str, grain: str = "day") -> dict[str, object]:
    return {
        "event_id": event_id, "doc_id": "doc", "doc_title": "Doc", "text": value, "start": 0, "end": 4,
        "type": "DATE", "value": value, "mod": None, "grain": grain, "interval_start": start, "interval_end": end,
        "sentence": label + ".", "label": label, "anchor": "absolute", "anchor_value": None, "explanation": "",
        "kind": "instant" if grain == "day" else "period", "x_start": x_start, "x_end": x_end,
    }


EVENTS = events_frame([
    _event("doc:40", "2021-05-13", "2021-05-13", "2021-05-14", 2021.36, 2021.37, "Troops crossed the border"),
    _event("doc:0", "2020", "2020-01-01", "2021-01-01", 2020.0, 2021.0, "The war broke out", grain="year"),
    _event("doc:90", "1997-SU", "1997-06-01", "1997-09-01", 1997.42, 1997.67, "A treaty was signed", grain="season"),
])


def test_events_are_numbered_in_time_order() -> None:
    assert event_numbers(EVENTS) == {"doc:90": 1, "doc:0": 2, "doc:40": 3}


def test_key_lists_each_number_with_its_value_and_label() -> None:
    lines = key_lines(EVENTS, event_numbers(EVENTS))
    assert [line.split("</b>")[0] for line in lines] == ["<b>1", "<b>2", "<b>3"]
    assert "1997-SU" in lines[0] and "A treaty was signed" in lines[0]
    assert "Troops crossed the border" in lines[2]


def test_every_event_gets_its_number_on_a_marker_and_the_key_below() -> None:
    figure = with_event_key(timeline_figure(EVENTS), EVENTS)
    texts = [t for trace in figure.data if isinstance(trace, go.Scatter | go.Scattergl) and trace.text is not None
             for t in trace.text]
    assert sorted(texts) == ["1", "2", "3"]
    key = [a.text for a in figure.layout.annotations if "A treaty was signed" in (a.text or "")]
    assert len(key) == 1 and key[0].count("<br>") == 2


def test_too_many_events_get_no_key() -> None:
    many = events_frame([
        _event(f"doc:{i}", "2021-05-13", "2021-05-13", "2021-05-14", 2021.36, 2021.37, f"Event {i}")
        for i in range(KEY_LIMIT + 1)
    ])
    figure = timeline_figure(many)
    assert with_event_key(figure, many) is figure
