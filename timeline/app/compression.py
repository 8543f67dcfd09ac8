"""The page's own files sent compressed: plotly.min.js is 4.8 MB as it is and about 1.4 MB gzipped.

flask-compress (zstd, brotli or gzip, as the browser accepts) is applied to scripts, styles and
the page's HTML only. Callback answers (JSON) are left to :mod:`timeline.app.sharing`, which
compresses the large ones once for every page asking the same; compressing them here too would
compress them twice. The files do not change while the server runs, so each is compressed once
per algorithm and kept (a dozen files); Dash already serves them with fingerprinted names and a
year-long Cache-Control, so a browser asks for them once.
"""

from __future__ import annotations

from flask import Flask, Request
from flask_compress import Compress
from flask_compress.flask_compress import DictCache

COMPRESSED_TYPES = ("text/html", "text/css", "text/javascript", "application/javascript", "application/x-javascript")


def _path_only(request: Request) -> str:
    """The cache key of a compressed file: its path (the query is a fingerprint or the page's view)."""
    return request.path


def compress_files(server: Flask) -> None:
    """Compress the scripts, styles and HTML ``server`` sends, once each."""
    server.config.update(
        COMPRESS_MIMETYPES=list(COMPRESSED_TYPES),
        COMPRESS_CACHE_BACKEND=DictCache,
        COMPRESS_CACHE_KEY=_path_only,
        COMPRESS_STREAMS=False,
    )
    Compress(server)
