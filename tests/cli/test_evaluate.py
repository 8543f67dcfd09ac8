"""`timeline evaluate` and `timeline bench extract`, run for real through click on small TimeML files.

The texts only hold dates every version of the extractor finds ("May 13, 2021", "1997");
the gold is written so the expected figures can be worked out by hand:
a.tml  "May 13, 2021" and "1997", both annotated right            -> 2 right pairs
b.tml  "accord" annotated as a date (nobody finds it)              -> 1 false negative
       "May 13, 2021" annotated with a wrong value (2021-05-14)     -> 1 pair, wrong value
       "1997" not annotated                                         -> 1 false positive
Ours: gold 4, system 4, relaxed 3 -> relaxed F1 0.75; values right 2/3 -> value F1 0.50.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from timeline.cli import main
from timeline.compiled import describe

A_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>a</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-05-15" functionInDocument="CREATION_TIME">2021-05-15</TIMEX3></DCT>
<TEXT>
The treaty was signed on <TIMEX3 tid="t1" type="DATE" value="2021-05-13">May 13, 2021</TIMEX3> in Geneva.
Talks had begun in <TIMEX3 tid="t2" type="DATE" value="1997">1997</TIMEX3>.
</TEXT>
</TimeML>
"""

B_TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>b</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2021-05-15" functionInDocument="CREATION_TIME">2021-05-15</TIMEX3></DCT>
<TEXT>
The <TIMEX3 tid="t1" type="DATE" value="2021">accord</TIMEX3> took effect on <TIMEX3 tid="t2" type="DATE" value="2021-05-14">May 13, 2021</TIMEX3>; its drafts go back to 1997.
</TEXT>
</TimeML>
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    directory = tmp_path / "gold"
    (directory / "sub").mkdir(parents=True)
    (directory / "a.tml").write_text(A_TML, encoding="utf-8")
    (directory / "sub" / "b.tml").write_text(B_TML, encoding="utf-8")
    return directory


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_evaluate_prints_the_table_and_ends_with_value_f1(corpus: Path) -> None:
    result = _run("evaluate", str(corpus))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "TempEval-3 Task A (timex): 2 files, 4 gold timexes, document dates given"
    assert lines[-1] == "value F1: 50.00"
    rows = {line[:16].strip(): line[16:].split() for line in lines[2:-1]}
    assert rows["system timexes"] == ["4"]
    assert rows["relaxed F1"] == ["75.00"]
    assert rows["value accuracy"] == ["66.67"]
    assert result.stderr == ""


def test_malformed_file_is_named_on_stderr_and_the_rest_is_scored(corpus: Path) -> None:
    (corpus / "broken.tml").write_text("<TimeML><TEXT>In <TIMEX3 tid='t1'>1997</TEXT></TimeML>")
    result = _run("evaluate", str(corpus))
    assert result.exit_code == 1
    [message] = result.stderr.splitlines()
    assert message.startswith(f"{corpus / 'broken.tml'}: not well-formed XML: mismatched tag: line 1, column ")
    assert result.stdout.splitlines()[-1] == "value F1: 50.00"


def test_errors_file_lists_each_error_with_context(corpus: Path, tmp_path: Path) -> None:
    errors = tmp_path / "errors.tsv"
    result = _run("evaluate", str(corpus), "--errors", str(errors))
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "value F1: 50.00"
    with errors.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert [(r["file"], r["kind"], r["gold_text"], r["system_text"]) for r in rows] == [
        ("sub/b.tml", "FN", "accord", "-"),
        ("sub/b.tml", "value", "May 13, 2021", "May 13, 2021"),
        ("sub/b.tml", "FP", "-", "1997"),
    ]
    accord, value, spurious = rows
    assert (accord["left_context"], accord["right_context"]) == (
        " The ",
        " took effect on May 13, 2021; its drafts go back to 1997. ",
    )
    assert (value["gold_value"], value["system_value"]) == ("2021-05-14", "2021-05-13")
    assert value["left_context"] == " The accord took effect on "
    # 63 characters precede "1997": the context keeps the last 60 of them.
    assert spurious["left_context"] == "e accord took effect on May 13, 2021; its drafts go back to "


def test_unwritable_errors_file_is_reported_and_the_scores_still_printed(corpus: Path, tmp_path: Path) -> None:
    errors = tmp_path / "no such dir" / "errors.tsv"
    result = _run("evaluate", str(corpus), "--errors", str(errors))
    assert result.exit_code == 1
    assert result.stderr == f"{errors}: cannot write the errors file: No such file or directory\n"
    assert result.stdout.splitlines()[-1] == "value F1: 50.00"


def test_peer_is_scored_in_the_same_table(corpus: Path) -> None:
    result = _run("evaluate", str(corpus), "--peer", "dateparser")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[1].split() == ["timeline", "dateparser"]
    assert all(len(line[16:].split()) == 2 for line in lines[2:-1])
    assert lines[-1] == "value F1: 50.00"  # ours, whatever the peer scores


def test_no_dct_says_so(corpus: Path) -> None:
    result = _run("evaluate", str(corpus), "--no-dct")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].endswith("document dates withheld (--no-dct)")
    assert result.stdout.splitlines()[-1] == "value F1: 50.00"  # absolute dates need no DCT


def test_directory_without_tml_files_is_an_error(tmp_path: Path) -> None:
    result = _run("evaluate", str(tmp_path))
    assert result.exit_code == 1
    assert f"no readable .tml file under {tmp_path}" in result.stderr


def test_bench_extract_measures_both_systems_on_the_same_words(corpus: Path) -> None:
    result = _run("bench", "extract", str(corpus), "--repeat", "2")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    words = len("The treaty was signed on May 13, 2021 in Geneva. Talks had begun in 1997.".split()) + len(
        "The accord took effect on May 13, 2021; its drafts go back to 1997.".split()
    )
    assert lines[0] == f"corpus: {corpus} (2 files, {words} words)"
    assert lines[1] == describe()  # which code the extractor ran: compiled or its Python sources
    assert lines[3].startswith("timeline extract (best of 2)") and lines[3].split()[5] == str(words)
    assert lines[4].startswith("dateparser search_dates (best of 2)") and lines[4].split()[5] == str(words)
    assert lines[5].startswith("speed ratio ours/search_dates: ")


def test_bench_extract_reports_a_missing_corpus(tmp_path: Path) -> None:
    result = _run("bench", "extract", str(tmp_path / "absent"))
    assert result.exit_code == 1
    assert f"corpus directory not found: {tmp_path / 'absent'}" in result.stderr


def test_dateparser_peer_spans_follow_the_text_and_values_keep_dateparsers_grain() -> None:
    from timeline.evaluate.peer import dateparser_timexes

    text = "Sales fell in May 2010 and again this week; the board met, as in 1997. Profits rose in May 2010."
    timexes = dateparser_timexes(text, "2013-03-21")
    assert all(text[t.start : t.end] == t.text for t in timexes)
    by_text = [(t.text.strip(" .,"), t.value) for t in timexes]
    assert ("this week", "2013-W12") in by_text  # the ISO week of the document date
    assert ("in 1997", "1997") in by_text  # a year, not 1997-03-21
    may = [t for t in timexes if "May 2010" in t.text]
    assert [t.value for t in may] == ["2010-05", "2010-05"]
    assert may[1].start > text.index("Profits")  # the repeated phrase is found where it repeats
