"""What a new user sees first, on the sample data, in a real headless Chromium at a phone's, a
tablet's, a laptop's and a desktop's size: nothing cut off or overlapping, every control saying
what it does, every piece of text readable against its background.
"""

from __future__ import annotations

import pytest
from dash.testing.composite import DashComposite
from dash.testing.wait import until
from test_app_browser import GRAPH, click_isolated_event, start
from test_page_browser import box, callbacks_done, details_open, overlap, view_size, wait_until_laid_out

from timeline.app.store import TimelineStore

pytestmark = pytest.mark.browser
SIZES = [(420, 860), (768, 900), (1024, 768), (1440, 900)]

_TOP_BAR = """
// Each control of the top bar: its class, its box, and the text of its visible label.
return [...document.querySelectorAll('.top-bar > *')].filter(e => e.getBoundingClientRect().width > 0).map(e => {
  const r = e.getBoundingClientRect();
  const label = e.querySelector('.control-label');
  const shown = label && label.getBoundingClientRect().width > 0 ? label.textContent : null;
  return [e.className, r.left, r.top, r.right, r.bottom, shown];
});
"""
_LINE_HEIGHT = (
    "const e = arguments[0]; return [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).fontSize)];"
)
_PLACEHOLDERS = """
// Every input's placeholder: its width as drawn in the input's font, and the room the input has for it.
const context = document.createElement('canvas').getContext('2d');
return [...document.querySelectorAll('input[placeholder], textarea[placeholder]')].map(e => {
  const s = getComputedStyle(e);
  context.font = `${s.fontStyle} ${s.fontWeight} ${s.fontSize} ${s.fontFamily}`;
  const room = e.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
  return [e.id, e.placeholder, context.measureText(e.placeholder).width, room];
});
"""
_FIGURE_CONTROLS = f"""
// The boxes of the range buttons and of the note above the overview strip (the key).
const box = e => {{ const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }};
const root = document.querySelector('{GRAPH}');
const buttons = [...root.querySelectorAll('g.updatemenu-button')].map(box);
const notes = [...root.querySelectorAll('g.annotation')].filter(a => a.textContent.includes('day')).map(box);
return [buttons, notes];
"""
_CONTRAST = """
// Every piece of page text outside the plot whose contrast with what is behind it is under WCAG AA
// (4.5:1; 3:1 for large text): [text, its colour, the background, the ratio]. Disabled controls are exempt.
const parse = c => (c.match(/[\\d.]+/g) || []).map(Number).concat([1]).slice(0, 4);
const over = (top, below) => top.slice(0, 3).map((v, i) => v * top[3] + below[i] * (1 - top[3])).concat([1]);
function backdrop(e) {
  const layers = [];
  for (let n = e; n && n.nodeType === 1; n = n.parentElement) {
    const c = parse(getComputedStyle(n).backgroundColor);
    if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
  }
  return layers.reverse().reduce((below, top) => over(top, below), [255, 255, 255, 1]);
}
const luminance = c => c.slice(0, 3).map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
  .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
function opacity(e) { let o = 1; for (let n = e; n && n.nodeType === 1; n = n.parentElement) o *= parseFloat(getComputedStyle(n).opacity); return o; }
const found = [];
function check(e, text, colour) {
  const s = getComputedStyle(e), size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
  const back = backdrop(e), fore = over([...colour.slice(0, 3), colour[3] * opacity(e)], back);
  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  const r = ratio(fore, back);
  if (r < needed) found.push([text.slice(0, 40), s.color, back.join(','), Math.round(r * 100) / 100]);
}
for (const e of document.querySelectorAll('body *')) {
  if (e.closest('#timeline-graph, .drawer-backdrop, :disabled')) continue;
  const r = e.getBoundingClientRect();
  if (!r.width || !r.height || getComputedStyle(e).visibility === 'hidden') continue;
  const own = [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join(' ').trim();
  if (own) check(e, own, parse(getComputedStyle(e).color));
  if ((e.tagName === 'INPUT' || e.tagName === 'TEXTAREA') && e.placeholder && !e.value)
    check(e, e.placeholder, parse(getComputedStyle(e, '::placeholder').color));
}
return found;
"""


def open_page(dash_duo: DashComposite, store: TimelineStore, size: tuple[int, int]) -> None:
    view_size(dash_duo, *size)
    start(dash_duo, store)
    wait_until_laid_out(dash_duo)


@pytest.mark.parametrize("size", SIZES)
def test_the_top_bar_holds_every_control_in_the_window_each_saying_what_it_does(
    dash_duo: DashComposite, sample_store: TimelineStore, size: tuple[int, int]
) -> None:
    open_page(dash_duo, sample_store, size)
    controls = dash_duo.driver.execute_script(_TOP_BAR)
    width = size[0]
    for name, left, _top, right, *_ in controls:
        assert left >= 0 and right <= width, f"{name!r} runs off the {width} px window: {left:.0f}..{right:.0f}"
    for a in controls:
        for b in controls:
            assert a is b or not overlap(a[1:5], b[1:5]), f"{a[0]!r} overlaps {b[0]!r}"
    labels = {name: shown for name, *_, shown in controls if "control" in name.split()}
    assert set(labels.values()) == {"Lanes", "Download"}, labels  # the buttons say what they are for
    height, font = dash_duo.driver.execute_script(_LINE_HEIGHT, dash_duo.find_element(".brand"))
    assert height < 2 * font, f"the brand wraps: {height} px tall at {font} px"


@pytest.mark.parametrize("size", SIZES)
def test_no_placeholder_is_cut_off(dash_duo: DashComposite, sample_store: TimelineStore, size: tuple[int, int]) -> None:
    open_page(dash_duo, sample_store, size)
    cut = [(i, text, round(need), round(room)) for i, text, need, room in dash_duo.driver.execute_script(_PLACEHOLDERS)]
    assert cut and not [c for c in cut if c[2] > c[3]], [c for c in cut if c[2] > c[3]]


@pytest.mark.parametrize("size", SIZES)
def test_the_range_buttons_and_the_key_do_not_overlap(
    dash_duo: DashComposite, sample_store: TimelineStore, size: tuple[int, int]
) -> None:
    open_page(dash_duo, sample_store, size)
    buttons, notes = dash_duo.driver.execute_script(_FIGURE_CONTROLS)
    assert len(buttons) == 5 and len(notes) == 1, (buttons, notes)
    covered = [b for b in buttons if overlap(b, notes[0])]
    assert not covered, f"the key {notes[0]} runs under the buttons {covered}"


@pytest.mark.parametrize("size", SIZES)
def test_every_piece_of_page_text_is_readable_against_its_background(
    dash_duo: DashComposite, sample_store: TimelineStore, size: tuple[int, int]
) -> None:
    open_page(dash_duo, sample_store, size)
    if size[0] < 760:  # the sidebar is a drawer: open it, so its text is checked too
        dash_duo.find_element("#menu-button").click()
        until(lambda: box(dash_duo, ".sidebar")[0] >= 0, timeout=5, msg="the menu did not open the drawer")
    faint = dash_duo.driver.execute_script(_CONTRAST)
    assert not faint, faint


def test_the_details_panel_opens_under_a_top_bar_of_two_rows(
    dash_duo: DashComposite, sample_store: TimelineStore
) -> None:
    events = sample_store.events().set_index("event_id")
    open_page(dash_duo, sample_store, (1024, 768))
    bar = box(dash_duo, ".top-bar")
    click_isolated_event(dash_duo, lambda event_id: details_open(dash_duo) and event_id in events.index)
    panel = box(dash_duo, "#event-details")
    assert panel[1] >= bar[3], f"the details {panel} cover the top bar {bar}"
    assert panel[3] <= 768, panel
    callbacks_done(dash_duo)


_TICKS = f"""
// The date tick labels of the lanes (xtick) and of the overview strip (x2tick): [which, text, box].
return [...document.querySelectorAll('{GRAPH} .xtick text, {GRAPH} .x2tick text')].map(t => {{
  const r = t.getBoundingClientRect();
  return [t.closest('g.xtick, g.x2tick').getAttribute('class'), t.textContent, [r.left, r.top, r.right, r.bottom]];
}});
"""


@pytest.mark.parametrize("size", SIZES)
def test_the_dates_of_the_view_are_in_sight_with_the_first_rows(
    dash_duo: DashComposite, sample_store: TimelineStore, size: tuple[int, int]
) -> None:
    """The lanes' date ticks are above the lanes, not under the last row (below the fold), and
    clear of the overview's, which span the whole collection ("AD 1000", "AD 2000")."""
    open_page(dash_duo, sample_store, size)
    ticks = dash_duo.driver.execute_script(_TICKS)
    lanes = [(text, at) for which, text, at in ticks if which.split() == ["xtick"]]
    overview = [at for which, _, at in ticks if which.split() == ["x2tick"]]
    assert len(lanes) >= 3 and overview, ticks
    assert all(at[3] <= size[1] for _, at in lanes), f"the view's dates are below the fold: {lanes}"
    assert not [t for t, at in lanes if any(overlap(at, o) for o in overview)], ticks
