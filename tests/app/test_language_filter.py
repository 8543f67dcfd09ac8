"""The sample documents of data/ in Spanish and French: read in their language, dated by their
bylines, and selectable in the app by the language filter."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from timeline.app.callbacks import language_choices
from timeline.app.filters import filter_events, read_filter
from timeline.ingest import Document, read_documents
from timeline.pipeline.documents import events_from_documents

DATA = Path(__file__).resolve().parents[2] / "data"
SAMPLES = {
    "es": DATA / "es-puente-villanueva-2019-03-12.txt",
    "fr": DATA / "fr-festival-saint-aubin-2018-10-03.txt",
    "en": DATA / "armenia-azerbaijan-2021-05-15.txt",
}


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    documents = [item for item in read_documents(list(SAMPLES.values())) if isinstance(item, Document)]
    return events_from_documents(documents)


def test_each_sample_is_read_in_its_language_and_dated_by_its_byline(events: pd.DataFrame) -> None:
    by_document = events.groupby("doc_id").agg(language=("language", "unique"), date=("doc_date", "unique"))
    found = {Path(str(doc)).name: (list(row.language), list(row.date)) for doc, row in by_document.iterrows()}
    assert found == {
        SAMPLES["es"].name: (["es"], ["2019-03-12"]),
        SAMPLES["fr"].name: (["fr"], ["2018-10-03"]),
        SAMPLES["en"].name: (["en"], ["2021-05-15"]),
    }


def test_the_samples_hold_the_forms_of_their_language(events: pd.DataFrame) -> None:
    values = dict(zip(events["text"], events["value"], strict=False))
    assert values["Hace seis meses"] == "2018-09"
    assert values["el siglo XIV"] == "13"
    assert values["XVIIIe siècle"] == "17"
    assert values["Il y a deux ans"] == "2016"
    assert values["21 h 30"] == "2018-09-27T21:30"  # on the day "La veille" names, the one before


def test_the_language_filter_keeps_the_documents_of_the_languages_chosen(events: pd.DataFrame) -> None:
    wanted, messages = read_filter({"languages": ["es", "fr"]})
    shown = filter_events(events, wanted)
    assert messages == []
    assert set(shown["language"]) == {"es", "fr"}
    assert len(shown) == (events["language"] != "en").sum() > 0
    assert len(filter_events(events, read_filter({"languages": []})[0])) == len(events)


def test_the_language_choices_count_the_events_of_each_language(events: pd.DataFrame) -> None:
    counts = events["language"].value_counts()
    assert language_choices(events) == [
        {"label": f"{code} · {counts[code]:,}", "value": code} for code in ("en", "es", "fr")
    ]
