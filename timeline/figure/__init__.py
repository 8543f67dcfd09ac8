"""The timeline figure: a plotly Figure drawn from the events table; no Dash here."""

from timeline.figure.figure import timeline_figure
from timeline.figure.lanes import LANE_BY

__all__ = ["LANE_BY", "timeline_figure"]
