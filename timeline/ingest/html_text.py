"""The visible text, title and publication date of an HTML page, read with the stdlib parser.

The text is what a reader sees: ``<head>``, scripts, styles and other non-rendered elements are
dropped, block elements become line breaks (paragraph-like ones a blank line), character
references are decoded, and runs of whitespace (non-breaking spaces included) become one space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from timeline.ingest.dates import iso_date

# Elements whose content is never rendered as text.
_HIDDEN = frozenset({"script", "style", "noscript", "template", "title", "svg", "math", "iframe", "object"})
# Elements that start a new paragraph (a blank line) or a new line.
_PARAGRAPHS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "caption",
        "details",
        "dialog",
        "div",
        "dl",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "ul",
    }
)
_LINES = frozenset({"br", "dd", "dt", "li", "td", "th", "tr", "option"})
# Elements that may stand in <head>; any other start tag means the body has begun.
_HEAD_CONTENT = frozenset({"base", "link", "meta", "noscript", "script", "style", "template", "title"})

# Publication-date metadata, most trusted first: (attribute, lower-cased attribute value).
_DATE_META = (
    ("property", "article:published_time"),
    ("name", "date"),
    ("itemprop", "datepublished"),
)

_SPACES = re.compile(r"[^\S\n]+")
_WHITESPACE = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """A publication date the page states, and where it states it (for messages)."""

    where: str  # '<meta property="article:published_time">'
    value: str  # as written in the attribute


@dataclass(frozen=True, slots=True)
class HtmlContent:
    """What a page says: visible text, title, and its stated publication dates, most trusted first."""

    text: str
    title: str | None
    publication_dates: tuple[PublicationDate, ...]


def parse_html(markup: str) -> HtmlContent:
    """Read ``markup`` into its visible text, ``<title>`` and publication-date metadata."""
    parser = _PageParser()
    parser.feed(markup)
    parser.close()
    return parser.content()


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self._chunks: list[str] = []
        self._hidden: dict[str, int] = {}  # open hidden elements, by tag
        self._in_head = False
        self._pre_depth = 0
        self._title: list[str] | None = None  # collecting while inside the page's <title>
        self._title_done = False
        self._meta_dates: dict[int, PublicationDate] = {}  # by rank in _DATE_META
        self._time_date: PublicationDate | None = None

    # --- parser callbacks -------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "head":
            self._in_head = True
        elif tag not in _HEAD_CONTENT:
            self._in_head = False  # </head> is optional: <body>, or any body element, ends the head
        if tag == "meta":
            self._note_meta(dict(attrs))
        elif tag == "time":
            self._note_time(dict(attrs))
        if tag == "title" and not self._title_done and not self._hidden.get("svg"):
            self._title = []
        if tag in _HIDDEN:
            self._hidden[tag] = self._hidden.get(tag, 0) + 1
        elif tag == "pre":
            self._pre_depth += 1
        self._break(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            self._in_head = False
        if tag == "title" and self._title is not None:
            self._title_done = True
        if self._hidden.get(tag):
            self._hidden[tag] -= 1
        elif tag == "pre" and self._pre_depth:
            self._pre_depth -= 1
        if tag in _PARAGRAPHS:
            self._break(tag)

    def handle_data(self, data: str) -> None:
        if self._title is not None and not self._title_done:
            self._title.append(data)
        if self._in_head or any(self._hidden.values()):
            return
        if self._pre_depth:
            self._chunks.append(data.replace("\r\n", "\n").replace("\r", "\n"))
        else:
            self._chunks.append(_WHITESPACE.sub(" ", data))

    # --- helpers ----------------------------------------------------------------------------

    def _break(self, tag: str) -> None:
        """Line structure at a start tag; only paragraphs also break at their end tag."""
        if tag in _PARAGRAPHS:
            self._chunks.append("\n\n")
        elif tag in _LINES:
            self._chunks.append("\n")

    def _note_meta(self, attrs: dict[str, str | None]) -> None:
        content = attrs.get("content")
        if content is None:
            return
        for rank, (attribute, wanted) in enumerate(_DATE_META):
            if (attrs.get(attribute) or "").strip().lower() == wanted and rank not in self._meta_dates:
                where = f'<meta {attribute}="{attrs[attribute]}">'
                self._meta_dates[rank] = PublicationDate(where, content)

    def _note_time(self, attrs: dict[str, str | None]) -> None:
        # Only a <time> that holds a date counts: <time datetime="19:00"> is valid HTML too.
        value = attrs.get("datetime")
        if self._time_date is None and value and iso_date(value):
            self._time_date = PublicationDate("<time datetime>", value)

    def content(self) -> HtmlContent:
        lines = (_SPACES.sub(" ", line).strip() for line in "".join(self._chunks).split("\n"))
        text = _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
        title = _WHITESPACE.sub(" ", "".join(self._title or ())).strip() or None
        dates = [self._meta_dates[rank] for rank in sorted(self._meta_dates)]
        if self._time_date is not None:
            dates.append(self._time_date)
        return HtmlContent(text, title, tuple(dates))
