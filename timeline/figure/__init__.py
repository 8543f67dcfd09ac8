"""The timeline figure: a plotly Figure drawn from the events table; no Dash here."""

from timeline.figure.figure import draw, timeline_figure, view_of
from timeline.figure.lanes import LANE_BY
from timeline.figure.prepare import Prepared, prepare

__all__ = ["LANE_BY", "Prepared", "draw", "prepare", "timeline_figure", "view_of"]
