"""How wide a label will be on screen, without a browser: a per-character estimate in CSS px.

The stacking of labels (:mod:`timeline.figure.detail`) happens on the server, which has no font
metrics. The widths here are those of a humanist sans-serif (Noto Sans, DejaVu Sans, Arial) at
the upper end, so a label estimated to fit does fit; wide scripts (CJK, emoji) count a full em.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Final

_NARROW: Final = frozenset("ijlI.,;:'!|’‘`()[]{} ")
_WIDE_CAPS: Final = frozenset("MW@%")
_EM: Final = {"narrow": 0.34, "lower": 0.58, "upper": 0.70, "wide": 0.92, "full": 1.02}


def text_width(text: str, size: float) -> float:
    """Estimated width of ``text`` in px at font ``size`` px."""
    return sum(_em(character) for character in text) * size


@lru_cache(maxsize=4096)
def _em(character: str) -> float:
    if character in _NARROW:
        return _EM["narrow"]
    if character in _WIDE_CAPS or character == "m" or character == "w":
        return _EM["wide"]
    if unicodedata.east_asian_width(character) in ("W", "F") or unicodedata.category(character) == "So":
        return _EM["full"]
    if character.isupper():
        return _EM["upper"]
    return _EM["lower"]
