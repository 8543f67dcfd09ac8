"""From the paths a user names to the documents they hold: files, folders and corpora."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from timeline.ingest.corpora import CORPUS_SUFFIXES, read_corpus
from timeline.ingest.document import Document, Problem
from timeline.ingest.file_bytes import has_lone_surrogate, read_failure
from timeline.ingest.files import HTML_SUFFIXES, TEXT_SUFFIXES, read_file_document

READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES


@dataclass(frozen=True, slots=True)
class Skipped(Problem):
    """A file in a folder that is not read (not a document type, or hidden): reported, not an error."""


def read_documents(paths: Iterable[str | Path]) -> Iterator[Document | Problem]:
    """Every document in ``paths``, in order, with a :class:`Problem` for each piece of bad input.

    A path may be a ``.txt``/``.md``/``.html``/``.htm`` file (one document, id = the path as
    given), a ``.jsonl``/``.csv`` corpus (one document a row, id = the row's ``id``), or a folder,
    read recursively in sorted order. Nothing raises: what cannot be read becomes a Problem and
    the rest is still read. Corpora are streamed, so memory does not grow with their size.
    """
    for given in paths:
        path = Path(given)
        try:
            is_folder = stat.S_ISDIR(path.stat().st_mode)
        except (FileNotFoundError, NotADirectoryError):
            yield Problem(str(path), "no such file or directory")
            continue
        except OSError as error:  # a folder on the way that may not be entered
            yield Problem(str(path), read_failure(error))
            continue
        if is_folder:
            yield from _read_folder(path)
        elif path.suffix.lower() in READABLE_SUFFIXES:
            yield from _read_file(path)
        else:
            kind = f"unsupported file type {path.suffix!r}" if path.suffix else "a file without an extension"
            yield Problem(str(path), f"{kind}; {_expected()}")


def _read_file(path: Path) -> Iterator[Document | Problem]:
    if has_lone_surrogate(str(path)):  # it would be the id of its documents, and ids are written out
        printable = os.fsencode(path).decode("utf-8", "backslashreplace")
        return iter([Problem(printable, "file name is not valid UTF-8; rename the file to read it")])
    if path.suffix.lower() in CORPUS_SUFFIXES:
        return read_corpus(path, str(path))
    return read_file_document(path, str(path))


def _read_folder(folder: Path) -> Iterator[Document | Problem]:
    read_any = False
    for path in _folder_files(folder):
        if isinstance(path, Problem):
            yield path
            continue
        if path.name.startswith("."):
            yield Skipped(str(path), "skipped: hidden file")
        elif path.suffix.lower() not in READABLE_SUFFIXES:
            yield Skipped(str(path), "skipped: not a document type")
        else:
            for item in _read_file(path):
                read_any = read_any or isinstance(item, Document)
                yield item
    if not read_any:
        yield Problem(str(folder), f"no readable documents in this folder; {_expected()}")


@dataclass(frozen=True, slots=True)
class _Subfolder:
    """A folder met while walking, to be entered."""

    path: Path


def _folder_files(folder: Path) -> Iterator[Path | Problem]:
    """The files under ``folder``, depth first, each folder's entries sorted by name.

    Hidden folders (``.git``) are reported once each and not entered; symlinked folders are not
    followed, and a link that cannot be followed (one that loops) is skipped. Folders are walked
    with a stack of their own, not by recursion, so no depth of nesting is too deep.
    """
    pending: list[Iterator[Path | Problem | _Subfolder]] = [_entries(folder)]
    while pending:
        item = next(pending[-1], None)
        if item is None:
            pending.pop()
        elif isinstance(item, _Subfolder):
            pending.append(_entries(item.path))
        else:
            yield item


def _entries(folder: Path) -> Iterator[Path | Problem | _Subfolder]:
    """The entries of ``folder``, sorted by name: its files, the folders to enter, and a
    Skipped or a Problem for anything else."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield Problem(str(folder), read_failure(error))
        return
    for entry in entries:
        path = folder / entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                yield Skipped(str(path), "skipped: hidden folder") if entry.name.startswith(".") else _Subfolder(path)
            elif entry.is_file():
                yield path
            else:
                yield Skipped(str(path), "skipped: not a regular file (a link to a folder, a device, a pipe)")
        except OSError as error:  # a link that loops, or points where it may not look
            reason = error.strerror or str(error)
            yield Skipped(str(path), f"skipped: a link that cannot be followed: {reason[:1].lower()}{reason[1:]}")


def _expected() -> str:
    return "expected " + ", ".join(sorted(READABLE_SUFFIXES))
