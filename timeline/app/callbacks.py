"""What the page does: plain functions first (unit-tested without a browser), then their registration.

Each registered callback only reads its inputs, calls one of the functions here and returns what
it gives. Extraction happens only when documents are added (:mod:`timeline.app.collection`);
the figure callbacks filter the stored events table and draw it.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from dash.development.base_component import Component

from timeline.app import ids
from timeline.app.address import read_query, view_address, view_query
from timeline.app.collection import IngestReport, add_documents
from timeline.app.details import clicked_event_id, event_details, find_event, placeholder, stepped
from timeline.app.filters import count_text, filter_events, option_counts, read_filter, why_none
from timeline.app.layout import date_placeholders, document_items, notice_items
from timeline.app.pasted import pasted_document
from timeline.app.prepared import PreparedEvents
from timeline.app.store import StoredDocument, TimelineStore
from timeline.app.undo import DeletedDocuments
from timeline.app.view import UNCHANGED, View, held_height, same_view, view_after_relayout, x_range
from timeline.events.timescale import epoch_ms, iso_of_ms
from timeline.export import ExportError, events_to_csv, events_to_json
from timeline.export.render import FigureOptions, render_events
from timeline.extract.model import GRAIN_ORDER, TimexType
from timeline.figure import draw, view_of
from timeline.figure.traces import ZOOM
from timeline.ingest.document import Problem

DOCUMENT_OPTIONS_LIMIT = 100  # the documents dropdown searches the rest on the server
DOCUMENT_LIST_LIMIT = 50
IMAGE_WIDTH = 1400
ZOOM_MIN_PAD_MS = 5 * 60_000.0  # a cluster of one instant opens on the minutes around it

# -- the figure ------------------------------------------------------------------------------------


def filtered_figure(
    source: PreparedEvents,
    filter_values: Mapping[str, Any],
    lane_by: str,
    view: View,
    width: int | None,
    events: pd.DataFrame | None = None,
    selected: str | None = None,
    min_height: int = 0,
) -> tuple[go.Figure, str, str]:
    """The figure of the filtered events over ``view`` for a graph ``width`` px wide (None: not
    measured yet), the count line and the filter messages; with all the ``events``, a filter
    that leaves none also says why. The ``selected`` event is drawn on its own, never only counted;
    the figure is at least ``min_height`` px tall."""
    filtered = source.get(filter_values, lane_by)
    figure = draw(
        filtered.prepared,
        view=view_of(x_range(view)),
        width=width or None,
        responsive=True,
        selected=selected,
        min_height=min_height,
    )
    in_view = in_view_count(figure)
    messages = list(filtered.messages)
    if filtered.matched == 0 and events is not None:
        messages.append(why_none(events, read_filter(filter_values)[0]))
    return figure, count_text(in_view, filtered.matched, filtered.total), " ".join(m for m in messages if m)


def in_view_count(figure: go.Figure) -> int:
    """How many events the figure's view holds (drawn or counted), as its meta says."""
    meta = figure.layout.meta
    return int(meta["in_view"]) if isinstance(meta, dict) and "in_view" in meta else 0


def graph_box_style(figure: go.Figure) -> dict[str, str]:
    """The graph is as tall as its rows need (the figure's height), so every row reads."""
    return {"minHeight": f"{int(figure.layout.height or 0)}px"} if figure.layout.height else {}


def zoom_window(click_data: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """The zoom request (a plotly relayout) for a click on a cluster or an overview bin, padded;
    None for other clicks."""
    points = (click_data or {}).get("points") or []
    customdata = points[0].get("customdata") if points else None
    if not (isinstance(customdata, list | tuple) and len(customdata) == 4 and customdata[1] == ZOOM):
        return None
    first, last = epoch_ms(str(customdata[2])), epoch_ms(str(customdata[3]))
    pad = max((last - first) * 0.08, ZOOM_MIN_PAD_MS)
    return {"xaxis.range": [iso_of_ms(first - pad), iso_of_ms(last + pad)]}


def filter_choices(
    events: pd.DataFrame, filter_values: Mapping[str, Any] | None = None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Options of the grain and type filters: the values present, in calendar order, each with the
    count it would give under the other filters; one that would give none is offered disabled."""
    wanted = read_filter(filter_values or {})[0]
    present = {column: {str(value) for value in events[column].unique()} for column in ("grain", "type")}

    def options(column: str, order: Sequence[str]) -> list[dict[str, Any]]:
        counts = option_counts(events, wanted, column)
        found = [value for value in order if value in present[column]]
        return [
            {
                "label": f"{value.replace('_', ' ')} · {int(counts.get(value, 0)):,}",
                "value": value,
                "disabled": not counts.get(value, 0),
                "title": "" if counts.get(value, 0) else "No event of the other filters has this",
            }
            for value in found
        ]

    return options("grain", [str(g) for g in GRAIN_ORDER]), options("type", [str(t) for t in TimexType])


def language_choices(events: pd.DataFrame) -> list[dict[str, str]]:
    """Options of the language filter: the languages the documents were read in, with counts."""
    counts = events["language"].value_counts()
    return [{"label": f"{code} · {counts[code]:,}", "value": str(code)} for code in sorted(counts.index)]


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
    """The documents panel: the first documents, and those picked in the filter (marked, never
    hidden by it), with a count of the rest."""
    chosen = set(selected or ())
    first = list(documents[:DOCUMENT_LIST_LIMIT])
    listed = {d.id for d in first}
    shown = first + [d for d in documents[DOCUMENT_LIST_LIMIT:] if d.id in chosen and d.id not in listed]
    items = document_items(shown, chosen)
    rest = len(documents) - len(shown)
    if rest > 0:
        items.append(
            html.Li(f"…and {rest:,} more: pick one in the documents filter to see it here.", className="empty")
        )
    return items


# -- details ---------------------------------------------------------------------------------------


def clicked_details(store: TimelineStore, click_data: Mapping[str, Any] | None) -> list[Component | str]:
    """The details panel for a click on an event of the timeline."""
    return selected_details(store, clicked_event_id(click_data))


def selected_details(store: TimelineStore, event_id: str | None) -> list[Component | str]:
    """The details panel of the event ``event_id`` (None: the hint)."""
    if event_id is None:
        return [placeholder()]
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


def step_event(events: pd.DataFrame, filter_values: Mapping[str, Any], current: str | None, step: int) -> str | None:
    """The event before (-1) or after (+1) ``current`` in time, among those the filters show."""
    return stepped(filter_events(events, read_filter(filter_values)[0]), current, step)


def view_around(events: pd.DataFrame, event_id: str | None, view: View) -> dict[str, Any] | None:
    """A zoom request keeping the view's width but centred on ``event_id``, when it is outside the view."""
    if view is None or event_id is None:
        return None
    event = find_event(events, event_id)
    if event is None or not event.get("interval_start"):
        return None
    first, last = epoch_ms(view[0]), epoch_ms(view[1])
    at = epoch_ms(str(event["interval_start"]))
    if first <= at <= last:
        return None
    half = (last - first) / 2
    return {"xaxis.range": [iso_of_ms(at - half), iso_of_ms(at + half)]}


def delete_document(store: TimelineStore, doc_id: str, deleted: DeletedDocuments | None = None) -> list[Component]:
    """Delete a document; with ``deleted`` it is kept there, and the notice offers to undo."""
    if deleted is None:
        document = store.document(doc_id)
        gone = document is not None and store.delete_document(doc_id)
    else:
        document = deleted.delete(doc_id)
        gone = document is not None
    if document is None or not gone:
        return notice_items(None, [Problem(doc_id, "already deleted")])
    summary = f"Deleted {document.title or document.id} and its events"
    if deleted is None:
        return notice_items(summary)
    undo = html.Button(
        "Undo", id={"type": ids.UNDO_DELETE, "doc": doc_id}, className="link-button undo", title="Put it back"
    )
    return [html.Div([summary, " · ", undo], className="notice ok")]


def undo_delete(deleted: DeletedDocuments, doc_id: str) -> list[Component]:
    document = deleted.undo(doc_id)
    if document is None:
        return notice_items(None, [Problem(doc_id, "can no longer be restored")])
    return notice_items(f"Restored {document.title or document.id} and its events")


# -- downloads -------------------------------------------------------------------------------------

_TABLE_WRITERS = {"csv": events_to_csv, "json": events_to_json}


def download(
    events: pd.DataFrame,
    filter_values: Mapping[str, Any],
    lane_by: str,
    view: View,
    fmt: str,
    *,
    selected: str | None = None,
    page_url: str | None = None,
) -> tuple[dict[str, Any] | None, list[Component]]:
    """The file for ``fmt`` of the current view (filters, zoom and the ``selected`` event), or None
    and the reason. A page also says its address, the app's ``page_url`` with the view's query."""
    shown = filter_events(events, read_filter(filter_values)[0])
    if fmt in _TABLE_WRITERS:
        return {"content": _TABLE_WRITERS[fmt](shown), "filename": f"timeline-events.{fmt}"}, []
    query = view_query(filter_values, lane_by, view, selected)
    options = FigureOptions(
        lane_by=lane_by,
        title="Timeline" if fmt == "html" else None,
        x_range=x_range(view),
        width=None if fmt == "html" else IMAGE_WIDTH,
        selected=selected,
        address=view_address(page_url, query),
    )
    try:
        content = render_events(shown, fmt, options)
    except ExportError as error:
        hint = "The camera icon at the top right of the plot still saves a PNG from your browser."
        return None, notice_items(None, [Problem(f"{fmt.upper()} download", f"{error} {hint}")])
    if fmt == "html":
        return {"content": content.decode("utf-8"), "filename": "timeline.html"}, []
    return {"content": base64.b64encode(content).decode("ascii"), "filename": f"timeline.{fmt}", "base64": True}, []


# -- registration ------------------------------------------------------------------------------------


_FILTER_COMPONENTS = {
    "documents": ids.DOCUMENTS,
    "grains": ids.GRAINS,
    "types": ids.TYPES,
    "languages": ids.LANGUAGES,
    "date_from": ids.DATE_FROM,
    "date_to": ids.DATE_TO,
    "search": ids.SEARCH,
}


def _filter_values(dependency: type[Input] | type[State] | type[Output]) -> dict[str, Any]:
    """The filters' values as one group of callback dependencies (``filter_values`` of the functions above)."""
    return {key: dependency(component, "value") for key, component in _FILTER_COMPONENTS.items()}


def _clicked() -> bool:
    """Whether a pattern-matched button was clicked, not just drawn (a new button has n_clicks None)."""
    return bool(ctx.triggered_id) and bool(ctx.triggered and ctx.triggered[0].get("value"))


def _bumped(store: TimelineStore, notices: list[Component]) -> tuple[list[Component], int]:
    return notices, store.revision


def register_callbacks(app: Dash, store: TimelineStore, *, upload_limit: int) -> threading.Thread:
    """Wire the page's components to the functions above; returns the thread preparing the first view."""
    changes = dict(prevent_initial_call=True)
    revision_out = Output(ids.REVISION, "data", allow_duplicate=True)
    notices_out = Output(ids.NOTICES, "children", allow_duplicate=True)

    source = PreparedEvents(store)
    warming = source.warm(store.documents)
    deleted = DeletedDocuments(store)

    @app.callback(
        output=dict(
            figure=Output(ids.GRAPH, "figure"),
            box=Output(ids.GRAPH_BOX, "parent_style"),
            count=Output(ids.EVENT_COUNT, "children"),
            message=Output(ids.FILTER_MESSAGE, "children"),
            view=Output(ids.VIEW_RANGE, "data"),
        ),
        inputs=dict(
            filters=_filter_values(Input),
            lane_by=Input(ids.LANE_BY, "value"),
            revision=Input(ids.REVISION, "data"),
            reset=Input(ids.RESET, "n_clicks"),
            width=Input(ids.PLOT_WIDTH, "data"),
            zoom=Input(ids.ZOOM_REQUEST, "data"),
            view=State(ids.VIEW_RANGE, "data"),
            selected=State(ids.SELECTED_EVENT, "data"),
        ),
    )
    def _figure(
        filters: dict[str, Any],
        lane_by: str,
        revision: int,
        reset: int | None,
        width: int | None,
        zoom: dict[str, Any] | None,
        view: View,
        selected: str | None,
    ) -> dict[str, Any]:
        triggers = set(ctx.triggered_prop_ids.values())
        held = held_height(zoom) if ids.ZOOM_REQUEST in triggers else 0
        if ids.RESET in triggers:
            view = None
        elif ids.ZOOM_REQUEST in triggers:  # maybe with filters, as when an address is opened
            moved = view_after_relayout(zoom, view)
            if moved is UNCHANGED and triggers == {ids.ZOOM_REQUEST}:
                return {key: no_update for key in ("figure", "box", "count", "message", "view")}
            if moved is not UNCHANGED:
                view = moved  # type: ignore[assignment]
        figure, count, message = filtered_figure(
            source, filters, lane_by, view, width, store.events(), selected, min_height=held
        )
        return dict(figure=figure, box=graph_box_style(figure), count=count, message=message, view=view)

    app.clientside_callback(  # type: ignore[no-untyped-call]
        "window.dash_clientside.timeline.graphWidth",
        Output(ids.PLOT_WIDTH, "data"),
        Input(ids.UPLOAD_LIMIT, "data"),
    )

    @app.callback(
        output={key: Output(component, "value", allow_duplicate=True) for key, component in _FILTER_COMPONENTS.items()},
        inputs=dict(_=Input(ids.RESET, "n_clicks")),
        **changes,
    )
    def _reset(_: int | None) -> dict[str, Any]:
        return dict(documents=[], grains=[], types=[], languages=[], date_from="", date_to="", search="")

    @app.callback(
        output=dict(
            filters=_filter_values(Output),
            lane_by=Output(ids.LANE_BY, "value"),
            zoom=Output(ids.ZOOM_REQUEST, "data", allow_duplicate=True),
            event=Output(ids.SELECTED_EVENT, "data", allow_duplicate=True),
            # A dropdown drops a value it has no option for: the options come with the values.
            documents=Output(ids.DOCUMENTS, "options", allow_duplicate=True),
            grains=Output(ids.GRAINS, "options", allow_duplicate=True),
            types=Output(ids.TYPES, "options", allow_duplicate=True),
        ),
        inputs=dict(search=Input(ids.LOCATION, "search")),
        prevent_initial_call="initial_duplicate",
    )
    def _open_address(search: str | None) -> dict[str, Any]:
        state = read_query(search)
        zoom = {"xaxis.range": state.view} if state.view else no_update
        grains, types = filter_choices(store.events(), state.filters)
        return dict(
            filters=state.filters,
            lane_by=state.lane_by,
            zoom=zoom,
            event=state.event or no_update,
            documents=document_options(store.documents(), None, state.filters["documents"]),
            grains=grains,
            types=types,
        )

    @app.callback(
        Output(ids.ADDRESS, "data"),
        _filter_values(Input),
        Input(ids.LANE_BY, "value"),
        Input(ids.VIEW_RANGE, "data"),
        Input(ids.SELECTED_EVENT, "data"),
        **changes,
    )
    def _address(filters: dict[str, Any], lane_by: str, view: View, event: str | None) -> str:
        return view_query(filters, lane_by, view, event)

    app.clientside_callback(  # type: ignore[no-untyped-call]
        "window.dash_clientside.timeline.writeAddress",
        Output(ids.ADDRESS, "id"),
        Input(ids.ADDRESS, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.GRAINS, "options"), Output(ids.TYPES, "options"), Input(ids.REVISION, "data"), _filter_values(Input)
    )
    def _choices(_: int, filters: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        return filter_choices(store.events(), filters)

    @app.callback(Output(ids.LANGUAGES, "options"), Input(ids.REVISION, "data"))
    def _languages(_: int) -> list[dict[str, str]]:
        return language_choices(store.events())

    @app.callback(Output(ids.DATE_FROM, "placeholder"), Output(ids.DATE_TO, "placeholder"), Input(ids.REVISION, "data"))
    def _date_placeholders(_: int) -> tuple[str, str]:
        return date_placeholders(store.events())

    @app.callback(
        Output(ids.DOCUMENTS, "options"),
        Input(ids.REVISION, "data"),
        Input(ids.DOCUMENTS, "search_value"),
        Input(ids.DOCUMENTS, "value"),
    )
    def _document_options(_: int, search: str | None, selected: list[str] | None) -> list[dict[str, str]]:
        return document_options(store.documents(), search, selected)

    @app.callback(Output(ids.DOCUMENT_LIST, "children"), Input(ids.REVISION, "data"), Input(ids.DOCUMENTS, "value"))
    def _document_list(_: int, selected: list[str] | None) -> list[Component]:
        return listed_documents(store.documents(), selected)

    @app.callback(
        output=dict(event=Output(ids.SELECTED_EVENT, "data"), zoom=Output(ids.ZOOM_REQUEST, "data")),
        inputs=dict(
            click_data=Input(ids.GRAPH, "clickData"),
            previous=Input(ids.DETAILS_PREVIOUS, "n_clicks"),
            following=Input(ids.DETAILS_NEXT, "n_clicks"),
            close=Input(ids.DETAILS_CLOSE, "n_clicks"),
            reset=Input(ids.RESET, "n_clicks"),
            current=State(ids.SELECTED_EVENT, "data"),
            filters=_filter_values(State),
            view=State(ids.VIEW_RANGE, "data"),
        ),
        **changes,
    )
    def _select(
        click_data: dict[str, Any] | None,
        previous: int | None,
        following: int | None,
        close: int | None,
        reset: int | None,
        current: str | None,
        filters: dict[str, Any],
        view: View,
    ) -> dict[str, Any]:
        trigger = ctx.triggered_id
        if trigger in (ids.DETAILS_CLOSE, ids.RESET):
            return dict(event=None, zoom=no_update)
        if trigger in (ids.DETAILS_PREVIOUS, ids.DETAILS_NEXT):
            events = store.events()
            chosen = step_event(events, filters, current, -1 if trigger == ids.DETAILS_PREVIOUS else 1)
            if chosen is None:
                return dict(event=no_update, zoom=no_update)
            return dict(event=chosen, zoom=view_around(events, chosen, view) or same_view(view))
        window = zoom_window(click_data)
        if window is not None:
            return dict(event=no_update, zoom=window)
        event_id = clicked_event_id(click_data)
        return dict(event=event_id if event_id is not None else no_update, zoom=no_update)

    @app.callback(
        Output(ids.DETAILS_BODY, "children"),
        Output(ids.DETAILS, "className"),
        Input(ids.SELECTED_EVENT, "data"),
        Input(ids.REVISION, "data"),
    )
    def _details(event_id: str | None, _: int) -> tuple[Any, str]:
        if event_id is None:
            return [placeholder()], "details"
        return selected_details(store, event_id), "details open"

    app.clientside_callback(  # type: ignore[no-untyped-call]
        "window.dash_clientside.timeline.keepInSight",
        Output(ids.DETAILS, "id"),
        Input(ids.SELECTED_EVENT, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        notices_out,
        revision_out,
        Output(ids.PASTE_TEXT, "value"),
        Output(ids.PASTE_TITLE, "value"),
        Output(ids.PASTE_DATE, "value"),
        Input(ids.PASTE_ADD, "n_clicks"),
        State(ids.PASTE_TEXT, "value"),
        State(ids.PASTE_TITLE, "value"),
        State(ids.PASTE_DATE, "value"),
        **changes,
    )
    def _paste(_: int, text: str | None, title: str | None, date_text: str | None) -> tuple[Any, ...]:
        notices, added = add_pasted(store, text, title, date_text)
        cleared = ("", "", "") if added else (no_update, no_update, no_update)
        return (*_bumped(store, notices), *cleared)

    @app.callback(notices_out, revision_out, Input({"type": ids.DELETE_DOCUMENT, "doc": ALL}, "n_clicks"), **changes)
    def _delete(_: list[int | None]) -> Any:
        if not _clicked():  # the list was redrawn, nothing was clicked
            return no_update, no_update
        return _bumped(store, delete_document(store, ctx.triggered_id["doc"], deleted))

    @app.callback(notices_out, revision_out, Input({"type": ids.UNDO_DELETE, "doc": ALL}, "n_clicks"), **changes)
    def _undo(_: list[int | None]) -> Any:
        if not _clicked():
            return no_update, no_update
        return _bumped(store, undo_delete(deleted, ctx.triggered_id["doc"]))

    @app.callback(
        output=dict(file=Output(ids.DOWNLOAD, "data"), message=Output(ids.DOWNLOAD_MESSAGE, "children")),
        inputs=dict(
            clicks=Input({"type": ids.DOWNLOAD_BUTTON, "format": ALL}, "n_clicks"),
            filters=_filter_values(State),
            lane_by=State(ids.LANE_BY, "value"),
            view=State(ids.VIEW_RANGE, "data"),
            selected=State(ids.SELECTED_EVENT, "data"),
            page_url=State(ids.LOCATION, "href"),
        ),
        prevent_initial_call=True,
    )
    def _download(
        clicks: list[int | None],
        filters: dict[str, Any],
        lane_by: str,
        view: View,
        selected: str | None,
        page_url: str | None,
    ) -> dict[str, Any]:
        if not _clicked():
            return dict(file=no_update, message=no_update)
        fmt = ctx.triggered_id["format"]
        file, message = download(store.events(), filters, lane_by, view, fmt, selected=selected, page_url=page_url)
        return dict(file=file if file is not None else no_update, message=message)

    return warming
