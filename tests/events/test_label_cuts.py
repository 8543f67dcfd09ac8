"""Where a label's clause is cut: never at the stop of an initial or an abbreviation ("Franklin D.
Roosevelt", "Gen.", "U.S."), never inside a list ("France, Belgium, the Netherlands, and
Luxembourg"), and a "that" after "so" or "and" is no relative pronoun that would fetch an antecedent.

The sentences go through the real extractor (events_from_documents), as documents do.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import regex

from timeline.ingest import Document, read_documents
from timeline.pipeline import events_from_documents

DATA = Path(__file__).parents[2] / "data"


def labels_of(text: str, dct: str = "2021-05-15", language: str | None = "en") -> dict[str, str]:
    """The label of each event of ``text`` by the expression that dates it."""
    events = events_from_documents([Document(id="t", text=text, date=dct, language=language)])
    return dict(zip(events["text"], events["label"], strict=True))


@pytest.fixture(scope="module")
def samples() -> pd.DataFrame:
    return events_from_documents(d for d in read_documents([DATA]) if isinstance(d, Document))


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        (
            "In November 1943, Franklin D. Roosevelt and Winston Churchill met with Chiang Kai-shek in Cairo.",
            "November 1943",
            "Franklin D. Roosevelt and Winston Churchill met with Chiang Kai-shek in Cairo",
        ),
        ("On May 7, 1945, Gen. Jodl signed the surrender at Reims.", "May 7, 1945", "Gen. Jodl signed the surrender"),
        ("On Monday, Dr. Fauci told the committee the vaccine was safe.", "Monday", "Dr. Fauci told the committee"),
        ("In 1917, the U.S. Congress declared war on Germany.", "1917", "The U.S. Congress declared war on Germany"),
        ("On Sunday, St. Paul's Cathedral reopened its doors to visitors.", "Sunday", "St. Paul's Cathedral reopened"),
        ("On Friday, Mr. Jones resigned from the board of the company.", "Friday", "Mr. Jones resigned from the board"),
        ("On March 3, No. 10 Downing Street denied the report.", "March 3", "No. 10 Downing Street denied the report"),
        (
            "The flight is due to arrive at New York's John F. Kennedy airport at 12:30 EST (16:30 UTC).",
            "12:30 EST",
            "The flight is due to arrive at New York's John F. Kennedy airport",
        ),
    ],
)
def test_no_label_ends_at_the_stop_of_an_initial_or_an_abbreviation(text: str, expression: str, expected: str) -> None:
    assert labels_of(text)[expression].startswith(expected)


def test_a_label_that_ends_on_an_abbreviation_keeps_its_stop() -> None:
    labels = labels_of("A second A380 is also travelling to the U.S. on Monday, but without passengers.")
    assert labels["Monday"] == "A second A380 is also travelling to the U.S."


def test_a_sentence_end_after_a_full_word_still_ends_the_label() -> None:
    labels = labels_of("The troops left on Friday. Nobody knows when they will come back to the town.", language="en")
    assert labels["Friday"] == "The troops left"


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        ("In 1942, Germany, the Soviet Union, and Japan were at war.", "1942", "Germany, the Soviet Union, and Japan"),
        (
            "On that same day, Germany invaded France, Belgium, the Netherlands, and Luxembourg.",
            "that same day",
            "Germany invaded France, Belgium, the Netherlands, and Luxembourg",
        ),
        ("On February 4, U.S., British, and Soviet leaders met in Yalta.", "February 4", "U.S., British, and Soviet"),
        (
            "The Axis expanded in November 1940 when Hungary, Slovakia, and Romania joined the Tripartite Pact.",
            "November 1940",
            "The Axis expanded when Hungary, Slovakia, and Romania joined",
        ),
    ],
)
def test_a_list_is_no_clause_break(text: str, expression: str, expected: str) -> None:
    assert labels_of(text, dct="1945-06-01")[expression].startswith(expected)


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        (
            "The talks failed on Friday, and the two armies resumed the shelling of the border towns.",
            "Friday",
            "The talks failed",
        ),
        (
            "Two days later, Hitler committed suicide, and was succeeded by Grand Admiral Karl Dönitz.",
            "Two days later",
            "Hitler committed suicide",
        ),
    ],
)
def test_a_clause_after_a_comma_and_still_is_one(text: str, expression: str, expected: str) -> None:
    assert labels_of(text, dct="1945-04-28")[expression] == expected


@pytest.mark.parametrize(
    ("text", "expression", "expected"),
    [
        (
            "Tension between the two camps built over the winter, so that the ostracism of 482 BC became a direct"
            " contest between Themistocles and Aristides.",
            "482 BC",
            "The ostracism became a direct contest between Themistocles and Aristides",
        ),
        (
            "The latter included agreement that the Western Allies would invade Europe in 1944 and that the Soviet"
            " Union would declare war on Japan within three months of Germany's defeat.",
            "1944",
            "The Soviet Union would declare war on Japan",
        ),
    ],
)
def test_that_after_so_or_and_is_no_relative_pronoun(text: str, expression: str, expected: str) -> None:
    assert labels_of(text, dct=None, language="en")[expression].startswith(expected)


def test_no_sample_label_ends_on_an_initial_or_an_abbreviation_without_its_stop(samples: pd.DataFrame) -> None:
    cut = regex.compile(r"(?:\b\p{Lu}|\b(?:Gen|Dr|St|Mr|Mrs|No|Lt|Col)|U\.S)$")
    bad = [(row.label, row.sentence) for row in samples.itertuples() if cut.search(row.label)]
    assert not bad


def test_no_sample_label_starts_with_a_date_expression_of_its_sentence(samples: pd.DataFrame) -> None:
    """The words a relative pronoun stands for are never a date taken out of the label ("1944 the Soviet Union")."""
    for doc_id, group in samples.groupby("doc_id"):
        for row in group.itertuples():
            dates = group.loc[group["sentence"] == row.sentence, "text"]
            assert not any(row.label.startswith(str(date)) for date in dates), (doc_id, row.label, row.sentence)


def test_a_duration_that_dates_nothing_stays_in_the_label() -> None:
    """Only the expressions drawn on the timeline are taken out: "within three months of" keeps its count."""
    labels = labels_of(
        "In 481 BC, after roughly four years of preparation, Xerxes began to muster the troops.", dct=None
    )
    assert labels["481 BC"] == "After roughly four years of preparation, Xerxes began to muster the troops"
    labels = labels_of("Italy invaded Greece in October 1940 but within days was repulsed.", dct=None)
    assert "within days was repulsed" in labels["October 1940"]


def test_a_french_quotation_after_a_stop_is_another_sentence() -> None:
    text = (
        "Le concert a commencé à 21 h 30 et s'est prolongé jusqu'à minuit. « Nous n'avions jamais vu autant de"
        " monde depuis les années 1990 », a déclaré le président."
    )
    labels = labels_of(text, dct="2018-10-03", language="fr")
    assert "Nous" not in labels["minuit"] and labels["les années 1990"].startswith("« Nous n'avions jamais vu")


def test_a_long_label_drops_the_aside_between_its_subject_and_predicate(samples: pd.DataFrame) -> None:
    """The sample's "Deliveries to Singapore Airlines, its launch customer, are not due until
    October - two years late." was labelled "Are not due - two years late": too long, the label fell
    back to the comma piece of the date, which had lost its subject."""
    deliveries = samples[samples["sentence"].str.startswith("Deliveries to Singapore Airlines")]
    assert deliveries["label"].tolist() == ["Deliveries to Singapore Airlines are not due - two years late"]


@pytest.mark.parametrize(
    ("text", "expression", "spliced"),
    [
        # The second piece is the main clause, not an aside: the first is one word.
        (
            "However, his Egyptian subjects revolted, indefinitely postponing any Greek expedition against "
            "Athens in 486 BC.",
            "486 BC",
            "However indefinitely",
        ),
        # A list goes on in capitals: its items are no asides.
        (
            "Poland was divided among Germany, the Soviet Union, Lithuania and Slovakia in early October "
            "1939 after weeks of fighting.",
            "early October 1939",
            "Germany Lithuania",
        ),
    ],
)
def test_no_aside_is_dropped_that_is_a_clause_or_a_list_item(text: str, expression: str, spliced: str) -> None:
    label = labels_of(text)[expression]
    assert spliced not in label.replace(",", "")
