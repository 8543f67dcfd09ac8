"""The export formats and how a file name selects one (no heavy imports: the CLI loads this)."""

from __future__ import annotations

from pathlib import Path

IMAGE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
FIGURE_FORMATS: tuple[str, ...] = (*IMAGE_FORMATS, "html")
TABLE_FORMATS: tuple[str, ...] = ("csv", "json", "jsonl", "timelinejs")
DIRECTORY_FORMATS: tuple[str, ...] = ("timeml",)  # one file per document, into a folder
FORMATS: tuple[str, ...] = (*FIGURE_FORMATS, *TABLE_FORMATS, *DIRECTORY_FORMATS)

TIMELINEJS_SUFFIX = ".timelinejs.json"
_FORMAT_BY_SUFFIX = {f".{fmt}": fmt for fmt in (*FIGURE_FORMATS, "csv", "json", "jsonl")} | {".htm": "html"}


def format_for_path(path: Path | str) -> str | None:
    """The format a file name asks for (``x.timelinejs.json`` is TimelineJS), or None if it names none."""
    name = Path(path).name.lower()
    if name.endswith(TIMELINEJS_SUFFIX):
        return "timelinejs"
    return _FORMAT_BY_SUFFIX.get(Path(name).suffix)
