"""Make the README's screenshots again: `.venv/bin/python docs/screenshots.py` from the repository root.

Each scene starts `timeline serve` on the sample documents it needs (a store of its own in a
temporary folder, a free port of 127.0.0.1), opens it in Debian's headless Chromium at the size
the README names (the page's own size, set through the DevTools protocol) and saves the PNG
once the server has drawn the view on screen.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.webdriver import WebDriver

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TIMELINE = Path(sys.executable).with_name("timeline")

_SETTLED = """
const gd = document.querySelector('#timeline-graph .js-plotly-plot');
const shown = gd && gd.layout && gd.layout.xaxis && gd.layout.xaxis.range;
const drawn = gd && gd.layout && gd.layout.meta && gd.layout.meta.view;
return !!(shown && drawn && shown[0] === drawn[0] && shown[1] === drawn[1]);
"""
_ALL = """
// The "all" range button, as a click on it sets the range.
const gd = document.querySelector('#timeline-graph .js-plotly-plot');
const all = gd.layout.updatemenus[0].buttons.find(b => b.label === 'all');
Plotly.relayout(gd, all.args[0]);
"""
_RIGHTMOST_MARK = """
// Where the rightmost day marker in sight is drawn, [x, y] on screen.
const gd = document.querySelector('#timeline-graph .js-plotly-plot');
const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
let best = null;
for (const trace of gd._fullData) {
  if (trace.type !== 'scatter' || !trace.customdata || !trace.mode.includes('markers')) continue;
  Array.from(trace.customdata).forEach((c, k) => {
    const x = box.left + xa._offset + xa.l2p(xa.d2l(trace.x[k])), y = box.top + ya._offset + ya.l2p(trace.y[k]);
    if (c[1] === 'event' && y < window.innerHeight - 10 && (!best || x > best[0])) best = [x, y];
  });
}
return best;
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def browser(width: int, height: int) -> WebDriver:
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"):
        options.add_argument(argument)  # type: ignore[no-untyped-call]
    driver = webdriver.Chrome(options=options)
    metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    return driver


def settle(driver: WebDriver, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not driver.execute_script(_SETTLED):  # type: ignore[no-untyped-call]
        if time.monotonic() > deadline:
            raise RuntimeError("the server never drew the view")
        time.sleep(0.2)
    time.sleep(1.5)  # a width reported again, fonts, the last redraw


def click(driver: WebDriver, x: float, y: float) -> None:
    for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
        event = {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 0 if kind == "mouseMoved" else 1}
        driver.execute_cdp_cmd("Input.dispatchMouseEvent", event)


def scene(
    out: str, paths: list[Path], size: tuple[int, int], query: str = "", then: Callable[[WebDriver], None] | None = None
) -> None:
    """Serve ``paths``, open the page at ``size`` with ``query``, do ``then``, save ``out``."""
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        command = [str(TIMELINE), "serve", *map(str, paths), "--db", f"{folder}/s.sqlite3", "--port", str(port)]
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        driver = None
        try:
            for _ in range(120):
                try:
                    urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            driver = browser(*size)
            driver.get(f"http://127.0.0.1:{port}/{query}")
            settle(driver)
            if then is not None:
                then(driver)
                settle(driver)
            driver.save_screenshot(str(ROOT / out))
            print(out)
        finally:
            if driver is not None:
                driver.quit()
            server.terminate()
            server.wait(timeout=30)


def show_all(driver: WebDriver) -> None:
    driver.execute_script(_ALL)  # type: ignore[no-untyped-call]
    time.sleep(1)


def open_rightmost(driver: WebDriver) -> None:
    mark = driver.execute_script(_RIGHTMOST_MARK)  # type: ignore[no-untyped-call]
    click(driver, *mark)
    time.sleep(4)  # the panel opens, the view pans the event out from under it


def main() -> None:
    seed = DATA / "armenia-azerbaijan-2021-05-15.txt"
    scene("assets/screenshot.png", [seed], (1440, 900))
    scene("assets/screenshot-world-war-ii.png", [DATA / "wikiwars-world-war-ii.txt"], (1440, 900), then=show_all)
    scene("docs/screenshot-phone-420x900.png", [DATA], (420, 900))
    scene("docs/screenshot-laptop-1280x720-details.png", [DATA], (1280, 720), then=open_rightmost)
    scene(
        "docs/screenshot-desktop-1440x900-bc.png",
        [DATA / "wikiwars-greco-persian-wars.txt"],
        (1440, 900),
        "?lanes=grain",
    )


if __name__ == "__main__":
    main()
