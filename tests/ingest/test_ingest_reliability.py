"""Ingest on hostile trees and corpora: looping links, very deep folders, unclosed CSV quotes.

Each was once a crash or a silent loss (issue 12); now each is one line naming the file or row,
and the rest is read, on the command line and in the app's ingest alike.
"""

from __future__ import annotations

import os
from pathlib import Path

from timeline.app.callbacks import add_pasted
from timeline.app.collection import ingest_paths
from timeline.app.store import TimelineStore
from timeline.ingest import Document, Problem, Skipped, read_documents

GOOD = "It happened on May 13, 2021."


def looping_folder(root: Path) -> Path:
    folder = root / "loop"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "m.txt").symlink_to("m.txt")  # a link to itself
    (folder / "z.txt").write_text("And again on 1 June 2020.", encoding="utf-8")
    return folder


def test_a_looping_link_is_one_skipped_line_and_the_rest_is_read(tmp_path: Path) -> None:
    folder = looping_folder(tmp_path)

    items = list(read_documents([folder]))

    assert [item.id for item in items if isinstance(item, Document)] == [
        str(folder / "good.txt"),
        str(folder / "z.txt"),
    ]
    (skipped,) = [item for item in items if isinstance(item, Problem)]
    assert isinstance(skipped, Skipped)
    assert (
        str(skipped)
        == f"{folder / 'm.txt'}: skipped: a link that cannot be followed: too many levels of symbolic links"
    )


def test_a_looping_link_named_directly_is_a_problem(tmp_path: Path) -> None:
    folder = looping_folder(tmp_path)

    (problem,) = read_documents([folder / "m.txt"])

    assert isinstance(problem, Problem) and not isinstance(problem, Skipped)
    assert str(problem) == f"{folder / 'm.txt'}: cannot read: too many levels of symbolic links"


def test_folders_a_thousand_deep_are_read(tmp_path: Path) -> None:
    deepest = tmp_path / "deep"
    deepest.mkdir()
    (deepest / "top.txt").write_text(GOOD, encoding="utf-8")
    for _ in range(1000):
        deepest = deepest / "d"
        os.mkdir(deepest)
    (deepest / "bottom.txt").write_text(GOOD, encoding="utf-8")

    try:
        ids = [item.id for item in read_documents([tmp_path / "deep"]) if isinstance(item, Document)]
    finally:
        _remove_deep(tmp_path / "deep", deepest)

    assert ids == [str(deepest / "bottom.txt"), str(tmp_path / "deep" / "top.txt")]  # "d" sorts before "top.txt"


def _remove_deep(top: Path, deepest: Path) -> None:
    """Remove the tree bottom up: shutil.rmtree (and so pytest's clean-up) recurses, and would fail."""
    (deepest / "bottom.txt").unlink()
    (top / "top.txt").unlink()
    folder = deepest
    while folder != top:
        folder.rmdir()
        folder = folder.parent
    top.rmdir()


def test_the_apps_ingest_skips_a_looping_link_and_stores_the_rest(tmp_path: Path) -> None:
    folder = looping_folder(tmp_path)
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        report = ingest_paths(store, [folder])
        stored = set(store.events()["text"])

    assert sorted(report.added) == [str(folder / "good.txt"), str(folder / "z.txt")]
    assert [problem.source for problem in report.skipped] == [str(folder / "m.txt")]
    assert report.problems == []
    assert stored >= {"May 13, 2021", "1 June 2020"}


def corpus_items(path: Path) -> list[Document | Problem]:
    return list(read_documents([path]))


def test_an_unclosed_quote_that_swallows_rows_is_named(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(
        'id,text\nc1,"On May 13, 2021 it began\nc2,"Another on 1 June 2020"\nc3,On 2 May 2020 it ended\n',
        encoding="utf-8",
    )

    items = corpus_items(corpus)

    problems = [str(item) for item in items if isinstance(item, Problem)]
    assert problems == [
        f"{corpus} row 2: malformed quoting (',' expected after '\"'): a quote opened on line 2 does not close; "
        "lines 2-3 skipped"
    ]
    assert [(item.id, item.source) for item in items if isinstance(item, Document)] == [("c3", f"{corpus} row 3")]


def test_an_unclosed_quote_running_to_the_end_is_named(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text('id,text\nc1,fine in 2020\nc2,"On May 13, 2021 it began\nc3,ok\n', encoding="utf-8")

    items = corpus_items(corpus)

    assert [item.id for item in items if isinstance(item, Document)] == ["c1"]
    (problem,) = [str(item) for item in items if isinstance(item, Problem)]
    assert problem.startswith(f"{corpus} row 3: malformed quoting (unexpected end of data)")
    assert "a quote opened on line 3 does not close; lines 3-4 skipped" in problem


def test_quoted_fields_over_several_lines_are_still_one_row(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text('id,text\nc1,"Line one\nLine two, ""quoted"", May 13, 2021"\nc2,ok in 1997\n', encoding="utf-8")

    items = corpus_items(corpus)

    assert [(item.id, item.source) for item in items if isinstance(item, Document)] == [
        ("c1", f"{corpus} row 2"),
        ("c2", f"{corpus} row 3"),
    ]
    assert [item for item in items if isinstance(item, Problem)] == []


def test_a_paste_with_an_expression_past_the_calendar_is_added_whole(tmp_path: Path) -> None:
    """Once refused whole (an OverflowError); now that expression stays unresolved and the rest is stored."""
    text = "Over the past 5000 years the river moved. The treaty was signed on May 13, 2021."
    with TimelineStore(tmp_path / "t.sqlite3") as store:
        notices, added = add_pasted(store, text, "River", "2021-05-15")
        stored = store.events()

    assert added and "Added 1 document" in str(notices[0].children)
    assert list(stored["text"]) == ["May 13, 2021"]  # "the past 5000 years" has no interval: not drawn
