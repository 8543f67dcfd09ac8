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
<style>html, body {{ height: 100%; margin: 0; }} body {{ font-family: sans-serif; }}</style>
<script>{plotlyjs}</script>
</head>
<body>
{plot}
</body>
</html>
"""


def standalone_html(fig: go.Figure, *, title: str | None = None) -> str:
    """One HTML document holding the figure and plotly.js (no CDN, no MathJax): about 5 MB.

    ``title`` names the page (browser tab); it defaults to the figure's title.
    """
    page_title = title or html.unescape(fig.layout.title.text or "") or "Timeline"  # the figure's is escaped
    config = {**_PLOT_CONFIG, "toImageButtonOptions": {"filename": _file_stem(page_title)}}
    plot = pio.to_html(fig, config=config, full_html=False, include_plotlyjs=False, include_mathjax=False)
    return _PAGE.format(title=html.escape(page_title), plotlyjs=get_plotlyjs(), plot=plot)


def _file_stem(title: str) -> str:
    return re.sub(r"\W+", "-", title).strip("-")[:60] or "timeline"
