"""The standalone HTML page: self-contained, and drawn by a real headless Chromium with no network."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pandas as pd
import pytest

from timeline.export import standalone_html
from timeline.export.chromium import find_chromium
from timeline.export.render import FigureOptions, render_events
from timeline.figure import timeline_figure
from timeline.ingest import Document
from timeline.pipeline import events_from_documents

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    documents = [
        Document("a.txt", "The treaty was signed on May 13, 2021. It ended the crisis of 1997.", title="Treaty"),
        Document("b.txt", "東京では1997年に雨が降った。May 13, 2021 も雨だった。", title="東京の記録"),
    ]
    table = events_from_documents(documents)
    assert {"May 13, 2021", "1997"} <= set(table["text"])
    return table


@pytest.fixture(scope="module")
def page(events: pd.DataFrame) -> str:
    return standalone_html(timeline_figure(events, title="Rain & treaties"), title="Rain & <treaties>")


def test_the_page_needs_nothing_from_outside(page: str) -> None:
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"<script[^>]+\bsrc=", page)
    assert not re.search(r"<link[^>]+\bhref=", page)
    assert "MathJax.Hub" not in page and "cdn.plot.ly/plotly" not in page
    assert len(page) > 3_000_000  # plotly.js itself is inside
    assert "<title>Rain &amp; &lt;treaties&gt;</title>" in page


def test_the_title_defaults_to_the_figures(events: pd.DataFrame) -> None:
    page = standalone_html(timeline_figure(events, title="東京 & Vienna"))
    assert "<title>東京 &amp; Vienna</title>" in page


def test_a_page_says_which_view_it_is_with_document_text_as_text(events: pd.DataFrame) -> None:
    treaty = events.loc[events["text"] == "May 13, 2021"].iloc[0]
    hostile = events.assign(label=events["label"].where(events["event_id"] != treaty["event_id"], "<img src=x>"))
    options = FigureOptions(selected=str(treaty["event_id"]), address='http://127.0.0.1:8050/?q="><script>x()</script>')
    page = render_events(hostile, "html", options).decode("utf-8")
    assert '<b class="view-selected">13 May 2021 · &lt;img src=x&gt; · Treaty</b>' in page
    assert 'href="http://127.0.0.1:8050/?q=&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"' in page
    assert "<img src=x>" not in page and "<script>x()" not in page
    assert 'id="timeline-view"' not in render_events(events, "html").decode("utf-8")  # the CLI's page: no app view


def drawn_page(path: Path, *flags: str) -> str:
    """The page's DOM after its scripts ran in headless Chromium, every network request refused."""
    done = subprocess.run(
        [
            find_chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--dump-dom",
            "--virtual-time-budget=5000",
            "--proxy-server=http://127.0.0.1:9",
            "--proxy-bypass-list=<-loopback>",
            *flags,
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout


def having_class(root: ET.Element, tag: str, name: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}{tag}") if name in (e.get("class") or "").split()]


@pytest.mark.browser
def test_chromium_draws_the_plot_offline(tmp_path: Path, page: str, events: pd.DataFrame) -> None:
    path = tmp_path / "timeline.html"
    path.write_text(page, encoding="utf-8")
    dom = drawn_page(path)
    svgs = [ET.fromstring(svg) for svg in re.findall(r'<svg class="main-svg".*?</svg>', dom, flags=re.S)]
    assert svgs, "no plot was drawn"
    texts = {"".join(e.itertext()) for svg in svgs for e in svg.iter(f"{SVG}text")}
    assert {"Treaty", "東京の記録", "Rain & treaties"} <= texts  # lanes and title
    (plot_area,) = [g for g in having_class(svgs[0], "g", "subplot") if "xy" in g.get("class", "").split()]
    bars = [point for trace in having_class(plot_area, "g", "bars") for point in having_class(trace, "g", "point")]
    assert len(bars) == int((events["kind"] != "instant").sum())
    markers = [
        point
        for trace in having_class(plot_area, "g", "trace")
        if "scatter" in trace.get("class", "")
        for point in having_class(trace, "path", "point")
    ]
    assert len(markers) == int((events["kind"] == "instant").sum())  # drawn as SVG: no WebGL needed
    assert not re.search(r'<canvas[^>]*class="gl-canvas', dom)
    modebar = re.findall(r'data-title="([^"]+)"', dom)
    assert "Download plot as a PNG" in modebar
    assert not any(title.startswith("Share") for title in modebar)  # nothing uploads the events


@pytest.mark.browser
def test_without_webgl_the_markers_are_drawn_as_svg(tmp_path: Path, page: str, events: pd.DataFrame) -> None:
    path = tmp_path / "timeline.html"
    path.write_text(page, encoding="utf-8")
    dom = drawn_page(path, "--disable-3d-apis")  # no WebGL at all, as on a machine with no GPU or renderer
    (svg, *_) = [ET.fromstring(svg) for svg in re.findall(r'<svg class="main-svg".*?</svg>', dom, flags=re.S)]
    (plot_area,) = [g for g in having_class(svg, "g", "subplot") if "xy" in g.get("class", "").split()]
    markers = [
        point for trace in having_class(plot_area, "g", "scatter") for point in having_class(trace, "path", "point")
    ]
    assert len(markers) >= int((events["kind"] == "instant").sum()) > 0  # every instant is an SVG marker
