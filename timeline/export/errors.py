"""The one error type export raises for problems a user can fix (a missing browser, a bad file)."""

from __future__ import annotations


class ExportError(Exception):
    """An export could not be made; the message says why and what to do about it."""
