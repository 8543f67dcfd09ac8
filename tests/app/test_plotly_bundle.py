"""The page's plotly.js is the vendored basic bundle, of the version the plotly package writes figures for."""

from __future__ import annotations

import re
from pathlib import Path

from plotly.offline import get_plotlyjs_version

from timeline.app import create_app
from timeline.app.store import TimelineStore

BUNDLE = Path(__file__).resolve().parents[2] / "assets" / "vendor" / "plotly-basic.min.js"


def test_the_vendored_bundle_is_the_plotly_js_of_the_plotly_package() -> None:
    header = BUNDLE.read_text(encoding="utf-8")[:200]
    found = re.search(r"plotly\.js \(basic - minified\) v(\S+)", header)
    assert found, header
    assert found[1] == get_plotlyjs_version(), "refresh assets/vendor/plotly-basic.min.js (see its README)"


def test_the_page_loads_the_basic_bundle_before_the_graph_needs_it(tmp_path: Path) -> None:
    with TimelineStore(tmp_path / "store.sqlite3") as store:
        page = create_app(store).server.test_client().get("/").get_data(as_text=True)
    scripts = re.findall(r'<script src="([^"]+)"', page)
    basic = [i for i, src in enumerate(scripts) if "vendor/plotly-basic.min.js" in src]
    renderer = [i for i, src in enumerate(scripts) if "dash_renderer" in src]
    assert basic and renderer and basic[0] < renderer[0], scripts
