"""PNG, SVG and PDF exports drawn by kaleido in the system Chromium, opened and checked."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import kaleido
import pandas as pd
import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from timeline.export import ExportError, render_image
from timeline.export.chromium import find_chromium
from timeline.export.render import FigureOptions, render_events
from timeline.figure import timeline_figure
from timeline.ingest import Document
from timeline.pipeline import events_from_documents

SVG = "{http://www.w3.org/2000/svg}"


def events_titled(title: str) -> pd.DataFrame:
    text = "The treaty was signed on May 13, 2021. It ended the crisis of 1997."
    return events_from_documents([Document("treaty.txt", text, title=title)])


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    table = events_titled("条約の記録")
    assert {"May 13, 2021", "1997"} <= set(table["text"])
    return table


def png(data: bytes) -> Image.Image:
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    return Image.open(io.BytesIO(data)).convert("RGB")


def not_blank(image: Image.Image) -> bool:
    background = Image.new("RGB", image.size, image.getpixel((0, 0)))
    return ImageChops.difference(image, background).getbbox() is not None


@pytest.mark.browser
@pytest.mark.parametrize(("width", "height", "scale"), [(900, 450, 1.0), (640, 360, 2.0)])
def test_png_has_the_asked_size_and_a_drawing(events: pd.DataFrame, width: int, height: int, scale: float) -> None:
    image = png(render_events(events, "png", FigureOptions(title="Treaty", width=width, height=height, scale=scale)))
    assert image.size == (int(width * scale), int(height * scale))
    assert not_blank(image)


@pytest.mark.browser
def test_cjk_text_is_drawn_with_real_glyphs() -> None:
    # Without a CJK font every character is the same empty box, and the two titles draw alike.
    tokyo, osaka = (
        png(render_events(events_titled("記録"), "png", FigureOptions(title=title)))
        for title in ("東京の記録", "大阪の記録")
    )
    title_band = (0, 0, tokyo.width, 80)
    assert ImageChops.difference(tokyo.crop(title_band), osaka.crop(title_band)).getbbox() is not None


@pytest.mark.browser
def test_svg_holds_the_labels_and_vector_markers(events: pd.DataFrame) -> None:
    root = ET.fromstring(render_events(events, "svg", FigureOptions(title="Treaty 1997-2021 条約")))
    words = {"".join(element.itertext()) for element in root.iter(f"{SVG}text")}
    assert "Treaty 1997-2021 条約" in words
    assert "条約の記録" in words  # the document's lane
    assert not list(root.iter(f"{SVG}image"))  # markers are shapes, not a pasted bitmap
    scatter = [g for g in root.iter(f"{SVG}g") if {"trace", "scatter"} <= set((g.get("class") or "").split())]
    markers = [p for trace in scatter for p in trace.iter(f"{SVG}path") if "point" in p.get("class", "").split()]
    assert len(markers) == int((events["kind"] == "instant").sum())  # a dot for every instant
    bars = [g for g in root.iter(f"{SVG}g") if {"trace", "bars"} <= set((g.get("class") or "").split())]
    assert sum(1 for trace in bars for p in trace.iter(f"{SVG}path")) >= int((events["kind"] == "period").sum())
    assert any(label in word for label in events["label"] for word in words)  # labels on the plot, for paper


@pytest.mark.browser
def test_pdf_has_a_page_with_the_text(events: pd.DataFrame) -> None:
    reader = PdfReader(io.BytesIO(render_events(events, "pdf", FigureOptions(title="Treaty", width=1000, height=500))))
    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert float(page.mediabox.width) == pytest.approx(1000 * 0.75, abs=1)  # CSS px to points
    text = page.extract_text()
    assert "Treaty" in text and "条約の記録" in text


@pytest.mark.browser
def test_exports_from_several_threads_each_get_their_own_image(events: pd.DataFrame) -> None:
    fig = timeline_figure(events)
    sizes: dict[int, tuple[int, int]] = {}

    def export(width: int) -> None:
        sizes[width] = png(render_image(fig, "png", width=width, height=300)).size

    threads = [threading.Thread(target=export, args=(width,)) for width in (400, 500, 600, 700)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert sizes == {width: (width, 300) for width in (400, 500, 600, 700)}


@pytest.mark.browser
def test_the_app_figure_is_left_as_it_is(events: pd.DataFrame) -> None:
    fig = timeline_figure(events)
    before = fig.to_json()
    root = ET.fromstring(render_image(fig, "svg"))
    assert fig.to_json() == before  # still the app's figure, buttons and all
    assert not list(root.iter(f"{SVG}image"))


@pytest.mark.browser
def test_a_failed_draw_is_drawn_again_in_a_fresh_browser(events: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    # kaleido can run a draw before its reloaded page has its script: the race seen in CI.
    real_calc_fig = kaleido.Kaleido.calc_fig
    browsers: list[object] = []

    async def fails_first(self: kaleido.Kaleido, *args: Any, **kwargs: Any) -> Any:
        browsers.append(self)
        if len(browsers) == 1:
            raise RuntimeError("ReferenceError: kaleido_scopes is not defined")
        return await real_calc_fig(self, *args, **kwargs)

    monkeypatch.setattr(kaleido.Kaleido, "calc_fig", fails_first)
    image = png(render_image(timeline_figure(events), "png", width=400, height=200))
    assert image.size == (400, 200) and not_blank(image)
    assert len(browsers) == 2 and browsers[0] is not browsers[1]


@pytest.mark.browser
def test_a_draw_that_fails_twice_is_an_export_error(events: pd.DataFrame, monkeypatch: pytest.MonkeyPatch) -> None:
    tries: list[int] = []

    async def always_fails(self: kaleido.Kaleido, *args: Any, **kwargs: Any) -> Any:
        tries.append(1)
        raise RuntimeError("Error: plotly.js could not draw this figure")

    monkeypatch.setattr(kaleido.Kaleido, "calc_fig", always_fails)
    with pytest.raises(ExportError, match="image export failed: Error: plotly.js could not draw"):
        render_image(timeline_figure(events), "png")
    assert len(tries) == 2


def test_an_unknown_image_format_is_refused(events: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="png, svg, pdf"):
        render_image(timeline_figure(events), "gif")


# -- no usable browser: a clear error, never a download or a hang ---------------------------------------


def test_no_browser_on_the_path_says_what_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BROWSER_PATH", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ExportError, match=r"apt-get install chromium"):
        find_chromium()


def test_browser_path_wins_and_must_be_executable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = tmp_path / "my-chrome"
    fake.write_text("")
    monkeypatch.setenv("BROWSER_PATH", str(fake))
    with pytest.raises(ExportError, match=r"BROWSER_PATH.*not an executable"):
        find_chromium()
    fake.chmod(0o755)
    assert find_chromium() == str(fake)


def test_a_browser_that_dies_at_start_is_an_error_not_a_hang(tmp_path: Path) -> None:
    # A fresh process, so the browser is started (and fails) in this test, whatever ran before.
    script = (
        "import plotly.graph_objects as go\n"
        "from timeline.export import ExportError, render_image\n"
        "try:\n"
        "    render_image(go.Figure(), 'png')\n"
        "except ExportError as error:\n"
        "    print('ExportError:', error)\n"
    )
    environment = {**os.environ, "BROWSER_PATH": "/bin/false"}
    done = subprocess.run(
        [sys.executable, "-c", script], env=environment, capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.startswith("ExportError: could not start /bin/false")
    assert "apt-get install chromium" in done.stdout
