"""`timeline bench ingest`, run for real through click on two small TimeML files."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from timeline.cli import main

TML = """<?xml version="1.0" ?><TimeML><DOCID>{name}</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-05-15" functionInDocument="CREATION_TIME">May 15, 2021</TIMEX3></DCT>
<TEXT>{text}</TEXT></TimeML>"""


def test_bench_ingest_stores_every_copy_and_reports_its_rate(tmp_path: Path) -> None:
    for name, text in [("a", "Talks began on May 13, 2021 and ended last year."), ("b", "Nothing dated here.")]:
        (tmp_path / f"{name}.tml").write_text(TML.format(name=name, text=text), encoding="utf-8")
    result = CliRunner().invoke(main, ["bench", "ingest", str(tmp_path), "--copies", "3"])
    assert result.exit_code == 0, result.output
    first, second = result.stdout.splitlines()
    assert first == f"corpus: {tmp_path} (2 texts x 3 = 6 documents, 39 words)"
    # "May 13, 2021" and "last year" in each of the three copies of text a
    assert second.startswith("6 documents, 6 events stored in ") and "documents/s" in second


def test_bench_ingest_reports_a_missing_corpus(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["bench", "ingest", str(tmp_path / "absent")])
    assert result.exit_code == 1
    assert "corpus directory not found" in result.output
