"""`timeline bench figure`: synthetic tables that follow the schema, and a table of timings."""

from __future__ import annotations

import re

from click.testing import CliRunner

from timeline.bench.figure import synthetic_events
from timeline.cli import main
from timeline.events import validate_events


def test_synthetic_events_follow_the_schema_and_repeat_exactly() -> None:
    events = synthetic_events(2_000)
    validate_events(events)
    assert len(events) == 2_000 and events["doc_id"].nunique() > 1
    assert {"day", "minute", "month", "year", "decade"} <= set(events["grain"])
    assert events.equals(synthetic_events(2_000))


def test_the_command_prints_one_row_of_timings_per_size() -> None:
    result = CliRunner().invoke(main, ["bench", "figure", "--sizes", "300,600", "--repeat", "1"])
    assert result.exit_code == 0, result.output
    rows = [line.split() for line in result.output.splitlines() if re.match(r"^\s+[\d,]+\s", line)]
    assert [row[0] for row in rows] == ["300", "600"]
    assert all(len(row) == 8 and row[1].endswith("s") and row[4] == "MB" for row in rows)


def test_the_command_refuses_sizes_it_cannot_read() -> None:
    result = CliRunner().invoke(main, ["bench", "figure", "--sizes", "1k"])
    assert result.exit_code == 2 and "give sizes like 1000,10000,100000" in result.output
