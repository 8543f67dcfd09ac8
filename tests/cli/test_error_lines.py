"""A TimelineError raised by a command is one line on stderr, "Error: ..." as click's own, and its exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main


@pytest.mark.parametrize("command", ["add", "serve"])
def test_a_store_that_cannot_be_opened_is_one_line(tmp_path: Path, command: str) -> None:
    not_a_db = tmp_path / "notes.sqlite3"
    not_a_db.write_text("these are my notes, not a database\n" * 100, encoding="utf-8")
    document = tmp_path / "talks.txt"
    document.write_text("Talks resumed on May 13, 2021.", encoding="utf-8")
    result = CliRunner().invoke(main, [command, str(document), "--db", str(not_a_db)])
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [f"Error: {not_a_db}: cannot open the database: file is not a database"]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_database_in_a_folder_that_cannot_be_made_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    db = blocker / "timeline.sqlite3"  # under a file: no folder can be made there
    result = CliRunner().invoke(main, ["add", str(blocker), "--db", str(db)])
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"Error: {db}: cannot open the database: ")
