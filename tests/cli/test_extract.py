"""`timeline extract` through the real CLI: records out, one stderr line per bad input, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import timeline.pipeline.documents as pipeline_documents
from timeline.cli import main
from timeline.extract import Extraction
from timeline.extract.records import RECORD_FIELDS
from timeline.ingest import Document, read_documents

GOOD_TEXT = "It happened on May 13, 2021."
REPO = Path(__file__).resolve().parents[2]


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, ["extract", *map(str, args)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def records(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


def found(output: str, doc: str) -> set[object]:
    return {record["text"] for record in records(output) if record["doc"] == doc}


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def jsonl(*rows: Mapping[str, object]) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


# --- every kind of bad input: its line on stderr, exit 1, and the good documents still written ---------

# Each builds bad input under a folder and returns (paths to pass, the expected stderr line's start,
# ids of good documents in that same input, which must still be written).
BadInput = Callable[[Path], tuple[list[Path], str, list[str]]]


def missing_path(root: Path) -> tuple[list[Path], str, list[str]]:
    return [root / "gone.txt"], f"{root / 'gone.txt'}: no such file or directory", []


def folder_with_nothing_readable(root: Path) -> tuple[list[Path], str, list[str]]:
    (root / "inbox" / "empty").mkdir(parents=True)
    return [root / "inbox"], f"{root / 'inbox'}: no readable documents in this folder", []


def binary_file(root: Path) -> tuple[list[Path], str, list[str]]:
    return [write(root / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00")], f"{root / 'photo.txt'}: binary file", []


def empty_file(root: Path) -> tuple[list[Path], str, list[str]]:
    return [write(root / "blank.md", " \n\n\t")], f"{root / 'blank.md'}: empty file", []


def not_utf8(root: Path) -> tuple[list[Path], str, list[str]]:
    path = write(root / "latin1.txt", "Café on May 13, 2021".encode("latin-1"))
    return [path], f"{path}: not valid UTF-8: byte 0xe9 at byte offset 3", []


def malformed_jsonl_line(root: Path) -> tuple[list[Path], str, list[str]]:
    rows = [{"id": f"w{n}", "text": f"Report {n} of May 13, 2021."} for n in range(1, 7)]
    path = write(root / "corpus.jsonl", jsonl(*rows) + '{"id": "w7", "text": "cut off\n')
    return [path], f"{path} line 7: malformed JSON", [f"w{n}" for n in range(1, 7)]


def csv_row_without_text(root: Path) -> tuple[list[Path], str, list[str]]:
    path = write(root / "corpus.csv", f'id,text\nc1,"{GOOD_TEXT}"\nc2,\nc3,"{GOOD_TEXT}"\n')
    return [path], f"{path} row 3: empty text", ["c1", "c3"]


def csv_row_without_id(root: Path) -> tuple[list[Path], str, list[str]]:
    path = write(root / "corpus.csv", f'text,id\n"{GOOD_TEXT}",c1\n"{GOOD_TEXT}"\n')
    return [path], f"{path} row 3: missing id", ["c1"]


def csv_without_text_column(root: Path) -> tuple[list[Path], str, list[str]]:
    path = write(root / "corpus.csv", f'id,body\nc1,"{GOOD_TEXT}"\n')
    return [path], f"{path}: missing required column text", []


def duplicate_id(root: Path) -> tuple[list[Path], str, list[str]]:
    path = write(root / "corpus.jsonl", jsonl({"id": "a", "text": GOOD_TEXT}, {"id": "a", "text": "In 1997."}))
    return [path], f"{path} line 2: duplicate id 'a' (first on line 1)", ["a"]


def unsupported_extension(root: Path) -> tuple[list[Path], str, list[str]]:
    return [write(root / "report.docx", GOOD_TEXT)], f"{root / 'report.docx'}: unsupported file type '.docx'", []


def non_utf8_file_name(root: Path) -> tuple[list[Path], str, list[str]]:
    good = write(root / "ok.txt", GOOD_TEXT)
    with open(os.path.join(os.fsencode(root), b"r\xe9sum\xe9.txt"), "wb") as stream:
        stream.write(GOOD_TEXT.encode())
    return [root], f"{root}/r\\xe9sum\\xe9.txt: file name is not valid UTF-8", [str(good)]


@pytest.mark.parametrize(
    "bad_input",
    [
        missing_path,
        folder_with_nothing_readable,
        binary_file,
        empty_file,
        not_utf8,
        malformed_jsonl_line,
        csv_row_without_text,
        csv_row_without_id,
        csv_without_text_column,
        duplicate_id,
        unsupported_extension,
        non_utf8_file_name,
    ],
)
def test_bad_input_is_one_stderr_line_and_the_rest_is_written(tmp_path: Path, bad_input: BadInput) -> None:
    before = write(tmp_path / "before.txt", GOOD_TEXT)
    bad_paths, expected, good_ids = bad_input(tmp_path / "input")
    after = write(tmp_path / "after.txt", "Founded in 1997.")

    result = run(before, *bad_paths, after)

    assert result.exit_code == 1
    problem_lines = result.stderr.splitlines()
    assert len(problem_lines) == 1
    assert problem_lines[0].startswith(f"timeline: {expected}")
    assert "May 13, 2021" in found(result.stdout, str(before))
    assert "1997" in found(result.stdout, str(after))
    for good_id in good_ids:
        assert "May 13, 2021" in found(result.stdout, good_id)


def test_invalid_corpus_date_is_reported_and_the_document_read_without_it(tmp_path: Path) -> None:
    corpus = write(
        tmp_path / "corpus.jsonl",
        jsonl(
            {"id": "dated", "text": GOOD_TEXT, "date": "2021-05-15"},
            {"id": "undated", "text": GOOD_TEXT, "date": "yesterday"},
        ),
    )

    result = run(corpus)

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"timeline: {corpus} line 2: invalid date 'yesterday' (not an ISO date, YYYY-MM-DD); read without a date"
    ]
    by_doc = {record["doc"]: record for record in records(result.stdout)}
    assert (by_doc["dated"]["dct"], by_doc["dated"]["dct_source"]) == ("2021-05-15", "given")
    assert by_doc["undated"]["text"] == "May 13, 2021"
    assert by_doc["undated"]["dct"] is None


def test_extraction_crash_on_one_document_is_a_problem_for_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_extract = pipeline_documents.extract

    def extract_failing_on_poison(text: str, *args: object, **kwargs: object) -> Extraction:
        if "POISON" in text:
            raise RecursionError("maximum recursion depth exceeded")
        return real_extract(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline_documents, "extract", extract_failing_on_poison)
    corpus = write(
        tmp_path / "c.jsonl",
        jsonl({"id": "a", "text": GOOD_TEXT}, {"id": "b", "text": "POISON 1997"}, {"id": "c", "text": GOOD_TEXT}),
    )

    result = run(corpus)

    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"timeline: {corpus} line 2: extraction failed: RecursionError: maximum recursion depth exceeded"
    ]
    assert {record["doc"] for record in records(result.stdout)} == {"a", "c"}


# --- good input --------------------------------------------------------------------------------


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """One of each input kind, with awkward bytes: BOM, CRLF, entities, multi-line CSV cells."""
    root = tmp_path / "archive"
    write(root / "windows.txt", b"\xef\xbb\xbfCaf\xc3\xa9 notes\r\nIt happened on May 13, 2021.\r\nAnd in 1997.\r\n")
    write(root / "notes.md", "# 1997\n\nSigned on **May 13, 2021**.\n")
    write(
        root / "pages" / "story.html",
        "<html><head><title>Story of 1999</title><script>1998</script></head>"
        "<body><p>Caf&eacute;&nbsp;&mdash; it happened on May&nbsp;13, 2021.</p><p>Built in 1997.</p></body></html>",
    )
    write(root / "wire.jsonl", jsonl({"id": "w1", "text": "Ünïcode first, then May 13, 2021.", "date": "2021-05-15"}))
    write(root / "sheet.csv", 'id,text,title\ns1,"Line one\r\nMay 13, 2021, and 1997",Sheet\n')
    return root


def test_good_input_exits_0_and_every_record_indexes_its_document_text(archive: Path) -> None:
    result = run(archive)

    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    texts = {doc.id: doc.text for doc in read_documents([archive]) if isinstance(doc, Document)}
    written = records(result.stdout)
    for doc in texts:
        assert "May 13, 2021" in found(result.stdout, doc)
    for record in written:
        assert tuple(record) == RECORD_FIELDS
        start, end = int(record["start"]), int(record["end"])  # type: ignore[call-overload]
        assert texts[str(record["doc"])][start:end] == record["text"]
    assert "1998" not in found(result.stdout, str(archive / "pages" / "story.html"))


def test_skipped_files_in_a_folder_are_said_but_are_not_errors(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", GOOD_TEXT)
    write(tmp_path / "logo.png", b"\x89PNG")

    result = run(tmp_path)

    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"timeline: {tmp_path / 'logo.png'}: skipped: not a document type"]
    assert "May 13, 2021" in found(result.stdout, str(tmp_path / "a.txt"))


def test_dct_applies_to_documents_without_a_date_of_their_own(tmp_path: Path) -> None:
    loose = write(tmp_path / "a.txt", GOOD_TEXT)
    corpus = write(tmp_path / "c.jsonl", jsonl({"id": "dated", "text": GOOD_TEXT, "date": "2020-01-02"}))

    result = run("--dct", "2021-05-15", loose, corpus)

    assert result.exit_code == 0
    dct = {record["doc"]: record["dct"] for record in records(result.stdout)}
    assert dct == {str(loose): "2021-05-15", "dated": "2020-01-02"}


@pytest.mark.parametrize("value", ["15/05/2021", "2021-02-30", "yesterday", ""])
def test_invalid_dct_is_a_usage_error_before_anything_is_read(tmp_path: Path, value: str) -> None:
    loose = write(tmp_path / "a.txt", GOOD_TEXT)

    result = run("--dct", value, loose)

    assert result.exit_code == 2
    assert "Invalid value for '--dct'" in result.stderr and "not an ISO date" in result.stderr
    assert result.stdout == ""


def test_csv_format_has_the_record_header(archive: Path) -> None:
    as_jsonl = records(run(archive).stdout)
    result = run("--format", "csv", archive)

    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert tuple(rows[0]) == RECORD_FIELDS
    assert [(row["doc"], row["text"], int(row["start"])) for row in rows] == [
        (record["doc"], record["text"], record["start"]) for record in as_jsonl
    ]
    assert {row["mod"] for row in rows} <= {""} | {str(record["mod"]) for record in as_jsonl}


@pytest.mark.parametrize("with_problem", [False, True])
def test_json_format_is_one_valid_array(archive: Path, tmp_path: Path, with_problem: bool) -> None:
    extra = [tmp_path / "gone.txt"] if with_problem else []
    as_jsonl = records(run(archive).stdout)

    result = run("--format", "json", archive, *extra)

    assert result.exit_code == (1 if with_problem else 0)
    assert json.loads(result.stdout) == as_jsonl


def test_json_of_no_records_is_an_empty_array(tmp_path: Path) -> None:
    result = run("--format", "json", write(tmp_path / "a.txt", "No dates at all here."))

    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_output_file_is_written_and_stdout_left_empty(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "dates.csv"
    out.parent.mkdir()

    result = run("--format", "csv", "-o", out, archive)

    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == run("--format", "csv", archive).stdout
    assert sorted(os.listdir(out.parent)) == ["dates.csv"]
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~current_umask())


def test_interrupted_run_leaves_the_previous_output_whole(
    archive: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "dates.json"
    previous = run("--format", "json", "-o", out, archive)
    assert previous.exit_code == 0
    before = out.read_text(encoding="utf-8")
    real_extract = pipeline_documents.extract
    calls = 0

    def interrupted_on_third_document(*args: object, **kwargs: object) -> Extraction:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise KeyboardInterrupt
        return real_extract(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline_documents, "extract", interrupted_on_third_document)

    result = CliRunner().invoke(main, ["extract", "--format", "json", "-o", str(out), str(archive)])

    assert result.exit_code != 0
    assert out.read_text(encoding="utf-8") == before
    assert json.loads(before)
    assert sorted(os.listdir(tmp_path)) == ["archive", "dates.json"]  # no temporary file left behind


def test_output_into_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run("-o", tmp_path / "nowhere" / "out.jsonl", write(tmp_path / "a.txt", GOOD_TEXT))

    assert result.exit_code == 2
    assert "nowhere" in result.stderr and "does not exist" in result.stderr


def test_no_paths_is_a_usage_error() -> None:
    result = run()

    assert result.exit_code == 2
    assert "Missing argument" in result.stderr


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- as a program --------------------------------------------------------------------------------


def test_python_m_timeline_behaves_like_the_command(archive: Path, tmp_path: Path) -> None:
    gone = tmp_path / "gone.txt"
    command = [sys.executable, "-m", "timeline", "extract", str(archive), str(gone)]

    process = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    in_process = run(archive, gone)

    assert process.returncode == in_process.exit_code == 1
    assert process.stdout == in_process.stdout
    assert process.stderr == in_process.stderr == f"timeline: {gone}: no such file or directory\n"


def without_root_privilege() -> list[str]:
    """A command prefix under which file modes apply: root, minus the capabilities that override them."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root and setpriv (util-linux) is not installed")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]


def test_unreadable_file_and_folder_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    write(tmp_path / "archive" / "a.txt", GOOD_TEXT)
    write(tmp_path / "archive" / "b-secret.txt", GOOD_TEXT).chmod(0o000)
    write(tmp_path / "archive" / "c-locked" / "d.txt", GOOD_TEXT)
    (tmp_path / "archive" / "c-locked").chmod(0o000)
    inside_locked = "archive/c-locked/d.txt"
    command = [*without_root_privilege(), sys.executable, "-m", "timeline", "extract", "archive", inside_locked]
    try:
        process = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    finally:
        (tmp_path / "archive" / "c-locked").chmod(0o755)

    assert process.returncode == 1, process.stderr
    assert process.stderr.splitlines() == [
        "timeline: archive/b-secret.txt: cannot read: permission denied",
        "timeline: archive/c-locked: cannot read: permission denied",
        "timeline: archive/c-locked/d.txt: cannot read: permission denied",
    ]
    assert "May 13, 2021" in found(process.stdout, "archive/a.txt")


def test_closed_pipe_ends_the_run_quietly(tmp_path: Path) -> None:
    rows = [{"id": f"n{n}", "text": f"Item {n}: {GOOD_TEXT} " * 3} for n in range(400)]
    corpus = write(tmp_path / "big.jsonl", jsonl(*rows))

    with subprocess.Popen(
        [sys.executable, "-m", "timeline", "extract", str(corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline()
        process.stdout.close()  # like `| head -1`
        stderr = process.stderr.read()
        process.wait(timeout=120)

    assert json.loads(first)["doc"] == "n0"
    assert "Traceback" not in stderr and stderr == ""
    assert process.returncode == 141
