"""A self-contained interactive page of a figure: plotly.js is inlined, so it opens offline.

The timeline draws its marks as SVG (it holds what fits the view, not every event), so the page
works where the browser has no WebGL too.
"""

from __future__ import annotations

import html
import re

import plotly.graph_objects as go
import plotly.io as pio
from plotly.offline import get_plotlyjs

# Hover, zoom and pan as in the app; the camera button saves a PNG named after the page. plotly.js 3's
# "Share chart" button would upload the events to Plotly Cloud: an archive's export must not leak.
_PLOT_CONFIG: dict[str, object] = {
    "responsive": True,
    "displaylogo": False,
    "scrollZoom": True,
    "modeBarButtonsToRemove": ["sendChartToCloud"],
}

_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="timeline">
<title>{title}</title>
<style>html, body {{ height: 100%; margin: 0; }} body {{ font-family: sans-serif; }}
.view {{ padding: 6px 12px; font-size: 13px; line-height: 1.5; color: #556074; border-bottom: 1px solid #e2e6ec; }}
.view p {{ margin: 0; }} .view a {{ color: #2f5fd0; overflow-wrap: anywhere; }} .view b {{ color: #1d2433; }}</style>
<script>{plotlyjs}</script>
</head>
<body>
{caption}{plot}
</body>
</html>
"""


def standalone_html(
    fig: go.Figure, *, title: str | None = None, address: str | None = None, selected: str | None = None
) -> str:
    """One HTML document holding the figure and plotly.js (no CDN, no MathJax): about 5 MB.

    ``title`` names the page (browser tab); it defaults to the figure's title. ``address`` (the
    app's address of the view, a link that opens it again) and ``selected`` (the event selected
    there, in words) are said above the plot, so the page tells what view it is.
    """
    page_title = title or html.unescape(fig.layout.title.text or "") or "Timeline"  # the figure's is escaped
    config = {**_PLOT_CONFIG, "toImageButtonOptions": {"filename": _file_stem(page_title)}}
    plot = pio.to_html(fig, config=config, full_html=False, include_plotlyjs=False, include_mathjax=False)
    return _PAGE.format(
        title=html.escape(page_title), plotlyjs=get_plotlyjs(), caption=_caption(address, selected), plot=plot
    )


def _caption(address: str | None, selected: str | None) -> str:
    """The lines above the plot saying which view of the app the page is (document text escaped)."""
    lines = []
    if address:
        link = html.escape(address)
        lines.append(f'<p>View: <a class="view-address" href="{link}">{link}</a></p>')
    if selected:
        lines.append(f'<p>Selected: <b class="view-selected">{html.escape(selected)}</b></p>')
    body = "\n".join(lines)
    return f'<header class="view" id="timeline-view">\n{body}\n</header>\n' if lines else ""


def _file_stem(title: str) -> str:
    return re.sub(r"\W+", "-", title).strip("-")[:60] or "timeline"
