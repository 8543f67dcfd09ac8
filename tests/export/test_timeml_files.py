"""TimeML export: no local paths in what is written, and every file valid TimeML 1.2.1 attribute syntax.

The checker below follows the TimeML 1.2.1 specification's TIMEX3 attributes (required ones,
closed value lists, IDs and IDREFs) and the TIMEX3 value syntax (ISO 8601 dates, times, weeks,
durations, TimeML's seasons, quarters, halves, parts of day, X placeholders, BC years and the
*_REF tokens). It accepts the TBAQ gold it is checked on, so it is not stricter than real TimeML.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from timeline.cli import main
from timeline.export.timeml_files import public_id

SAMPLE_DATA = Path(__file__).resolve().parents[2] / "data"
TBAQ = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "tbaq-cleaned"

_TYPES = {"DATE", "TIME", "DURATION", "SET"}
_FUNCTIONS = {
    "CREATION_TIME",
    "EXPIRATION_TIME",
    "MODIFICATION_TIME",
    "PUBLICATION_TIME",
    "RELEASE_TIME",
    "RECEPTION_TIME",
    "NONE",
}
_MODS = {
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
    "START",
    "MID",
    "END",
    "APPROX",
}
_ATTRIBUTES = {
    "tid",
    "type",
    "functionInDocument",
    "beginPoint",
    "endPoint",
    "quant",
    "freq",
    "temporalFunction",
    "value",
    "valueFromFunction",
    "mod",
    "anchorTimeID",
    "comment",
}
_ID = re.compile(r"^t\d+$")
_YEAR = r"(?:BC)?(?:\d{4}|\d{3}X?|\d{2}X{0,2}|\d|X{2,4})"
_DAY_PART = r"(?:\d\d|XX)"
_CLOCK = r"(?:\d\d|XX)(?::(?:\d\d|XX)(?::(?:\d\d|XX)(?:\.\d+)?)?)?(?:Z|[+-]\d\d(?::?\d\d)?)?"
_CALENDAR = (
    rf"{_YEAR}(?:-(?:{_DAY_PART}(?:-{_DAY_PART})?|W(?:\d\d?|XX)(?:-(?:\d|WE|X))?|SP|SU|FA|WI|Q[1-4X]|H[12X]))?"
    rf"(?:T(?:{_CLOCK}|MO|MI|AF|EV|NI|DT))?"
)
_AMOUNT = r"(?:\d+(?:\.\d+)?|X)"
_DURATION = rf"P(?:(?:{_AMOUNT}(?:Y|M|W|D|DE|CE|ML|Q|H|WE|L))+(?:T(?:{_AMOUNT}[HMS])+)?|T(?:{_AMOUNT}[HMS])+)"
_VALUE = re.compile(rf"^(?:{_CALENDAR}|{_DURATION}|PRESENT_REF|PAST_REF|FUTURE_REF|T(?:MO|MI|AF|EV|NI|DT))$")


def timeml_problems(path: Path) -> list[str]:
    """What in ``path`` breaks TimeML 1.2.1's TIMEX3 attribute syntax (empty when nothing does)."""
    root = ET.parse(path).getroot()
    timexes = list(root.iter("TIMEX3"))
    ids = [timex.get("tid", "") for timex in timexes]
    problems = [f"tid {tid!r} repeats" for tid in set(ids) if ids.count(tid) > 1]
    for timex in timexes:
        attributes, tid = timex.attrib, timex.get("tid", "?")
        problems += [f"{tid}: unknown attribute {name!r}" for name in sorted(set(attributes) - _ATTRIBUTES)]
        problems += [f"{tid}: no {name}" for name in ("tid", "type", "value") if name not in attributes]
        checks = [
            ("tid", lambda v: bool(_ID.match(v))),
            ("type", _TYPES.__contains__),
            ("functionInDocument", _FUNCTIONS.__contains__),
            ("mod", _MODS.__contains__),
            ("temporalFunction", {"true", "false"}.__contains__),
            ("value", lambda v: bool(_VALUE.match(v))),
            *((name, set(ids).__contains__) for name in ("anchorTimeID", "beginPoint", "endPoint")),
        ]
        problems += [
            f"{tid}: {name}={attributes[name]!r}"
            for name, valid in checks
            if name in attributes and not valid(attributes[name])
        ]
    return problems


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample documents exported as TimeML, the input given as an absolute path."""
    folder = tmp_path_factory.mktemp("timeml")
    result = CliRunner().invoke(
        main, ["export", str(SAMPLE_DATA.absolute()), "--format", "timeml", "-o", str(folder / "out")]
    )
    assert result.exit_code == 0, result.output
    return folder / "out"


def test_no_file_carries_a_local_path(exported: Path) -> None:
    files = sorted(exported.glob("*.tml"))
    assert len(files) == 13
    local = str(SAMPLE_DATA.parent.absolute())
    for path in files:
        assert local.strip("/").replace("/", "_") not in path.name
        text = path.read_text(encoding="utf-8")
        assert local not in text and "/home/" not in text
    doc_ids = {ET.parse(path).getroot().findtext("DOCID") for path in files}
    assert {
        "armenia-azerbaijan-2021-05-15.txt",
        "wikiwars-greco-persian-wars.txt",
        "es-puente-villanueva-2019-03-12.txt",
    } <= doc_ids
    assert "1" in doc_ids or any(not doc_id.endswith(".txt") for doc_id in doc_ids)  # corpus rows keep their ids


def test_every_file_is_valid_timeml_1_2_1(exported: Path) -> None:
    for path in sorted(exported.glob("*.tml")):
        assert timeml_problems(path) == [], path.name


def test_a_narrative_gets_an_empty_dct_and_a_news_article_its_date(exported: Path) -> None:
    narrative = ET.parse(exported / "wikiwars-world-war-ii.txt.tml").getroot()
    assert narrative.find("DCT") is not None and len(narrative.find("DCT") or []) == 0
    news = ET.parse(exported / "armenia-azerbaijan-2021-05-15.txt.tml").getroot()
    (creation,) = news.iterfind("DCT/TIMEX3")
    assert creation.get("value") == "2021-05-15" and creation.get("functionInDocument") == "CREATION_TIME"


def test_the_checker_accepts_real_timeml_and_refuses_broken_timexes(tmp_path: Path) -> None:
    gold = sorted(TBAQ.rglob("*.tml"))[:60]
    if not gold:
        pytest.skip(f"the TBAQ corpus is not at {TBAQ}")
    assert [problem for path in gold for problem in timeml_problems(path)] == []
    broken = tmp_path / "broken.tml"
    broken.write_text(
        '<TimeML><TEXT><TIMEX3 tid="t1" type="DAY" value="2021-5-13">x</TIMEX3>'
        '<TIMEX3 tid="t1" type="DATE" value="BC0490" mod="ABOUT" anchorTimeID="t9">y</TIMEX3>'
        '<TIMEX3 type="DATE" value="null" colour="red">z</TIMEX3></TEXT></TimeML>'
    )
    assert sorted(timeml_problems(broken)) == sorted(
        [
            "tid 't1' repeats",
            "t1: type='DAY'",
            "t1: value='2021-5-13'",
            "t1: mod='ABOUT'",
            "t1: anchorTimeID='t9'",
            "?: unknown attribute 'colour'",
            "?: no tid",
            "?: value='null'",
        ]
    )


@pytest.mark.parametrize(
    ("doc_id", "roots", "public"),
    [
        ("data/a.txt", [], "data/a.txt"),
        ("corpus-row-7", [], "corpus-row-7"),
        ("/home/someone/data/news/a.txt", [Path("/home/someone/data")], "news/a.txt"),
        ("/home/someone/data/a.txt", [Path("/home/someone/data/a.txt")], "a.txt"),
        ("/home/someone/elsewhere/a.txt", [Path("/srv")], "a.txt"),
        ("../secret/a.txt", [], "a.txt"),
    ],
)
def test_a_public_id_has_no_local_path(doc_id: str, roots: list[Path], public: str) -> None:
    assert public_id(doc_id, roots) == public
