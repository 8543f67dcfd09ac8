"""Time zones the text gives with a clock time ("12:30 EST", "08:30 UTC"), as UTC offsets.

TimeML values carry no zone, so the offset is read back from the expression as written. Only
abbreviations with one common meaning are known; "IST" (India, Ireland or Israel) and other
ambiguous ones give no offset rather than a wrong one.
"""

from __future__ import annotations

import re

_OFFSETS: dict[str, str] = {
    "UTC": "+00:00",
    "GMT": "+00:00",
    "Z": "+00:00",
    "WET": "+00:00",
    "WEST": "+01:00",
    "BST": "+01:00",
    "CET": "+01:00",
    "CEST": "+02:00",
    "EET": "+02:00",
    "EEST": "+03:00",
    "MSK": "+03:00",
    "AST": "-04:00",
    "ADT": "-03:00",
    "EST": "-05:00",
    "EDT": "-04:00",
    "CDT": "-05:00",
    "MST": "-07:00",
    "MDT": "-06:00",
    "PST": "-08:00",
    "PDT": "-07:00",
    "AKST": "-09:00",
    "AKDT": "-08:00",
    "HST": "-10:00",
    "JST": "+09:00",
    "KST": "+09:00",
    "HKT": "+08:00",
    "SGT": "+08:00",
    "AWST": "+08:00",
    "ACST": "+09:30",
    "AEST": "+10:00",
    "AEDT": "+11:00",
    "NZST": "+12:00",
    "NZDT": "+13:00",
}
_TRAILING_ZONE = re.compile(r"\d\s*(?:[ap]\.?m\.?)?\s*\(?(?P<zone>[A-Z]{1,4})\)?\s*$", re.IGNORECASE)


def zone_of(expression: str) -> str | None:
    """The zone abbreviation a clock time is written with ("EST" in "12:30 EST"), if it is a known one."""
    match = _TRAILING_ZONE.search(expression)
    if match is None:
        return None
    zone = match["zone"]
    return zone if zone.isupper() and zone in _OFFSETS else None


def utc_offset(expression: str) -> str | None:
    """The UTC offset ("-05:00") of the zone a clock time is written with, None when it gives none."""
    zone = zone_of(expression)
    return _OFFSETS[zone] if zone else None
