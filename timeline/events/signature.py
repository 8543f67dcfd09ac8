"""Posts quoted in articles: a signature line dates the post above it.

Embedded tweets and quoted posts end with a line such as "— Jake Hanrahan (@Jake_Hanrahan)
May 13, 2021". The date on that line is when the post above it was written, so what happened
on that date is the post's text, not the name of its author.
"""

from __future__ import annotations

import regex

# "— Name (@handle) DATE", "- @handle DATE", "— Name 🇦🇲 (@handle)": a dash, a name, a handle.
_SIGNATURE = regex.compile(
    r"^\s*[—–-]+\s*[^\n@]{0,80}?\(?@\w{1,30}\)?",
)


def is_signature_line(line: str) -> bool:
    """Whether ``line`` is the signature of a quoted post ("— Name (@handle) May 13, 2021")."""
    return _SIGNATURE.match(line) is not None


def signed_post(text: str, line_start: int) -> tuple[int, int] | None:
    """Offsets of the post a signature line signs: the nearest non-blank line above the one
    starting at ``line_start``; None when that line is no signature or nothing precedes it."""
    line_end = text.find("\n", line_start)
    line = text[line_start : len(text) if line_end < 0 else line_end]
    if not is_signature_line(line):
        return None
    end = line_start - 1
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            return start, end
        end = start - 1
    return None
