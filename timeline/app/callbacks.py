"""What the page does: plain functions first (unit-tested without a browser), then their registration.

Each registered callback only reads its inputs, calls one of the functions here and returns what
it gives. Extraction happens only when documents are added (:mod:`timeline.app.collection`);
the figure callbacks filter the stored events table and draw it.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from dash.development.base_component import Component

from timeline.app import ids
from timeline.app.collection import IngestReport, add_documents
from timeline.app.details import clicked_event_id, event_details, find_event, placeholder
from timeline.app.filters import count_text, filter_events, read_filter
from timeline.app.layout import document_items, notice_items
from timeline.app.pasted import pasted_document
from timeline.app.store import StoredDocument, TimelineStore
from timeline.app.view import UNCHANGED, View, view_after_relayout, x_range
from timeline.export import ExportError, events_to_csv, events_to_json
from timeline.export.render import FigureOptions, render_events
from timeline.extract.model import GRAIN_ORDER, TimexType
from timeline.figure import timeline_figure
from timeline.ingest.document import Problem

DOCUMENT_OPTIONS_LIMIT = 100  # the documents dropdown searches the rest on the server
DOCUMENT_LIST_LIMIT = 50
IMAGE_WIDTH = 1400
GRAPH_FRAME_PX = 190  # range buttons, axis, range slider and margins around the lanes
COMPACT_LANE_PX = 24

# -- the figure ------------------------------------------------------------------------------------


def filtered_figure(
    events: pd.DataFrame, filter_values: Mapping[str, Any], lane_by: str, view: View
) -> tuple[go.Figure, str, str]:
    """The figure of the filtered events over ``view``, the count line and the filter messages."""
    wanted, messages = read_filter(filter_values)
    shown = filter_events(events, wanted)
    figure = timeline_figure(shown, lane_by=lane_by, x_range=x_range(view))
    return figure, count_text(len(shown), len(events)), " ".join(messages)


def graph_box_style(figure: go.Figure) -> dict[str, str]:
    """The graph fills the height the details panel leaves, but keeps room for its lanes.

    The figure asks for a height at which every lane reads comfortably; on a laptop screen that
    would push the details panel out of sight, so the page grants it a compact height
    (:data:`COMPACT_LANE_PX` a lane) and scrolls only beyond that.
    """
    lanes = len(figure.layout.yaxis.tickvals or ())
    return {"minHeight": f"{GRAPH_FRAME_PX + COMPACT_LANE_PX * lanes}px"} if lanes else {}


def filter_choices(events: pd.DataFrame) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Options of the grain and type filters: the values present, in calendar order, with counts."""

    def options(column: str, order: Sequence[str]) -> list[dict[str, str]]:
        counts = events[column].value_counts()
        return [{"label": f"{value.replace('_', ' ')} · {counts[value]:,}", "value": value}
                for value in order if value in counts.index]

    return options("grain", [str(g) for g in GRAIN_ORDER]), options("type", [str(t) for t in TimexType])


def document_options(
    documents: Sequence[StoredDocument], search: str | None, selected: Sequence[str] | None
) -> list[dict[str, str]]:
    """Options of the documents filter: the selected ones, then those matching ``search``, capped."""
    chosen = set(selected or ())
    words = (search or "").strip().lower()
    options = [d for d in documents if d.id in chosen]
    for document in documents:
        if len(options) >= DOCUMENT_OPTIONS_LIMIT + len(chosen):
            break
        if document.id not in chosen and (not words or words in f"{document.title or ''} {document.id}".lower()):
            options.append(document)
    return [{"label": d.title or d.id, "value": d.id} for d in options]


def listed_documents(documents: Sequence[StoredDocument], selected: Sequence[str] | None) -> list[Component]:
    """The documents panel: the documents picked in the filter, else the first ones, with a count of the rest."""
    chosen = set(selected or ())
    shown = [d for d in documents if d.id in chosen] if chosen else list(documents[:DOCUMENT_LIST_LIMIT])
    items = document_items(shown)
    rest = len(documents) - len(shown)
    if rest > 0 and not chosen:
        items.append(html.Li(f"…and {rest:,} more: pick one in the documents filter to see it here.",
                             className="empty"))
    return items


# -- details ---------------------------------------------------------------------------------------


def clicked_details(store: TimelineStore, click_data: Mapping[str, Any] | None) -> list[Component | str]:
    """The details panel for a click on the timeline."""
    event_id = clicked_event_id(click_data)
    if event_id is None:
        return [placeholder("That mark stands for many events: zoom in and click one of them.")] if click_data \
            else [placeholder()]
    event = find_event(store.events(), event_id)
    if event is None:
        return [placeholder("This event is no longer stored.")]
    return event_details(event, store.document(str(event["doc_id"])))


# -- adding and deleting documents -------------------------------------------------------------------


def _outcome(report: IngestReport, extra: Sequence[Problem] = ()) -> list[Component]:
    return notice_items(report.summary(), [*extra, *report.problems])


def add_pasted(
    store: TimelineStore, text: str | None, title: str | None, date_text: str | None
) -> tuple[list[Component], bool]:
    """Add the pasted text; also says whether it was added (so the box can be cleared)."""
    items = list(pasted_document(text, title=title, date_text=date_text))
    report = add_documents(store, items)
    if not (report.added or report.replaced or report.unchanged):
        return notice_items(None, report.problems), False
    return _outcome(report), True


def delete_document(store: TimelineStore, doc_id: str) -> list[Component]:
    document = store.document(doc_id)
    if document is None or not store.delete_document(doc_id):
        return notice_items(None, [Problem(doc_id, "already deleted")])
    return notice_items(f"Deleted {document.title or document.id} and its events")


# -- downloads -------------------------------------------------------------------------------------

_TABLE_WRITERS = {"csv": events_to_csv, "json": events_to_json}


def download(
    events: pd.DataFrame, filter_values: Mapping[str, Any], lane_by: str, view: View, fmt: str
) -> tuple[dict[str, Any] | None, list[Component]]:
    """The file for ``fmt`` of the current view (filters and zoom), or None and the reason."""
    shown = filter_events(events, read_filter(filter_values)[0])
    if fmt in _TABLE_WRITERS:
        return {"content": _TABLE_WRITERS[fmt](shown), "filename": f"timeline-events.{fmt}"}, []
    options = FigureOptions(lane_by=lane_by, title="Timeline" if fmt == "html" else None, x_range=x_range(view),
                            width=None if fmt == "html" else IMAGE_WIDTH)
    try:
        content = render_events(shown, fmt, options)
    except ExportError as error:
        hint = "The camera icon at the top right of the plot still saves a PNG from your browser."
        return None, notice_items(None, [Problem(f"{fmt.upper()} download", f"{error} {hint}")])
    if fmt == "html":
        return {"content": content.decode("utf-8"), "filename": "timeline.html"}, []
    return {"content": base64.b64encode(content).decode("ascii"), "filename": f"timeline.{fmt}", "base64": True}, []


# -- registration ------------------------------------------------------------------------------------


_FILTER_COMPONENTS = {"documents": ids.DOCUMENTS, "grains": ids.GRAINS, "types": ids.TYPES,
                      "date_from": ids.DATE_FROM, "date_to": ids.DATE_TO, "search": ids.SEARCH}


def _filter_values(dependency: type[Input] | type[State] | type[Output]) -> dict[str, Any]:
    """The filters' values as one group of callback dependencies (``filter_values`` of the functions above)."""
    return {key: dependency(component, "value") for key, component in _FILTER_COMPONENTS.items()}


def _clicked() -> bool:
    """Whether a pattern-matched button was clicked, not just drawn (a new button has n_clicks None)."""
    return bool(ctx.triggered_id) and bool(ctx.triggered and ctx.triggered[0].get("value"))


def _bumped(store: TimelineStore, notices: list[Component]) -> tuple[list[Component], int]:
    return notices, store.revision


def register_callbacks(app: Dash, store: TimelineStore, *, upload_limit: int) -> None:
    """Wire the page's components to the functions above."""
    changes = dict(prevent_initial_call=True)
    revision_out = Output(ids.REVISION, "data", allow_duplicate=True)
    notices_out = Output(ids.NOTICES, "children", allow_duplicate=True)

    @app.callback(
        output=dict(figure=Output(ids.GRAPH, "figure"), box=Output(ids.GRAPH_BOX, "parent_style"),
                    count=Output(ids.EVENT_COUNT, "children"),
                    message=Output(ids.FILTER_MESSAGE, "children"),
                    view=Output(ids.VIEW_RANGE, "data", allow_duplicate=True)),
        inputs=dict(filters=_filter_values(Input), lane_by=Input(ids.LANE_BY, "value"),
                    revision=Input(ids.REVISION, "data"), reset=Input(ids.RESET, "n_clicks"),
                    view=State(ids.VIEW_RANGE, "data")),
        prevent_initial_call="initial_duplicate",
    )
    def _figure(filters: dict[str, Any], lane_by: str, revision: int, reset: int | None, view: View) -> dict[str, Any]:
        view = None if ctx.triggered_id == ids.RESET else view
        figure, count, message = filtered_figure(store.events(), filters, lane_by, view)
        return dict(figure=figure, box=graph_box_style(figure), count=count, message=message, view=view)

    @app.callback(Output(ids.VIEW_RANGE, "data"), Input(ids.GRAPH, "relayoutData"), State(ids.VIEW_RANGE, "data"),
                  **changes)
    def _track_view(relayout: dict[str, Any] | None, current: View) -> Any:
        view = view_after_relayout(relayout, current)
        return no_update if view is UNCHANGED else view

    @app.callback(output=_filter_values(Output), inputs=dict(_=Input(ids.RESET, "n_clicks")), **changes)
    def _reset(_: int | None) -> dict[str, Any]:
        return dict(documents=[], grains=[], types=[], date_from="", date_to="", search="")

    @app.callback(Output(ids.GRAINS, "options"), Output(ids.TYPES, "options"), Input(ids.REVISION, "data"))
    def _choices(_: int) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
        return filter_choices(store.events())

    @app.callback(Output(ids.DOCUMENTS, "options"), Input(ids.REVISION, "data"),
                  Input(ids.DOCUMENTS, "search_value"), State(ids.DOCUMENTS, "value"))
    def _document_options(_: int, search: str | None, selected: list[str] | None) -> list[dict[str, str]]:
        return document_options(store.documents(), search, selected)

    @app.callback(Output(ids.DOCUMENT_LIST, "children"), Input(ids.REVISION, "data"), Input(ids.DOCUMENTS, "value"))
    def _document_list(_: int, selected: list[str] | None) -> list[Component]:
        return listed_documents(store.documents(), selected)

    @app.callback(Output(ids.DETAILS, "children"), Input(ids.GRAPH, "clickData"), **changes)
    def _details(click_data: dict[str, Any] | None) -> list[Component | str]:
        return clicked_details(store, click_data)

    @app.callback(notices_out, revision_out, Output(ids.PASTE_TEXT, "value"), Output(ids.PASTE_TITLE, "value"),
                  Output(ids.PASTE_DATE, "value"), Input(ids.PASTE_ADD, "n_clicks"),
                  State(ids.PASTE_TEXT, "value"), State(ids.PASTE_TITLE, "value"), State(ids.PASTE_DATE, "value"),
                  **changes)
    def _paste(_: int, text: str | None, title: str | None, date_text: str | None) -> tuple[Any, ...]:
        notices, added = add_pasted(store, text, title, date_text)
        cleared = ("", "", "") if added else (no_update, no_update, no_update)
        return (*_bumped(store, notices), *cleared)

    @app.callback(notices_out, revision_out, Input({"type": ids.DELETE_DOCUMENT, "doc": ALL}, "n_clicks"), **changes)
    def _delete(_: list[int | None]) -> Any:
        if not _clicked():  # the list was redrawn, nothing was clicked
            return no_update, no_update
        return _bumped(store, delete_document(store, ctx.triggered_id["doc"]))

    @app.callback(
        output=dict(file=Output(ids.DOWNLOAD, "data"), message=Output(ids.DOWNLOAD_MESSAGE, "children")),
        inputs=dict(clicks=Input({"type": ids.DOWNLOAD_BUTTON, "format": ALL}, "n_clicks"),
                    filters=_filter_values(State), lane_by=State(ids.LANE_BY, "value"),
                    view=State(ids.VIEW_RANGE, "data")),
        prevent_initial_call=True,
    )
    def _download(clicks: list[int | None], filters: dict[str, Any], lane_by: str, view: View) -> dict[str, Any]:
        if not _clicked():
            return dict(file=no_update, message=no_update)
        file, message = download(store.events(), filters, lane_by, view, ctx.triggered_id["format"])
        return dict(file=file if file is not None else no_update, message=message)
