"""Folders: read recursively in sorted order; what is not read is said, one line a file."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from timeline.ingest import Document, Problem, Skipped, read_documents


def make_tree(root: Path, files: dict[str, bytes]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = json.dumps({"id": "wire-1", "text": "In 1997."}).encode()
    make_tree(
        tmp_path / "archive",
        {
            "b.txt": b"In 1998.",
            "a/z.md": b"In 1999.",
            "a/deeper/page.HTML": b"<p>In 2000.</p>",
            "A.txt": b"In 2001.",
            "c/wire.jsonl": corpus + b"\n",
        },
    )
    monkeypatch.chdir(tmp_path)

    items = list(read_documents(["archive"]))

    assert all(isinstance(item, Document) for item in items)
    assert [item.id for item in items if isinstance(item, Document)] == [
        "archive/A.txt",
        "archive/a/deeper/page.HTML",
        "archive/a/z.md",
        "archive/b.txt",
        "wire-1",
    ]


def test_other_files_are_skipped_one_line_each_and_hidden_folders_not_entered(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {
            "photo.jpg": b"\xff\xd8\xff",
            "notes.txt": b"In 1997.",
            ".DS_Store": b"\x00\x00",
            ".git/HEAD": b"ref: refs/heads/main",
            ".git/description.txt": b"In 1990.",
            "Makefile": b"all:",
        },
    )

    items = list(read_documents([tmp_path]))

    skipped = {Path(item.source).name: item.message for item in items if isinstance(item, Skipped)}
    assert skipped == {
        ".DS_Store": "skipped: hidden file",
        ".git": "skipped: hidden folder",
        "Makefile": "skipped: not a document type",
        "photo.jpg": "skipped: not a document type",
    }
    assert [item.id for item in items if isinstance(item, Document)] == [str(tmp_path / "notes.txt")]
    assert not [item for item in items if isinstance(item, Problem) and not isinstance(item, Skipped)]


def test_links_to_folders_are_reported_not_followed(tmp_path: Path) -> None:
    make_tree(tmp_path / "real", {"a.txt": b"In 1997."})
    (tmp_path / "real" / "loop").symlink_to(tmp_path / "real", target_is_directory=True)

    items = list(read_documents([tmp_path / "real"]))

    assert [type(item) for item in items] == [Document, Skipped]
    assert items[1].source == str(tmp_path / "real" / "loop")


@pytest.mark.parametrize(
    "files",
    [{}, {"image.png": b"\x89PNG"}, {"empty.txt": b"", "sub/blank.md": b"  \n"}],
    ids=["empty", "only-unsupported", "only-bad"],
)
def test_folder_with_nothing_readable_is_a_problem(tmp_path: Path, files: dict[str, bytes]) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    make_tree(folder, files)

    items = list(read_documents([folder]))

    last = items[-1]
    assert type(last) is Problem and last.source == str(folder)
    assert last.message.startswith("no readable documents in this folder")
    assert not any(isinstance(item, Document) for item in items)


def test_bad_files_inside_a_folder_name_themselves(tmp_path: Path) -> None:
    make_tree(tmp_path, {"1-good.txt": b"In 1997.", "2-bad.txt": b"\xff\xfe\x00", "3-good.txt": b"In 1998."})

    items = list(read_documents([tmp_path]))

    assert [type(item) for item in items] == [Document, Problem, Document]
    assert items[1].source == os.path.join(tmp_path, "2-bad.txt")


def test_file_name_that_is_not_utf8_is_reported_printably(tmp_path: Path) -> None:
    make_tree(tmp_path, {"ok.txt": b"In 1997."})
    with open(os.path.join(os.fsencode(tmp_path), b"caf\xe9.txt"), "wb") as stream:
        stream.write(b"In 1998.")

    items = list(read_documents([tmp_path]))

    problems = [item for item in items if isinstance(item, Problem)]
    assert problems == [Problem(f"{tmp_path}/caf\\xe9.txt", "file name is not valid UTF-8; rename the file to read it")]
    assert [item.id for item in items if isinstance(item, Document)] == [str(tmp_path / "ok.txt")]
