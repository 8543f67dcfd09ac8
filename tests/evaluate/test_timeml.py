"""Reading TimeML gold files and writing our timexes as TimeML."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from timeline.evaluate.timeml import (
    GoldTimex,
    TimemlError,
    parse_timeml,
    read_corpus,
    read_timeml,
    write_timeml,
)
from timeline.extract.model import Anchor, AnchorKind, Grain, Timex, TimexType

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpora"

SAMPLE = """<?xml version="1.0" ?>
<TimeML>
<DOCID>APW19980227.0494</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-02-27T08:17:00" functionInDocument="CREATION_TIME">02/27/1998 08:17:00</TIMEX3></DCT>
<TITLE>Profits at AT&amp;T</TITLE>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> on <TIMEX3 tid="t1" type="DATE" value="1998-02-26">Thursday</TIMEX3> that
profits &lt;rose&gt; in <TIMEX3 tid="t2" type="DATE" value="1997-Q4" mod="END">the end of <TIMEX3 tid="t3" type="DATE" value="1997">1997</TIMEX3></TIMEX3>.
</TEXT>
<TLINK lid="l1" relType="BEFORE" timeID="t1" relatedToTime="t0"/>
</TimeML>
"""


def _timex(
    text: str, start: int, end: int, value: str, kind: TimexType = TimexType.DATE, mod: str | None = None
) -> Timex:
    return Timex(text[start:end], start, end, kind, value, Grain.NONE, None, Anchor(AnchorKind.NONE), mod=mod)


def test_read_decodes_entities_removes_tags_and_keeps_nested_timexes(tmp_path: Path) -> None:
    path = tmp_path / "sample.tml"
    path.write_text(SAMPLE, encoding="utf-8")
    document = read_timeml(path)

    assert document.doc_id == "APW19980227.0494"
    assert document.title == "Profits at AT&T"
    assert document.dct == "1998-02-27"
    assert document.text == "\nAT&T said on Thursday that\nprofits <rose> in the end of 1997.\n"
    assert [(g.text, g.type, g.value, g.mod) for g in document.gold] == [
        ("Thursday", "DATE", "1998-02-26", None),
        ("the end of 1997", "DATE", "1997-Q4", "END"),
        ("1997", "DATE", "1997", None),
    ]
    for gold in document.gold:
        assert document.text[gold.start : gold.end] == gold.text


def test_creation_time_is_found_outside_dct_and_is_not_gold() -> None:
    source = (
        '<TimeML><TEXT><TIMEX3 tid="t9" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">'
        'March 22, 2013</TIMEX3> - Shares fell <TIMEX3 tid="t1" type="DATE" value="2013-03-21">yesterday</TIMEX3>.'
        "</TEXT></TimeML>"
    )
    document = parse_timeml(source, default_id="x")
    assert document.dct == "2013-03-22"
    assert document.doc_id == "x"
    assert document.title is None
    assert [g.text for g in document.gold] == ["yesterday"]


def test_document_without_creation_time_is_narrative(tmp_path: Path) -> None:
    path = tmp_path / "war.tml"
    path.write_text('<TimeML><TEXT>In <TIMEX3 tid="t1" type="DATE" value="1939">1939</TIMEX3></TEXT></TimeML>')
    document = read_timeml(path)
    assert document.dct is None
    assert document.doc_id == "war"
    assert document.gold == [GoldTimex(3, 7, "1939", "DATE", "1939")]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("<TimeML><TEXT>open <TIMEX3>tag</TEXT></TimeML>", "not well-formed XML: mismatched tag: line 1"),
        ("<TimeML><DOCID>x</DOCID></TimeML>", "no <TEXT> element"),
        ('<TimeML><TEXT><TIMEX3 tid="t4" type="DATE">May</TIMEX3></TEXT></TimeML>', "TIMEX3 t4 at offset 0"),
        (
            '<TimeML><DCT><TIMEX3 functionInDocument="CREATION_TIME" value="1998">x</TIMEX3></DCT><TEXT/></TimeML>',
            "creation time value '1998' is not a day",
        ),
    ],
)
def test_malformed_documents_raise_a_clear_error(source: str, message: str) -> None:
    with pytest.raises(TimemlError, match=message):
        parse_timeml(source)


def test_read_corpus_reads_subdirectories_and_reports_bad_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.tml").write_text(
        '<TimeML><TEXT>In <TIMEX3 tid="t1" type="DATE" value="1997">1997</TIMEX3></TEXT></TimeML>'
    )
    (tmp_path / "b.tml").write_text("<TimeML><TEXT>no end")
    (tmp_path / "notes.txt").write_text("not TimeML")
    corpus = read_corpus(tmp_path)
    assert list(corpus.documents) == ["sub/a.tml"]
    assert [p.source for p in corpus.problems] == [str(tmp_path / "b.tml")]
    assert str(corpus.problems[0]).startswith(f"{tmp_path / 'b.tml'}: not well-formed XML")


def test_write_then_read_gives_back_text_spans_and_attributes() -> None:
    text = 'R&D <budget> "cut" on May 13, 2021\r\n東京で2021年5月13日 & السبت'
    timexes = [
        _timex(text, 22, 34, "2021-05-13"),
        _timex(text, 39, 49, "2021-05-13"),
        _timex(text, 52, 57, "XXXX-WXX-6", mod="APPROX"),
    ]
    assert [t.text for t in timexes] == ["May 13, 2021", "2021年5月13日", "السبت"]
    written = write_timeml("doc <1>", text, timexes, dct="2021-05-15", title="Budget & cuts")
    document = parse_timeml(written)

    assert document.text == text
    assert document.doc_id == "doc <1>"
    assert document.title == "Budget & cuts"
    assert document.dct == "2021-05-15"
    assert [(g.start, g.end, g.text, g.type, g.value, g.mod) for g in document.gold] == [
        (t.start, t.end, t.text, str(t.type), t.value, t.mod) for t in timexes
    ]


def test_write_skips_timexes_overlapping_an_earlier_one_and_writes_set_attributes() -> None:
    text = "every Monday since May 13, 2021"
    weekly = Timex(
        "every Monday",
        0,
        12,
        TimexType.SET,
        "XXXX-WXX-1",
        Grain.NONE,
        None,
        Anchor(AnchorKind.NONE),
        quant="EVERY",
        freq="1X",
    )
    inner = _timex(text, 6, 12, "2021-05-17")
    date = _timex(text, 19, 31, "2021-05-13")
    written = write_timeml("d", text, [date, inner, weekly])
    assert 'quant="EVERY" freq="1X"' in written
    assert "<DCT></DCT>" in written and "CREATION_TIME" not in written  # no date: an empty DCT
    document = parse_timeml(written)
    assert [(g.text, g.type) for g in document.gold] == [("every Monday", "SET"), ("May 13, 2021", "DATE")]
    assert document.dct is None


def test_write_replaces_characters_xml_cannot_hold_one_for_one() -> None:
    text = "page 1\x0cMay 13, 2021\x00 end"
    written = write_timeml("d", text, [_timex(text, 7, 19, "2021-05-13")])
    document = parse_timeml(written)
    assert document.text == "page 1\ufffdMay 13, 2021\ufffd end"
    assert document.gold[0].text == "May 13, 2021"


def test_write_rejects_a_span_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside the text"):
        write_timeml(
            "d", "short", [Timex("x", 3, 9, TimexType.DATE, "1997", Grain.YEAR, None, Anchor(AnchorKind.NONE))]
        )


_XML_CHARACTERS = st.characters(exclude_categories=["Cs"]).filter(
    lambda c: c in "\t\n\r" or (ord(c) >= 0x20 and c not in "\ufffe\uffff")
)


@given(
    text=st.text(st.one_of(st.sampled_from(list("&<>\"';#]\r\n\t ")), _XML_CHARACTERS), max_size=60),
    cuts=st.lists(st.integers(min_value=0, max_value=60), max_size=8, unique=True),
)
def test_round_trip_property(text: str, cuts: list[int]) -> None:
    points = sorted(c for c in cuts if c <= len(text))
    spans = [(a, b) for a, b in zip(points[::2], points[1::2], strict=False) if a < b]
    timexes = [_timex(text, a, b, f'V{i}&<"') for i, (a, b) in enumerate(spans)]
    document = parse_timeml(write_timeml("id", text, timexes, dct="2020-02-29"))
    assert document.text == text
    assert [(g.start, g.end, g.value) for g in document.gold] == [(t.start, t.end, t.value) for t in timexes]


# -- the real corpora (not in the repository: skipped when absent) --------------------------


def _corpus_dir(relative: str) -> Path:
    directory = CORPORA / relative
    if not directory.is_dir():
        pytest.skip(f"corpus {relative} not found at {directory}")
    return directory


def test_platinum_text_is_the_text_te3_systems_were_given() -> None:
    directory = _corpus_dir("te3-platinum")
    corpus = read_corpus(directory)
    assert len(corpus.documents) == 20 and not corpus.problems
    for name, gold_document in corpus.documents.items():
        input_name = name.replace("sarcozy", "sarkozy") + ".TE3input"  # the corpus' own misspelling
        given = read_timeml(directory / "TE3input" / input_name)
        assert given.text == gold_document.text, name
        assert (given.dct, given.doc_id, given.title) == (gold_document.dct, gold_document.doc_id, gold_document.title)
        assert given.gold == []


@pytest.mark.parametrize(
    ("relative", "files", "timexes"),
    [  # counts stated in each corpus' SOURCE.txt, computed there by counting tags
        ("te3-platinum", 20, 138),
        ("tbaq-cleaned", 256, 1822),
        ("wikiwars/timeml-conversion-by-SynTime", 22, 2636),
    ],
)
def test_corpus_gold_counts_match_the_corpus_documentation(relative: str, files: int, timexes: int) -> None:
    corpus = read_corpus(_corpus_dir(relative))
    assert not corpus.problems
    assert len(corpus.documents) == files
    assert sum(len(d.gold) for d in corpus.documents.values()) == timexes
    assert all(d.dct is not None for d in corpus.documents.values())


def test_platinum_gold_survives_a_write_read_round_trip() -> None:
    corpus = read_corpus(_corpus_dir("te3-platinum"))
    for document in corpus.documents.values():
        timexes = [
            Timex(
                g.text, g.start, g.end, TimexType(g.type), g.value, Grain.NONE, None, Anchor(AnchorKind.NONE), mod=g.mod
            )
            for g in document.gold
        ]
        written = write_timeml(document.doc_id, document.text, timexes, dct=document.dct, title=document.title)
        assert parse_timeml(written) == document
