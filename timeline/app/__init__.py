"""The interactive timeline: a Dash app over a SQLite store of documents and their events.

``create_app(store)`` builds the app; ``timeline serve`` fills the store and runs it.
"""

from timeline.app.server import create_app
from timeline.app.store import TimelineStore, default_db_path

__all__ = ["TimelineStore", "create_app", "default_db_path"]
