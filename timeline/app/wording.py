"""Counts as people read them: "1 event", "2,450 events"."""

from __future__ import annotations


def counted(n: int, noun: str) -> str:
    """``n`` with thousands separators and ``noun``, plural unless ``n`` is 1 (nouns taking an -s)."""
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
