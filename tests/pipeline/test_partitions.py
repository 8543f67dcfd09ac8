"""Partitioned runs give exactly the records and messages of one process: in this process, on a
local Dask cluster, and on real `dask scheduler` / `dask worker` processes."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

import timeline.pipeline.documents as pipeline_documents
from timeline.cli import main
from timeline.extract.records import Record
from timeline.extract.resources import load_language
from timeline.ingest import Problem, read_documents
from timeline.pipeline import stream_records
from timeline.pipeline.run import planned, run_partitions
from timeline.pipeline.runners import LOCAL_CLUSTER_PORTS, DaskRunner, LocalRunner, Runner
from timeline.pipeline.tasks import TaskOptions

TEXTS = ["It happened on May 13, 2021, and again\nin 1997.", "Last year, two days later.", "Nothing here."]
BLOCK = 2_000  # bytes: small partitions, so every corpus is cut in many


def write_corpora(folder: Path) -> list[Path]:
    """JSONL with bad lines, blank lines and duplicate ids far apart; CSV with quoted line breaks;
    Parquet in several row groups; a folder of loose files; a missing path."""
    lines = []
    for i in range(300):
        if i % 37 == 5:
            lines.append("{bad json")
        elif i % 53 == 7:
            lines.append(json.dumps({"id": f"d{i - 40}", "text": "dup"}))  # an id of an earlier partition
        elif i % 41 == 3:
            lines.append("")
        else:
            lines.append(
                json.dumps(
                    {"id": f"d{i}", "text": f"{TEXTS[i % 3]} {i}", "date": "2021-05-15" if i % 2 else "not a date"}
                )
            )
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = io.StringIO(newline="")
    writer = csv.writer(table)
    writer.writerow(["id", "text", "date"])
    for i in range(300):
        writer.writerow([f"r{i % 250}", f'{TEXTS[i % 3]} "quoted" {i}', "2020-01-01"])
        if i % 60 == 9:
            table.write('x,"two\nlines",more\n')
    (folder / "archive.csv").write_text(table.getvalue(), encoding="utf-8")
    rows = [{"id": f"p{i % 180}", "text": f"{TEXTS[i % 3]} {i}", "title": f"T{i}"} for i in range(200)]
    pq.write_table(pa.Table.from_pylist(rows), folder / "corpus.parquet", row_group_size=20)
    (folder / "loose").mkdir()
    (folder / "loose" / "a.txt").write_text("Signed on May 13, 2021.", encoding="utf-8")
    (folder / "loose" / "b.bin").write_bytes(b"\0\1")
    return [
        folder / "news.jsonl",
        folder / "archive.csv",
        folder / "corpus.parquet",
        folder / "loose",
        folder / "missing.jsonl",
    ]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return write_corpora(tmp_path_factory.mktemp("corpora"))


@pytest.fixture(scope="module")
def one_process(corpora: list[Path]) -> tuple[list[Record], list[str]]:
    problems: list[Problem] = []
    records = list(stream_records(read_documents(corpora), problems.append))
    return records, [str(problem) for problem in problems]


@pytest.fixture(scope="module")
def dask_runner() -> Iterator[DaskRunner]:
    from distributed import Client, LocalCluster

    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, **LOCAL_CLUSTER_PORTS) as cluster,
        Client(cluster) as client,
    ):
        yield DaskRunner(client)


def partitioned(paths: list[Path], runner: Runner, **options: Any) -> tuple[list[Record], list[str]]:
    problems: list[Problem] = []
    plan = planned(paths, runner, BLOCK)
    assert len(plan) > 10  # the corpora really were cut
    records = list(run_partitions(plan, runner, TaskOptions(**options), problems.append))
    return records, [str(problem) for problem in problems]


def by_position(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (str(r["doc"]), int(r["start"] or 0), int(r["end"] or 0)))


def test_the_corpora_hold_every_kind_of_trouble(one_process: tuple[list[Record], list[str]]) -> None:
    problems = "\n".join(one_process[1])
    for trouble in (
        "line 6: malformed JSON",
        "line 220: duplicate id 'd179' (first on line 180)",
        "invalid date",
        "row 259: duplicate id 'r2' (first on row 4)",
        "corpus.parquet row 181: duplicate id 'p0' (first on row 1)",
        "b.bin: skipped",
        "missing.jsonl: no such file",
    ):
        assert trouble in problems


def test_partitions_in_one_process_give_the_records_and_messages_of_one_process(
    corpora: list[Path], one_process: tuple[list[Record], list[str]]
) -> None:
    assert partitioned(corpora, LocalRunner()) == one_process


def test_a_local_dask_cluster_gives_the_records_and_messages_of_one_process(
    corpora: list[Path], one_process: tuple[list[Record], list[str]], dask_runner: DaskRunner
) -> None:
    records, problems = partitioned(corpora, dask_runner)
    assert by_position(records) == by_position(one_process[0])
    assert records == one_process[0]  # and even in the same order
    assert problems == one_process[1]


def test_each_worker_compiles_the_rules_once(corpora: list[Path], dask_runner: DaskRunner) -> None:
    partitioned(corpora, dask_runner)
    compiled = dask_runner.client.run(lambda: load_language.cache_info().misses)
    assert len(compiled) == 2 and set(compiled.values()) == {1}


def test_a_document_that_crashes_the_extractor_is_a_problem_and_its_partition_completes(
    corpora: list[Path], one_process: tuple[list[Record], list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    real_extract = pipeline_documents.extract

    def failing_on_d10(text: str, **kwargs: Any) -> Any:
        if text.endswith(" 10"):
            raise RecursionError("maximum recursion depth exceeded")
        return real_extract(text, **kwargs)

    monkeypatch.setattr(pipeline_documents, "extract", failing_on_d10)
    records, problems = partitioned(corpora[:1], LocalRunner())
    assert f"{corpora[0]} line 11: extraction failed: RecursionError: maximum recursion depth exceeded" in problems
    assert "d10" not in {r["doc"] for r in records}
    assert {"d9", "d12"} <= {r["doc"] for r in records}


def run_cli(*args: object) -> Any:
    return CliRunner().invoke(main, ["extract", *map(str, args)])


def test_parquet_output_holds_the_records_of_one_process_and_resumes(corpora: list[Path], tmp_path: Path) -> None:
    paths = corpora[:3]
    one = run_cli(*paths)
    out = tmp_path / "dates.parquet"
    first = run_cli(*paths, "--partition-size", BLOCK / 2**20, "-o", out)
    assert (first.exit_code, first.stderr) == (one.exit_code, one.stderr) == (1, one.stderr)
    assert pq.read_table(out).to_pylist() == [json.loads(line) for line in one.stdout.splitlines()]
    assert pq.read_schema(out / "part-00000.parquet").field("start").type == pa.int64()

    parts = sorted(out.glob("part-*.parquet"))
    (out / "_timeline" / "part-00003.json").unlink()  # as if interrupted while writing partition 3
    before = {part.name: part.stat().st_mtime_ns for part in parts}
    time.sleep(0.01)
    resumed = run_cli(*paths, "--partition-size", BLOCK / 2**20, "-o", out)
    after = {part.name: part.stat().st_mtime_ns for part in sorted(out.glob("part-*.parquet"))}
    assert (resumed.exit_code, resumed.stderr) == (first.exit_code, first.stderr)
    assert [name for name in before if before[name] != after[name]] == ["part-00003.parquet"]
    assert pq.read_table(out).to_pylist() == [json.loads(line) for line in one.stdout.splitlines()]

    other_plan = run_cli(*paths, "--partition-size", 1, "-o", out)
    assert other_plan.exit_code == 2 and "--force" in other_plan.stderr
    forced = run_cli(*paths, "--partition-size", 1, "--force", "-o", out)
    assert forced.exit_code == 1
    assert pq.read_table(out).to_pylist() == [json.loads(line) for line in one.stdout.splitlines()]


@pytest.fixture
def real_cluster(tmp_path: Path) -> Iterator[str]:
    """A `dask scheduler` and a `dask worker` process on 127.0.0.1, stopped after the test."""
    dask = shutil.which("dask", path=os.path.dirname(sys.executable))
    assert dask is not None
    scheduler_file = tmp_path / "scheduler.json"
    scheduler = subprocess.Popen(
        [
            dask,
            "scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--no-dashboard",
            "--scheduler-file",
            str(scheduler_file),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    worker = None
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(scheduler_file.read_text())["address"]
        worker = subprocess.Popen(
            [dask, "worker", address, "--nthreads", "1", "--nworkers", "2", "--host", "127.0.0.1", "--no-dashboard"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        yield address
    finally:
        for process in (worker, scheduler):
            if process is not None:
                process.terminate()
                process.wait(timeout=30)


def test_real_scheduler_and_worker_processes_give_the_output_of_one_process(
    corpora: list[Path], real_cluster: str
) -> None:
    command = [
        sys.executable,
        "-m",
        "timeline",
        "extract",
        *map(str, corpora[:2]),
        "--partition-size",
        str(BLOCK / 2**20),
    ]
    one = subprocess.run(command, capture_output=True, text=True, timeout=120)
    on_cluster = subprocess.run([*command, "--scheduler", real_cluster], capture_output=True, text=True, timeout=120)
    assert (on_cluster.returncode, on_cluster.stderr, on_cluster.stdout) == (1, one.stderr, one.stdout)
    assert one.stdout.count("\n") > 500
