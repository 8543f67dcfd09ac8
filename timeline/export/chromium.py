"""Finding the Chrome/Chromium that renders images: the system's own, never a downloaded one."""

from __future__ import annotations

import os
import shutil

from timeline.errors import ExportError

BROWSER_NAMES: tuple[str, ...] = ("chromium", "chromium-browser", "google-chrome")
INSTALL_HINT = "install Chromium (apt-get install chromium) or set BROWSER_PATH to a Chrome/Chromium executable"


def find_chromium() -> str:
    """Path of the browser to use: ``BROWSER_PATH`` if set, else the first of :data:`BROWSER_NAMES` on PATH."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        if os.path.isfile(configured) and os.access(configured, os.X_OK):
            return configured
        raise ExportError(f"BROWSER_PATH={configured!r} is not an executable file; {INSTALL_HINT}")
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ExportError(f"image export needs Chrome or Chromium and none was found; {INSTALL_HINT}")
