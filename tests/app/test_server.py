"""The app as built by create_app and run by `timeline serve`: assets, layout, the command itself."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner
from dash.development.base_component import Component

from timeline.app import create_app
from timeline.app.server import ASSETS_FOLDER
from timeline.app.store import TimelineStore
from timeline.cli import main

REPO = Path(__file__).resolve().parents[2]


def _ids(component: Component) -> list[str]:
    found = [component.id] if isinstance(getattr(component, "id", None), str) else []
    children = getattr(component, "children", None)
    for child in children if isinstance(children, list) else [children]:
        if isinstance(child, Component):
            found.extend(_ids(child))
    return found


def test_the_app_serves_the_repository_assets_and_a_page(tmp_path: Path) -> None:
    assert ASSETS_FOLDER.resolve() == REPO / "assets"  # in a checkout, a link to the source
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        app = create_app(store)
        client = app.server.test_client()
        page = client.get("/").get_data(as_text=True)
        css = client.get("/assets/timeline.css")
    assert app.config.assets_folder == str(ASSETS_FOLDER)
    assert "timeline.css" in page and "timeline.js" in page and "<title>Timeline</title>" in page
    assert css.status_code == 200 and b".graph-box" in css.data


def test_every_component_id_is_used_once(tmp_path: Path) -> None:
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        ids = _ids(create_app(store).layout)
    assert len(ids) == len(set(ids)) > 20


def test_serve_stores_the_documents_and_serves_them_until_stopped(
    tmp_path: Path, serve_once: Callable[..., str]
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "talks.txt").write_text("Talks resumed on May 13, 2021 in Moscow.", encoding="utf-8")
    (folder / "notes.odt").write_bytes(b"PK")
    db = tmp_path / "t.sqlite3"
    stderr = serve_once(str(folder), "--db", str(db), unused_db=tmp_path / "not-this.sqlite3")
    assert f"timeline: {folder / 'notes.odt'}: skipped: not a document type" in stderr
    assert "timeline: Added 1 document (1 event); 1 file skipped" in stderr
    assert not (tmp_path / "not-this.sqlite3").exists()
    with closing(sqlite3.connect(db)) as conn:
        assert conn.execute("SELECT id FROM documents").fetchall() == [(str(folder / "talks.txt"),)]
        assert conn.execute("SELECT text FROM events").fetchall() == [("May 13, 2021",)]


def test_serve_reports_a_database_it_cannot_open(tmp_path: Path) -> None:
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("these are my notes, not a database " * 100, encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--db", str(not_a_db), "--port", "1"])
    assert result.exit_code == 1
    assert f"{not_a_db}: cannot open the database" in result.output


@pytest.mark.parametrize("option", ["--port=0", "--port=70000"])
def test_serve_refuses_a_port_out_of_range(option: str) -> None:
    result = CliRunner().invoke(main, ["serve", option])
    assert result.exit_code == 2 and "--port" in result.output
