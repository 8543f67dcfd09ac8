"""Hover text of an event: what happened, the words, the date they resolved to, and the sentence.

Plotly hover labels read a little HTML (``<b>``, ``<i>``, ``<br>``), so text from documents is
escaped before it is put between those tags.
"""

from __future__ import annotations

import html
import re

import pandas as pd

from timeline.events.timescale import era_year, year_of
from timeline.figure.style import HOVER_SENTENCE_LINES, HOVER_WRAP, MUTED_COLOUR

_JANUARY_FIRST = re.compile(r"^[+-]?\d{4,}-01-01(?:T00:00(?::00)?)?$")


def hover_texts(events: pd.DataFrame, *, with_sentence: bool = True) -> list[str]:
    """One hover label per row of ``events``.

    Without the sentence (large tables) a label is a fraction of the size: the app can show the
    sentence of a clicked event instead.
    """
    columns = [
        "label",
        "text",
        "value",
        "mod",
        "grain",
        "interval_start",
        "interval_end",
        "explanation",
        "sentence",
        "doc_title",
    ]
    return [_hover(*row, with_sentence=with_sentence) for row in events[columns].itertuples(index=False)]


def wrap(text: str, width: int = HOVER_WRAP, max_lines: int | None = None, *, tag: str = "") -> str:
    """``text`` escaped and wrapped into ``<br>``-separated lines of at most ``width`` characters.

    ``tag`` ("b", "i") is applied line by line: plotly's hover HTML does not carry it across ``<br>``.
    """
    lines = _greedy_lines(text, width) or [""]
    if max_lines is not None and len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] += " …"
    opening, closing = (f"<{tag}>", f"</{tag}>") if tag else ("", "")
    return "<br>".join(f"{opening}{html.escape(line, quote=False)}{closing}" for line in lines)


def _greedy_lines(text: str, width: int) -> list[str]:
    """Words packed into lines of at most ``width`` characters (a longer word gets a line of its
    own). Much faster than textwrap, which matters at 100,000 hover labels."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def era_note(interval_start: str, interval_end: str) -> str:
    """ "(490 BC)" or "(500 BC – 401 BC)" for intervals that start before year 1, else ""."""
    first = year_of(interval_start)
    if first > 0:
        return ""
    last = year_of(interval_end) - (1 if _JANUARY_FIRST.match(interval_end) else 0)
    if last <= first:
        return f"({era_year(first)})"
    return f"({era_year(first)} – {era_year(last)})"


def _hover(
    label: str,
    text: str,
    value: str,
    mod: object,
    grain: str,
    interval_start: str,
    interval_end: str,
    explanation: str,
    sentence: str,
    doc_title: str,
    *,
    with_sentence: bool,
) -> str:
    resolved = value if not isinstance(mod, str) else f"{value} ({mod})"
    lines = [
        wrap(label, tag="b"),
        f"“{html.escape(text, quote=False)}” → {html.escape(resolved, quote=False)} · {grain.replace('_', ' ')}",
        f"{interval_start} → {interval_end} {era_note(interval_start, interval_end)}".rstrip(),
    ]
    if explanation:
        lines.append(wrap(explanation))
    if with_sentence and sentence:
        lines.append(wrap(sentence, max_lines=HOVER_SENTENCE_LINES, tag="i"))
    lines.append(f"<span style='color:{MUTED_COLOUR}'>{html.escape(doc_title, quote=False)}</span>")
    return "<br>".join(lines)
