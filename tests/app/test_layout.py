"""The page's layout pieces that depend on the collection: the date boxes' placeholders."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from test_callbacks import events  # noqa: F401 - the fixture: six events, one of them 490 BC

from timeline.app.collection import add_documents
from timeline.app.layout import EMPTY_DATE_PLACEHOLDERS, date_placeholders
from timeline.app.store import TimelineStore
from timeline.ingest.document import Document


def test_the_date_boxes_show_the_collections_first_and_last_year_bc_aware(events: pd.DataFrame) -> None:  # noqa: F811
    assert date_placeholders(events) == ("From 490 BC", "To 2021")
    assert date_placeholders(events[events["value"] == "1648"]) == ("From 1648", "To 1648")  # ends at 1649-01-01


def test_an_empty_collection_has_plain_placeholders(events: pd.DataFrame) -> None:  # noqa: F811
    assert date_placeholders(events.iloc[:0]) == EMPTY_DATE_PLACEHOLDERS == ("From date", "To date")


def test_the_placeholders_follow_the_stored_collection_across_the_era_boundary(tmp_path: Path) -> None:
    with TimelineStore(tmp_path / "timeline.sqlite3") as store:
        assert date_placeholders(store.events()) == EMPTY_DATE_PLACEHOLDERS
        add_documents(store, [Document(id="augustus.txt", text="Augustus ruled Rome in 1 BC, and in AD 14 he died.")])
        assert date_placeholders(store.events()) == ("From 1 BC", "To 14")
        add_documents(store, [Document(id="troy.txt", text="Troy fell in 1184 BC, the story goes.")])
        assert date_placeholders(store.events()) == ("From 1184 BC", "To 14")
        store.delete_document("augustus.txt")
        assert date_placeholders(store.events()) == ("From 1184 BC", "To 1184 BC")
