"""`timeline export` and `timeline bench export` through the real CLI: files out, problems on stderr, exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from PIL import Image

from timeline.cli import main
from timeline.evaluate.timeml import read_timeml
from timeline.export import events_from_csv, events_from_json, events_from_jsonl

TREATY = "The treaty was signed on May 13, 2021. It ended the crisis of 1997."
RAIN = "In Tokyo it rained all through 1997."


def run(*args: object) -> Result:
    result = CliRunner().invoke(main, [str(arg) for arg in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two good documents: a text file and a one-row JSONL corpus with a title."""
    (tmp_path / "treaty.txt").write_text(TREATY, encoding="utf-8")
    row = {"id": "rain-1", "text": RAIN, "title": "東京の記録", "date": "2021-05-15"}
    (tmp_path / "rain.jsonl").write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    return tmp_path


def inputs(corpus: Path) -> list[Path]:
    return [corpus / "treaty.txt", corpus / "rain.jsonl"]


@pytest.mark.parametrize(
    ("suffix", "read"), [(".csv", events_from_csv), (".json", events_from_json), (".jsonl", events_from_jsonl)]
)
def test_tables_hold_the_events_of_every_document(corpus: Path, suffix: str, read: object) -> None:
    output = corpus / f"events{suffix}"
    result = run("export", *inputs(corpus), "-o", output)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    events = read(output.read_text(encoding="utf-8"))  # type: ignore[operator]
    treaty = str(corpus / "treaty.txt")
    assert set(events.loc[events["doc_id"] == treaty, "text"]) == {"May 13, 2021", "1997"}
    assert set(events["doc_id"]) == {treaty, "rain-1"}
    assert set(events.loc[events["doc_id"] == "rain-1", "doc_title"]) == {"東京の記録"}
    assert f"{output}: {len(events)} events from 2 documents" in result.stdout


def test_each_bad_input_is_one_stderr_line_and_the_rest_is_exported(corpus: Path) -> None:
    (corpus / "broken.jsonl").write_text('{"id": "ok", "text": "In 1997."}\n{"id": "bad"\n', encoding="utf-8")
    output = corpus / "events.csv"
    result = run("export", corpus / "treaty.txt", corpus / "missing.txt", corpus / "broken.jsonl", "-o", output)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"timeline: {corpus / 'missing.txt'}: ")
    assert "broken.jsonl" in lines[1] and "line 2" in lines[1]
    events = events_from_csv(output.read_text(encoding="utf-8"))
    assert set(events["doc_id"]) == {str(corpus / "treaty.txt"), "ok"}


def test_dates_grains_and_documents_select_events(corpus: Path) -> None:
    output = corpus / "events.csv"

    def exported(*options: str) -> set[tuple[str, str]]:
        result = run("export", *inputs(corpus), "-o", output, *options)
        assert result.exit_code == 0, result.stderr
        events = events_from_csv(output.read_text(encoding="utf-8"))
        return set(zip(events["doc_id"].str.rsplit("/", n=1).str[-1], events["value"], strict=True))

    everything = exported()
    assert exported("--from", "2000") == {("treaty.txt", "2021-05-13")}
    assert exported("--to", "1997") == {(doc, value) for doc, value in everything if value == "1997"}
    assert exported("--grain", "day") == {("treaty.txt", "2021-05-13")}
    assert exported("--doc", "rain-1") == {(doc, value) for doc, value in everything if doc == "rain-1"}


def test_an_unknown_document_is_reported(corpus: Path) -> None:
    result = run("export", *inputs(corpus), "-o", corpus / "events.csv", "--doc", "rain-1", "--doc", "nope")
    assert result.exit_code == 1
    assert result.stderr == "timeline: --doc nope: no such document in the input\n"


@pytest.mark.parametrize(
    "arguments",
    [
        ["-o", "{dir}/events.txt"],  # no format in the name
        ["-o", "{dir}/no/such/folder/events.csv"],
        ["-o", "{dir}/events.csv", "--from", "2022", "--to", "2021"],
        ["-o", "{dir}/events.csv", "--from", "last May"],
        ["-o", "{dir}/events.csv", "--dct", "2021-02-30"],
        ["-o", "{dir}/events.csv", "--grain", "fortnight"],
        ["-o", "{dir}/events.json", "--excel"],
    ],
)
def test_usage_errors_exit_2(corpus: Path, arguments: list[str]) -> None:
    result = run("export", *inputs(corpus), *(argument.format(dir=corpus) for argument in arguments))
    assert result.exit_code == 2
    assert "Error:" in result.stderr


def test_excel_csv_starts_with_a_byte_order_mark(corpus: Path) -> None:
    output = corpus / "events.csv"
    result = run("export", *inputs(corpus), "-o", output, "--excel")
    assert result.exit_code == 0, result.stderr
    data = output.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfevent_id,") and "東京の記録".encode() in data
    assert set(events_from_csv(data.decode("utf-8"))["doc_id"]) == {str(corpus / "treaty.txt"), "rain-1"}


@pytest.mark.parametrize("how", [["-o", "story.timelinejs.json"], ["--format", "timelinejs", "-o", "story.json"]])
def test_timelinejs_by_name_or_by_format(corpus: Path, how: list[str]) -> None:
    output = corpus / how[-1]
    result = run("export", *inputs(corpus), *how[:-1], output, "--title", "Rain")
    assert result.exit_code == 0, result.stderr
    story = json.loads(output.read_text(encoding="utf-8"))
    assert story["title"]["text"]["headline"] == "Rain"
    assert {slide["group"] for slide in story["events"]} == {str(corpus / "treaty.txt"), "東京の記録"}
    assert {"year": 2021, "month": 5, "day": 13} in [slide["start_date"] for slide in story["events"]]


def test_timeml_files_score_perfectly_against_themselves(corpus: Path) -> None:
    folder = corpus / "tml"
    result = run("export", *inputs(corpus), "--format", "timeml", "-o", folder, "--dct", "2021-05-15")
    assert result.exit_code == 0, result.stderr
    files = sorted(folder.glob("*.tml"))
    assert len(files) == 2
    documents = {read_timeml(path).doc_id: read_timeml(path) for path in files}
    treaty = documents["treaty.txt"]  # the file given, by its name: no local path
    assert treaty.text == TREATY and treaty.dct == "2021-05-15"  # the --dct the extractor used
    assert {gold.text for gold in treaty.gold} >= {"May 13, 2021", "1997"}
    assert documents["rain-1"].title == "東京の記録"
    scored = run("evaluate", folder)
    assert scored.exit_code == 0, scored.stderr
    assert scored.stdout.splitlines()[-1] == "value F1: 100.00"


def test_timeml_honours_the_selection_and_gives_each_document_its_own_file(tmp_path: Path) -> None:
    rows = [{"id": doc_id, "text": TREATY} for doc_id in ("a/b", "a_b", "c")]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    folder = tmp_path / "tml"
    result = run("export", corpus, "--format", "timeml", "-o", folder, "--from", "2000", "--doc", "a/b", "--doc", "a_b")
    assert result.exit_code == 0, result.stderr
    documents = {path.name: read_timeml(path) for path in folder.glob("*.tml")}
    assert sorted(documents) == ["a_b-2.tml", "a_b.tml"]  # "a/b" and "a_b" clash once made safe
    assert {document.doc_id for document in documents.values()} == {"a/b", "a_b"}
    for document in documents.values():
        assert [gold.text for gold in document.gold] == ["May 13, 2021"]  # 1997 is before --from
    assert result.stdout.strip() == f"{folder}: 2 TimeML files"


@pytest.mark.browser
def test_png_has_the_asked_size(corpus: Path) -> None:
    output = corpus / "timeline.png"
    result = run(
        "export",
        *inputs(corpus),
        "-o",
        output,
        "--width",
        "800",
        "--height",
        "400",
        "--scale",
        "2",
        "--title",
        "Rain and treaties",
        "--lanes",
        "grain",
    )
    assert result.exit_code == 0, result.stderr
    assert Image.open(io.BytesIO(output.read_bytes())).size == (1600, 800)


@pytest.mark.browser
def test_html_is_one_self_contained_page(corpus: Path) -> None:
    output = corpus / "timeline.html"
    result = run("export", *inputs(corpus), "-o", output, "--title", "Rain <and> treaties")
    assert result.exit_code == 0, result.stderr
    page = output.read_text(encoding="utf-8")
    assert "<title>Rain &lt;and&gt; treaties</title>" in page
    assert json.dumps("東京の記録")[1:-1] in page  # the lane name, in the figure's JSON


def test_without_a_browser_an_image_export_says_what_to_install(corpus: Path, tmp_path: Path) -> None:
    environment = {key: value for key, value in os.environ.items() if key != "BROWSER_PATH"}
    environment["PATH"] = str(tmp_path / "empty-bin")  # no chromium to be found
    output = corpus / "timeline.png"
    done = subprocess.run(
        [sys.executable, "-m", "timeline", "export", *map(str, inputs(corpus)), "-o", str(output)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and "apt-get install chromium" in done.stderr
    assert not output.exists()


@pytest.mark.browser
def test_bench_prints_first_and_repeated_times_per_format(corpus: Path) -> None:
    result = run("bench", "export", corpus / "treaty.txt", "--repeat", "1")
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[2:]}
    assert set(rows) == {"png", "svg", "pdf", "html"}
    for first, median, fastest, size in rows.values():
        assert float(first) > 0 and float(median) > 0 and float(fastest) > 0 and int(size.replace(",", "")) > 0
