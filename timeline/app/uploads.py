"""Files dropped on the page: decoded from dcc.Upload's data URLs and read by the normal ingest.

Each file is written under its own name to a temporary folder and read with
:func:`timeline.ingest.read_documents`, so uploads follow exactly the rules of files given on
the command line; the temporary path is then replaced by the uploaded name in ids and messages.
Files over :data:`MAX_UPLOAD_BYTES` are refused with a message (the page's browser-side guard
refuses them before sending; the check here is for clients that skip it).
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


def read_uploads(
    files: Iterable[tuple[str, str]], *, limit: int = MAX_UPLOAD_BYTES
) -> list[Document | Problem]:
    """Documents and problems of uploaded ``(filename, data URL)`` pairs, in upload order."""
    items: list[Document | Problem] = []
    with tempfile.TemporaryDirectory(prefix="timeline-upload-") as tmp:
        for index, (name, data_url) in enumerate(files):
            try:
                content = decode_data_url(data_url)
            except (ValueError, binascii.Error) as exc:
                items.append(Problem(name, f"could not read the upload: {exc}"))
                continue
            if len(content) > limit:
                items.append(oversize_problem(name, len(content), limit))
                continue
            folder = Path(tmp) / str(index)
            folder.mkdir()
            path = folder / (PurePosixPath(name.replace("\\", "/")).name or "upload")
            path.write_bytes(content)
            items.extend(_renamed(item, str(path), name) for item in read_documents([path]))
    return items


def _renamed(item: Document | Problem, temp_path: str, name: str) -> Document | Problem:
    """Put the uploaded name where the temporary path shows (loose-file ids, sources, messages)."""
    if isinstance(item, Problem):
        return Problem(item.source.replace(temp_path, name), item.message.replace(temp_path, name))
    return dataclasses.replace(item, id=item.id.replace(temp_path, name), source=item.source.replace(temp_path, name))
