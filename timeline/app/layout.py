"""The page: a top bar, a sidebar (filter, add, documents), the timeline and the details panel."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from typing import Any

import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from timeline.app import ids
from timeline.app.details import placeholder
from timeline.app.store import StoredDocument
from timeline.app.uploads import MAX_UPLOAD_BYTES, UPLOAD_EXTENSIONS, human_size, upload_limits
from timeline.app.wording import counted
from timeline.events.timescale import era_year
from timeline.export.formats import IMAGE_FORMATS
from timeline.ingest.document import Problem

DOWNLOAD_FORMATS: tuple[tuple[str, str], ...] = (
    ("png", "PNG"),
    ("svg", "SVG"),
    ("pdf", "PDF"),
    ("html", "HTML"),
    ("csv", "CSV"),
    ("json", "JSON"),
)
LANE_CHOICES: tuple[tuple[str, str], ...] = (("document", "Document"), ("grain", "Grain"), ("type", "Type"))
EMPTY_DATE_PLACEHOLDERS = ("From date", "To date")  # an empty store has no span to show


JOB_POLL_MS = 700


def _aria(label: str) -> dict[str, Any]:
    """An accessible name (Dash passes aria-* through; its typed signatures do not list them)."""
    return {"aria-label": label}


def build_layout(*, title: str, upload_limit: int = MAX_UPLOAD_BYTES, image_problem: str | None = None) -> Component:
    """The page; ``image_problem`` (why images cannot be exported) turns the image buttons off with it."""
    return html.Div(
        [
            # No data= on the stores that start empty: a Store given data=None reports a change on mount.
            dcc.Store(id=ids.VIEW_RANGE),
            dcc.Store(id=ids.PLOT_WIDTH),
            dcc.Store(id=ids.ZOOM_REQUEST),
            dcc.Store(id=ids.REVISION, data=0),
            dcc.Store(id=ids.UPLOAD_LIMIT, data=upload_limits(upload_limit)),
            dcc.Store(id=ids.UPLOAD_SCREENED),
            dcc.Store(id=ids.SELECTED_EVENT),
            dcc.Store(id=ids.ADDRESS),
            dcc.Location(id=ids.LOCATION, refresh=False),
            dcc.Download(id=ids.DOWNLOAD),
            _top_bar(title, image_problem),
            html.Div(
                [_sidebar(upload_limit), html.Div(className="drawer-backdrop"), _main()],
                className="body",
            ),
        ],
        className="page",
    )


def _top_bar(title: str, image_problem: str | None) -> Component:
    return html.Header(
        [
            html.Button(
                "☰",
                id=ids.MENU,
                className="menu-button",
                title="Filters, adding and documents",
                **_aria("Show the filters and documents"),
            ),
            html.H1(title, className="brand"),
            html.Span(id=ids.EVENT_COUNT, className="event-count", role="status"),
            html.Div(
                [
                    html.Span("Lanes", className="control-label"),
                    dcc.RadioItems(
                        id=ids.LANE_BY,
                        options=[{"label": label, "value": value} for value, label in LANE_CHOICES],
                        value="document",
                        inline=True,
                        className="segmented",
                    ),
                ],
                className="control",
            ),
            html.Div(
                [html.Span("Download", className="control-label")]
                + [_download_button(fmt, label, image_problem) for fmt, label in DOWNLOAD_FORMATS]
                + (
                    [
                        html.Span(
                            "Images need Chromium", id=ids.IMAGE_EXPORT_OFF, className="export-off", title=image_problem
                        )
                    ]
                    if image_problem
                    else []
                ),
                className="control downloads",
            ),
        ],
        className="top-bar",
    )


def _download_button(fmt: str, label: str, image_problem: str | None) -> Component:
    button_id = {"type": ids.DOWNLOAD_BUTTON, "format": fmt}
    if image_problem and fmt in IMAGE_FORMATS:
        return html.Button(
            label, id=button_id, className="chip", disabled=True, title=f"{label} download is off: {image_problem}"
        )
    return html.Button(label, id=button_id, className="chip", title=f"Download the current view as {label}")


def _section(heading: str, children: Sequence[Component | str], *, action: Component | None = None) -> Component:
    head = html.Div([html.H2(heading), action], className="panel-head") if action else html.H2(heading)
    return html.Section([head, *children], className="panel")


def _sidebar(upload_limit: int) -> Component:
    filters = _section(
        "Filter",
        [
            dcc.Input(
                id=ids.SEARCH,
                type="search",
                placeholder="Search sentences",
                debounce=0.4,
                className="text-input",
            ),
            dcc.Dropdown(id=ids.DOCUMENTS, multi=True, placeholder="All documents", options=[]),
            dcc.Dropdown(id=ids.GRAINS, multi=True, placeholder="All grains", options=[]),
            dcc.Dropdown(id=ids.TYPES, multi=True, placeholder="All types", options=[]),
            dcc.Dropdown(id=ids.LANGUAGES, multi=True, placeholder="All languages", options=[]),
            html.Div(
                [
                    dcc.Input(id=box, placeholder=hint, debounce=True, className="text-input")
                    for box, hint in zip((ids.DATE_FROM, ids.DATE_TO), EMPTY_DATE_PLACEHOLDERS, strict=True)
                ],
                className="date-range",
            ),
            html.Div(id=ids.FILTER_MESSAGE, className="field-message"),
        ],
        action=html.Button(
            "Reset", id=ids.RESET, className="link-button", title="Clear the filters and show every event"
        ),
    )
    extensions = " · ".join(sorted({e.lstrip(".") for e in UPLOAD_EXTENSIONS} - {"htm"}))
    add = _section(
        "Add documents",
        [
            dcc.Upload(
                id=ids.UPLOAD,
                children=html.Div(
                    [
                        html.Strong("Drop files"),
                        " or click to choose",
                        html.Small(f"{extensions} · {human_size(upload_limit)} max"),
                    ]
                ),
                multiple=True,  # no accept=: a file of another type is named in a notice, not silently dropped
                className="upload",
            ),
            dcc.Textarea(id=ids.PASTE_TEXT, placeholder="…or paste an article here", className="paste-text"),
            dcc.Input(id=ids.PASTE_TITLE, placeholder="Title (optional)", className="text-input"),
            html.Div(
                [
                    html.Div(
                        dcc.Input(id=ids.PASTE_DATE, placeholder="YYYY-MM-DD", className="text-input"),
                        title="The document's date (optional): what 'last Friday' or 'six months ago' counts from",
                    ),
                    html.Button("Add text", id=ids.PASTE_ADD, className="button primary"),
                ],
                className="paste-meta",
            ),
        ],
    )
    documents = _section("Documents", [html.Ul(id=ids.DOCUMENT_LIST, className="document-list")])
    return html.Aside([filters, add, documents], className="sidebar")


def _main() -> Component:
    return html.Main(
        [
            # Work in the background (timeline.app.progress): the page's key, the polling, the progress bars.
            dcc.Store(id=ids.PAGE_KEY),
            dcc.Interval(id=ids.JOB_POLL, interval=JOB_POLL_MS, disabled=True),
            html.Div(id=ids.JOB_PROGRESS, className="notices", role="status"),
            # Reading, extracting and exporting can take a while: a spinner shows where the outcome will.
            dcc.Loading(
                html.Div(id=ids.NOTICES, className="notices", role="status"),
                type="dot",
                delay_show=300,
                parent_className="notices-box",
            ),
            dcc.Loading(
                html.Div(id=ids.DOWNLOAD_MESSAGE, className="notices"),
                type="dot",
                delay_show=300,
                parent_className="notices-box",
            ),
            dcc.Loading(
                dcc.Graph(
                    id=ids.GRAPH,
                    responsive=True,
                    style={"height": "100%"},
                    config={
                        "displaylogo": False,
                        "scrollZoom": True,
                        "toImageButtonOptions": {"filename": "timeline", "scale": 2},
                    },
                ),
                id=ids.GRAPH_BOX,
                parent_className="graph-box",
                delay_show=500,
                type="dot",
            ),
            _details_panel(),
        ],
        className="main",
    )


def _details_panel() -> Component:
    """Over the plot (so the graph keeps its size), hidden until an event is clicked."""

    def button(label: str, component_id: str, title: str) -> Component:
        return html.Button(label, id=component_id, className="chip", title=title)

    return html.Section(
        [
            html.Div(
                [
                    button("‹ Previous", ids.DETAILS_PREVIOUS, "The event before this one in time (← key)"),
                    button("Next ›", ids.DETAILS_NEXT, "The event after this one in time (→ key)"),
                    html.Button(
                        "×",
                        id=ids.DETAILS_CLOSE,
                        className="close",
                        title="Close the details (Esc)",
                        **_aria("Close the details"),
                    ),
                ],
                className="details-nav",
            ),
            html.Div([placeholder()], id=ids.DETAILS_BODY, className="details-body"),
        ],
        id=ids.DETAILS,
        className="details",
        role="dialog",
        **_aria("Event details"),
    )


def date_placeholders(events: pd.DataFrame) -> tuple[str, str]:
    """The date boxes' placeholders: the collection's first and last year, as the boxes read them
    ("From 490 BC", "To 2021"), so they show both the span and a form to type."""
    if events.empty:
        return EMPTY_DATE_PLACEHOLDERS
    first = math.floor(events["x_start"].min())  # the schema holds these finite
    last = max(first, math.ceil(events["x_end"].max()) - 1)  # ends are exclusive: 1998.0 is the end of 1997
    return f"From {era_year(first)}", f"To {era_year(last)}"


def document_items(documents: Iterable[StoredDocument], chosen: Collection[str] = ()) -> list[Component]:
    """One line per stored document, with its event count and a delete button; those ``chosen``
    in the documents filter marked."""
    items: list[Component] = []
    for document in documents:
        meta = f"{document.date} · " if document.date else ""
        items.append(
            html.Li(
                [
                    html.Div(
                        [
                            html.Span(
                                document.title or document.id,
                                className="document-title",
                                title=document.source or document.id,
                            ),
                            html.Small(meta + counted(document.events, "event")),
                        ],
                        className="document-meta",
                    ),
                    html.Button(
                        "×",
                        id={"type": ids.DELETE_DOCUMENT, "doc": document.id},
                        className="delete",
                        title=f"Delete {document.title or document.id} and its events",
                    ),
                ],
                className="selected" if document.id in chosen else None,
            )
        )
    return items or [html.Li("No documents yet: drop files above or paste a text.", className="empty")]


def notice_items(summary: str | None, problems: Iterable[Problem] = ()) -> list[Component]:
    """The outcome of an action: a summary line, then one line per problem (never swallowed)."""
    items: list[Component] = []
    if summary:
        items.append(html.Div(summary, className="notice ok"))
    items.extend(html.Div(str(problem), className="notice problem") for problem in problems)
    return items
