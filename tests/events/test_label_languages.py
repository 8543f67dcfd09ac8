"""Labels in Spanish and French: the words a date leaves dangling come from each language's labels.toml."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pandas as pd
import pytest
import regex

from timeline.events.label import ELLIPSIS, event_label
from timeline.events.label_words import label_words, read_label_words
from timeline.extract.resources import ResourceError
from timeline.ingest import Document, read_documents
from timeline.pipeline import events_from_documents

ROOT = Path(__file__).parents[2]
RESOURCES = ROOT / "timeline" / "extract" / "resources"
SAMPLES = {
    "es": ROOT / "data" / "es-puente-villanueva-2019-03-12.txt",
    "fr": ROOT / "data" / "fr-festival-saint-aubin-2018-10-03.txt",
}


def dangling(language: str) -> tuple[set[str], set[str]]:
    """Words no label may end on (prepositions, articles, conjunctions), and may not start on
    (a conjunction, a lower-case complement), read from the language's own file."""
    table = tomllib.loads((RESOURCES / language / "labels.toml").read_text(encoding="utf-8"))["labels"]
    ends = {*table["date_prepositions"], *table["articles"], *table["leading_conjunctions"]}
    return ends, {*table["leading_conjunctions"], *table["date_complements"]}


def edge_problem(label: str, language: str) -> str | None:
    """What dangles at an edge of ``label`` (None: nothing); a cut edge (an ellipsis) may."""
    ends, starts = dangling(language)
    words = [w.lower() for w in regex.findall(r"[\p{L}\p{N}'’]+", label)]
    if not words:
        return None
    tail = {" ".join(words[-n:]) for n in (1, 2, 3)} & ends
    if tail and not label.endswith(ELLIPSIS):
        return f"ends on {sorted(tail)}"
    if words[0] in starts and not label.startswith(ELLIPSIS):
        return f"starts on {words[0]!r}"
    return None


def label(sentence: str, expression: str, *others: str, language: str) -> str:
    """The label of ``expression`` in ``sentence``, ``others`` being dates too."""
    start = sentence.index(expression)
    spans = [(sentence.index(o), sentence.index(o) + len(o)) for o in others]
    return event_label(sentence, (start, start + len(expression)), spans, language=language)


@pytest.fixture(scope="module")
def sample_events() -> pd.DataFrame:
    documents = [d for d in read_documents(list(SAMPLES.values())) if isinstance(d, Document)]
    return events_from_documents(documents).set_index("text", drop=False)


@pytest.mark.parametrize("language", ["es", "fr"])
def test_no_sample_label_starts_or_ends_on_a_dangling_function_word(sample_events: pd.DataFrame, language: str) -> None:
    events = sample_events[sample_events["language"] == language]
    assert len(events) >= 10
    problems = {row.text: (row.label, edge_problem(row.label, language)) for row in events.itertuples()}
    assert {text: p for text, p in problems.items() if p[1] is not None} == {}


def test_the_french_sample_reads_without_the_prepositions_of_its_dates(sample_events: pd.DataFrame) -> None:
    assert sample_events.loc["1987", "label"].startswith("Créé, le festival célèbre une tradition")
    assert sample_events.loc["le vendredi 28 septembre", "label"] == "Le soleil était au rendez-vous"
    concert = sample_events.loc["21 h 30", "label"]
    assert concert == "Le concert de la place du marché a commencé et s'est prolongé"
    # "La veille de la clôture, le concert …": the complement of the date goes with it.
    assert sample_events.loc["La veille", "label"] == concert
    assert sample_events.loc["les années 1990", "label"] == "« Nous n'avions jamais vu autant de monde »"
    assert sample_events.loc["29 septembre 2019", "label"] == "La prochaine édition aura lieu"


def test_the_spanish_sample_reads_without_the_prepositions_of_its_dates(sample_events: pd.DataFrame) -> None:
    assert sample_events.loc["el verano pasado", "label"] == "La apertura, prevista, se retrasó"
    assert sample_events.loc["los años noventa", "label"] == '"Es el día más importante para el pueblo"'
    assert sample_events.loc["las 5 de la tarde", "label"].endswith("en la ceremonia, que empezó")
    assert (
        sample_events.loc["los próximos tres meses", "label"]
        == "El ayuntamiento organizará visitas guiadas cada sábado"
    )
    assert not sample_events.loc["el 30 de junio", "label"].endswith("hasta")


@pytest.mark.parametrize(
    ("language", "sentence", "expression", "others", "expected"),
    [
        # Written after sentences of TE3 Spanish (train) and the French TimeBank (dev).
        (
            "es",
            "Entre el 5 y el 6 de junio se encontrarán en Bremen cerca de 200 expertos.",
            "5",
            ["el 6 de junio"],
            "Se encontrarán en Bremen cerca de 200 expertos",
        ),
        (
            "es",
            "La producción industrial bajó el 0,7 % en diciembre y en febrero.",
            "diciembre",
            ["febrero"],
            "La producción industrial bajó el 0,7 %",
        ),
        (
            "es",
            "Las obras durarán desde el lunes hasta finales de mayo.",
            "el lunes",
            ["finales de mayo"],
            "Las obras durarán",
        ),
        (
            "es",
            "Los últimos dos meses de la campaña han estado marcados por insultos.",
            "Los últimos dos meses",
            [],
            "Los últimos dos meses de la campaña han estado marcados por insultos",
        ),
        (
            "es",
            "Dimitió el 6 de julio de 1990 y, por decisión del Parlamento, fue sustituido.",
            "el 6 de julio de 1990",
            [],
            "Dimitió y, por decisión del Parlamento, fue sustituido",
        ),
        ("fr", "Le contrat court jusqu’au 31 décembre 2001.", "31 décembre 2001", [], "Le contrat court"),
        (
            "fr",
            "La grève, commencée lundi, durera pendant trois semaines.",
            "lundi",
            [],
            "La grève, commencée, durera pendant trois semaines",
        ),
        ("fr", "Le musée sera fermé du 2 au 15 janvier.", "2", ["15 janvier"], "Le musée sera fermé"),
        (
            "fr",
            "Les ventes ont progressé depuis l'année 2001 et l'entreprise embauche.",
            "l'année 2001",
            [],
            "Les ventes ont progressé et l'entreprise embauche",
        ),
        (
            "fr",
            "Le lendemain de l'élection, le président a nommé un gouvernement.",
            "Le lendemain",
            [],
            "Le président a nommé un gouvernement",
        ),
    ],
)
def test_written_sentences(language: str, sentence: str, expression: str, others: list[str], expected: str) -> None:
    result = label(sentence, expression, *others, language=language)
    assert result == expected
    assert edge_problem(result, language) is None


def test_english_keeps_its_words_and_a_made_up_language_reads_as_english() -> None:
    sentence = "Armenia said on Friday Azerbaijan had failed to fulfil a promise."
    assert label(sentence, "Friday", language="en") == "Armenia said Azerbaijan had failed to fulfil a promise"
    assert label(sentence, "Friday", language="xx") == label(sentence, "Friday", language="en")
    # English words are not Spanish ones: "en" stays in an English label, "on" in a Spanish one.
    assert label("The exhibition en plein air opened in May.", "May", language="en") == (
        "The exhibition en plein air opened"
    )
    assert label_words("xx").code == "en" and label_words("es").code == "es"


def test_every_language_folder_has_label_words() -> None:
    for folder in sorted(p for p in RESOURCES.iterdir() if (p / "rules.toml").is_file()):
        assert label_words(folder.name).code == folder.name


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (None, "toy/labels.toml: missing file"),
        ("[labels\n", "toy/labels.toml: "),
        ("[other]\n", "toy/labels.toml: missing [labels] table"),
        ("[labels]\ndate_prepositions = []\n", "toy/labels.toml: [labels] date_prepositions must be a list of words"),
    ],
)
def test_a_broken_labels_file_is_an_error_naming_it(tmp_path: Path, text: str | None, problem: str) -> None:
    if text is not None:
        (tmp_path / "labels.toml").write_text(text, encoding="utf-8")
    with pytest.raises(ResourceError, match=re.escape(problem)):
        read_label_words(tmp_path, "toy")


def test_an_unknown_list_is_an_error(tmp_path: Path) -> None:
    english = (RESOURCES / "en" / "labels.toml").read_text(encoding="utf-8")
    (tmp_path / "labels.toml").write_text(english + 'date_prepostions = ["on"]\n', encoding="utf-8")
    with pytest.raises(ResourceError, match=re.escape("[labels] unknown list 'date_prepostions'")):
        read_label_words(tmp_path, "toy")
