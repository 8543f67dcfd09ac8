"""HTML pages: the visible text a reader sees, the <title>, and the publication date metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.ingest import Document, Problem, read_documents

ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Armenia asks   Russia
     for help &amp; troops</title>
  <meta property="article:published_time" content="2021-05-15T07:35:00+04:00">
  <style>body { font-family: "May 1, 1999"; }</style>
  <script>var published = "June 2, 1998";</script>
</head>
<body>
  <nav><ul><li>Home</li><li>World</li></ul></nav>
  <article>
    <h1>Border&nbsp;crisis</h1>
    <p>Yerevan said on May&nbsp;13,   2021
       that troops had crossed.<br>Talks failed.</p>
    <script type="text/javascript">document.write("March 3, 1997");</script>
    <noscript>Enable JavaScript since 1996</noscript>
    <p>Caf&eacute; owners &#8212; and &lt;everyone&gt; &#x2014; fled in 1992.</p>
  </article>
</body>
</html>
"""


def read_page(tmp_path: Path, markup: str, name: str = "page.html") -> list[Document | Problem]:
    path = tmp_path / name
    path.write_text(markup, encoding="utf-8")
    return list(read_documents([path]))


def page_document(tmp_path: Path, markup: str) -> Document:
    [document] = read_page(tmp_path, markup)
    assert isinstance(document, Document)
    return document


def test_visible_text_has_no_script_style_or_head_content(tmp_path: Path) -> None:
    text = page_document(tmp_path, ARTICLE).text

    for hidden in ("1999", "1998", "1997", "1996", "font-family", "var published", "charset"):
        assert hidden not in text
    assert "Armenia asks" not in text  # the title is the title, not body text


def test_blocks_become_lines_entities_are_decoded_and_whitespace_tidied(tmp_path: Path) -> None:
    text = page_document(tmp_path, ARTICLE).text

    assert text.splitlines() == [
        "Home",
        "World",
        "",
        "Border crisis",
        "",
        "Yerevan said on May 13, 2021 that troops had crossed.",
        "Talks failed.",
        "",
        "Café owners — and <everyone> — fled in 1992.",
    ]


def test_title_and_publication_date_are_read(tmp_path: Path) -> None:
    document = page_document(tmp_path, ARTICLE)

    assert document.title == "Armenia asks Russia for help & troops"
    assert document.metadata_date == "2021-05-15"  # the date as written, not moved to UTC
    assert document.date is None  # metadata is not a given document date


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta name="date" content="2020-11-10">', "", "2020-11-10"),
        ('<meta name="Date" content="2020-11-10">', "", "2020-11-10"),
        ('<meta itemprop="datePublished" content="2019-01-31T23:59:00Z">', "", "2019-01-31"),
        ("", '<p>At <time datetime="19:00">7pm</time> on <time datetime="2018-07-04">July 4</time>.</p>', "2018-07-04"),
        (
            '<meta itemprop="datePublished" content="2019-01-31"><meta name="date" content="2020-11-10">',
            '<time datetime="2018-07-04">then</time>',
            "2020-11-10",
        ),
        ("", "<p>No date here.</p>", None),
    ],
)
def test_publication_date_sources_in_order_of_trust(tmp_path: Path, head: str, body: str, expected: str | None) -> None:
    markup = f"<html><head>{head}</head><body><p>Text of the page.</p>{body}</body></html>"

    assert page_document(tmp_path, markup).metadata_date == expected


def test_unreadable_metadata_date_is_reported_and_the_next_source_used(tmp_path: Path) -> None:
    markup = (
        '<html><head><meta property="article:published_time" content="last Tuesday">'
        '<meta name="date" content="2020-11-10"></head><body><p>In 1997.</p></body></html>'
    )

    problem, document = read_page(tmp_path, markup)

    assert isinstance(problem, Problem)
    assert problem.source == str(tmp_path / "page.html")
    assert "article:published_time" in problem.message and "'last Tuesday'" in problem.message
    assert isinstance(document, Document) and document.metadata_date == "2020-11-10"


def test_page_without_head_or_closing_tags(tmp_path: Path) -> None:
    markup = "<title>Wire</title><p>First on May 13, 2021<p>Then in 1997<script>x = 1995"

    document = page_document(tmp_path, markup)

    assert document.title == "Wire"
    assert document.text == "First on May 13, 2021\n\nThen in 1997"


def test_body_element_ends_an_unclosed_head(tmp_path: Path) -> None:
    markup = "<html><head><title>T</title><meta name=date content=2021-05-15><div>Founded in 1997.</div>"

    document = page_document(tmp_path, markup)

    assert (document.text, document.title, document.metadata_date) == ("Founded in 1997.", "T", "2021-05-15")


def test_pre_keeps_its_line_breaks(tmp_path: Path) -> None:
    markup = "<body><pre>1997  founded\n2021  closed</pre></body>"

    assert page_document(tmp_path, markup).text == "1997 founded\n2021 closed"


def test_htm_extension_and_upper_case_are_html(tmp_path: Path) -> None:
    [document] = read_page(tmp_path, "<html><body><p>In 1997.</p><script>1999</script></body></html>", "OLD.HTM")

    assert isinstance(document, Document) and document.text == "In 1997."
