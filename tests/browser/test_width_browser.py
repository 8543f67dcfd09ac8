"""The graph's width in a real headless Chromium: it fills its box, and the labels the server lays
out for the width the browser reports stay inside the plot, also once the page's scrollbar shows.

The page's scrollbar (the window's on a phone, the main column's on wider screens) appears only
once the figure is drawn taller than the window: a width measured before it is too wide.
"""

from __future__ import annotations

import time

import pytest
from dash.testing.composite import DashComposite
from dash.testing.wait import until
from test_app_browser import GRAPH, start
from test_page_browser import view_size, wait_until_laid_out

from timeline.app.store import TimelineStore

pytestmark = pytest.mark.browser

_WIDTHS = f"""
// The outer graph box's inner width, the graph's width, the plot area's left and right edges on
// screen, and every text drawn on the plot with its left and right edges.
const gd = document.querySelector('{GRAPH}');
const box = document.querySelector('.graph-box');
const xa = gd._fullLayout.xaxis, r = gd.getBoundingClientRect();
const left = r.left + xa._offset;
const texts = Array.from(gd.querySelectorAll('.scatterlayer .textpoint text, .barlayer text')).map(t => {{
  const b = t.getBoundingClientRect();
  return [t.textContent, b.left, b.right];
}}).filter(t => t[0].trim());
return [box.clientWidth, r.width, left, left + xa._length, texts];
"""


def assert_fills_and_labels_inside(dash_duo: DashComposite) -> None:
    wait_until_laid_out(dash_duo)
    box, graph, left, right, texts = dash_duo.driver.execute_script(_WIDTHS)
    assert graph == box, f"the graph is {graph} px wide in a box {box} px wide"
    assert len(texts) >= 15, texts
    outside = [(text, round(a), round(b)) for text, a, b in texts if a < left - 0.5 or b > right + 0.5]
    assert not outside, f"labels past the plot area {left:.0f}..{right:.0f}: {outside}"


@pytest.mark.parametrize("size", [(420, 860), (768, 900), (1024, 768), (1440, 900)])
def test_the_graph_fills_its_box_and_no_label_runs_past_the_plot(
    dash_duo: DashComposite, sample_store: TimelineStore, size: tuple[int, int]
) -> None:
    view_size(dash_duo, *size)
    start(dash_duo, sample_store)
    assert_fills_and_labels_inside(dash_duo)


def test_after_the_window_is_resized_the_labels_are_laid_out_for_the_new_width(
    dash_duo: DashComposite, sample_store: TimelineStore
) -> None:
    view_size(dash_duo, 1440, 900)
    start(dash_duo, sample_store)
    assert_fills_and_labels_inside(dash_duo)
    wide = dash_duo.driver.execute_script(_WIDTHS)[1]
    view_size(dash_duo, 420, 860)
    until(lambda: dash_duo.driver.execute_script(_WIDTHS)[1] < wide / 2, timeout=10, msg="the graph kept its width")
    assert_fills_and_labels_inside(dash_duo)


_COUNT_FIGURE_REQUESTS = """
// Before the page's scripts: record the width sent with every request for the figure.
window.timelineFigureWidths = [];
const send = window.fetch;
window.fetch = function (url, options) {
  try {
    const body = options && typeof options.body === 'string' ? JSON.parse(options.body) : null;
    if (body && String(body.output).includes('timeline-graph.figure')) {
      const width = (body.inputs || []).find(i => i.id === 'plot-width');
      window.timelineFigureWidths.push(width ? width.value : null);
    }
  } catch (error) {}
  return send.apply(this, arguments);
};
"""


@pytest.mark.parametrize("size", [(420, 860), (1440, 900)])
def test_on_load_the_figure_is_drawn_once_for_the_width_it_keeps(
    dash_duo: DashComposite, sample_store: TimelineStore, size: tuple[int, int]
) -> None:
    """In a desktop browser a phone-width window gets a scrollbar once the figure is drawn taller
    than the window; its room is kept from the start, so the first width is the last."""
    dash_duo.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": _COUNT_FIGURE_REQUESTS})
    view_size(dash_duo, *size)
    start(dash_duo, sample_store)
    wait_until_laid_out(dash_duo)
    scrolls = dash_duo.driver.execute_script(
        "const s = document.scrollingElement; return s.scrollHeight > s.clientHeight"
    )
    time.sleep(1)  # the resize observer reports 150 ms after a change: long past
    widths = dash_duo.driver.execute_script("return window.timelineFigureWidths")
    graph = dash_duo.driver.execute_script("return window.timelineGraphWidth()")
    assert widths == [graph], f"figure requested for widths {widths}, the graph is {graph} px wide"
    if size[0] == 420:
        assert scrolls  # the page is taller than the window: the scrollbar is there
