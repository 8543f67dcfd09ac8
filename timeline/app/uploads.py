"""Files dropped on the page: decoded from dcc.Upload's data URLs and read by the normal ingest.

Each file is written under its own name to a temporary folder and read with
:func:`timeline.ingest.read_documents`, so uploads follow exactly the rules of files given on
the command line; the temporary path is then replaced by the uploaded name in ids and messages.
Files over :data:`MAX_UPLOAD_BYTES` are refused with a message (the page's browser-side guard
refuses them before sending; the check here is for clients that skip it). One drop sends its
files in one request, so a drop is capped too (:func:`batch_limit`), and the server refuses any
request body over :func:`request_limit` before reading it. A name that cannot be a file name
(``..``, a NUL, over 255 bytes) is a problem of that file alone.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import tempfile
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from timeline.ingest import READABLE_SUFFIXES, read_documents
from timeline.ingest.document import Document, Problem

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
UPLOAD_EXTENSIONS = tuple(sorted(READABLE_SUFFIXES))
FILES_AT_THE_LIMIT_PER_DROP = 2
REQUEST_OVERHEAD_BYTES = 1024 * 1024  # the callback's JSON around the files: names, other inputs
MAX_NAME_BYTES = 255  # what Linux, macOS and Windows file systems allow in one name


def batch_limit(upload_limit: int = MAX_UPLOAD_BYTES) -> int:
    """Bytes of files one drop may send (the browser-side guard holds the rest back and names them)."""
    return FILES_AT_THE_LIMIT_PER_DROP * upload_limit


def request_limit(upload_limit: int = MAX_UPLOAD_BYTES) -> int:
    """The largest request body the server reads: one full drop, base64-encoded, and its JSON."""
    return -(-batch_limit(upload_limit) * 4 // 3) + REQUEST_OVERHEAD_BYTES


def upload_limits(upload_limit: int = MAX_UPLOAD_BYTES) -> dict[str, int]:
    """What the browser-side guard reads: the most one file and one drop may send."""
    return {"file": upload_limit, "batch": batch_limit(upload_limit)}


def name_problem(name: str) -> str | None:
    """Why ``name`` cannot be used as an uploaded file's name, or None when it can."""
    base = PurePosixPath(name.replace("\\", "/")).name
    if "\x00" in name:
        return "the file name holds a NUL character; rename the file"
    if base in ("", ".", ".."):
        return "this is not a file name; rename the file"
    if len(base.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        return f"the file name is over {MAX_NAME_BYTES} bytes; rename the file"
    return None


def shown_name(name: str) -> str:
    """The uploaded name as it may be printed: control characters escaped, at most 200 characters."""
    printable = "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)
    return printable if len(printable) <= 200 else printable[:199] + "…"


def human_size(size: int) -> str:
    """ "30.5 MB", "20 MB", "2 KB": sizes as people read them."""
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("KB", 2**10)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def oversize_problem(name: str, size: int, limit: int = MAX_UPLOAD_BYTES) -> Problem:
    return Problem(
        name,
        f"{human_size(size)} is over the {human_size(limit)} upload limit; "
        f"add it from the command line instead: timeline serve {PurePosixPath(name).name}",
    )


def decode_data_url(data_url: str) -> bytes:
    """The bytes of a ``data:<type>;base64,<payload>`` URL (what dcc.Upload gives)."""
    header, sep, payload = data_url.partition(",")
    if not sep or not header.startswith("data:") or not header.endswith(";base64"):
        raise ValueError("not a base64 data URL")
    return base64.b64decode(payload, validate=True)


def read_uploads(files: Iterable[tuple[str, str]], *, limit: int = MAX_UPLOAD_BYTES) -> list[Document | Problem]:
    """Documents and problems of uploaded ``(filename, data URL)`` pairs, in upload order."""
    items: list[Document | Problem] = []
    with tempfile.TemporaryDirectory(prefix="timeline-upload-") as tmp:
        for index, (name, data_url) in enumerate(files):
            items.extend(_read_upload(Path(tmp) / str(index), name, data_url, limit))
    return items


def _read_upload(folder: Path, name: str, data_url: str, limit: int) -> list[Document | Problem]:
    """The documents of one uploaded file, or the problem that keeps it out (never an exception)."""
    refusal = name_problem(name)
    if refusal is not None:
        return [Problem(shown_name(name), refusal)]
    try:
        content = decode_data_url(data_url)
    except (ValueError, binascii.Error) as exc:
        return [Problem(shown_name(name), f"could not read the upload: {exc}")]
    if len(content) > limit:
        return [oversize_problem(shown_name(name), len(content), limit)]
    try:
        folder.mkdir()
        path = folder / PurePosixPath(name.replace("\\", "/")).name
        path.write_bytes(content)
        return [_renamed(item, str(path), name) for item in read_documents([path])]
    except OSError as exc:  # a name the file system refuses after all
        return [Problem(shown_name(name), f"could not store the upload: {exc.strerror or exc}")]


def _renamed(item: Document | Problem, temp_path: str, name: str) -> Document | Problem:
    """Put the uploaded name where the temporary path shows (loose-file ids, sources, messages)."""
    if isinstance(item, Problem):
        return Problem(item.source.replace(temp_path, name), item.message.replace(temp_path, name))
    return dataclasses.replace(item, id=item.id.replace(temp_path, name), source=item.source.replace(temp_path, name))
