"""Component ids of the page, named once so layout, callbacks and browser tests agree."""

from __future__ import annotations

# The plot and what it shows
GRAPH = "timeline-graph"
GRAPH_BOX = "timeline-graph-box"  # dcc.Loading around the graph; its parent_style sets the graph's min height
EVENT_COUNT = "event-count"
LANE_BY = "lane-by"
VIEW_RANGE = "view-range"  # dcc.Store: the x range on screen as plotly's date strings, or None (fit)
PLOT_WIDTH = "plot-width"  # dcc.Store: the graph's width in px, as the browser measures it
# dcc.Store: a change of the x range as a plotly relayout ({"xaxis.range": [...]} or {"xaxis.autorange": true}),
# set by the browser on every zoom, pan or range button (assets/timeline.js) and by a click on a cluster.
ZOOM_REQUEST = "zoom-request"
RESET = "reset-view"  # clears the filters and the zoom

# Filters
SEARCH = "filter-search"
DOCUMENTS = "filter-documents"
GRAINS = "filter-grains"
TYPES = "filter-types"
LANGUAGES = "filter-languages"
DATE_FROM = "filter-date-from"
DATE_TO = "filter-date-to"
FILTER_MESSAGE = "filter-message"

# The details of the clicked event: a panel over the plot, with its own close and step buttons
DETAILS = "event-details"
DETAILS_BODY = "event-details-body"
DETAILS_CLOSE = "details-close"
DETAILS_PREVIOUS = "details-previous"
DETAILS_NEXT = "details-next"
SELECTED_EVENT = "selected-event"  # dcc.Store: the event_id shown in the details panel, or None

# The page's address: the view (filters, lanes, zoom, selected event) in the query string
LOCATION = "page-location"  # dcc.Location: read once, when the page opens
ADDRESS = "page-address"  # dcc.Store: the query string of the current view, written to the address bar
MENU = "menu-button"  # opens the sidebar as a drawer on a narrow screen
UNDO_DELETE = "undo-delete"  # pattern-matching: {"type": UNDO_DELETE, "doc": doc_id}

# Adding and removing documents
UPLOAD = "upload"
UPLOAD_LIMIT = "upload-limit"  # dcc.Store: the size limit in bytes, read by the browser-side guard
UPLOAD_SCREENED = "upload-screened"  # dcc.Store: files that passed the browser-side size guard
PASTE_TEXT = "paste-text"
PASTE_TITLE = "paste-title"
PASTE_DATE = "paste-date"
PASTE_ADD = "paste-add"
DOCUMENT_LIST = "document-list"
DELETE_DOCUMENT = "delete-document"  # pattern-matching: {"type": DELETE_DOCUMENT, "doc": doc_id}
NOTICES = "notices"
REVISION = "store-revision"  # dcc.Store: bumps when documents are added or deleted

# Downloads
DOWNLOAD = "download"
DOWNLOAD_BUTTON = "download-button"  # pattern-matching: {"type": DOWNLOAD_BUTTON, "format": "png" | ...}
DOWNLOAD_MESSAGE = "download-message"
IMAGE_EXPORT_OFF = "image-export-off"  # shown (with the install hint) when images cannot be exported

# Work in the background (timeline.app.progress)
PAGE_KEY = "page-key"  # dcc.Store: a key the page makes for itself, naming the jobs it asked for
JOB_POLL = "job-poll"  # dcc.Interval: asks how the jobs are doing, while there are any
JOB_PROGRESS = "job-progress"  # the running jobs, with their progress bars
