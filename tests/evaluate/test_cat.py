"""MEANTIME's CAT XML read as a TimeML document."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from timeline.evaluate.cat import is_cat, parse_cat


def _cat(creation_value: str) -> ET.Element:
    words = ["Sales", "fell", "in", "January", ".", "February", "03", ",", "2009"]
    sentences = [1, 1, 1, 1, 1, 0, 0, 0, 0]
    tokens = "".join(
        f'<token number="{i}" sentence="{s}" t_id="{i + 1}">{w}</token>'
        for i, (w, s) in enumerate(zip(words, sentences, strict=True))
    )
    dateline = "".join(f'<token_anchor t_id="{i}"/>' for i in range(6, 10))
    return ET.fromstring(
        f'<Document doc_id="7" lang="en">{tokens}<Markables>'
        f'<TIMEX3 m_id="1" type="DATE" value="{creation_value}" functionInDocument="CREATION_TIME">{dateline}</TIMEX3>'
        '<TIMEX3 m_id="2" type="DATE" value="2009-01" functionInDocument="NONE"><token_anchor t_id="4"/></TIMEX3>'
        "</Markables></Document>"
    )


def test_dateline_is_the_document_date_and_left_out_of_the_text() -> None:
    root = _cat("2009-02-03")
    document = parse_cat(root)
    assert is_cat(root)
    assert document.dct == "2009-02-03"
    assert document.text == "Sales fell in January ."
    assert [(g.text, g.value) for g in document.gold] == [("January", "2009-01")]


def test_a_creation_value_not_written_as_an_iso_day_is_read_from_the_dateline() -> None:
    assert parse_cat(_cat("03-02-2009")).dct == "2009-02-03"


def test_a_dateline_without_a_day_leaves_the_document_undated() -> None:
    root = _cat("unknown")
    for token in root.iter("token"):
        if token.get("sentence") == "0":
            token.text = "Wikinews"
    assert parse_cat(root).dct is None
