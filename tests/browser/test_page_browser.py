"""The page around the timeline at a phone's, a laptop's and a desktop's size, in a real headless Chromium:
the drawer, the details panel over the plot, stepping through events, the view in the address, undo.

The window's inner size is set through the DevTools protocol (Emulation.setDeviceMetricsOverride),
so a 1280x720 test sees a 1280x720 page, not that less the browser's own bars.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from dash.testing.composite import DashComposite
from dash.testing.wait import until
from selenium.webdriver.common.keys import Keys
from test_app_browser import (
    GRAPH,
    click_at,
    click_isolated_event,
    counts,
    drawn_ids,
    start,
    wait_for_total,
    wait_until_settled,
    words,
)

from timeline.app.collection import ingest_paths
from timeline.app.store import TimelineStore

pytestmark = pytest.mark.browser
SAMPLE_DATA = Path(__file__).resolve().parents[2] / "data"

_BOX = "const r = arguments[0].getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom];"
_PAGE_SIZE = "return [document.documentElement.scrollWidth, window.innerWidth, window.innerHeight];"
_PLOT_AREA = f"""
// The plot's drawing area (inside the figure's margins) and the whole graph, in px.
const gd = document.querySelector('{GRAPH}');
const xa = gd._fullLayout.xaxis, r = gd.getBoundingClientRect();
return [xa._length, r.width, r.height];
"""
_CONTROL_BOXES = f"""
// The boxes of plotly's toolbar and of the figure's own controls: range buttons, legend, the note.
const box = e => {{ const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }};
const root = document.querySelector('{GRAPH}');
const modebar = root.querySelector('.modebar');
const ours = [...root.querySelectorAll('g.updatemenu-button, g.legend, g.annotation')];
return [modebar ? box(modebar) : null, ours.map(box).filter(b => b[2] > b[0] && b[3] > b[1])];
"""

_MARK_BOX = f"""
// The screen box of the drawn marker of event arguments[0] (the SVG element itself), or null.
for (const group of document.querySelectorAll('{GRAPH} .scatterlayer .trace')) {{
  const trace = group.__data__ && group.__data__[0] && group.__data__[0].trace;
  if (!trace || !trace.customdata) continue;
  for (const point of group.querySelectorAll('path.point')) {{
    const c = point.__data__ && trace.customdata[point.__data__.i];
    if (c && c[0] === arguments[0] && c[1] === 'event') {{
      const r = point.getBoundingClientRect();
      return [r.left, r.top, r.right, r.bottom];
    }}
  }}
}}
return null;
"""

_LANE_TEXTS = f"""
// The texts drawn on the lanes (event labels and cluster counts) and their left and right edges on screen.
return Array.from(document.querySelectorAll('{GRAPH} .scatterlayer .textpoint text')).map(t => {{
  const r = t.getBoundingClientRect();
  return [t.textContent, r.left, r.right];
}}).filter(b => b[0].trim());
"""
_CLUSTER_COUNT = re.compile(r"^\+[\d,]+$")

_PAGE_VIEW = """
// The downloaded page's plot: the range it shows and the events it draws on their own.
const gd = document.querySelector('.js-plotly-plot');
if (!gd || !gd._fullData) return null;
const ids = gd._fullData.flatMap(t => Array.from(t.customdata || []).filter(c => c[1] === 'event').map(c => c[0]));
return [gd.layout.xaxis.range, ids];
"""


def callbacks_done(dash_duo: DashComposite) -> None:
    """Wait for the callbacks in flight, so the test server is not stopped in the middle of one."""
    until(
        lambda: not dash_duo.redux_state_is_loading,
        timeout=20,
        msg="callbacks still running",
    )
    wait_until_settled(dash_duo)


_LAID_OUT = """
// Whether the width last reported to the server (assets/timeline.js) is the graph's width now.
const graph = document.getElementById('timeline-graph');
return !!graph && window.timelineReportedWidth === Math.floor(graph.getBoundingClientRect().width);
"""


def wait_until_laid_out(dash_duo: DashComposite) -> None:
    """Until the figure on screen is the one drawn for the graph's width, as last reported (a
    scrollbar that came after the first draw reports the width again)."""
    wait_until_settled(dash_duo)
    until(lambda: dash_duo.driver.execute_script(_LAID_OUT), timeout=10, msg="the graph's width was never reported")
    callbacks_done(dash_duo)


def view_size(dash_duo: DashComposite, width: int, height: int) -> None:
    dash_duo.driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
    )


def box(dash_duo: DashComposite, selector: str) -> list[float]:
    return list(dash_duo.driver.execute_script(_BOX, dash_duo.find_element(selector)))


def overlap(a: list[float], b: list[float]) -> bool:
    return a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1


def details_open(dash_duo: DashComposite) -> bool:
    return "open" in (dash_duo.find_element("#event-details").get_attribute("class") or "").split()


def showing(dash_duo: DashComposite, events: Any, event_id: str) -> bool:
    """Whether the details panel shows ``event_id``'s sentence."""
    text = words(dash_duo.find_element("#event-details-body").text)
    return details_open(dash_duo) and words(events.loc[event_id, "sentence"]) in text


@pytest.mark.parametrize("size", [(420, 900), (1280, 720), (1440, 900)])
def test_plotly_toolbar_never_covers_the_range_buttons_the_legend_or_the_note(
    dash_duo: DashComposite, sample_store: TimelineStore, size: tuple[int, int]
) -> None:
    view_size(dash_duo, *size)
    start(dash_duo, sample_store)
    wait_until_settled(dash_duo)
    dash_duo.find_element(GRAPH).click()  # the toolbar shows while the pointer is over the graph
    modebar, ours = dash_duo.driver.execute_script(_CONTROL_BOXES)
    assert modebar is not None and ours, "the toolbar and the range buttons are drawn"
    covered = [b for b in ours if overlap(modebar, b)]
    assert not covered, f"plotly's toolbar {modebar} covers {covered}"


def test_on_a_phone_the_page_does_not_scroll_sideways_and_the_plot_has_the_width(
    dash_duo: DashComposite, sample_store: TimelineStore
) -> None:
    view_size(dash_duo, 420, 900)
    start(dash_duo, sample_store)
    wait_until_settled(dash_duo)
    scroll_width, width, _ = dash_duo.driver.execute_script(_PAGE_SIZE)
    assert scroll_width <= width, f"the page is {scroll_width} px wide in a {width} px window"
    plot, graph, _ = dash_duo.driver.execute_script(_PLOT_AREA)
    assert graph >= 0.85 * width and plot >= 0.85 * width, (plot, graph, width)
    for selector in (".top-bar", "#lane-by", ".downloads"):
        left, _, right, _ = box(dash_duo, selector)
        assert left >= 0 and right <= width, f"{selector} runs off the screen: {left}..{right}"

    # The sidebar is a drawer: off screen until the menu opens it; the filters work from there.
    assert box(dash_duo, ".sidebar")[2] <= 0
    dash_duo.find_element("#menu-button").click()
    until(lambda: box(dash_duo, ".sidebar")[0] >= 0, timeout=5, msg="the menu did not open the drawer")
    dash_duo.find_element("#filter-search").send_keys("Sparta", Keys.ENTER)
    total = len(sample_store.events())
    until(lambda: (c := counts(dash_duo)) is not None and c[1] < total, timeout=20, msg="the search did not filter")
    click_at(dash_duo, width - 40, 450)  # on the backdrop, right of the drawer (left of the scrollbar's room)
    until(lambda: box(dash_duo, ".sidebar")[2] <= 0, timeout=5, msg="the backdrop did not close the drawer")


def test_on_a_phone_the_labels_say_when_as_well_as_what(dash_duo: DashComposite, sample_store: TimelineStore) -> None:
    """At 420 px the sample's first view places about two dozen labels. Measured: 19 of 24 carry
    their date (13 of 24 when the label alone was tried before a date with a short label), and over
    the graph widths the app may measure at this size (375-420 px) 77-88% (54-65% before): 70% is
    well clear of both. None is a bare date: every label says some of what happened."""
    events = sample_store.events()
    labels = {
        f"{label} ({mentions}×)" if mentions > 1 else label
        for label, mentions in zip(events["label"], events["mentions"], strict=True)
    }
    view_size(dash_duo, 420, 900)
    start(dash_duo, sample_store)
    wait_until_laid_out(dash_duo)
    texts = [t for t in dash_duo.driver.execute_script(_LANE_TEXTS) if not _CLUSTER_COUNT.match(t[0])]
    assert len(texts) >= 15, texts
    dated = 0
    for text, left, right in texts:
        assert left >= 0 and right <= 420, f"{text!r} runs off the screen: {left}..{right}"
        date, separator, what = text.removeprefix("◂ ").removesuffix(" ▸").partition(" · ")
        said = (what if separator else date).removesuffix("…")
        assert said.strip("… ") and any(label.startswith(said) for label in labels), f"{text!r} says nothing"
        dated += bool(separator)
    assert dated >= 0.7 * len(texts), [t for t, *_ in texts]


def test_on_a_laptop_a_clicked_events_details_are_in_sight_and_the_plot_keeps_its_height(
    dash_duo: DashComposite, sample_store: TimelineStore
) -> None:
    events = sample_store.events().set_index("event_id")
    view_size(dash_duo, 1280, 720)
    start(dash_duo, sample_store)
    wait_until_settled(dash_duo)
    assert not details_open(dash_duo)
    _, _, height_before = dash_duo.driver.execute_script(_PLOT_AREA)

    def click_one() -> str:
        return click_isolated_event(dash_duo, lambda event_id: showing(dash_duo, events, event_id))

    click_one()
    _, width, height = dash_duo.driver.execute_script(_PAGE_SIZE)
    left, top, right, bottom = box(dash_duo, "#event-details")
    assert 0 <= left and right <= width and 0 <= top and bottom <= height, "the details are not all in the window"
    assert dash_duo.driver.execute_script("return document.querySelector('.main').scrollTop") == 0
    _, _, height_after = dash_duo.driver.execute_script(_PLOT_AREA)
    assert height_after >= 0.8 * height_before, (height_before, height_after)

    dash_duo.find_element("#details-close").click()
    until(lambda: not details_open(dash_duo), timeout=10, msg="the close button did not hide the details")

    click_one()
    dash_duo.find_element("body").send_keys(Keys.ESCAPE)
    until(lambda: not details_open(dash_duo), timeout=10, msg="Escape did not hide the details")

    click_one()
    dash_duo.find_element("#reset-view").click()
    until(lambda: not details_open(dash_duo), timeout=10, msg="Reset did not hide the details")
    callbacks_done(dash_duo)


@pytest.mark.parametrize("size", [(1280, 720), (1440, 900)])
def test_an_event_clicked_near_the_right_edge_is_panned_out_from_under_the_details(
    dash_duo: DashComposite, sample_store: TimelineStore, size: tuple[int, int]
) -> None:
    events = sample_store.events().set_index("event_id")
    view_size(dash_duo, *size)
    start(dash_duo, sample_store)
    wait_until_settled(dash_duo)
    _, _, height_before = dash_duo.driver.execute_script(_PLOT_AREA)
    clicked_at: dict[str, float] = {}

    def rightmost(markers: list[list[Any]]) -> list[Any]:
        found = max(markers, key=lambda marker: marker[1])
        clicked_at["x"] = found[1]
        return found

    event_id = click_isolated_event(dash_duo, lambda event_id: showing(dash_duo, events, event_id), rightmost)
    panel = box(dash_duo, "#event-details")
    assert clicked_at["x"] > panel[0], f"the rightmost marker ({clicked_at}) was never under the panel {panel}"

    def mark_beside_the_panel() -> bool:
        mark = dash_duo.driver.execute_script(_MARK_BOX, event_id)
        return mark is not None and mark[2] <= panel[0] and mark[0] >= box(dash_duo, GRAPH)[0]

    until(mark_beside_the_panel, timeout=20, msg="the clicked event stayed under the details panel")
    wait_until_settled(dash_duo)
    assert mark_beside_the_panel() and showing(dash_duo, events, event_id), "the redraw put it back under"
    assert box(dash_duo, "#event-details") == panel, "the panel moved"
    _, _, height_after = dash_duo.driver.execute_script(_PLOT_AREA)
    assert height_after >= 0.8 * height_before, (height_before, height_after)  # fewer rows in view, spaced out

    # Stepping on in time: each event with a mark is drawn on its own (not only counted), beside the panel.
    in_time = events.reset_index().sort_values(["x_start", "x_end", "event_id"], kind="stable")["event_id"].tolist()
    for following in in_time[in_time.index(event_id) + 1 :][:3]:
        dash_duo.find_element("#details-next").click()
        until(lambda f=following: showing(dash_duo, events, f), timeout=10, msg="Next did not show the next event")
        if events.loc[following, "kind"] in ("instant", "publication"):
            event_id = following
            until(mark_beside_the_panel, timeout=20, msg=f"{following} is not drawn beside the panel")
    callbacks_done(dash_duo)


def test_next_previous_and_the_arrow_keys_step_through_the_events_in_time_order(
    dash_duo: DashComposite, sample_store: TimelineStore
) -> None:
    table = sample_store.events()
    in_time = table.dropna(subset=["x_start"]).sort_values(["x_start", "x_end", "event_id"], kind="stable")
    order = in_time["event_id"].tolist()
    events = table.set_index("event_id")
    view_size(dash_duo, 1440, 900)
    start(dash_duo, sample_store)

    first = click_isolated_event(dash_duo, lambda event_id: showing(dash_duo, events, event_id))
    at = order.index(first)
    if at == len(order) - 1:  # step back first, so that there is a next one
        dash_duo.find_element("#details-previous").click()
        at -= 1
        until(lambda: showing(dash_duo, events, order[at]), timeout=10, msg="Previous did not step back")
    dash_duo.find_element("#details-next").click()
    until(lambda: showing(dash_duo, events, order[at + 1]), timeout=10, msg="Next did not show the next event")
    dash_duo.find_element("body").send_keys(Keys.ARROW_LEFT)
    until(lambda: showing(dash_duo, events, order[at]), timeout=10, msg="← did not step back")
    dash_duo.find_element("body").send_keys(Keys.ARROW_RIGHT)
    until(lambda: showing(dash_duo, events, order[at + 1]), timeout=10, msg="→ did not step on")
    callbacks_done(dash_duo)


def test_the_filters_the_lanes_and_the_event_survive_a_reload_of_the_address(
    dash_duo: DashComposite, sample_store: TimelineStore
) -> None:
    events = sample_store.events()
    war = next(d for d in sample_store.documents() if d.title == "World War II")
    wanted = events[(events["doc_id"] == war.id) & (events["grain"] == "day") & (events["x_start"] >= 1940)]
    wanted = wanted[wanted["x_start"] < 1945] if len(wanted) else wanted
    assert len(wanted) > 1, "the sample's World War II should have days in 1940-1944"
    view_size(dash_duo, 1440, 900)
    start(dash_duo, sample_store)
    wait_for_total(dash_duo, len(events), len(events))
    query = "?" + urlencode({"doc": war.id, "grain": "day", "from": "1940", "to": "1944", "lanes": "grain"})
    dash_duo.driver.get(dash_duo.server_url + "/" + query)
    wait_for_total(dash_duo, len(wanted), len(events))
    dash_duo.find_element("#filter-search").send_keys("the", Keys.ENTER)
    searched = wanted[wanted["sentence"].str.contains("the", case=False) | wanted["label"].str.contains("the")]
    wait_for_total(dash_duo, len(searched), len(events))

    def address() -> dict[str, list[str]]:
        return parse_qs(urlparse(dash_duo.driver.current_url).query)

    until(lambda: address().get("q") == ["the"], timeout=10, msg=f"the address lacks the search: {address()}")
    assert address()["doc"] == [war.id] and address()["grain"] == ["day"] and address()["lanes"] == ["grain"]
    assert address()["from"] == ["1940"] and address()["to"] == ["1944"]

    dash_duo.driver.refresh()
    wait_for_total(dash_duo, len(searched), len(events))
    assert dash_duo.find_element("#filter-search").get_attribute("value") == "the"
    assert dash_duo.find_element("#filter-date-from").get_attribute("value") == "1940"
    assert dash_duo.find_element("#filter-date-to").get_attribute("value") == "1944"
    assert "World War II" in dash_duo.find_element("#filter-documents").text
    assert "day" in dash_duo.find_element("#filter-grains").text
    assert dash_duo.find_element("#lane-by input[value=grain]").is_selected()


def test_deleting_a_document_removes_its_events_and_undo_brings_them_back(
    dash_duo: DashComposite, sample_store: TimelineStore
) -> None:
    events = sample_store.events()
    first = sample_store.documents()[0]
    start(dash_duo, sample_store)
    wait_for_total(dash_duo, len(events), len(events))

    dash_duo.find_element("#document-list button.delete").click()
    left = len(events) - first.events
    wait_for_total(dash_duo, left, left)
    dash_duo.wait_for_contains_text("#notices", "Deleted", timeout=10)
    assert first.id not in set(sample_store.events()["doc_id"])
    assert drawn_ids(dash_duo) and drawn_ids(dash_duo) <= set(events.loc[events["doc_id"] != first.id, "event_id"])
    dash_duo.find_element("#notices button.undo").click()
    wait_for_total(dash_duo, len(events), len(events))
    dash_duo.wait_for_contains_text("#notices", "Restored", timeout=10)
    assert sorted(sample_store.events()["event_id"]) == sorted(events["event_id"])
    callbacks_done(dash_duo)


def test_the_date_boxes_show_the_collections_span_and_follow_it(dash_duo: DashComposite, tmp_path: Path) -> None:
    with TimelineStore(tmp_path / "seed.sqlite3") as store:
        assert ingest_paths(store, [SAMPLE_DATA / "armenia-azerbaijan-2021-05-15.txt"]).added
        start(dash_duo, store)

        def placeholders() -> tuple[str | None, str | None]:
            return tuple(  # type: ignore[return-value]
                dash_duo.find_element(f"#filter-date-{end}").get_attribute("placeholder") for end in ("from", "to")
            )

        until(lambda: placeholders() == ("From 1900", "To 2021"), timeout=10, msg=f"placeholders {placeholders()}")
        dash_duo.find_element("#paste-text").send_keys("Troy fell in 1184 BC, the story goes.")
        dash_duo.find_element("#paste-add").click()
        dash_duo.wait_for_contains_text("#notices", "Added 1 document", timeout=20)
        until(lambda: placeholders() == ("From 1184 BC", "To 2021"), timeout=10, msg=f"placeholders {placeholders()}")
        callbacks_done(dash_duo)


def test_the_html_download_opens_on_its_view_says_its_address_and_links_back(
    dash_duo: DashComposite, sample_store: TimelineStore
) -> None:
    events = sample_store.events().set_index("event_id")
    view_size(dash_duo, 1280, 720)
    start(dash_duo, sample_store)
    dash_duo.driver.get(dash_duo.server_url + "/?" + urlencode({"grain": "day", "lanes": "grain"}))
    days = int((events["grain"] == "day").sum())
    wait_for_total(dash_duo, days, len(events))
    leftmost = lambda markers: min(markers, key=lambda marker: marker[1])  # noqa: E731 - clear of the panel
    event_id = click_isolated_event(dash_duo, lambda event_id: showing(dash_duo, events, event_id), leftmost)
    until(lambda: "event=" in dash_duo.driver.current_url, timeout=10, msg="the address lacks the event")
    callbacks_done(dash_duo)
    address, app_view = dash_duo.driver.current_url, dash_duo.driver.execute_script(_PAGE_VIEW)[0]
    downloads = Path(dash_duo.download_path)
    dash_duo.driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    [html_button] = [b for b in dash_duo.find_elements(".downloads button") if b.text == "HTML"]
    html_button.click()
    page = downloads / "timeline.html"
    until(lambda: page.exists() and not list(downloads.glob("*.crdownload")), timeout=30, msg="no page downloaded")

    dash_duo.driver.get(page.as_uri())  # the downloaded file, in the same headless Chromium
    until(lambda: dash_duo.driver.execute_script(_PAGE_VIEW), timeout=20, msg="the downloaded page drew no plot")
    link = dash_duo.find_element("#timeline-view a.view-address")
    assert link.text == link.get_attribute("href") == address
    event = events.loc[event_id]
    selected = dash_duo.find_element("#timeline-view .view-selected").text
    assert words(str(event["label"])) in words(selected) and str(event["doc_title"]) in selected
    shown, drawn = dash_duo.driver.execute_script(_PAGE_VIEW)
    assert shown == app_view and event_id in drawn  # the app's range, and the selected event on its own
    assert set(events.loc[drawn, "grain"]) == {"day"}  # the app's filter

    link.click()  # back to the app, on the same view with the event's details open
    wait_for_total(dash_duo, days, len(events))
    until(lambda: showing(dash_duo, events, event_id), timeout=20, msg="the link did not reopen the selected event")
    assert dash_duo.find_element("#lane-by input[value=grain]").is_selected()
    callbacks_done(dash_duo)
