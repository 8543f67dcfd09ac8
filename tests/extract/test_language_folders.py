"""A language is a folder of data: a toy one read from a folder alone, bad folders refused on load,
the CLDR tables regenerated identically, and each document read in its own language."""

from __future__ import annotations

from pathlib import Path

import pytest

from timeline.extract import extract
from timeline.extract.calendar_words import render, resource_folder
from timeline.extract.detect import available_languages, detect_language
from timeline.extract.resources import ResourceError, load_language, load_language_folder

# A made-up language: months are "moon-one" .. "moon-twelve"; "<day> moon-five <year>" is a date,
# "sunago <n>" is n days before the document date.
TOY_VOCABULARY = """
[month]
"moon-one" = 1
"moon-five" = 5
"moon-twelve" = 12

[unit]
sun = "day"
suns = "day"
"""
TOY_PATTERNS = """
[patterns]
month = '(?i:@month)'
day = '(?:3[01]|[12][0-9]|0?[1-9])'
year = '[12][0-9]{3}'
count = '[0-9]+'
unit = '(?i:@unit)'

[triggers]
vocabulary_tables = ["month", "unit"]
ago = ["ago"]
"""
TOY_RULES = """
[[rule]]
name = "toy_day_month_year"
kind = "date"
pattern = '{day} {month} {year}'
examples = ["4 moon-five 2020 => 2020-05-04"]

[[rule]]
name = "toy_ago"
kind = "relative"
pattern = 'ago {count} {unit}'
sign = -1
examples = ["ago 3 suns => 2021-05-12"]
"""
TOY_LANGUAGE = """
[sentences]
abbreviations = []
[tense]
future = '\\bwillo\\b'
past = '\\bwaso\\b'
[quotes]
not_speakers = []
[byline]
label = '(?:posto)'
labelled = 'posto'
[joining]
clock_then_day = '(?!)'
day_then_clock = '(?!)'
[digits]
clock_after = '(?!)'
era_after = '(?!)'
four_digit_clock_after = '(?!)'
"""


def _toy_folder(
    root: Path, rules: str = TOY_RULES, vocabulary: str = TOY_VOCABULARY, patterns: str = TOY_PATTERNS
) -> Path:
    folder = root / "toy"
    folder.mkdir()
    (folder / "vocabulary.toml").write_text(vocabulary, encoding="utf-8")
    (folder / "patterns.toml").write_text(patterns, encoding="utf-8")
    (folder / "rules.toml").write_text(rules, encoding="utf-8")
    (folder / "language.toml").write_text(TOY_LANGUAGE, encoding="utf-8")
    return folder


def test_a_toy_language_read_from_a_folder_alone_extracts(tmp_path: Path) -> None:
    toy = load_language_folder(_toy_folder(tmp_path), "toy")
    found = extract("Waso 4 moon-five 2020, and ago 3 suns the rain.", dct="2021-05-15", language=toy)
    assert [(t.text, t.value, t.rule) for t in found.timexes] == [
        ("4 moon-five 2020", "2020-05-04", "toy_day_month_year"),
        ("ago 3 suns", "2021-05-12", "toy_ago"),
    ]
    assert found.language == "toy"


def test_a_toy_byline_label_gives_the_document_date(tmp_path: Path) -> None:
    toy = load_language_folder(_toy_folder(tmp_path), "toy")
    found = extract("Posto: 4 moon-five 2020\nThe rain fell.", language=toy)
    assert found.document_date.value == "2020-05-04"


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ('kind = "dait"', "toy/rules.toml rule toy_bad: unknown kind 'dait'"),
        ('kind = "date"\nswapable = true', "toy/rules.toml rule toy_bad: unknown option 'swapable'"),
        ('kind = "relative"\nsign = "minus"', "toy/rules.toml rule toy_bad: option 'sign' must be int"),
        ('kind = "relative"\nanchor = "speech"', "toy/rules.toml rule toy_bad: anchor must be one of"),
        ('kind = "ref"', "toy/rules.toml rule toy_bad: a ref rule needs a value"),
    ],
)
def test_a_bad_rule_is_refused_on_load_naming_file_and_rule(tmp_path: Path, rule: str, message: str) -> None:
    bad = TOY_RULES + f"\n[[rule]]\nname = \"toy_bad\"\npattern = '{{year}}'\n{rule}\nexamples = []\n"
    with pytest.raises(ResourceError) as error:
        load_language_folder(_toy_folder(tmp_path, rules=bad), "toy")
    assert str(error.value).startswith(message)


def test_an_unknown_vocabulary_or_fragment_is_refused(tmp_path: Path) -> None:
    bad = TOY_RULES.replace("{day} {month} {year}", "{day} {moon} {year}")
    with pytest.raises(ResourceError, match=r"toy/rules.toml rule toy_day_month_year: unknown pattern fragment"):
        load_language_folder(_toy_folder(tmp_path, rules=bad), "toy")


def test_a_fragment_may_name_another(tmp_path: Path) -> None:
    nested = TOY_PATTERNS.replace(
        "year = '[12][0-9]{3}'", "year = '[12][0-9]{3}{no_digit_after}'\nno_digit_after = '(?![0-9])'"
    )
    toy = load_language_folder(_toy_folder(tmp_path, patterns=nested), "toy")
    texts = [t.text for t in extract("4 moon-five 2020 and 5 moon-five 20201", dct="2021-05-15", language=toy).timexes]
    assert texts == ["4 moon-five 2020"]


@pytest.mark.parametrize(
    ("fragments", "message"),
    [
        ("a = '{b}'\nb = '{a}'", "toy/patterns.toml: fragments that name each other: a -> b -> a"),
        ("a = 'x{zzz}'", "toy/patterns.toml [a]: unknown pattern fragment {zzz}"),
    ],
)
def test_fragments_naming_each_other_or_nothing_are_refused(tmp_path: Path, fragments: str, message: str) -> None:
    bad = TOY_PATTERNS.replace("[patterns]\n", f"[patterns]\n{fragments}\n")
    with pytest.raises(ResourceError) as error:
        load_language_folder(_toy_folder(tmp_path, patterns=bad), "toy")
    assert str(error.value) == message


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    folder = _toy_folder(tmp_path)
    (folder / "language.toml").unlink()
    with pytest.raises(ResourceError, match="toy/language.toml: missing file"):
        load_language_folder(folder, "toy")


def test_an_unknown_language_code_is_an_error() -> None:
    with pytest.raises(ResourceError, match="xx: no such language"):
        extract("text", language="xx")


def test_the_shipped_languages() -> None:
    assert available_languages() == ("en", "es", "fr")
    for code in available_languages():
        assert load_language(code).rules


@pytest.mark.parametrize("code", ["es", "fr"])
def test_cldr_tables_regenerate_identically(code: str) -> None:
    """calendar.toml is what `python -m timeline.extract.calendar_words` writes from dateparser's data."""
    assert render(code) == (resource_folder(code) / "calendar.toml").read_text(encoding="utf-8")


def test_the_curation_is_applied() -> None:
    spanish, french = load_language("es").vocabulary, load_language("fr").vocabulary
    assert "mar" not in spanish["month"] and "mar" not in spanish["weekday"]  # marzo or martes
    assert spanish["month"]["ago"] == 8 and spanish["deictic_day"]["mañana"] == [1, ""]
    assert spanish["part_of_day"]["mañana"] == "MO"  # the hand-written table keeps the other reading
    assert "sa" not in french["weekday"] and french["number_word"]["sept"] == 7


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("El ministro de Economía anunció ayer que el déficit bajará el próximo año.", "es"),
        ("Le ministre de l'Économie a annoncé hier que le déficit baissera l'an prochain.", "fr"),
        ("The economy minister said yesterday that the deficit will fall next year.", "en"),
        ("Sales rose last quarter.", "en"),  # too short to tell: the default
        ("2021-05-13", "en"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_each_document_is_read_in_its_own_language() -> None:
    spanish = extract("El ministro llegó ayer a Madrid y volverá el próximo lunes.", dct="2021-05-15")
    french = extract("Le ministre est arrivé hier à Paris et repartira lundi prochain.", dct="2021-05-15")
    assert spanish.language == "es" and french.language == "fr"
    assert [(t.text, t.value) for t in spanish.timexes] == [("ayer", "2021-05-14"), ("el próximo lunes", "2021-05-17")]
    assert [(t.text, t.value) for t in french.timexes] == [("hier", "2021-05-14"), ("lundi prochain", "2021-05-17")]


def test_a_long_text_without_the_other_languages_letters_is_english_and_a_short_one_is_detected() -> None:
    from timeline.extract.detect import MARKER_SAMPLE, detect_language

    short_spanish = "Los vecinos se manifestaron esta tarde frente al ayuntamiento de la ciudad."
    assert detect_language(short_spanish) == "es"  # no accent, but too short to decide by letters
    long_spanish = "El ayuntamiento de la ciudad anunció que las obras del puente terminarán en junio. " * 8
    assert len(long_spanish) >= MARKER_SAMPLE and detect_language(long_spanish) == "es"
    long_french = "Le maire a annoncé que le festival commencera vendredi prochain sur la place du marché. " * 8
    assert detect_language(long_french) == "fr"
    long_english = "The mayor said the bridge works would end in June, after the spring floods. " * 8
    assert detect_language(long_english) == "en"
