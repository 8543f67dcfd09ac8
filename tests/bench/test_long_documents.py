"""`timeline bench extract --long` on small sizes: each document built, extracted in a child, reported."""

from __future__ import annotations

import pytest

from timeline.bench.long_documents import DENSE_LINE, document_of, measure, run_long
from timeline.extract import extract


def test_documents_are_cut_at_white_space_to_their_size() -> None:
    text = document_of(DENSE_LINE, 1000)
    assert 1000 - len("something ") <= len(text) <= 1000
    assert text.startswith(DENSE_LINE) and not text.endswith(" ") and "\n" not in text


def test_a_measured_document_counts_every_timex() -> None:
    run = measure(DENSE_LINE, 4000, 1)
    assert run.characters == len(document_of(DENSE_LINE, 4000))
    assert run.timexes == len(extract(document_of(DENSE_LINE, 4000)).timexes) == 103  # the last "On 3 March 2001" whole
    assert run.cpu_seconds > 0 and run.peak_bytes > 0


def test_run_long_prints_both_series(capsys: pytest.CaptureFixture[str]) -> None:
    run_long(1, sizes=(0.002, 0.004))  # too small to judge growth by: the report is what is tested
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "wikiwars-world-war-ii.txt repeated"
    assert out[1].split() == [
        "MB",
        "characters",
        "timexes",
        "seconds",
        "CPU",
        "s",
        "MB/CPU",
        "s",
        "peak",
        "MiB",
        "x",
        "first",
    ]
    row = out[3].split()  # the 0.004 MB document of the World War II sample
    assert len(row) == 8 and row[0] == "0.00" and 3900 <= int(row[1].replace(",", "")) <= 4000
    assert out[4].startswith("0.004 MB / 0.002 MB: ") and "(linear: 2x;" in out[4]
    assert out[6].startswith("one line without a full stop")
