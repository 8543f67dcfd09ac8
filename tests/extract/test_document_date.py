"""Where the document date comes from: given, a byline in the text, HTML metadata, or nowhere."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main
from timeline.extract import DctSource, extract


def _records(*args: str) -> list[dict[str, object]]:
    result = CliRunner().invoke(main, ["extract", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_a_given_date_wins_over_the_byline() -> None:
    extraction = extract("Published: 2 June 2015\nYesterday the minister resigned.", dct="2016-01-10")
    assert extraction.document_date.source is DctSource.GIVEN
    assert [t.value for t in extraction.timexes if t.text == "Yesterday"] == ["2016-01-09"]


def test_a_labelled_byline_dates_the_document() -> None:
    extraction = extract("Published: 2 June 2015\nYesterday the minister resigned.")
    assert (extraction.document_date.value, extraction.document_date.source) == ("2015-06-02", DctSource.TEXT)
    assert [t.value for t in extraction.timexes if t.text == "Yesterday"] == ["2015-06-01"]


def test_a_date_inside_a_sentence_is_no_byline() -> None:
    extraction = extract("The minister resigned on 2 June 2015. Yesterday the party met.")
    assert extraction.document_date.source is DctSource.NONE
    # narrative: "yesterday" is read against the date the text just gave
    assert [t.value for t in extraction.timexes if t.text == "Yesterday"] == ["2015-06-01"]


def test_a_day_bc_on_its_own_line_dates_no_document() -> None:
    extraction = extract("15 March 44 BC\nCaesar was killed in the Senate.")
    assert extraction.document_date.source is DctSource.NONE
    assert [(t.text, t.value) for t in extraction.timexes] == [("15 March 44 BC", "BC0044-03-15")]


def test_html_metadata_dates_a_page_without_byline(tmp_path: Path) -> None:
    page = tmp_path / "story.html"
    page.write_text(
        '<html><head><title>Resignation</title><meta property="article:published_time" '
        'content="2015-06-02T09:00:00Z"></head><body><p>Yesterday the minister resigned.</p>'
        "<script>var d = 'May 13, 2021';</script></body></html>",
        encoding="utf-8",
    )
    [record] = _records(str(page))
    assert (record["text"], record["value"], record["dct"], record["dct_source"]) == (
        "Yesterday",
        "2015-06-01",
        "2015-06-02",
        "metadata",
    )


def test_a_corpus_date_is_given(tmp_path: Path) -> None:
    corpus = tmp_path / "wire.jsonl"
    corpus.write_text(json.dumps({"id": "a1", "date": "2021-05-15", "text": "It began six months ago."}) + "\n")
    [record] = _records(str(corpus))
    assert (record["doc"], record["value"], record["dct_source"]) == ("a1", "2020-11", "given")
