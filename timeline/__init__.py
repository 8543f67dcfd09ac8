"""timeline: find every date in a pile of documents and explore them on a timeline.

The package is layered, dependencies pointing one way:
ingest -> extract -> events -> figure -> app / export / cli.
"""

__version__ = "0.1.0"
