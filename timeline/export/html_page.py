"""A self-contained interactive page of a figure: plotly.js is inlined, so it opens offline.

The figure's markers are WebGL traces, which draw nothing where the browser has no WebGL (no GPU
and no software renderer, or WebGL turned off). The page checks before plotting and then draws
them as SVG markers instead, as the image export does: the same points, slower only past many
thousands of them.
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
<script>{fallback}</script>
</head>
<body>
{plot}
</body>
</html>
"""


# Runs after plotly.js and before the plot: without WebGL, Plotly.newPlot gets SVG scatter traces.
_SVG_FALLBACK = """(function () {
  function hasWebGL() {
    try {
      var canvas = document.createElement("canvas");
      return !!(window.WebGLRenderingContext && (canvas.getContext("webgl") || canvas.getContext("experimental-webgl")));
    } catch (error) { return false; }
  }
  var markers = hasWebGL() ? "webgl" : "svg";
  document.documentElement.setAttribute("data-markers", markers);
  if (markers === "webgl") { return; }
  var newPlot = Plotly.newPlot;
  Plotly.newPlot = function (div, data, layout, config) {
    (data || []).forEach(function (trace) { if (trace.type === "scattergl") { trace.type = "scatter"; } });
    return newPlot.call(Plotly, div, data, layout, config);
  };
})();"""


def standalone_html(fig: go.Figure, *, title: str | None = None) -> str:
    """One HTML document holding the figure and plotly.js (no CDN, no MathJax): about 5 MB.

    Where the browser has no WebGL the markers are drawn as SVG (``<html data-markers="svg">``).

    ``title`` names the page (browser tab); it defaults to the figure's title.
    """
    page_title = title or fig.layout.title.text or "Timeline"
    config = {**_PLOT_CONFIG, "toImageButtonOptions": {"filename": _file_stem(page_title)}}
    plot = pio.to_html(fig, config=config, full_html=False, include_plotlyjs=False, include_mathjax=False)
    return _PAGE.format(title=html.escape(page_title), plotlyjs=get_plotlyjs(), fallback=_SVG_FALLBACK, plot=plot)


def _file_stem(title: str) -> str:
    return re.sub(r"\W+", "-", title).strip("-")[:60] or "timeline"
