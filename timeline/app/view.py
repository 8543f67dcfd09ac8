"""The part of the time axis on screen, as plotly reports it after a zoom, a pan or a range button.

The page keeps it (a dcc.Store) so that rebuilding the figure after a filter change, and
downloading the current view, keep the user's zoom. It is the pair of date strings plotly's date
axis gives ("2021-05-13 04:22:11.123", "-0489-01-01"), which ``timeline_figure(x_range=...)``
reads, or None when the axis fits the data.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

View = list[str] | None


class _Unchanged:
    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged()  # the relayout did not touch the x axis


def view_after_relayout(relayout: Mapping[str, Any] | None, current: View) -> View | _Unchanged:
    """The view after a plotly ``relayoutData`` event, or :data:`UNCHANGED` when x did not move."""
    if not relayout:
        return UNCHANGED
    if relayout.get("xaxis.autorange"):
        return None
    whole = relayout.get("xaxis.range")
    if isinstance(whole, Sequence) and not isinstance(whole, str) and len(whole) == 2:
        first, last = whole
    else:
        first, last = relayout.get("xaxis.range[0]"), relayout.get("xaxis.range[1]")
        if first is None and last is None:
            return UNCHANGED
        if first is None or last is None:  # one end dragged: the other stays where it was
            if current is None:
                return UNCHANGED
            first = current[0] if first is None else first
            last = current[1] if last is None else last
    if not (isinstance(first, str) and isinstance(last, str)):
        return UNCHANGED  # a date axis reports strings; anything else is not a user's zoom
    return [first.strip(), last.strip()]


def x_range(view: View) -> tuple[str, str] | None:
    """The view as ``timeline_figure``'s ``x_range``."""
    return None if view is None else (view[0], view[1])


def held_height(relayout: Mapping[str, Any] | None) -> int:
    """The height (px) a zoom request asks the figure to keep, 0 for none: the page's own pan of the
    selected event out from under the details panel keeps the graph as tall, so the page does not jump."""
    held = (relayout or {}).get("hold_height")
    return int(held) if isinstance(held, int | float) and not isinstance(held, bool) and held > 0 else 0


def same_view(view: View) -> dict[str, Any]:
    """A zoom request for the view already shown: the figure is drawn again (after a step to an
    event in view, so that the selected event is drawn on its own, not only counted)."""
    return {"xaxis.autorange": True} if view is None else {"xaxis.range": [view[0], view[1]]}
