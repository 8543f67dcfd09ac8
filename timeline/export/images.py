"""Static images (PNG, SVG, PDF) of a figure, drawn by kaleido in the system's headless Chromium.

The browser starts on the first export (about 2 s) and is kept for the rest of the process, so
later exports take a fraction of a second. It runs on an event loop of its own thread, which makes
:func:`render_image` safe to call from several threads at once (the app's download callbacks).

kaleido's ``start_sync_server`` is not used for this: when the browser fails to start its worker
thread dies and every later call waits forever, and its single reply queue can hand one caller's
image to another when two threads export at the same time.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import threading
from typing import Any

import kaleido
import plotly.graph_objects as go

from timeline.errors import ExportError
from timeline.export.chromium import INSTALL_HINT, find_chromium
from timeline.export.formats import IMAGE_FORMATS

DEFAULT_WIDTH = 1200  # used when neither the caller nor the figure's layout gives a size
DEFAULT_HEIGHT = 600
START_TIMEOUT_S = 60.0
RENDER_TIMEOUT_S = 90.0
VECTOR_POINT_LIMIT = 5_000  # WebGL markers up to this many are redrawn as SVG markers


def render_image(
    fig: go.Figure,
    fmt: str,
    *,
    width: int | None = None,
    height: int | None = None,
    scale: float = 1.0,
) -> bytes:
    """The figure as PNG, SVG or PDF bytes; ``width``/``height`` in CSS pixels, PNG pixels = size * scale.

    The figure is drawn as :func:`printable` makes it; ``fig`` itself is left as it is.
    Raises :class:`ExportError` when no Chrome/Chromium is found or the browser fails.
    """
    fmt = fmt.lower()
    if fmt not in IMAGE_FORMATS:
        raise ValueError(f"image format must be one of {', '.join(IMAGE_FORMATS)}, not {fmt!r}")
    if scale <= 0:
        raise ValueError(f"scale must be positive, not {scale}")
    opts = {
        "format": fmt,
        "width": width or fig.layout.width or DEFAULT_WIDTH,
        "height": height or fig.layout.height or DEFAULT_HEIGHT,
        "scale": scale,
    }
    return _RENDERER.render(printable(fig), opts)


def image_export_problem() -> str | None:
    """Why images cannot be exported here, or None when a test image was drawn (~2 s the first time).

    ``timeline serve`` asks once at start, so that the page can say so on its image buttons
    instead of failing on the first click; the browser started for the test is kept for them.
    """
    try:
        render_image(go.Figure(), "svg", width=40, height=20)
    except ExportError as error:
        return str(error)
    return None


def printable(fig: go.Figure) -> go.Figure:
    """A copy of the figure for a static image, showing the same things.

    The range buttons and slider are controls for a reader who can click: on paper they are noise.
    WebGL markers would be pasted into an SVG or PDF as a bitmap, and software WebGL is slow in
    headless Chromium; up to :data:`VECTOR_POINT_LIMIT` points they become SVG markers, which
    stay sharp at any zoom and draw faster.
    """
    with _PLOTLY_OBJECTS:
        webgl_points = sum(len(trace.x) for trace in fig.data if isinstance(trace, go.Scattergl))
        traces = fig.data
        if 0 < webgl_points <= VECTOR_POINT_LIMIT:
            traces = tuple(
                go.Scatter(_without_type(trace)) if isinstance(trace, go.Scattergl) else trace for trace in fig.data
            )
        copy = go.Figure(data=traces, layout=fig.layout)
        copy.update_xaxes(rangeselector_visible=False, rangeslider_visible=False)
        return copy


# Building plotly objects is not thread-safe (a Bar copied while another thread copies a figure came
# out as a Scatter): exports from several threads copy their figures one at a time.
_PLOTLY_OBJECTS = threading.Lock()


def _without_type(trace: go.Scattergl) -> dict[str, Any]:
    properties: dict[str, Any] = trace.to_plotly_json()
    properties.pop("type", None)
    return properties


def stop_image_renderer() -> None:
    """Close the browser kept for image export (it restarts on the next export)."""
    _RENDERER.stop()


async def _open_browser(path: str) -> kaleido.Kaleido:
    # Created inside the loop that will use it; mathjax=False keeps it from reaching for a CDN.
    browser = kaleido.Kaleido(path=path, n=1, mathjax=False, timeout=RENDER_TIMEOUT_S)
    await browser.open()
    return browser


class _ImageRenderer:
    """One kaleido browser on a private event-loop thread, started on first use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._browser: kaleido.Kaleido | None = None

    def render(self, fig: go.Figure, opts: dict[str, Any]) -> bytes:
        """The image, drawn again in a fresh browser if the first try fails.

        kaleido reloads its tab after every image and can run the next one before the page's
        script has loaded ("ReferenceError: kaleido_scopes is not defined"): a race, not a bad figure.
        A browser that cannot start, or that timed out, is not tried again.
        """
        loop, browser = self._started()  # a browser that cannot start raises here, and is not retried
        try:
            return self._draw(loop, browser, fig, opts)
        except ExportError as failure:
            if isinstance(failure.__cause__, TimeoutError):
                raise  # a browser that hung once would keep the caller waiting as long again
            return self._draw(*self._started(), fig, opts)

    def _draw(
        self, loop: asyncio.AbstractEventLoop, browser: kaleido.Kaleido, fig: go.Figure, opts: dict[str, Any]
    ) -> bytes:
        future = asyncio.run_coroutine_threadsafe(browser.calc_fig(fig, opts=opts), loop)
        try:
            image: bytes = future.result(timeout=RENDER_TIMEOUT_S + 5)
            return image
        except Exception as error:
            future.cancel()
            self.stop()  # a browser that failed once is not trusted again; the next export restarts it
            raise ExportError(f"image export failed: {_first_line(error)}") from error

    def _started(self) -> tuple[asyncio.AbstractEventLoop, kaleido.Kaleido]:
        with self._lock:
            if self._loop is None or self._browser is None:
                path = find_chromium()
                loop = asyncio.new_event_loop()
                thread = threading.Thread(target=loop.run_forever, name="timeline-image-export", daemon=True)
                thread.start()
                try:
                    browser = asyncio.run_coroutine_threadsafe(_open_browser(path), loop).result(START_TIMEOUT_S)
                except Exception as error:
                    _end_loop(loop, thread)
                    raise ExportError(
                        f"could not start {path} for image export ({_first_line(error)}); {INSTALL_HINT}"
                    ) from error
                self._loop, self._thread, self._browser = loop, thread, browser
                # Registered now, after the browser made its temporary folders, so that at exit it
                # runs before their cleanup (atexit is last-in, first-out): no deleting under a live browser.
                atexit.register(self.stop)
            return self._loop, self._browser

    def stop(self) -> None:
        atexit.unregister(self.stop)
        with self._lock:
            loop, thread, browser = self._loop, self._thread, self._browser
            self._loop = self._thread = self._browser = None
        if loop is None or thread is None:
            return
        if browser is not None:
            # A browser that will not close cleanly is ended with its loop and process.
            with contextlib.suppress(Exception):
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(timeout=15)
        _end_loop(loop, thread)


def _end_loop(loop: asyncio.AbstractEventLoop, thread: threading.Thread) -> None:
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout=10)
    if not thread.is_alive():
        loop.close()


def _first_line(error: BaseException) -> str:
    text = str(error.args[0]) if error.args else type(error).__name__
    return text.strip().splitlines()[0] if text.strip() else type(error).__name__


_RENDERER = _ImageRenderer()
