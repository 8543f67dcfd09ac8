"""`timeline extract -o` and `timeline export -o` by what the output is; SIGTERM, CSV that reads back, unreadable inputs.

The findings of issue 12 on the command's edges: a device or pipe must not be replaced by a
regular file, an empty name is a usage error, an interrupted run leaves no ``.part`` file, a
bare CR in a sentence survives the CSV round trip, and a file that cannot be read is a problem
of its own, not a usage error.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner, Result

from timeline.cli import main
from timeline.extract.records import RECORD_FIELDS
from timeline.output_files import text_output

GOOD = "It happened on May 13, 2021."


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, ["extract", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def document(tmp_path: Path) -> Path:
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_an_empty_output_name_is_a_usage_error(document: Path) -> None:
    result = run("-o", "", document)

    assert result.exit_code == 2
    assert "the file name is empty" in result.stderr


def device(path: Path, kind: str) -> Path:
    """A device node of our own, like /dev/null or /dev/full (the system's are never risked)."""
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    minor = {"null": 3, "full": 7}[kind]
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return path


def test_a_character_device_is_written_in_place_not_replaced(document: Path, tmp_path: Path) -> None:
    null = device(tmp_path / "null", "null")

    result = run("-o", null, document)

    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(os.stat(null).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "null"]


def test_a_full_device_is_a_write_error_and_stays_a_device(document: Path, tmp_path: Path) -> None:
    full = device(tmp_path / "full", "full")

    result = run("-o", full, document)

    assert result.exit_code == 1
    assert f"cannot write {full}" in result.stderr and "No space left on device" in result.stderr
    assert stat.S_ISCHR(os.stat(full).st_mode)


def through_fifo(fifo: Path, arguments: list[str]) -> tuple[Result, str]:
    """Run the CLI with ``arguments`` while a thread reads the FIFO they write to."""
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")), daemon=True)
    reader.start()
    result = CliRunner().invoke(main, arguments)
    reader.join(timeout=30)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    return result, received[0] if received else ""


def test_a_fifo_is_written_in_place(document: Path, tmp_path: Path) -> None:
    result, received = through_fifo(tmp_path / "pipe", ["extract", str(document), "-o", str(tmp_path / "pipe")])

    assert result.exit_code == 0, result.stderr
    assert json.loads(received)["text"] == "May 13, 2021"


def test_a_symlink_stays_a_link_and_its_file_is_replaced(document: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.jsonl"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target.name)

    result = run("-o", link, document)

    assert result.exit_code == 0, result.stderr
    assert link.is_symlink() and os.readlink(link) == "real.jsonl"
    assert json.loads(target.read_text(encoding="utf-8"))["text"] == "May 13, 2021"
    assert not [name for name in os.listdir(tmp_path) if name.endswith(".part")]


def test_sigterm_leaves_the_previous_output_and_no_part_file(tmp_path: Path) -> None:
    corpus = tmp_path / "big.jsonl"
    row = {"text": "On 3 March 2001 something happened. " * 50}
    corpus.write_text("".join(json.dumps({"id": f"d{n}", **row}) + "\n" for n in range(4000)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n", encoding="utf-8")
    command = [sys.executable, "-m", "timeline", "extract", str(corpus), "-o", str(out)]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        deadline = time.monotonic() + 60
        while not any(name.endswith(".part") for name in os.listdir(tmp_path)):  # writing has begun
            assert process.poll() is None and time.monotonic() < deadline, "the run ended before it could be stopped"
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)

    assert process.returncode == 128 + signal.SIGTERM
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(os.listdir(tmp_path)) == ["big.jsonl", "out.jsonl"]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_sigterm_whose_exit_a_finalizer_swallows_still_leaves_the_previous_output(tmp_path: Path) -> None:
    """Python may run the SIGTERM handler inside a finalizer, where its SystemExit is printed
    and dropped; the output must still not be replaced by the half-written file."""
    out = tmp_path / "out.txt"
    out.write_text("previous\n", encoding="utf-8")

    class SignalledWhileFinalized:
        def __del__(self) -> None:
            os.kill(os.getpid(), signal.SIGTERM)
            sum(range(10_000))  # the handler runs here: its SystemExit is dropped with this frame

    with pytest.raises(SystemExit) as exit_info, text_output(out) as stream:
        stream.write("new\n")
        SignalledWhileFinalized()  # unreferenced at once: the finalizer runs now
        stream.write("more\n")  # the run goes on, as a real one would

    assert exit_info.value.code == 128 + signal.SIGTERM
    assert out.read_text(encoding="utf-8") == "previous\n"
    assert sorted(os.listdir(tmp_path)) == ["out.txt"]


def test_csv_with_bare_carriage_returns_reads_back_identically(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    texts = {"cr": "Talks began\ron May 13, 2021.\rThen 1997.", "crlf": 'Line one\r\non 1 June 2020, "quoted".'}
    corpus.write_text(
        "".join(json.dumps({"id": key, "text": text}) + "\n" for key, text in texts.items()), encoding="utf-8"
    )
    out = tmp_path / "dates.csv"

    assert run("--format", "csv", "-o", out, corpus).exit_code == 0
    expected = [json.loads(line) for line in run(corpus).stdout.splitlines()]

    with out.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == len(expected) == 3
    for row, record in zip(rows, expected, strict=True):
        assert row == {field: "" if record[field] is None else str(record[field]) for field in RECORD_FIELDS}
    assert "\r" in rows[0]["sentence"]
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert table.to_dict("records") == rows
    for record in expected:  # offsets still index the documents
        text = texts[str(record["doc"])]
        assert text[int(record["start"]) : int(record["end"])] == record["text"]  # type: ignore[call-overload]


def test_csv_written_is_what_the_csv_module_reads(tmp_path: Path) -> None:
    out = io.StringIO(run("--format", "csv", tmp_path / "nothing.txt").stdout)
    assert list(csv.reader(out)) == [list(RECORD_FIELDS)]


def test_an_unreadable_file_named_directly_is_a_problem_not_a_usage_error(document: Path, tmp_path: Path) -> None:
    """/proc/sys/vm/compact_memory may be written, never read, even by root: a real unreadable file."""
    if not os.path.exists("/proc/sys/vm/compact_memory"):
        pytest.skip("needs Linux /proc/sys/vm/compact_memory")
    unreadable = tmp_path / "secret.txt"
    unreadable.symlink_to("/proc/sys/vm/compact_memory")

    result = run(unreadable, document)

    assert result.exit_code == 1
    assert result.stderr == f"timeline: {unreadable}: cannot read: permission denied\n"
    assert json.loads(result.stdout)["text"] == "May 13, 2021"


def test_export_writes_a_fifo_in_place_and_follows_a_symlink(document: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "events.csv"
    exported, received = through_fifo(fifo, ["export", str(document), "-o", str(fifo)])
    assert exported.exit_code == 0, exported.output
    assert "May 13, 2021" in received

    target = tmp_path / "real.json"
    target.write_text("[]", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    exported = CliRunner().invoke(main, ["export", str(document), "-o", str(link)])
    assert exported.exit_code == 0, exported.output
    assert link.is_symlink() and json.loads(target.read_text(encoding="utf-8"))["events"][0]["text"] == "May 13, 2021"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "events.csv", "link.json", "real.json"]
