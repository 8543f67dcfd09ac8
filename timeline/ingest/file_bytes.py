"""A file's bytes as text: read failures, binary sniffing, strict UTF-8."""

from __future__ import annotations

import re

from timeline.errors import InputError

UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
BINARY_SNIFF_BYTES = 8192  # how much of a streamed corpus is checked for NUL bytes
_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # an undecodable byte, under surrogateescape
_SURROGATE = re.compile("[\ud800-\udfff]")


class NotText(InputError):
    """The bytes are not UTF-8 text; the message says why, and where."""


def check_not_binary(head: bytes) -> None:
    """Raise :class:`NotText` if ``head`` (a file's first bytes) is UTF-16 or binary."""
    if head.startswith(_UTF16_BOMS):
        raise NotText("UTF-16 text (byte-order mark found); save it as UTF-8")
    if b"\0" in head:
        raise NotText("binary file (contains NUL bytes)")


def decode_utf8(raw: bytes, offset: int = 0) -> str:
    """Decode ``raw``, which starts at byte ``offset`` of its file; a BOM at offset 0 is dropped.

    The error names the byte offset in the file, so it can be found with a hex viewer.
    """
    skipped = len(UTF8_BOM) if offset == 0 and raw.startswith(UTF8_BOM) else 0
    try:
        return raw[skipped:].decode("utf-8")
    except UnicodeDecodeError as error:
        position = skipped + error.start
        raise _not_utf8(raw[position], offset + position) from None


def check_no_escaped_bytes(text: str) -> None:
    """Raise :class:`NotText` if ``text``, decoded with ``errors="surrogateescape"``, hides bad bytes."""
    match = _ESCAPED_BYTE.search(text)
    if match:
        offset = len(text[: match.start()].encode("utf-8", "surrogateescape"))
        raise _not_utf8(ord(match[0]) - 0xDC00, offset)


def has_lone_surrogate(text: str) -> bool:
    """Whether ``text`` holds half a UTF-16 pair (an undecodable file name, a JSON escape like
    ``"\\udc80"``): no UTF-8 output can hold it."""
    return _SURROGATE.search(text) is not None


def _not_utf8(byte: int, offset: int) -> NotText:
    return NotText(f"not valid UTF-8: byte 0x{byte:02x} at byte offset {offset}")


def read_failure(error: OSError) -> str:
    """The one-line reason an ``open``/``read`` failed: "cannot read: permission denied"."""
    reason = error.strerror or str(error)
    return f"cannot read: {reason[:1].lower()}{reason[1:]}"
